// DataDir: creating the layout with private modes, and refusing a directory that is not private.
#include "store/data_dir.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>
#include <system_error>

#include "common/file.h"
#include "store/store.h"

namespace cv::store {
namespace {

namespace fs = std::filesystem;

constexpr mode_t kDirMode = 0700;

// `path` without trailing slashes ("/" stays "/").
std::string WithoutTrailingSlash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// Ok when `path` exists, is a directory (or regular file) and has no group/other permissions.
Status CheckPrivate(const std::string& root, const std::string& path, bool is_dir) {
  struct stat st {};
  const bool kind_ok =
      ::stat(path.c_str(), &st) == 0 && (is_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
  if (!kind_ok) {
    return Fail(ErrorCode::kFailedPrecondition,
                fmt::format("{} is not a CreditVault data directory (no {}{})", root,
                            fs::path(path).filename().string(), is_dir ? "/" : ""));
  }
  if ((st.st_mode & 077) == 0) return Ok();
  return Fail(ErrorCode::kFailedPrecondition,
              fmt::format("{} is accessible to group or others (mode {:04o}); fix it with: "
                          "chmod {} {}",
                          path, st.st_mode & 07777, is_dir ? "700" : "600", path));
}

// Ok when a data directory may be created at `root`: missing, or an empty directory.
Result<bool> CheckCreatable(const std::string& root) {
  std::error_code ec;
  const fs::file_status status = fs::status(root, ec);
  if (!fs::exists(status)) return false;
  if (!fs::is_directory(status)) {
    return Fail(ErrorCode::kFailedPrecondition, root + " exists and is not a directory");
  }
  const bool empty = fs::is_empty(root, ec);
  if (ec) return Fail(ErrorCode::kUnreadable, "cannot list " + root + ": " + ec.message());
  if (!empty) {
    return Fail(ErrorCode::kFailedPrecondition, "data directory " + root + " is not empty");
  }
  return true;
}

// The directories, then the database with the current schema.
Status Populate(const DataDir& dir) {
  CV_RETURN_IF_ERROR(CreateDirectories(dir.root(), kDirMode));
  if (::chmod(dir.root().c_str(), kDirMode) != 0) {  // An existing empty directory is taken over.
    return Fail(ErrorCode::kPermissionDenied, "cannot chmod " + dir.root());
  }
  CV_RETURN_IF_ERROR(CreateDirectories(dir.keys_dir(), kDirMode));
  auto store = OpenStore({.url = dir.store_url(), .create_if_missing = true});
  if (!store) return std::unexpected(store.error());
  return SyncDirectory(dir.root());
}

// Removes what a failed Create made: the whole root if it was new, else its content.
void Undo(const std::string& root, bool existed) {
  std::error_code ec;
  if (!existed) {
    fs::remove_all(root, ec);
    return;
  }
  for (const auto& entry : fs::directory_iterator(root, ec)) fs::remove_all(entry.path(), ec);
}

}  // namespace

Result<DataDir> DataDir::Create(const std::string& path) {
  if (path.empty()) return Fail(ErrorCode::kInvalidArgument, "empty data directory path");
  DataDir dir(WithoutTrailingSlash(path));
  auto existed = CheckCreatable(dir.root_);
  if (!existed) return std::unexpected(existed.error());
  if (auto populated = Populate(dir); !populated) {
    Undo(dir.root_, *existed);
    return std::unexpected(populated.error());
  }
  return dir;
}

Result<DataDir> DataDir::Open(const std::string& path) {
  if (path.empty()) return Fail(ErrorCode::kInvalidArgument, "empty data directory path");
  DataDir dir(WithoutTrailingSlash(path));
  std::error_code ec;
  if (!fs::exists(dir.root_, ec)) {
    return Fail(ErrorCode::kNotFound, "data directory " + dir.root_ + " does not exist");
  }
  if (!fs::is_directory(dir.root_, ec)) {
    return Fail(ErrorCode::kFailedPrecondition, dir.root_ + " is not a directory");
  }
  CV_RETURN_IF_ERROR(CheckPrivate(dir.root_, dir.database_path(), false));
  CV_RETURN_IF_ERROR(CheckPrivate(dir.root_, dir.root_, true));
  CV_RETURN_IF_ERROR(CheckPrivate(dir.root_, dir.keys_dir(), true));
  return dir;
}

}  // namespace cv::store
