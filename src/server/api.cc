// Api: the request chain — limits, routing, rate limits, authentication, the authorization
// invariant, audit, errors and security headers.
#include "server/api.h"

#include <fmt/format.h>

#include <cstring>

#include "common/log.h"
#include "credit/settlement.h"
#include "crypto/random.h"

namespace cv::server {
namespace {

// Security headers on every answer (issue #6; JR/T 0117 8.2): HSTS, no caching of anything
// (answers may hold personal data), no sniffing, a CSP that allows nothing, no framing.
void AddSecurityHeaders(HttpResponse& r) {
  r.SetHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  r.SetHeader("Cache-Control", "no-store");
  r.SetHeader("Pragma", "no-cache");
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("Content-Security-Policy",
              "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  r.SetHeader("X-Frame-Options", "DENY");
  r.SetHeader("Referrer-Policy", "no-referrer");
  r.SetHeader("Cross-Origin-Resource-Policy", "same-origin");
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kMalformed:
    case ErrorCode::kUnreadable:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kResourceExhausted:
      return 413;
    case ErrorCode::kUnsupported:
      return 415;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

// The session token: "Authorization: Bearer <token>" or the session cookie.
std::optional<std::string_view> TokenOf(const HttpRequest& request, std::string_view cookie) {
  std::string_view auth = request.Header("authorization");
  if (!auth.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (auth.size() > kBearer.size() && auth.substr(0, kBearer.size()) == kBearer) {
      return auth.substr(kBearer.size());
    }
    return std::nullopt;
  }
  std::string_view cookies = request.Header("cookie");
  while (!cookies.empty()) {
    const std::size_t semi = cookies.find(';');
    std::string_view c = cookies.substr(0, semi);
    cookies = semi == std::string_view::npos ? std::string_view() : cookies.substr(semi + 1);
    while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
    if (c.size() > cookie.size() && c.substr(0, cookie.size()) == cookie &&
        c[cookie.size()] == '=') {
      return c.substr(cookie.size() + 1);
    }
  }
  return std::nullopt;
}

}  // namespace

HttpResponse JsonResponse(int status, const nlohmann::json& body) {
  HttpResponse r;
  r.status = status;
  if (status != 204) r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

nlohmann::json RoleNamesJson(const std::vector<access::Role>& roles) {
  nlohmann::json names = nlohmann::json::array();
  for (access::Role r : roles) names.push_back(access::RoleName(r));
  return names;
}

HttpResponse Api::ErrorResponse(int status, std::string_view code, std::string_view message,
                                std::string_view request_id) {
  nlohmann::json body = {
      {"error", {{"code", code}, {"message", message}, {"request_id", request_id}}}};
  HttpResponse r = JsonResponse(status, body);
  AddSecurityHeaders(r);
  r.SetHeader("X-Request-Id", std::string(request_id));
  return r;
}

Result<std::unique_ptr<Api>> Api::Create(ApiDeps deps, ApiOptions options) {
  CV_ASSIGN_OR_RETURN(
      access::Authorizer authorizer,
      access::Authorizer::Create(access::PermissionTable::Defaults(), {}, deps.authorizer));
  CV_ASSIGN_OR_RETURN(std::unique_ptr<crypto::Hasher> hasher,
                      crypto::NewHasher(deps.keyring.suite()));
  std::unique_ptr<Api> api(
      new Api(std::move(deps), std::move(options), std::move(authorizer), std::move(hasher)));
  CV_RETURN_IF_ERROR(api->BuildRoutes());
  // JR/T 0117 9.1: an institution with unsettled credit work may not leave.
  for (auto& check : credit::CreditSettlementChecks()) {
    api->institutions_.AddSettlementCheck(std::move(check));
  }
  CV_RETURN_IF_ERROR(api->AddStoreGauges());
  CV_RETURN_IF_ERROR(api->EnsureTransportKey());
  CV_ASSIGN_OR_RETURN(const std::string prefix, crypto::RandomString(4));
  for (unsigned char c : prefix) api->request_id_prefix_ += fmt::format("{:02x}", c);
  return api;
}

Api::Api(ApiDeps deps, ApiOptions options, access::Authorizer authorizer,
         std::unique_ptr<crypto::Hasher> hasher)
    : deps_(std::move(deps)),
      options_(std::move(options)),
      authorizer_(std::move(authorizer)),
      hasher_(std::move(hasher)),
      sessions_(*hasher_, deps_.audit, deps_.sessions, deps_.clock),
      accounts_(deps_.keyring, deps_.audit, sessions_, deps_.passwords, deps_.lockout, deps_.clock),
      institutions_(deps_.audit, sessions_, deps_.clock),
      approvals_(deps_.audit, deps_.clock),
      credit_(deps_.keyring),
      consents_(credit_, deps_.audit, deps_.clock),
      queries_(credit_, consents_, deps_.audit, deps_.clock),
      ingest_(deps_.store, credit_, deps_.audit, deps_.clock, {},
              [this](store::Tx& tx, std::string_view sealed, std::string_view ad) {
                return deps_.keyring.OpenTransport(tx, sealed, ad);
              }),
      bulk_(deps_.store, queries_, deps_.audit, deps_.clock),
      committer_(deps_.store, deps_.audit),
      address_limiter_(options_.address_rate, options_.address_burst, deps_.clock),
      user_limiter_(options_.user_rate, options_.user_burst, deps_.clock) {}

Api::~Api() = default;

std::string Api::NewRequestId() {
  return fmt::format("{}-{:08x}", request_id_prefix_, request_counter_.fetch_add(1) + 1);
}

HttpResponse Api::Handle(const HttpRequest& request) {
  const std::int64_t start = deps_.clock.MonotonicNanos();
  const std::string request_id = NewRequestId();
  std::string_view route_label = "unmatched";
  HttpResponse response = Dispatch(request, request_id, route_label);
  AddSecurityHeaders(response);
  response.SetHeader("X-Request-Id", request_id);
  metrics_.RecordRequest(route_label, response.status,
                         std::chrono::nanoseconds(deps_.clock.MonotonicNanos() - start));
  return response;
}

HttpResponse Api::Dispatch(const HttpRequest& request, const std::string& request_id,
                           std::string_view& route_label) {
  if (shutting_down_.load()) {
    return ErrorResponse(503, "shutting_down", "the server is stopping", request_id);
  }
  const RouteMatch match = router_.Match(request.method, PathOf(request.target));
  if (match.kind == RouteMatch::Kind::kNotFound) {
    return ErrorResponse(404, "not_found", "no such route", request_id);
  }
  if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
    HttpResponse r =
        ErrorResponse(405, "method_not_allowed", "method not allowed here", request_id);
    r.SetHeader("Allow", match.allowed);
    return r;
  }
  route_label = match.pattern;
  const Route& route = routes_[match.id];
  const std::size_t limit =
      IsUploadTarget(request.target) ? options_.max_upload_bytes : options_.max_body_bytes;
  if (request.body.size() > limit) {
    return ErrorResponse(413, "payload_too_large", "request body too large", request_id);
  }
  // Rate limit per client address before any work (JR/T 0117 8.2: abnormal access).
  if (route.access != Access::kPublic || route.handler == &Api::Login) {
    if (!address_limiter_.Allow(request.client_address)) {
      metrics_.Increment("cvault_rate_limited_total", "Requests refused by a rate limit");
      HttpResponse r = ErrorResponse(429, "rate_limited", "too many requests", request_id);
      r.SetHeader("Retry-After", "1");
      return r;
    }
  }
  Call call{request, request_id, match.params};
  if (route.access == Access::kPublic) {
    auto result = (this->*route.handler)(call);
    if (call.tx) {
      // Login refusals write failure counters and audit events: commit whatever the result.
      if (auto committed = call.tx->Commit(); !committed && result) {
        return FromError(committed.error(), call);
      }
    }
    return result ? std::move(*result) : FromError(result.error(), call);
  }
  return RunAuthenticated(route, call);
}

HttpResponse Api::RunAuthenticated(const Route& route, Call& call) {
  if (route.method == "GET") {
    // Reads run in a read transaction and their audit events are group-committed; a session
    // whose idle timer must be written (or that expired) takes the write path below.
    if (std::optional<HttpResponse> r = RunReadOnly(route, call)) return std::move(*r);
  }
  auto tx = deps_.store.Begin(store::TxMode::kWrite);
  if (!tx) return FromError(tx.error(), call);
  call.tx = std::move(*tx);
  if (Status auth = Authenticate(call, false); !auth) {
    (void)call.tx->Commit();  // An expired session was ended and audited on the way.
    return FromError(auth.error(), call);
  }
  if (std::optional<HttpResponse> limited = UserRateLimit(call)) {
    (void)call.tx->Commit();
    return std::move(*limited);
  }
  Result<HttpResponse> result = RunHandler(route, call);
  if (!result && result.error().code() == ErrorCode::kInternal) {
    // A failure halfway may have written part of a change: roll it all back.
    call.tx.reset();
    return FromError(result.error(), call);
  }
  HttpResponse response = result ? std::move(*result) : FromError(result.error(), call);
  if (!call.tx) return response;  // an upload handler committed and ran its own transactions
  if (!call.audited) AuditRequest(call, route, response);
  if (Status committed = call.tx->Commit(); !committed) {
    CV_LOG_ERROR("request {}: commit: {}", call.request_id, committed.error().message());
    return ErrorResponse(500, "internal", "internal error", call.request_id);
  }
  return response;
}

std::optional<HttpResponse> Api::RunReadOnly(const Route& route, Call& call) {
  auto tx = deps_.store.Begin(store::TxMode::kRead);
  if (!tx) return FromError(tx.error(), call);
  call.tx = std::move(*tx);
  if (Status auth = Authenticate(call, true); !auth) return FromError(auth.error(), call);
  if (!call.session) {  // needs a write: start again on the write path
    call.tx.reset();
    return std::nullopt;
  }
  if (std::optional<HttpResponse> limited = UserRateLimit(call)) return limited;
  Result<HttpResponse> result = RunHandler(route, call);
  HttpResponse response = result ? std::move(*result) : FromError(result.error(), call);
  if (!call.audited) AuditRequest(call, route, response);
  call.tx.reset();  // release the connection before waiting for the group commit
  if (Status durable = committer_.AppendDurably(std::move(call.pending_events)); !durable) {
    CV_LOG_ERROR("request {}: audit: {}", call.request_id, durable.error().message());
    return ErrorResponse(500, "internal", "internal error", call.request_id);
  }
  return response;
}

Result<HttpResponse> Api::RunHandler(const Route& route, Call& call) {
  Result<HttpResponse> result = (this->*route.handler)(call);
  if (result && route.access == Access::kAuthorized && !call.authorized) {
    CV_LOG_ERROR("route {} {} answered without an authorization decision", route.method,
                 route.pattern);  // Invariant 1: a bug, never a silent allow.
    return Fail(ErrorCode::kInternal, "no authorization decision");
  }
  if (!result && result.error().code() == ErrorCode::kInternal) {
    CV_LOG_ERROR("request {}: {}", call.request_id, result.error().message());
  }
  return result;
}

std::optional<HttpResponse> Api::UserRateLimit(Call& call) {
  if (user_limiter_.Allow(call.session->login)) return std::nullopt;
  metrics_.Increment("cvault_rate_limited_total", "Requests refused by a rate limit");
  HttpResponse r = ErrorResponse(429, "rate_limited", "too many requests", call.request_id);
  r.SetHeader("Retry-After", "1");
  return r;
}

Status Api::Record(Call& call, const audit::Event& event) {
  if (call.tx && call.tx->mode() == store::TxMode::kWrite) {
    CV_RETURN_IF_ERROR(deps_.audit.Append(*call.tx, event));
  } else {
    call.pending_events.push_back(event);  // RunReadOnly commits it before answering
  }
  call.audited = true;
  return Ok();
}

Status Api::Authenticate(Call& call, bool read_only) {
  const std::optional<std::string_view> token = TokenOf(call.request, options_.cookie_name);
  if (!token || token->empty() || token->size() > 256) {
    return Fail(ErrorCode::kUnauthenticated, "a session token is required");
  }
  call.token = Secret(*token);
  if (read_only) {
    CV_ASSIGN_OR_RETURN(call.session, sessions_.CheckReadOnly(*call.tx, call.token));
    if (!call.session) return Ok();
  } else {
    CV_ASSIGN_OR_RETURN(call.session, sessions_.Check(*call.tx, call.token));
  }
  const access::SessionInfo& s = *call.session;
  // Mutual TLS (SEC-1): a verified client certificate names its institution (its CN); a session
  // is good only on a connection of its own institution.
  if (!call.request.client_cert_cn.empty() && call.request.client_cert_cn != s.institution) {
    return Fail(ErrorCode::kUnauthenticated,
                "the client certificate belongs to another institution than this session");
  }
  CV_ASSIGN_OR_RETURN(const std::optional<store::Row> row,
                      call.tx->QueryOne("SELECT status, must_change_password, password_changed_us "
                                        "FROM users WHERE id = ?1",
                                        {store::Int(s.user_id)}));
  if (!row) return Fail(ErrorCode::kUnauthenticated, "session expired or unknown");
  CV_ASSIGN_OR_RETURN(std::vector<access::Role> roles, accounts_.RolesOf(*call.tx, s.user_id));
  access::Principal& p = call.principal;
  p.user_id = std::to_string(s.user_id);
  p.institution = s.institution;
  p.roles = roles;
  p.active = row->Text(0).value_or("") == "active";
  p.second_factor_done = s.second_factor_done;
  p.must_change_password =
      row->Int(1).value_or(1) != 0 ||
      access::PasswordExpired(TimePoint(std::chrono::microseconds(row->Int(2).value_or(0))),
                              deps_.clock.Now(), deps_.passwords);
  p.must_enrol_totp = access::SecondFactorMandatory(roles) && !s.second_factor_done;
  call.actor = access::Actor{s.user_id, s.login, s.institution, std::move(roles),
                             call.request.client_address};
  return Ok();
}

Status Api::Authorize(Call& call, access::ActionId action, const access::Resource& resource,
                      access::ObligationSet handled, std::string_view purpose) {
  access::Context context{std::string(purpose), call.request.client_address, call.request_id};
  access::Decision d = authorizer_.Authorize(call.principal, action, resource, context);
  bool undischarged = false;
  for (std::size_t i = 0; d.allow && i < static_cast<std::size_t>(access::Obligation::kCount);
       ++i) {
    const auto o = static_cast<access::Obligation>(i);
    if (d.obligations.Has(o) && !handled.Has(o)) undischarged = true;
  }
  if (d.allow && !undischarged) {
    call.authorized = true;
    return Ok();
  }
  if (undischarged) {
    d.rule = "OBLIGATION";
    d.reason =
        "approval_required: a second person's recorded approval is needed first (JR/T "
        "0117 7.2.3 b); send its approval_id";
  }
  audit::Event e;
  e.time = deps_.clock.Now();
  e.actor_user = call.actor.login;
  e.actor_institution = call.actor.institution;
  e.client_address = call.request.client_address;
  e.action = std::string(access::ActionName(action));
  e.object_type = "request";
  e.object_id = std::string(PathOf(call.request.target)).substr(0, 256);
  e.result = audit::Outcome::kDenied;
  e.reason = fmt::format("{}: {}", d.rule, d.reason);
  e.Add("request_id", call.request_id);
  CV_RETURN_IF_ERROR(Record(call, e));
  if (undischarged) return Fail(ErrorCode::kPermissionDenied, "approval_required");
  if (d.rule == "AUTHZ-6") {
    return Fail(ErrorCode::kPermissionDenied, call.principal.must_change_password
                                                  ? "password_change_required"
                                                  : "totp_enrollment_required");
  }
  return Fail(ErrorCode::kPermissionDenied, fmt::format("{}: {}", d.rule, d.reason));
}

void Api::AuditRequest(Call& call, const Route& route, const HttpResponse& response) {
  audit::Event e;
  e.time = deps_.clock.Now();
  e.actor_user = call.actor.login;
  e.actor_institution = call.actor.institution;
  e.client_address = call.request.client_address;
  e.action = fmt::format("api.{}", route.method == "GET" ? "read" : "call");
  e.object_type = "route";
  e.object_id = std::string(route.pattern);
  e.result = response.status < 400    ? audit::Outcome::kOk
             : response.status == 403 ? audit::Outcome::kDenied
                                      : audit::Outcome::kError;
  e.Add("request_id", call.request_id);
  e.Add("status", std::to_string(response.status));
  if (Status recorded = Record(call, e); !recorded) {
    CV_LOG_ERROR("request {}: audit append failed: {}", call.request_id,
                 recorded.error().message());
  }
}

HttpResponse Api::FromError(const Error& e, const Call& call) {
  const int status = HttpStatusFor(e.code());
  if (status == 500) {
    return ErrorResponse(500, "internal", "internal error", call.request_id);
  }
  // Refusals with their own code (Authorize): the code, and guidance as the message.
  static constexpr std::pair<std::string_view, std::string_view> kSpecial[] = {
      {"password_change_required",
       "change your password first: POST /api/v1/sessions/current/password (ACC-3)"},
      {"totp_enrollment_required",
       "confirm your second factor first: POST /api/v1/sessions/current/totp (ACC-5)"},
      {"approval_required",
       "a second person's recorded approval is needed first (JR/T 0117 7.2.3 b): request one "
       "with POST /api/v1/approvals, have another person approve it, then send its approval_id"},
  };
  for (const auto& [code, guidance] : kSpecial) {
    if (e.message() == code) return ErrorResponse(status, code, guidance, call.request_id);
  }
  return ErrorResponse(status, ErrorCodeName(e.code()), e.message(), call.request_id);
}

Result<nlohmann::json> Api::JsonBody(const Call& call) const {
  std::string_view type = call.request.Header("content-type");
  if (type.substr(0, 16) != "application/json") {
    return Fail(ErrorCode::kUnsupported, "the body must be application/json");
  }
  nlohmann::json j = nlohmann::json::parse(call.request.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "malformed JSON: the body must be one JSON object");
  }
  return j;
}

// Gauges read from the store at each scrape (issue #6: sessions, audit tree size, lockouts).
Status Api::EnsureTransportKey() {
  CV_ASSIGN_OR_RETURN(auto tx, deps_.store.Begin());
  CV_RETURN_IF_ERROR(deps_.keyring.TransportPublicKeyPem(*tx));
  return tx->Commit();
}

Status Api::AddStoreGauges() {
  struct Gauge {
    const char* name;
    const char* help;
    const char* sql;
  };
  static constexpr Gauge kGauges[] = {
      {"cvault_sessions_open", "Open login sessions",
       "SELECT count(*) FROM sessions WHERE ended_us = 0"},
      {"cvault_audit_tree_size", "Events in the audit log's Merkle tree",
       "SELECT coalesce(max(size), 0) FROM audit_head"},
      {"cvault_users_locked", "Users locked after failed logins (ACC-4)",
       "SELECT count(*) FROM users WHERE status = 'locked'"},
  };
  for (const Gauge& g : kGauges) {
    CV_RETURN_IF_ERROR(metrics_.AddGauge(g.name, g.help, [this, sql = g.sql]() -> double {
      auto tx = deps_.store.Begin(store::TxMode::kRead);
      if (!tx) return -1;
      auto row = (*tx)->QueryOne(sql);
      return row && *row ? static_cast<double>((*row)->Int(0).value_or(-1)) : -1;
    }));
  }
  return Ok();
}

bool Api::Ready() {
  auto tx = deps_.store.Begin(store::TxMode::kRead);
  if (!tx) return false;
  auto row = (*tx)->QueryOne("SELECT 1");
  return row && row->has_value();
}

}  // namespace cv::server
