// SessionManager: login sessions (ACC-6) — 256-bit random tokens stored only as hashes, idle and
// absolute expiry, a cap on concurrent sessions per user (the oldest is ended), logout and forced
// revocation. Every session that starts or ends is an audit event in the same transaction.
//
// Thread-safety: thread-safe (no mutable state; all state is in the store).
#ifndef CV_ACCESS_SESSION_H_
#define CV_ACCESS_SESSION_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/role.h"
#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/result.h"
#include "common/secret.h"
#include "crypto/hasher.h"
#include "store/store.h"

namespace cv::access {

// JR/T 0117 7.5.9 / ACC-6 defaults; configuration may only make them stricter.
struct SessionPolicy {
  std::chrono::seconds idle{15 * 60};
  std::chrono::seconds absolute{8 * 3600};
  int max_sessions_querier = 1;
  int max_sessions_other = 3;
  // The idle timer is written back at most this often (and at most every idle/10), so that most
  // checks are reads. The recorded last use is never later than the real one: a session may end
  // up to this much before its idle timeout, never after it.
  std::chrono::milliseconds touch_every{30'000};
};

// What a valid token stands for.
struct SessionInfo {
  std::int64_t session_id = 0;
  std::int64_t user_id = 0;
  std::string login;
  std::string institution;
  bool second_factor_done = false;
  std::int64_t created_us = 0;
};

// A new session: the token goes to the client once and is never stored.
struct NewSession {
  Secret token;  // 43 characters of base64url (32 random bytes)
  std::int64_t session_id = 0;
  std::vector<std::int64_t> ended_sessions;  // older sessions ended by the concurrency cap
};

class SessionManager {
 public:
  // REQUIRES: hasher, audit and clock outlive the manager.
  SessionManager(const crypto::Hasher& hasher, audit::AuditLog& audit, SessionPolicy policy,
                 const Clock& clock)
      : hasher_(hasher), audit_(audit), policy_(policy), clock_(clock) {}

  // Starts a session for `user_id` (whose roles decide the cap); ends the oldest sessions over
  // the cap, each audited.
  [[nodiscard]] Result<NewSession> Start(store::Tx& tx, std::int64_t user_id,
                                         const std::vector<Role>& roles, std::string_view client,
                                         bool second_factor_done);

  // The session of `token`, touched (idle timer restarted). kUnauthenticated "session expired or
  // unknown" for an unknown, ended, idle-expired or absolute-expired token; an expired one is
  // ended (and audited) on the way.
  [[nodiscard]] Result<SessionInfo> Check(store::Tx& tx, const Secret& token);

  // The read-only form of Check for read transactions: the session when it is valid and needs no
  // write (no expiry to record, idle timer fresh enough); nullopt when the caller must use Check
  // in a write transaction instead; kUnauthenticated for an unknown or ended token.
  [[nodiscard]] Result<std::optional<SessionInfo>> CheckReadOnly(store::Tx& tx,
                                                                 const Secret& token);

  // Marks the session's second factor done (after a TOTP code was confirmed).
  [[nodiscard]] Status MarkSecondFactor(store::Tx& tx, std::int64_t session_id);

  // Logout.
  [[nodiscard]] Status End(store::Tx& tx, const Secret& token);
  // Forced revocation of every open session of a user (deactivation, lock, password change).
  // `keep` (a session id, 0 for none) stays open: after a password change, the session that
  // changed it.
  [[nodiscard]] Result<int> EndAllForUser(store::Tx& tx, std::int64_t user_id,
                                          std::string_view reason, std::int64_t keep = 0);

 private:
  Result<std::string> TokenHash(const Secret& token) const;
  // The open session of `token` with its last use, or kUnauthenticated.
  struct Found {
    SessionInfo info;
    std::int64_t last_seen_us = 0;
  };
  Result<Found> Find(store::Tx& tx, const Secret& token);
  // Why the session has expired at `now`, or nullptr.
  const char* Expired(const Found& f, std::int64_t now) const;
  std::int64_t TouchEveryMicros() const;
  Status EndSession(store::Tx& tx, std::int64_t session_id, std::int64_t user_id,
                    std::string_view reason);

  const crypto::Hasher& hasher_;
  audit::AuditLog& audit_;
  SessionPolicy policy_;
  const Clock& clock_;
};

}  // namespace cv::access

#endif  // CV_ACCESS_SESSION_H_
