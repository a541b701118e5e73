// Applying migrations through the Store interface, so every backend follows the same rules.
#include "store/migration.h"

#include <fmt/format.h>

#include <cstdint>

#include "store/store.h"

namespace cv::store {
namespace {

// DO NOT CHANGE: the bookkeeping table of every database. Plain SQL that SQLite and PostgreSQL
// both accept.
constexpr std::string_view kCreateSchemaMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)";
constexpr std::string_view kSelectApplied =
    "SELECT version, checksum FROM schema_migrations ORDER BY version";
constexpr std::string_view kInsertApplied =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)";

struct Applied {
  std::int64_t version;
  std::string checksum;
};

// The applied migrations, oldest first; creates the bookkeeping table on a new database.
Result<std::vector<Applied>> ReadApplied(Tx& tx) {
  CV_RETURN_IF_ERROR(tx.Exec(kCreateSchemaMigrations));
  std::vector<Applied> applied;
  CV_RETURN_IF_ERROR(tx.ForEach(kSelectApplied, {}, [&](const Row& row) -> Result<bool> {
    auto version = row.Int(0);
    if (!version) return std::unexpected(version.error());
    auto checksum = row.Text(1);
    if (!checksum) return std::unexpected(checksum.error());
    applied.push_back({*version, std::move(*checksum)});
    return true;
  }));
  return applied;
}

// Rules 3 and 4, and no gaps in what the database has. REQUIRES: ValidateMigrations(migrations).
Status CheckApplied(const std::vector<Applied>& applied, const std::vector<Migration>& migrations) {
  const auto known = static_cast<std::int64_t>(migrations.size());
  if (!applied.empty() && applied.back().version > known) {
    return Fail(ErrorCode::kFailedPrecondition,
                fmt::format("database schema v{} is newer than this cvault (v{})",
                            applied.back().version, known));
  }
  for (std::size_t i = 0; i < applied.size(); ++i) {
    const auto expected = static_cast<std::int64_t>(i) + 1;
    if (applied[i].version != expected) {
      return Fail(ErrorCode::kFailedPrecondition,
                  fmt::format("database has migration {} but not migration {}", applied[i].version,
                              expected));
    }
    if (applied[i].checksum != MigrationChecksum(migrations[i].sql)) {
      return Fail(ErrorCode::kFailedPrecondition,
                  fmt::format("migration {} changed after it was applied", expected));
    }
  }
  return Ok();
}

// Checks the database against `migrations` in one transaction; returns how many are applied.
Result<std::size_t> CheckDatabase(Store& store, const std::vector<Migration>& migrations) {
  auto tx = store.Begin(TxMode::kWrite);
  if (!tx) return std::unexpected(tx.error());
  auto applied = ReadApplied(**tx);
  if (!applied) return std::unexpected(applied.error());
  CV_RETURN_IF_ERROR(CheckApplied(*applied, migrations));
  CV_RETURN_IF_ERROR((*tx)->Commit());
  return applied->size();
}

// Applies `m` with its bookkeeping row in one transaction, unless another process just did.
Status ApplyOne(Store& store, const std::vector<Migration>& migrations, const Migration& m,
                const Clock& clock) {
  auto tx = store.Begin(TxMode::kWrite);
  if (!tx) return std::unexpected(tx.error());
  auto applied = ReadApplied(**tx);  // Again, inside the write lock.
  if (!applied) return std::unexpected(applied.error());
  CV_RETURN_IF_ERROR(CheckApplied(*applied, migrations));
  if (static_cast<int>(applied->size()) >= m.version) return Ok();
  auto run = (*tx)->ExecScript(m.sql);
  if (run) {
    auto inserted =
        (*tx)->Exec(kInsertApplied, {Int(m.version), Text(m.name), Text(MigrationChecksum(m.sql)),
                                     Text(FormatRfc3339(clock.Now()))});
    if (!inserted) run = std::unexpected(inserted.error());
  }
  if (run) run = (*tx)->Commit();
  if (!run) {
    return Fail(run.error().code(), fmt::format("migration {} ({}) failed: {}", m.version, m.name,
                                                run.error().message()));
  }
  return Ok();
}

}  // namespace

Status ValidateMigrations(const std::vector<Migration>& migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    const Migration& m = migrations[i];
    if (m.version != static_cast<int>(i) + 1) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("migration list: entry {} has version {}, expected {} (versions run "
                              "1, 2, 3, ... without gaps)",
                              i, m.version, i + 1));
    }
    if (m.name.empty() || m.sql.empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("migration list: migration {} lacks a name or SQL", m.version));
    }
  }
  return Ok();
}

std::string MigrationChecksum(std::string_view sql) {
  // DO NOT CHANGE: FNV-1a 64 parameters (offset basis and prime).
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : sql) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", hash);
}

Status ApplyMigrations(Store& store, const std::vector<Migration>& migrations, const Clock& clock) {
  CV_RETURN_IF_ERROR(ValidateMigrations(migrations));
  auto done = CheckDatabase(store, migrations);
  if (!done) return std::unexpected(done.error());
  for (std::size_t i = *done; i < migrations.size(); ++i) {
    CV_RETURN_IF_ERROR(ApplyOne(store, migrations, migrations[i], clock));
  }
  return Ok();
}

}  // namespace cv::store
