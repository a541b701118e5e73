// The project's schema as numbered migrations (SQLite dialect; tables are STRICT). The meaning of
// every column is documented in docs/data_dir.md.
#include "store/migration.h"

namespace cv::store {
namespace {

// DO NOT CHANGE: applied migrations are checksummed; add a new one instead.
// Migration 1: the key hierarchy (crypto/ keyring). Wrapped keys are ciphertext under a KEK; a
// destroyed data key leaves only its id in destroyed_keys (crypto-shredding).
constexpr std::string_view kKeyringSql = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE key_versions (
  purpose TEXT NOT NULL,            -- 'kek', 'blind_index', 'audit_hash', 'audit_signing'
  grade TEXT NOT NULL,              -- 'C1','C2','C3' for kek; '' otherwise
  version INTEGER NOT NULL CHECK (version >= 1),
  state TEXT NOT NULL CHECK (state IN ('primary','active','retired')),
  wrapped BLOB,                     -- NULL once retired
  created_at TEXT NOT NULL,
  retired_at TEXT,
  PRIMARY KEY (purpose, grade, version)) STRICT;
CREATE TABLE data_keys (
  id INTEGER PRIMARY KEY,           -- the key id written in every field ciphertext
  subject TEXT NOT NULL,            -- the subject's reference (a blind index, never a clear identifier)
  grade TEXT NOT NULL CHECK (grade IN ('C1','C2','C3')),
  kek_version INTEGER NOT NULL,
  wrapped BLOB NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (subject, grade)) STRICT;
CREATE INDEX data_keys_by_kek ON data_keys (grade, kek_version);
CREATE TABLE destroyed_keys (
  id INTEGER PRIMARY KEY,           -- the data key id that was destroyed
  subject TEXT NOT NULL, grade TEXT NOT NULL, destroyed_at TEXT NOT NULL, reason TEXT NOT NULL) STRICT;
CREATE TABLE rewrap_jobs (
  id INTEGER PRIMARY KEY, grade TEXT NOT NULL, target_version INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('running','done')), last_key_id INTEGER NOT NULL DEFAULT 0,
  done_count INTEGER NOT NULL DEFAULT 0, total_count INTEGER NOT NULL,
  started_at TEXT NOT NULL, finished_at TEXT) STRICT;
)sql";

}  // namespace

const std::vector<Migration>& Migrations() {
  // DO NOT CHANGE: applied migrations are checksummed; add a new one instead.
  static const std::vector<Migration> kMigrations = {
      {1, "keyring", kKeyringSql},
  };
  return kMigrations;
}

}  // namespace cv::store
