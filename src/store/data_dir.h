// DataDir: the layout of a CreditVault data directory (database, sealed key material, config),
// created and checked with private permissions. Specified in docs/data_dir.md.
//
//   DIR/             0700
//   DIR/cvault.db    0600  the SQLite database (plus cvault.db-wal and cvault.db-shm while open)
//   DIR/keys/        0700  sealed key material, written by the keyring
//   DIR/cvault.toml  0600  configuration (optional)
//
// Thread-safety: a value type; const use is safe from several threads.
#ifndef CV_STORE_DATA_DIR_H_
#define CV_STORE_DATA_DIR_H_

#include <string>

#include "common/result.h"

namespace cv::store {

class DataDir {
 public:
  // Creates a new data directory at `path` (and missing parents, mode 0700), its keys/ and an
  // empty database with the current schema. Errors: kFailedPrecondition "data directory DIR is
  // not empty" when `path` exists with content, or names something that is not a directory.
  [[nodiscard]] static Result<DataDir> Create(const std::string& path);

  // Checks an existing data directory. Errors: kNotFound when `path` does not exist;
  // kFailedPrecondition when it is not a data directory (no cvault.db or keys/), or when it,
  // keys/ or cvault.db is accessible to group or others (the message gives the chmod fix).
  [[nodiscard]] static Result<DataDir> Open(const std::string& path);

  const std::string& root() const { return root_; }
  std::string database_path() const { return root_ + "/cvault.db"; }
  std::string keys_dir() const { return root_ + "/keys"; }
  std::string config_path() const { return root_ + "/cvault.toml"; }
  // For StoreOptions::url.
  std::string store_url() const { return "sqlite:" + database_path(); }

 private:
  explicit DataDir(std::string root) : root_(std::move(root)) {}

  std::string root_;  // Without a trailing '/'.
};

}  // namespace cv::store

#endif  // CV_STORE_DATA_DIR_H_
