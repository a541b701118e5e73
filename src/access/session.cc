// Sessions in the store; tokens are hashed with the suite's digest before they touch a table.
#include "access/session.h"

#include <algorithm>

#include "crypto/random.h"

namespace cv::access {
namespace {

constexpr std::size_t kTokenBytes = 32;

std::int64_t Micros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

// base64url without padding (RFC 4648 section 5) of `bytes`.
std::string Base64Url(const std::uint8_t* bytes, std::size_t n) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < n; ++i) {
    buffer = (buffer << 8) | bytes[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 63]);
  return out;
}

int CapFor(const SessionPolicy& policy, const std::vector<Role>& roles) {
  const bool querier = std::find(roles.begin(), roles.end(), Role::kQuerier) != roles.end();
  return querier ? policy.max_sessions_querier : policy.max_sessions_other;
}

Error Unauthenticated() { return Error(ErrorCode::kUnauthenticated, "session expired or unknown"); }

}  // namespace

Result<std::string> SessionManager::TokenHash(const Secret& token) const {
  return hasher_.HashParts({"cvault-session-v1|", token.View(SecretAccess::Get())});
}

Status SessionManager::EndSession(store::Tx& tx, std::int64_t session_id, std::int64_t user_id,
                                  std::string_view reason) {
  const std::int64_t now = Micros(clock_.Now());
  CV_RETURN_IF_ERROR(
      tx.Exec("UPDATE sessions SET ended_us = ?2, end_reason = ?3 WHERE id = ?1 AND ended_us = 0",
              {store::Int(session_id), store::Int(now), store::Text(reason)}));
  audit::Event event;
  event.time = clock_.Now();
  event.actor_user = std::to_string(user_id);
  event.client_address = "";
  event.action = "session.end";
  event.object_type = "session";
  event.object_id = std::to_string(session_id);
  event.reason = std::string(reason);
  CV_RETURN_IF_ERROR(audit_.Append(tx, event));
  return Ok();
}

Result<NewSession> SessionManager::Start(store::Tx& tx, std::int64_t user_id,
                                         const std::vector<Role>& roles, std::string_view client,
                                         bool second_factor_done) {
  NewSession session;
  std::uint8_t raw[kTokenBytes];
  CV_RETURN_IF_ERROR(crypto::RandomBytes(raw));
  session.token = Secret(Base64Url(raw, sizeof(raw)));
  SecureZero(raw, sizeof(raw));
  CV_ASSIGN_OR_RETURN(const std::string hash, TokenHash(session.token));
  const std::int64_t now = Micros(clock_.Now());
  // ACC-6: the oldest open sessions beyond the cap (counting the new one) are ended.
  CV_ASSIGN_OR_RETURN(
      const std::vector<store::Row> open,
      tx.Query("SELECT id FROM sessions WHERE user_id = ?1 AND ended_us = 0 ORDER BY created_us "
               "DESC, id DESC",
               {store::Int(user_id)}));
  const std::size_t keep = static_cast<std::size_t>(std::max(CapFor(policy_, roles) - 1, 0));
  for (std::size_t i = keep; i < open.size(); ++i) {
    const std::int64_t old = open[i].Int(0).value_or(0);
    CV_RETURN_IF_ERROR(EndSession(tx, old, user_id, "concurrent session limit"));
    session.ended_sessions.push_back(old);
  }
  CV_ASSIGN_OR_RETURN(
      const std::optional<store::Row> row,
      tx.QueryOne("INSERT INTO sessions (token_hash, user_id, created_us, last_seen_us, ended_us, "
                  "end_reason, client, second_factor) VALUES (?1, ?2, ?3, ?3, 0, '', ?4, ?5) "
                  "RETURNING id",
                  {store::Blob(hash), store::Int(user_id), store::Int(now), store::Text(client),
                   store::Int(second_factor_done ? 1 : 0)}));
  CV_ASSIGN_OR_RETURN(session.session_id, row->Int(0));
  audit::Event event;
  event.time = clock_.Now();
  event.actor_user = std::to_string(user_id);
  event.client_address = std::string(client);
  event.action = "session.start";
  event.object_type = "session";
  event.object_id = std::to_string(session.session_id);
  CV_RETURN_IF_ERROR(audit_.Append(tx, event));
  return session;
}

