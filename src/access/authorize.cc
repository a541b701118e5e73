// The decision rules, in the order they are checked; the first that denies decides.
#include "access/authorize.h"

#include <array>
#include <utility>

#include "access/internal/authorizer_state.h"
#include "access/separation.h"

namespace cv::access {
namespace {

// One request with its action resolved and its roles as a set.
struct Input {
  const Principal& principal;
  ActionId action;
  const ActionInfo* info;  // nullptr for an unknown action
  const Resource& resource;
  const Context& context;
  RoleSet roles;
};

using State = AuthorizerState;

bool IsSession(const Input& in) { return in.info->kind == ActionKind::kSession; }

bool UnknownAction(const State&, const Input& in) { return in.info == nullptr; }

bool NoUser(const State&, const Input& in) { return in.principal.user_id.empty(); }

bool Inactive(const State&, const Input& in) { return !in.principal.active; }

bool BreaksSeparation(const State& s, const Input& in) { return !s.Row(in.roles).allowed; }

bool IsAgency(const State& s, const std::string& institution) {
  return institution.empty() || institution == s.options.agency_institution;
}

// Agency staff act for the agency; an institution's users for their institution.
bool InstitutionMismatch(const State& s, const Input& in) {
  bool agency = in.roles.Intersects(kAgencyRoles);
  bool institution = in.roles.Intersects(kInstitutionRoles);
  bool of_agency = IsAgency(s, in.principal.institution);
  return (agency && !of_agency) || (institution && of_agency);
}

bool OnboardingPending(const State&, const Input& in) {
  const Principal& p = in.principal;
  return (p.must_change_password || p.must_enrol_totp) && !IsSession(in);
}

bool SecondFactorMissing(const State& s, const Input& in) {
  if (in.principal.second_factor_done || IsSession(in)) return false;
  return in.roles.Intersects(kAdministratorRoles) || s.options.second_factor_for_all;
}

bool NotInRoleTable(const State& s, const Input& in) {
  return !s.Row(in.roles).actions.Has(in.action);
}

bool OtherInstitution(const State& s, const Input& in) {
  if (IsAgency(s, in.principal.institution) || IsSession(in)) return false;
  return in.resource.institution != in.principal.institution;
}

bool NotOwnAccount(const State&, const Input& in) {
  const std::string& subject = in.resource.subject;
  return IsSession(in) && !subject.empty() && subject != in.principal.user_id;
}

bool SelfAdministration(const State&, const Input& in) {
  if (in.info->kind != ActionKind::kAccount || in.action == ActionId::kUserList) return false;
  return in.resource.subject == in.principal.user_id;
}

bool OutsideGrantScope(const State& s, const Input& in) {
  constexpr ActionSet kScoped = {ActionId::kUserCreate, ActionId::kUserGrantRole,
                                 ActionId::kUserRevokeRole};
  if (!kScoped.Has(in.action)) return false;
  const std::optional<Role>& target = in.resource.target_role;
  return !target || !s.Row(in.roles).grant_scope.Has(*target);
}

bool NoPurpose(const State&, const Input& in) {
  constexpr ActionSet kQueries = {ActionId::kCreditQuery, ActionId::kCreditBulkQuery};
  return kQueries.Has(in.action) && in.context.purpose.empty();
}

bool ClearViewRefused(const State& s, const Input& in) {
  if (in.action != ActionId::kCreditReportClearField) return false;
  DataCategory c = in.resource.category;
  if (in.resource.field.empty() || c == DataCategory::kC3) return true;
  return c == DataCategory::kC2 && !s.options.c2_clear_view;
}

struct Rule {
  AuthzRuleInfo info;
  bool (*denies)(const State&, const Input&);
};

// THE DECISION RULES (ACC-2: one decision point; deny by default).
constexpr std::array<Rule, 14> kRules = {{
    {{"AUTHZ-1", "unknown action: denied by default (ACC-2)"}, UnknownAction},
    {{"AUTHZ-2", "no authenticated user (JR/T 0117 8.3.4 a)"}, NoUser},
    {{"AUTHZ-3", "the user is deactivated or suspended (ACC-7; MON-2)"}, Inactive},
    {{"AUTHZ-4", "the user's roles break separation of duties (ACC-1; Interim Measures Art.27)"},
     BreaksSeparation},
    {{"AUTHZ-5",
      "agency roles act for the agency, institution roles for their institution (ACC-1)"},
     InstitutionMismatch},
    {{"AUTHZ-6",
      "a password change or TOTP enrolment is pending: only session.change_password and "
      "session.confirm_totp (ACC-3; ACC-5)"},
     OnboardingPending},
    {{"AUTHZ-7",
      "a second factor is needed in this session: always for administrators, for others by "
      "policy (ACC-5; JR/T 0117 8.3.4 a)"},
     SecondFactorMissing},
    {{"AUTHZ-8", "no role of the user holds this action (ACC-2; JR/T 0117 8.3.4 b)"},
     NotInRoleTable},
    {{"AUTHZ-9",
      "an institution's users act only on their own institution's resources (Interim Measures "
      "Art.28, Art.31)"},
     OtherInstitution},
    {{"AUTHZ-10", "session actions apply only to the user's own account (ACC-3)"}, NotOwnAccount},
    {{"AUTHZ-11", "no one administers their own account (JR/T 0117 8.3.4 b: mutual restraint)"},
     SelfAdministration},
    {{"AUTHZ-12", "the role to give is outside the granter's scope (Interim Measures Art.28)"},
     OutsideGrantScope},
    {{"AUTHZ-13", "a query needs a declared reason (QRY-1; Interim Measures Art.31)"}, NoPurpose},
    {{"AUTHZ-14",
      "clear view is for one named C1/C2 field; C3 is never shown in clear (QRY-6; JR/T "
      "0171-2020)"},
     ClearViewRefused},
}};

constexpr AuthzRuleInfo kAllowed = {"ROLE-TABLE",
                                    "a role of the user holds the action (ACC-2 role table)"};

constexpr std::array<AuthzRuleInfo, kRules.size() + 1> kRuleInfos = [] {
  std::array<AuthzRuleInfo, kRules.size() + 1> out{};
  for (std::size_t i = 0; i < kRules.size(); ++i) out[i] = kRules[i].info;
  out[kRules.size()] = kAllowed;
  return out;
}();

std::optional<Role> GrantingRole(const State& s, const Principal& p, ActionId action) {
  for (Role role : p.roles) {
    if (s.table.Holds(role, action)) return role;
  }
  return std::nullopt;
}

Decision Decide(const State& s, const Input& in) {
  Decision d;
  for (const Rule& rule : kRules) {
    if (rule.denies(s, in)) {
      d.rule = rule.info.id;
      d.reason = rule.info.reason;
      return d;
    }
  }
  d.allow = true;
  d.rule = kAllowed.id;
  d.reason = kAllowed.reason;
  d.granted_by = GrantingRole(s, in.principal, in.action);
  d.obligations = in.info->obligations;
  return d;
}

// Precomputes, for every possible role set, its actions, grant scope and SoD verdict.
void FillRoleSets(State& s) {
  for (std::size_t bits = 0; bits < kRoleSetCount; ++bits) {
    RoleSet set = RoleSet::FromBits(static_cast<std::uint16_t>(bits));
    RoleSetRow& row = s.by_role_set[bits];
    row.allowed = FindConflict(set) == nullptr;
    for (Role role : AllRoles()) {
      if (!set.Has(role)) continue;
      row.actions = row.actions | s.table.Actions(role);
      row.grant_scope = row.grant_scope | s.table.GrantScope(role);
    }
  }
}

}  // namespace

std::span<const AuthzRuleInfo> AuthzRules() { return kRuleInfos; }

Result<Authorizer> Authorizer::Create(PermissionTable table, std::vector<ShadowRule> shadow,
                                      AuthorizerOptions options) {
  CV_RETURN_IF_ERROR(table.Validate());
  CV_ASSIGN_OR_RETURN(auto compiled, CompileShadowRules(std::move(shadow)));
  auto state = std::make_unique<AuthorizerState>();
  state->table = table;
  state->options = options;
  FillRoleSets(*state);
  state->counters = std::make_unique<ShadowCounter[]>(compiled.size());
  state->shadow = std::move(compiled);
  return Authorizer(std::move(state));
}

Authorizer::Authorizer(std::unique_ptr<AuthorizerState> state) : state_(std::move(state)) {}
Authorizer::Authorizer(Authorizer&&) noexcept = default;
Authorizer& Authorizer::operator=(Authorizer&&) noexcept = default;
Authorizer::~Authorizer() = default;

const PermissionTable& Authorizer::table() const { return state_->table; }

Decision Authorizer::Authorize(const Principal& principal, std::string_view action,
                               const Resource& resource, const Context& context) const {
  std::optional<ActionId> id = FindAction(action);
  return Authorize(principal, id.value_or(ActionId::kCount), resource, context);
}

Decision Authorizer::Authorize(const Principal& principal, ActionId action,
                               const Resource& resource, const Context& context) const {
  bool known = static_cast<std::size_t>(action) < kActionCount;
  Input in{principal, action,  known ? &Describe(action) : nullptr,
           resource,  context, RoleSet::Of(principal.roles)};
  Decision decision = Decide(*state_, in);
  if (!state_->shadow.empty() && known) {
    EvaluateShadow(principal, action, resource, context, decision);
  }
  return decision;
}

Result<Decision> Authorizer::Evaluate(const Request& request) const {
  if (request.principal.user_id.empty()) {
    return Fail(ErrorCode::kUnauthenticated, "no authenticated user");
  }
  if (request.action.empty()) return Fail(ErrorCode::kInvalidArgument, "no action");
  return Authorize(request.principal, request.action, request.resource, request.context);
}

}  // namespace cv::access
