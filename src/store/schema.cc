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

// DO NOT CHANGE: applied migrations are checksummed; add a new one instead.
// Migration 5: the credit core (credit/; docs/credit_model.md). Personal values are field
// ciphertexts under the subject's data key for their grade (CRY-1); a subject is found by its
// reference, a blind index of the normalized ID (never the ID itself). Reported facts are
// versioned and never overwritten (DSP-2; JR/T 0117 9.5 a): the triggers refuse UPDATE and DELETE
// on the version tables. Consents, queries and reports are never deleted either (QRY-3, QRY-4).
constexpr std::string_view kCreditSql = R"sql(
CREATE TABLE credit_subjects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ref TEXT NOT NULL UNIQUE,         -- hex blind index of "<id_type>:<normalized id_number>"
  created_us INTEGER NOT NULL,
  shredded_us INTEGER NOT NULL DEFAULT 0) STRICT;  -- CRY-5: > 0 once the data keys are destroyed
CREATE TABLE credit_identity (
  subject_id INTEGER NOT NULL REFERENCES credit_subjects (id),
  field TEXT NOT NULL,              -- catalog item id: person_name, cn_resident_id, cn_mobile, ...
  version INTEGER NOT NULL CHECK (version >= 1),
  value BLOB NOT NULL,              -- field ciphertext, grade of the item
  institution TEXT NOT NULL,
  batch INTEGER NOT NULL,           -- credit_batches.id
  line INTEGER NOT NULL,
  reported_us INTEGER NOT NULL,
  PRIMARY KEY (subject_id, field, version)) STRICT;
CREATE TABLE credit_accounts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_id INTEGER NOT NULL REFERENCES credit_subjects (id),
  institution TEXT NOT NULL,
  account_ref TEXT NOT NULL,        -- hex blind index of the institution's account id
  kind TEXT NOT NULL,
  UNIQUE (institution, account_ref)) STRICT;
CREATE INDEX credit_accounts_by_subject ON credit_accounts (subject_id);
CREATE TABLE credit_account_versions (
  account_id INTEGER NOT NULL REFERENCES credit_accounts (id),
  version INTEGER NOT NULL CHECK (version >= 1),
  body BLOB NOT NULL,               -- ciphertext (C2) of the account facts as JSON
  institution TEXT NOT NULL, batch INTEGER NOT NULL, line INTEGER NOT NULL,
  reported_us INTEGER NOT NULL,
  PRIMARY KEY (account_id, version)) STRICT;
CREATE TABLE credit_repayments (
  account_id INTEGER NOT NULL REFERENCES credit_accounts (id),
  month TEXT NOT NULL,              -- YYYY-MM
  version INTEGER NOT NULL CHECK (version >= 1),
  body BLOB NOT NULL,               -- ciphertext (C2): status, balance, overdue amount
  institution TEXT NOT NULL, batch INTEGER NOT NULL, line INTEGER NOT NULL,
  reported_us INTEGER NOT NULL,
  PRIMARY KEY (account_id, month, version)) STRICT;
CREATE TABLE credit_adverse (
  subject_id INTEGER NOT NULL REFERENCES credit_subjects (id),
  adverse_ref TEXT NOT NULL,        -- hex blind index of (institution, the provider's event id)
  version INTEGER NOT NULL CHECK (version >= 1),
  body BLOB NOT NULL,               -- ciphertext (C2): kind, amount, dates, account
  ends_on TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD the adverse behaviour ended, '' while ongoing (LIF-1)
  institution TEXT NOT NULL, batch INTEGER NOT NULL, line INTEGER NOT NULL,
  reported_us INTEGER NOT NULL,
  PRIMARY KEY (subject_id, adverse_ref, version)) STRICT;
CREATE TABLE credit_batches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  institution TEXT NOT NULL,
  batch_id TEXT NOT NULL,           -- the provider's batch id
  digest TEXT NOT NULL,             -- "<alg>:<hex>" of the records as submitted
  format TEXT NOT NULL,
  record_count INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('processing','done','failed')),
  next_line INTEGER NOT NULL DEFAULT 1,  -- resumption point: lines before it are applied
  accepted INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  submitted_by INTEGER NOT NULL,
  submitted_us INTEGER NOT NULL,
  finished_us INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  UNIQUE (institution, batch_id)) STRICT;