Result<SessionManager::Found> SessionManager::Find(store::Tx& tx, const Secret& token) {
  CV_ASSIGN_OR_RETURN(const std::string hash, TokenHash(token));
  CV_ASSIGN_OR_RETURN(
      const std::optional<store::Row> row,
      tx.QueryOne("SELECT s.id, s.user_id, s.created_us, s.last_seen_us, s.ended_us, "
                  "s.second_factor, u.login, u.institution FROM sessions s JOIN users u ON "
                  "u.id = s.user_id WHERE s.token_hash = ?1",
                  {store::Blob(hash)}));
  if (!row || row->Int(4).value_or(1) != 0) return std::unexpected(Unauthenticated());
  return Found{
      SessionInfo{row->Int(0).value_or(0), row->Int(1).value_or(0), row->Text(6).value_or(""),
                  row->Text(7).value_or(""), row->Int(5).value_or(0) != 0, row->Int(2).value_or(0)},
      row->Int(3).value_or(0)};
}

const char* SessionManager::Expired(const Found& f, std::int64_t now) const {
  const auto us = [](std::chrono::seconds s) { return s.count() * 1'000'000; };
  if (now - f.last_seen_us > us(policy_.idle)) return "idle timeout";
  if (now - f.info.created_us > us(policy_.absolute)) return "absolute timeout";
  return nullptr;
}

std::int64_t SessionManager::TouchEveryMicros() const {
  const std::int64_t every =
      std::chrono::duration_cast<std::chrono::microseconds>(policy_.touch_every).count();
  return std::min<std::int64_t>(every, policy_.idle.count() * 100'000);  // idle / 10
}

Result<SessionInfo> SessionManager::Check(store::Tx& tx, const Secret& token) {
  CV_ASSIGN_OR_RETURN(const Found f, Find(tx, token));
  const std::int64_t now = Micros(clock_.Now());
  if (const char* expired = Expired(f, now); expired != nullptr) {
    CV_RETURN_IF_ERROR(EndSession(tx, f.info.session_id, f.info.user_id, expired));
    return std::unexpected(Unauthenticated());
  }
  if (now - f.last_seen_us >= TouchEveryMicros()) {
    CV_RETURN_IF_ERROR(tx.Exec("UPDATE sessions SET last_seen_us = ?2 WHERE id = ?1",
                               {store::Int(f.info.session_id), store::Int(now)}));
  }
  return f.info;
}

Result<std::optional<SessionInfo>> SessionManager::CheckReadOnly(store::Tx& tx,
                                                                 const Secret& token) {
  CV_ASSIGN_OR_RETURN(const Found f, Find(tx, token));
  const std::int64_t now = Micros(clock_.Now());
  if (Expired(f, now) != nullptr || now - f.last_seen_us >= TouchEveryMicros()) {
    return std::optional<SessionInfo>();
  }
  return std::optional<SessionInfo>(f.info);
}

Status SessionManager::MarkSecondFactor(store::Tx& tx, std::int64_t session_id) {
  CV_RETURN_IF_ERROR(tx.Exec("UPDATE sessions SET second_factor = 1 WHERE id = ?1 AND ended_us = 0",
                             {store::Int(session_id)}));
  return Ok();
}

Status SessionManager::End(store::Tx& tx, const Secret& token) {
  CV_ASSIGN_OR_RETURN(const SessionInfo info, Check(tx, token));
  return EndSession(tx, info.session_id, info.user_id, "logout");
}

Result<int> SessionManager::EndAllForUser(store::Tx& tx, std::int64_t user_id,
                                          std::string_view reason, std::int64_t keep) {
  CV_ASSIGN_OR_RETURN(
      const std::vector<store::Row> open,
      tx.Query("SELECT id FROM sessions WHERE user_id = ?1 AND ended_us = 0 AND id != ?2",
               {store::Int(user_id), store::Int(keep)}));
  for (const store::Row& r : open) {
    CV_RETURN_IF_ERROR(EndSession(tx, r.Int(0).value_or(0), user_id, reason));
  }
  return static_cast<int>(open.size());
}

}  // namespace cv::access
