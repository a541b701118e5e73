// Api: the HTTP API as a plain function from request to response — the single enforcement point
// every request passes (issue #6; JR/T 0117 8.2, 8.3.4): request id → limits → route → rate limit
// per address → authentication → rate limit per user → authorization (access::Authorizer) →
// handler → audit, with JSON errors and security headers on every answer. No sockets here: the
// listener (listener.h) carries bytes, tests call Handle directly.
//
// Thread-safety: Handle may be called from many threads at once (state is in the store, the rate
// limiters and metrics are thread-safe).
// Invariants:
//  1. An authenticated handler that returns success has called Authorize at least once; the chain
//     answers 500 otherwise, so no route can skip the decision point.
//  2. Every refusal by Authorize is an audit event committed with the request's transaction; so is
//     every state change (in the handler's own domain calls).
//  3. Error bodies carry a stable code and never internal detail (SQL, paths, key ids).
#ifndef CV_SERVER_API_H_
#define CV_SERVER_API_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "access/accounts.h"
#include "access/approvals.h"
#include "access/authorize.h"
#include "access/institutions.h"
#include "access/password.h"
#include "access/session.h"
#include "audit/audit_log.h"
#include "audit/group_commit.h"
#include "common/clock.h"
#include "common/result.h"
#include "credit/consents.h"
#include "credit/credit_store.h"
#include "credit/bulk_query.h"
#include "credit/ingest.h"
#include "credit/query_service.h"
#include "crypto/hasher.h"
#include "crypto/keyring/keyring.h"
#include "server/http.h"
#include "server/metrics.h"
#include "server/rate_limiter.h"
#include "server/router.h"
#include "store/store.h"

namespace cv::server {

struct ApiOptions {
  std::size_t max_body_bytes = 1 << 20;     // JSON bodies (SEC-2)
  std::size_t max_upload_bytes = 64 << 20;  // data batches and scans (IsUploadTarget)
  double address_rate = 100;                // requests per second per client address
  double address_burst = 200;
  double user_rate = 50;  // requests per second per authenticated user
  double user_burst = 100;
  std::string cookie_name = "cvault_session";
  // Where uploads to POST /api/v1/scan are written for the scan, then removed (0700).
  std::string scratch_dir = "/tmp/cvault-scratch";
};

// What the Api works with; every reference must outlive it.
struct ApiDeps {
  store::Store& store;
  crypto::keyring::Keyring& keyring;
  audit::AuditLog& audit;
  const Clock& clock;
  access::PasswordPolicy passwords{};
  access::SessionPolicy sessions{};
  access::LockoutPolicy lockout{};
  access::AuthorizerOptions authorizer{};
};

// One request on its way through the chain.
struct Call {
  Call(const HttpRequest& r, std::string id, std::map<std::string, std::string, std::less<>> p)
      : request(r), request_id(std::move(id)), params(std::move(p)) {}
  const HttpRequest& request;
  std::string request_id;
  std::map<std::string, std::string, std::less<>> params;  // path parameters
  std::unique_ptr<store::Tx> tx;                           // authenticated routes
  std::optional<access::SessionInfo> session;
  Secret token;  // the session token presented
  access::Principal principal;
  access::Actor actor;
  bool authorized = false;                   // Authorize allowed at least once (invariant 1)
  bool audited = false;                      // the handler wrote its own audit event
  std::vector<audit::Event> pending_events;  // read-only requests: group-committed at the end
};

class Api {
 public:
  static Result<std::unique_ptr<Api>> Create(ApiDeps deps, ApiOptions options = {});
  ~Api();

  HttpResponse Handle(const HttpRequest& request);

  // Store reachable and keyring unsealed (GET /readyz).
  bool Ready();
  // Refuses new work with 503 once shutdown starts (graceful stop).
  void BeginShutdown() { shutting_down_.store(true); }

  Metrics& metrics() { return metrics_; }
  const Router& router() const { return router_; }

  // The JSON error answer of issue #6.
  static HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message,
                                    std::string_view request_id);

 private:
  using Handler = Result<HttpResponse> (Api::*)(Call&);
  enum class Access : std::uint8_t {
    kPublic,      // no session (health, login)
    kSession,     // a session, possibly restricted (logout, password change, TOTP confirm)
    kAuthorized,  // a session and an Authorize decision in the handler
  };
  struct Route {
    std::string_view method;
    std::string_view pattern;
    Access access;
    Handler handler;
  };

  Api(ApiDeps deps, ApiOptions options, access::Authorizer authorizer,
      std::unique_ptr<crypto::Hasher> hasher);
  Status BuildRoutes();
  Status AddStoreGauges();
  // Creates the platform's transport key when missing, so providers can fetch it (read path).
  Status EnsureTransportKey();
  HttpResponse Dispatch(const HttpRequest& request, const std::string& request_id,
                        std::string_view& route_label);
  HttpResponse RunAuthenticated(const Route& route, Call& call);
  std::optional<HttpResponse> RunReadOnly(const Route& route, Call& call);
  Result<HttpResponse> RunHandler(const Route& route, Call& call);
  std::optional<HttpResponse> UserRateLimit(Call& call);
  // read_only: leaves call.session empty when the session needs a write (see CheckReadOnly).
  Status Authenticate(Call& call, bool read_only);
  // Appends an audit event in the request's write transaction, or queues it for the group
  // commit of a read-only request.
  Status Record(Call& call, const audit::Event& event);
  void AuditRequest(Call& call, const Route& route, const HttpResponse& response);
  HttpResponse FromError(const Error& e, const Call& call);
  std::string NewRequestId();

