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
  id INTEGER PRIMARY KEY AUTOINCREMENT, -- the key id in every field ciphertext; never reused
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

// DO NOT CHANGE: applied migrations are checksummed; add a new one instead.
// Migration 2: the tamper-evident audit log (audit/). Events are leaves of an RFC 6962 Merkle
// tree; audit_nodes holds the hashes of completed perfect subtrees (level >= 1); audit_head the
// current size and root. JR/T 0117 8.3.4 c): the triggers refuse every UPDATE and DELETE, so no
// SQL path edits or removes audit data (verification detects edits made to the file itself).
constexpr std::string_view kAuditSql = R"sql(
CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY,          -- leaf index, from 0
  time_us INTEGER NOT NULL,         -- microseconds since the epoch (as in the entry)
  actor TEXT NOT NULL,
  institution TEXT NOT NULL,
  action TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('ok','denied','error')),
  entry BLOB NOT NULL,              -- the canonical entry, exactly as hashed
  leaf_hash BLOB NOT NULL) STRICT;
CREATE INDEX audit_events_by_time ON audit_events (time_us);
CREATE INDEX audit_events_by_actor ON audit_events (actor, time_us);
CREATE INDEX audit_events_by_action ON audit_events (action, time_us);
CREATE TABLE audit_nodes (
  level INTEGER NOT NULL CHECK (level >= 1),
  idx INTEGER NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (level, idx)) WITHOUT ROWID, STRICT;
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  size INTEGER NOT NULL,
  root BLOB NOT NULL) STRICT;
CREATE TABLE audit_checkpoints (
  size INTEGER PRIMARY KEY,
  created_us INTEGER NOT NULL,
  note TEXT NOT NULL) STRICT;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit events cannot be modified (JR/T 0117 8.3.4 c)'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted (JR/T 0117 8.3.4 c)'); END;
CREATE TRIGGER audit_nodes_no_update BEFORE UPDATE ON audit_nodes
  BEGIN SELECT RAISE(ABORT, 'audit nodes cannot be modified (JR/T 0117 8.3.4 c)'); END;
CREATE TRIGGER audit_nodes_no_delete BEFORE DELETE ON audit_nodes
  BEGIN SELECT RAISE(ABORT, 'audit nodes cannot be deleted (JR/T 0117 8.3.4 c)'); END;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
  BEGIN SELECT RAISE(ABORT, 'audit checkpoints cannot be modified (JR/T 0117 8.3.4 c)'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
  BEGIN SELECT RAISE(ABORT, 'audit checkpoints cannot be deleted (JR/T 0117 8.3.4 c)'); END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
  BEGIN SELECT RAISE(ABORT, 'the audit head cannot be deleted (JR/T 0117 8.3.4 c)'); END;
CREATE TRIGGER audit_head_only_grows BEFORE UPDATE ON audit_head WHEN NEW.size < OLD.size
  BEGIN SELECT RAISE(ABORT, 'the audit log cannot shrink (JR/T 0117 8.3.4 c)'); END;
)sql";

// DO NOT CHANGE: applied migrations are checksummed; add a new one instead.
// Migration 3: identity and access (access/). Users are never deleted (ACC-7): the trigger refuses
// it; a user leaves by being deactivated. Session tokens are stored only as hashes (ACC-6).
constexpr std::string_view kAccessSql = R"sql(
CREATE TABLE institutions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('agency','provider','user','provider_user')),
  status TEXT NOT NULL CHECK (status IN ('pending','active','suspended','deregistered')),
  public_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL) STRICT;
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  login TEXT NOT NULL UNIQUE,
  institution TEXT NOT NULL REFERENCES institutions (code),
  display_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active','locked','suspended','deactivated')),
  password_hash TEXT NOT NULL,
  password_changed_us INTEGER NOT NULL,
  must_change_password INTEGER NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until_us INTEGER NOT NULL DEFAULT 0,
  totp_seed BLOB,                   -- field ciphertext (C3) under the keyring; NULL before enrolment
  totp_confirmed INTEGER NOT NULL DEFAULT 0,
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  created_us INTEGER NOT NULL,
  created_by INTEGER) STRICT;
CREATE TRIGGER users_never_deleted BEFORE DELETE ON users
  BEGIN SELECT RAISE(ABORT, 'users are never deleted (ACC-7): deactivate instead'); END;
CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users (id),
  role TEXT NOT NULL,
  granted_us INTEGER NOT NULL,
  granted_by INTEGER,
  PRIMARY KEY (user_id, role)) STRICT;
CREATE TABLE password_history (
  user_id INTEGER NOT NULL REFERENCES users (id),
  hash TEXT NOT NULL,
  set_us INTEGER NOT NULL) STRICT;
CREATE INDEX password_history_by_user ON password_history (user_id, set_us);
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  token_hash BLOB NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users (id),
  created_us INTEGER NOT NULL,
  last_seen_us INTEGER NOT NULL,
  ended_us INTEGER NOT NULL DEFAULT 0,   -- 0 while open
  end_reason TEXT NOT NULL DEFAULT '',
  client TEXT NOT NULL,
  second_factor INTEGER NOT NULL) STRICT;
CREATE INDEX sessions_open_by_user ON sessions (user_id, ended_us);
)sql";

// DO NOT CHANGE: applied migrations are checksummed; add a new one instead.
// Migration 4: second-person approvals (access/ Approvals; JR/T 0117 7.2.3 b). An approval is
// never deleted (the trigger refuses it) so every decision stays attributable; its state only
// moves forward: pending -> approved | rejected | expired, approved -> used | expired.
constexpr std::string_view kApprovalsSql = R"sql(
CREATE TABLE approvals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  action TEXT NOT NULL,             -- an action name (permission.h), one that needs approval
  target TEXT NOT NULL,             -- e.g. an institution code or a key grade; '' platform-wide
  reason TEXT NOT NULL,             -- why the requester asks
  requested_by INTEGER NOT NULL REFERENCES users (id),
  requested_us INTEGER NOT NULL,
  decided_by INTEGER REFERENCES users (id),
  decided_us INTEGER,
  decision_reason TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('pending','approved','rejected','used','expired')),
  used_us INTEGER) STRICT;
CREATE INDEX approvals_by_state ON approvals (state, id);
CREATE TRIGGER approvals_never_deleted BEFORE DELETE ON approvals
  BEGIN SELECT RAISE(ABORT, 'approvals are never deleted (JR/T 0117 7.2.3 b)'); END;
)sql";

}  // namespace

const std::vector<Migration>& Migrations() {
  // DO NOT CHANGE: applied migrations are checksummed; add a new one instead.
  static const std::vector<Migration> kMigrations = {
      {1, "keyring", kKeyringSql},
      {2, "audit_log", kAuditSql},
      {3, "access", kAccessSql},
      {4, "approvals", kApprovalsSql},
  };
  return kMigrations;
}

}  // namespace cv::store