CREATE TABLE credit_batch_feedback (
  batch INTEGER NOT NULL REFERENCES credit_batches (id),
  line INTEGER NOT NULL,
  record_type TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('accepted','rejected')),
  code TEXT NOT NULL,               -- '' when accepted; a stable error code otherwise
  field TEXT NOT NULL,
  message TEXT NOT NULL,            -- never holds a reported value
  PRIMARY KEY (batch, line)) STRICT;
CREATE TABLE credit_consents (
  id TEXT PRIMARY KEY,              -- random, e.g. "cst_..."
  subject_ref TEXT NOT NULL,
  institution TEXT NOT NULL,
  body BLOB NOT NULL,               -- ciphertext (C2) of the full record as JSON, incl. the subject
  reasons TEXT NOT NULL,            -- comma-separated reason codes
  valid_from TEXT NOT NULL, valid_until TEXT NOT NULL,  -- YYYY-MM-DD
  signature BLOB NOT NULL,          -- the platform's signature over the record's canonical JSON
  recorded_by INTEGER NOT NULL, recorded_us INTEGER NOT NULL,
  revoked_us INTEGER NOT NULL DEFAULT 0, revoked_by INTEGER,
  retain_until TEXT NOT NULL) STRICT;
CREATE INDEX credit_consents_by_subject ON credit_consents (subject_ref, institution);
CREATE TABLE credit_queries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_ref TEXT NOT NULL,
  institution TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  time_us INTEGER NOT NULL,
  reason TEXT NOT NULL,
  consent_id TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL CHECK (result IN ('ok','denied')),
  rule TEXT NOT NULL DEFAULT '',    -- the rule that refused
  report_id TEXT NOT NULL DEFAULT '') STRICT;
CREATE INDEX credit_queries_by_subject ON credit_queries (subject_ref, time_us);
CREATE TABLE credit_reports (
  id TEXT PRIMARY KEY,              -- random, e.g. "rpt_..."
  query_id INTEGER NOT NULL REFERENCES credit_queries (id),
  subject_ref TEXT NOT NULL,
  institution TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  created_us INTEGER NOT NULL,
  leaf_index INTEGER NOT NULL,      -- the audit event of the query
  body BLOB NOT NULL) STRICT;       -- ciphertext (C2) of the masked report JSON
CREATE TABLE credit_bulk_jobs (
  id TEXT PRIMARY KEY,
  institution TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  reason TEXT NOT NULL,
  request_digest TEXT NOT NULL,
  subject_count INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued','running','done','failed')),
  done INTEGER NOT NULL DEFAULT 0,
  result BLOB,                      -- the result file, encrypted to the requester's public key
  created_us INTEGER NOT NULL,
  finished_us INTEGER NOT NULL DEFAULT 0) STRICT;
CREATE TRIGGER credit_identity_append_only BEFORE UPDATE ON credit_identity
  BEGIN SELECT RAISE(ABORT, 'reported facts are never overwritten (DSP-2)'); END;
CREATE TRIGGER credit_account_versions_append_only BEFORE UPDATE ON credit_account_versions
  BEGIN SELECT RAISE(ABORT, 'reported facts are never overwritten (DSP-2)'); END;
CREATE TRIGGER credit_repayments_append_only BEFORE UPDATE ON credit_repayments
  BEGIN SELECT RAISE(ABORT, 'reported facts are never overwritten (DSP-2)'); END;
CREATE TRIGGER credit_adverse_append_only BEFORE UPDATE ON credit_adverse
  BEGIN SELECT RAISE(ABORT, 'reported facts are never overwritten (DSP-2)'); END;
