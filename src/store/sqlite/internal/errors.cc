// SQLite error mapping.
#include "store/sqlite/internal/errors.h"

#include <cctype>

namespace cv::store::sqlite::internal {
namespace {

constexpr std::size_t kExcerptBytes = 60;

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; }

}  // namespace

ErrorCode CodeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return ErrorCode::kConflict;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorCode::kFailedPrecondition;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorCode::kMalformed;
    case SQLITE_FULL:
    case SQLITE_NOMEM:
      return ErrorCode::kResourceExhausted;
    default:
      return ErrorCode::kInternal;
  }
}

std::string SqlExcerpt(std::string_view sql) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
    if (out.size() > kExcerptBytes) break;
  }
  if (out.size() <= kExcerptBytes) return out;
  out.resize(kExcerptBytes);
  while (!out.empty() && IsUtf8Continuation(out.back())) out.pop_back();
  if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80) != 0) out.pop_back();
  return out + "...";
}

Error SqliteError(sqlite3* db, int rc, std::string_view sql) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return Error(CodeFor(rc), std::string(message) + " (SQL: " + SqlExcerpt(sql) + ")");
}

}  // namespace cv::store::sqlite::internal
