// Authorizer: the one decision point for every request (ACC-2; JR/T 0117 8.3.4 b): given who asks
// (Principal), for what (an action), on what (Resource) and how (Context), it allows or denies,
// names the rule that decided, and lists the caller's obligations. Shadow rules are evaluated and
// counted beside the enforced decision but never change it.
//
// Thread-safety: an Authorizer is immutable after Create except for its shadow counters, which
// are atomic; Authorize and Evaluate may be called from many threads at once.
// Invariants:
//  1. Deny by default: a request is allowed only when every rule in authorize.cc's kRules passes
//     and a role of the principal holds the action in the PermissionTable.
//  2. A Decision never allocates unless a shadow rule matched (reason and rule point to static
//     text; obligations are a bit set).
#ifndef CV_ACCESS_AUTHORIZE_H_
#define CV_ACCESS_AUTHORIZE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "access/permission.h"
#include "access/role.h"
#include "access/role_set.h"
#include "common/result.h"

namespace cv::access {

// JR/T 0171-2020 4.2 category of the data a resource holds (access's own copy: grading sits
// above access and may not be included here).
enum class DataCategory : std::uint8_t { kNone, kC1, kC2, kC3 };

// Who asks: an authenticated user and the state of their session.
struct Principal {
  std::string user_id;
  std::string institution;  // the user's institution; agency staff: "" or agency_institution
  std::vector<Role> roles;
  bool active = true;                 // false once deactivated (ACC-7) or suspended (MON-2)
  bool second_factor_done = false;    // this session passed TOTP or a client certificate (ACC-5)
  bool must_change_password = false;  // first login or expired password (ACC-3)
  bool must_enrol_totp = false;       // an administrator without a second factor yet (ACC-5)
};

// What the action is on.
struct Resource {
  std::string institution;  // the owner; agency-wide resources: "" or agency_institution
  DataCategory category = DataCategory::kNone;  // the highest grade of the data touched
  // Whom it is about: the data subject of credit/dispute actions; the target user id of user.*
  // and session.* actions.
  std::string subject;
  std::string field;                // for credit.report_clear_field: the field asked for
  std::optional<Role> target_role;  // for user.create / grant_role / revoke_role
};

// How the request came.
struct Context {
  std::string purpose;         // the query reason code (QRY-1, QRY-2); required by queries
  std::string client_address;  // for the audit record and the monitor
  std::string request_id;
};

// A rule that is evaluated and counted but not enforced (ARCHITECTURE: rules may run in shadow).
struct ShadowRule {
  enum class Effect : std::uint8_t { kDeny, kAllow };
  std::string id;    // unique, e.g. "SHADOW-1"
  std::string text;  // what it would enforce
  Effect effect = Effect::kDeny;
  std::vector<std::string> actions;          // empty: every action; names must exist
  std::vector<Role> roles;                   // empty: every principal; else one of these roles
  std::optional<DataCategory> min_category;  // matches resources of this grade or higher
  // Optional further condition; must be thread-safe.
  std::function<bool(const Principal&, const Resource&, const Context&)> when;
};

// One shadow rule that matched a request.
struct ShadowFinding {
  std::string_view rule_id;  // points into the Authorizer; valid while it lives
  ShadowRule::Effect effect;
  bool would_change;  // enforcing it would have flipped the decision
};

struct Decision {
  bool allow = false;
  std::string_view rule;    // the rule that decided, e.g. "AUTHZ-8", or "ROLE-TABLE" when allowed
  std::string_view reason;  // one line, citing its clause; static text
  std::optional<Role> granted_by;     // when allowed: the role whose table row holds the action
  ObligationSet obligations;          // what the caller must do when allowed
  std::vector<ShadowFinding> shadow;  // for the caller to log; empty in the common case
};

// A request in one value, for Evaluate. The referenced objects must outlive the call.
struct Request {
  const Principal& principal;
  std::string_view action;
  const Resource& resource;
  const Context& context;
};

struct AuthorizerOptions {
  bool second_factor_for_all = false;  // ACC-5 "for others by policy"; administrators always
  bool c2_clear_view = true;  // policy.c2_clear_view (QRY-6): false withdraws C2 clear view
  // The institution id the store gives the agency's own staff (accounts.h kAgencyInstitution);
  // the empty string always means the agency too.
  std::string agency_institution = "AGENCY";
};

// How often a shadow rule matched and would have changed the decision.
struct ShadowCount {
  std::string id;
  std::uint64_t matched = 0;
  std::uint64_t would_change = 0;
};

// Precomputed tables and shadow counters (internal/authorizer_state.h).
struct AuthorizerState;

class Authorizer {
 public:
  // Checks the table (PermissionTable::Validate) and the shadow rules (unique non-empty ids,
  // known action names); kInvalidArgument or kFailedPrecondition otherwise.
  static Result<Authorizer> Create(PermissionTable table, std::vector<ShadowRule> shadow = {},
                                   AuthorizerOptions options = {});

  Authorizer(Authorizer&&) noexcept;
  Authorizer& operator=(Authorizer&&) noexcept;
  ~Authorizer();

  // The decision for `action` by name; an unknown name is denied (AUTHZ-1).
  Decision Authorize(const Principal& principal, std::string_view action, const Resource& resource,
                     const Context& context) const;
  // The same with an interned action: hot callers resolve FindAction once.
  Decision Authorize(const Principal& principal, ActionId action, const Resource& resource,
                     const Context& context) const;

  // The plain-library form (STYLE "Policy apart from transport"): kUnauthenticated without a
  // user id, kInvalidArgument without an action; otherwise the Decision (a denial is a value).
  [[nodiscard]] Result<Decision> Evaluate(const Request& request) const;

  const PermissionTable& table() const;
  std::vector<ShadowCount> ShadowCounts() const;

 private:
  explicit Authorizer(std::unique_ptr<AuthorizerState> state);
  void EvaluateShadow(const Principal& principal, ActionId action, const Resource& resource,
                      const Context& context, Decision& decision) const;
  std::unique_ptr<AuthorizerState> state_;
};

// Rule ids and reasons of authorize.cc, for docs and the matrix: {"AUTHZ-1", "..."}, ...
struct AuthzRuleInfo {
  std::string_view id;
  std::string_view reason;
};
std::span<const AuthzRuleInfo> AuthzRules();

}  // namespace cv::access

#endif  // CV_ACCESS_AUTHORIZE_H_
