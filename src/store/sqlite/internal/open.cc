// Opening the database file: POSIX calls for the file and its modes, PRAGMAs for the settings.
#include "store/sqlite/internal/open.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "common/file.h"
#include "common/log.h"

namespace cv::store::sqlite::internal {
namespace {

constexpr mode_t kFileMode = 0600;

struct Setting {
  std::string_view set;
  std::string_view get;
  std::string_view want;  // What `get` must answer afterwards.
};

// Settings 1-3 and 5 of sqlite_store.h. DO NOT weaken 1-3: the durability and shredding promises of
// docs/data_dir.md rest on them.
constexpr Setting kSettings[] = {
    {"PRAGMA journal_mode = WAL", "PRAGMA journal_mode", "wal"},
    {"PRAGMA synchronous = FULL", "PRAGMA synchronous", "2"},
    {"PRAGMA foreign_keys = ON", "PRAGMA foreign_keys", "1"},
    {"PRAGMA secure_delete = ON", "PRAGMA secure_delete", "1"},
    // Setting 5 (throughput, not durability): a page cache that holds a large write
    // transaction's dirty pages (a smaller one spills them into the WAL mid-transaction and
    // writes them again at commit), and checkpoints every ~40 MB of WAL rather than every 4 MB,
    // so a page changed by consecutive commits is copied into the database once, not each time.
    {"PRAGMA cache_size = -65536", "PRAGMA cache_size", "-65536"},
    {"PRAGMA wal_autocheckpoint = 10000", "PRAGMA wal_autocheckpoint", "10000"},
};

// The first column of the first row `sql` returns, as text ("" when it returns no row).
Result<std::string> QueryText(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  StmtPtr stmt(raw);
  if (rc == SQLITE_OK) rc = sqlite3_step(stmt.get());
  if (rc == SQLITE_DONE) return std::string();
  if (rc != SQLITE_ROW) return std::unexpected(SqliteError(db, rc, sql));
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
  return std::string(text == nullptr ? "" : text);
}

Status ApplySettings(sqlite3* db, const std::string& path) {
  for (const Setting& setting : kSettings) {
    auto got = QueryText(db, setting.set);
    if (got) got = QueryText(db, setting.get);
    if (!got) return Fail(got.error().code(), path + ": " + got.error().message());
    if (*got != setting.want) {
      return Fail(ErrorCode::kFailedPrecondition,
                  fmt::format("{}: {} is '{}' after setting it, expected '{}'", path, setting.get,
                              *got, setting.want));
    }
  }
  return Ok();
}

// Creates the empty database file `path` with exactly kFileMode.
Status CreateFile(const std::string& path) {
  const int fd =
      ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, kFileMode);
  if (fd < 0 && errno == EEXIST) return Ok();  // Another process created it meanwhile.
  if (fd < 0) {
    const ErrorCode code = errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kPermissionDenied;
    return Fail(code, "cannot create database " + path + ": " + std::strerror(errno));
  }
  const bool chmodded = ::fchmod(fd, kFileMode) == 0;  // The umask may have removed bits.
  ::close(fd);
  if (!chmodded) return Fail(ErrorCode::kInternal, "cannot chmod database " + path);
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return SyncDirectory(dir.empty() ? "." : dir);
}

}  // namespace

Status PrepareDatabaseFile(const std::string& path, bool create) {
  if (path.empty() || path.find('\0') != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "the database path is empty or contains a NUL byte");
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISREG(st.st_mode)) return Ok();
    return Fail(ErrorCode::kFailedPrecondition, "database " + path + " is not a regular file");
  }
  if (errno != ENOENT) {
    return Fail(ErrorCode::kUnreadable,
                "cannot stat database " + path + ": " + std::strerror(errno));
  }
  if (!create) return Fail(ErrorCode::kNotFound, "database " + path + " does not exist");
  return CreateFile(path);
}

Result<DbPtr> OpenDatabase(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  DbPtr db(raw);  // Owned even on failure: sqlite3_open_v2 may allocate a handle regardless.
  if (db == nullptr) return Fail(ErrorCode::kResourceExhausted, "cannot open " + path);
  if (rc != SQLITE_OK) {
    const ErrorCode code = (rc & 0xff) == SQLITE_CANTOPEN ? ErrorCode::kUnreadable : CodeFor(rc);
    return Fail(code, "cannot open " + path + ": " + sqlite3_errmsg(db.get()));
  }
  if (sqlite3_db_readonly(db.get(), "main") == 1) {
    return Fail(ErrorCode::kPermissionDenied, "database " + path + " is not writable");
  }
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  CV_RETURN_IF_ERROR(ApplySettings(db.get(), path));
  return db;
}

Status RestrictFileModes(const std::string& path) {
  for (const std::string& file : {path, path + "-wal", path + "-shm"}) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0 || (st.st_mode & 077) == 0) continue;
    CV_LOG_WARN("store: {} was accessible to group or others; removing their permissions", file);
    if (::chmod(file.c_str(), st.st_mode & 0700) != 0) {
      return Fail(ErrorCode::kPermissionDenied,
                  "cannot restrict the mode of " + file + ": " + std::strerror(errno));
    }
  }
  return Ok();
}

}  // namespace cv::store::sqlite::internal