CREATE TRIGGER credit_queries_never_deleted BEFORE DELETE ON credit_queries
  BEGIN SELECT RAISE(ABORT, 'query records are never deleted (QRY-4)'); END;
CREATE TRIGGER credit_consents_never_deleted BEFORE DELETE ON credit_consents
  BEGIN SELECT RAISE(ABORT, 'consents are kept for their retention period (QRY-3)'); END;
)sql";

// DO NOT CHANGE: applied migrations are checksummed; add a new one instead.
// Migration 6: the ingest layout (issue #7's ingest rate; docs/credit_model.md, bench/README.md).
// 1. Identity reports as one version per report. A version holds every identity field of the
//    report, the fields of each grade sealed together under the subject's data key for that grade
//    (CRY-1), instead of one row per field: an identity record is one row, not eight. Rows of
//    credit_identity (migration 5) stay readable and are never written again; a field's value in
//    credit_identity_versions supersedes it.
// 2. data_keys rebuilt with the same columns, rows, ids and AUTOINCREMENT sequence (ids of
//    destroyed keys are never reused, CRY-5), its grade CHECK written as comparisons: SQLite
//    evaluates a three-value IN list through an ephemeral table built for every inserted row,
//    which made a data key's INSERT twice the cost of any other.
constexpr std::string_view kIngestLayoutSql = R"sql(
CREATE TABLE credit_identity_versions (
  subject_id INTEGER NOT NULL REFERENCES credit_subjects (id),
  version INTEGER NOT NULL CHECK (version >= 1),
  c1 BLOB,                          -- ciphertext (C1 key) of the C1 fields as a JSON object
  c2 BLOB,                          -- ciphertext (C2 key) of the C2 fields as a JSON object
  institution TEXT NOT NULL, batch INTEGER NOT NULL, line INTEGER NOT NULL,
  reported_us INTEGER NOT NULL,
  PRIMARY KEY (subject_id, version)) STRICT;
CREATE TRIGGER credit_identity_versions_append_only BEFORE UPDATE ON credit_identity_versions
  BEGIN SELECT RAISE(ABORT, 'reported facts are never overwritten (DSP-2)'); END;
DROP INDEX data_keys_by_kek;
ALTER TABLE data_keys RENAME TO data_keys_m1;
CREATE TABLE data_keys (
  id INTEGER PRIMARY KEY AUTOINCREMENT, -- the key id in every field ciphertext; never reused
  subject TEXT NOT NULL,            -- the subject's reference (a blind index, never a clear identifier)
  grade TEXT NOT NULL CHECK (grade = 'C1' OR grade = 'C2' OR grade = 'C3'),
  kek_version INTEGER NOT NULL,
  wrapped BLOB NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (subject, grade)) STRICT;
INSERT INTO data_keys (id, subject, grade, kek_version, wrapped, created_at)
  SELECT id, subject, grade, kek_version, wrapped, created_at FROM data_keys_m1 ORDER BY id;
UPDATE sqlite_sequence
  SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ('data_keys', 'data_keys_m1'))
  WHERE name = 'data_keys';
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'data_keys', seq FROM sqlite_sequence
  WHERE name = 'data_keys_m1' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'data_keys');
DROP TABLE data_keys_m1;
CREATE INDEX data_keys_by_kek ON data_keys (grade, kek_version);
)sql";

}  // namespace

const std::vector<Migration>& Migrations() {
  // DO NOT CHANGE: applied migrations are checksummed; add a new one instead.
  static const std::vector<Migration> kMigrations = {
      {1, "keyring", kKeyringSql}, {2, "audit_log", kAuditSql},
      {3, "access", kAccessSql},   {4, "approvals", kApprovalsSql},
      {5, "credit", kCreditSql},   {6, "ingest_layout", kIngestLayoutSql},
  };
  return kMigrations;
}

}  // namespace cv::store