 public:
  // The decision point for handlers: allowed, or an audited refusal (kPermissionDenied whose
  // message names the rule). An allowed decision whose obligations are not all in `handled` is
  // refused too ("approval_required" for a second-person approval): an obligation the caller
  // cannot discharge must not turn into a silent allow.
  // `purpose`: the declared reason of a query (QRY-1), passed to the decision as its context.
  Status Authorize(Call& call, access::ActionId action, const access::Resource& resource,
                   access::ObligationSet handled = {}, std::string_view purpose = {});
  // Authorize for an action that may carry the approval obligation, with the body's optional
  // "approval_id" (JR/T 0117 7.2.3 b): when present, the obligation counts as handled and the
  // approval is consumed for (action, target) in the request's transaction; when absent, an action
  // that needs approval is refused with "approval_required". kInvalidArgument for an approval_id
  // given to an action that needs none.
  Status AuthorizeWithApproval(Call& call, const nlohmann::json& body, access::ActionId action,
                               const access::Resource& resource, std::string_view target);
  // The request body as a JSON object (kInvalidArgument "malformed_json" otherwise).
  Result<nlohmann::json> JsonBody(const Call& call) const;

 private:
  // Handlers (api_*.cc).
  Result<HttpResponse> Healthz(Call& call);
  Result<HttpResponse> Readyz(Call& call);
  Result<HttpResponse> MetricsText(Call& call);
  Result<HttpResponse> Login(Call& call);
  Status CheckClientCertificate(Call& call, std::string_view username);
  Result<HttpResponse> Logout(Call& call);
  Result<HttpResponse> CurrentSession(Call& call);
  Result<HttpResponse> ConfirmTotp(Call& call);
  Result<HttpResponse> ChangePassword(Call& call);
  Result<HttpResponse> CreateUser(Call& call);
  Result<HttpResponse> ListUsers(Call& call);
  Result<HttpResponse> GetUser(Call& call);
  Result<HttpResponse> GrantRole(Call& call);
  Result<HttpResponse> DeactivateUser(Call& call);
  Result<HttpResponse> RevokeRole(Call& call);
  Result<HttpResponse> UnlockUser(Call& call);
  Result<HttpResponse> ResetPassword(Call& call);
  Result<HttpResponse> AccessMatrix(Call& call);
  Result<HttpResponse> CreateInstitution(Call& call);
  Result<HttpResponse> ListInstitutions(Call& call);
  Result<HttpResponse> GetInstitution(Call& call);
  Result<HttpResponse> SetInstitutionStatus(Call& call);
  Result<HttpResponse> AuditEvents(Call& call);
  Result<HttpResponse> AuditCheckpoint(Call& call);
  Result<HttpResponse> AuditInclusion(Call& call);
  Result<HttpResponse> AuditConsistency(Call& call);
  Result<HttpResponse> AuditReport(Call& call);
  Result<HttpResponse> AuditLogKey(Call& call);
  Result<HttpResponse> KeysStatus(Call& call);
  Result<HttpResponse> RotateKeys(Call& call);
  Result<HttpResponse> RequestApproval(Call& call);
  Result<HttpResponse> ListApprovals(Call& call);
  Result<HttpResponse> ApproveApproval(Call& call);
  Result<HttpResponse> RejectApproval(Call& call);
  // Authorize a decision on `approval` (approve or reject) per Approvals::MayDecide.
  Status AuthorizeDecision(Call& call, const access::Approval& approval);
  Result<HttpResponse> Scan(Call& call);
  // Credit (api_consents.cc, api_queries.cc, api_batches.cc).
  Result<HttpResponse> CreateConsent(Call& call);
  Result<HttpResponse> ListConsents(Call& call);
  Result<HttpResponse> GetConsent(Call& call);
  Result<HttpResponse> RevokeConsent(Call& call);
  Result<HttpResponse> SubmitBatch(Call& call);
  Result<HttpResponse> GetBatch(Call& call);
  Result<HttpResponse> GetBatchFeedback(Call& call);
  Result<HttpResponse> TransportKey(Call& call);
  Result<HttpResponse> CreateQuery(Call& call);
  Result<HttpResponse> SubmitBulkQuery(Call& call);
  Result<HttpResponse> GetBulkQuery(Call& call);
  Result<HttpResponse> GetBulkQueryResult(Call& call);
  Result<HttpResponse> GetReport(Call& call);
  Result<HttpResponse> ShowClearField(Call& call);
  // The query answer of issue #7 (JSON, or HTML with ?format=html).
  Result<HttpResponse> ReportAnswer(const Call& call, const credit::QueryOutcome& outcome);

  ApiDeps deps_;
  ApiOptions options_;
  access::Authorizer authorizer_;
  std::unique_ptr<crypto::Hasher> hasher_;
  access::SessionManager sessions_;
  access::Accounts accounts_;
  access::Institutions institutions_;
  access::Approvals approvals_;
  credit::CreditStore credit_;
  credit::Consents consents_;
  credit::QueryService queries_;
  credit::Ingest ingest_;
  credit::BulkQueries bulk_;
  audit::GroupCommitter committer_;
  RateLimiter address_limiter_;
  RateLimiter user_limiter_;
  Metrics metrics_;
  Router router_;
  std::vector<Route> routes_;
  std::string request_id_prefix_;
  std::atomic<std::uint64_t> request_counter_{0};
  std::atomic<bool> shutting_down_{false};
};

// JSON for a successful answer.
HttpResponse JsonResponse(int status, const nlohmann::json& body);

// ["security_officer", ...]: role names as answers list them.
nlohmann::json RoleNamesJson(const std::vector<access::Role>& roles);

}  // namespace cv::server

#endif  // CV_SERVER_API_H_
