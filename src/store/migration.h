// Migration: one numbered step of the database schema, applied at open and checksummed, so that a
// database and the code that opens it always agree on the schema.
//
// Rules (enforced by ApplyMigrations; see docs/data_dir.md):
//  1. Versions run 1, 2, 3, ... without gaps, in list order.
//  2. Each pending migration runs in its own write transaction together with its row in
//     schema_migrations(version, name, checksum, applied_at); a failure leaves no trace of it.
//  3. An applied migration never changes: its checksum (FNV-1a 64 of the SQL text) is compared at
//     every open; a mismatch refuses the open. Fix a schema by adding a new migration.
//  4. A database whose schema is newer than the code is refused (no silent downgrade).
//  5. The SQL is the backend's dialect: Migrations() is SQLite's; a PostgreSQL backend will bring
//     its own list with the same versions and names.
//
// Thread-safety: the functions are thread-safe; two processes migrating one database at the same
// time are serialized by the write transaction and the second one skips what the first applied.
#ifndef CV_STORE_MIGRATION_H_
#define CV_STORE_MIGRATION_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"

namespace cv::store {

class Store;

struct Migration {
  int version;            // 1, 2, 3, ...
  std::string_view name;  // Short, for people: "keyring".
  std::string_view sql;   // One or more statements separated by ';'.
};

// The project's schema, oldest first (schema.cc).
const std::vector<Migration>& Migrations();

// Ok when `migrations` follows rule 1 and every entry has a name and SQL; kInvalidArgument
// naming the first offending entry otherwise.
[[nodiscard]] Status ValidateMigrations(const std::vector<Migration>& migrations);

// The checksum stored for `sql`: FNV-1a 64 as 16 lowercase hex digits. Not a security feature;
// it detects edits. DO NOT CHANGE: stored in schema_migrations.checksum.
std::string MigrationChecksum(std::string_view sql);

// Applies the pending `migrations` to `store` (rules 1-4). `clock` stamps applied_at.
// Errors: kInvalidArgument for a bad list; kFailedPrecondition when an applied migration changed,
// when the database is newer than the list or its applied versions have a gap; the failing
// migration's own error otherwise.
[[nodiscard]] Status ApplyMigrations(Store& store, const std::vector<Migration>& migrations,
                                     const Clock& clock = SystemClock::Get());

}  // namespace cv::store

#endif  // CV_STORE_MIGRATION_H_
