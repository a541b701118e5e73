// Approval endpoints (dual control, JR/T 0117 7.2.3 b): request a second person's approval for an
// action one holds, list approvals, approve or reject another person's request; and the step that
// consumes an approval for the handlers whose actions need one (docs/access.md "Dual control").
#include <fmt/format.h>

#include <algorithm>

#include "server/api.h"
#include "server/json_fields.h"

namespace cv::server {
namespace {

using access::ActionId;

// True when a role of `roles` holds `action` in `table`.
bool AnyHolds(const access::PermissionTable& table, const std::vector<access::Role>& roles,
              ActionId action) {
  return std::any_of(roles.begin(), roles.end(),
                     [&](access::Role r) { return table.Holds(r, action); });
}

// What an approval is about, as a resource: the institution it names for institution actions;
// the agency for the rest (keys, configuration, data exports).
access::Resource ApprovalResource(ActionId action, std::string_view target) {
  const bool institution = access::Describe(action).kind == access::ActionKind::kInstitution;
  std::string owner(institution && !target.empty() ? target : access::kAgencyInstitution);
  return access::Resource{std::move(owner), access::DataCategory::kNone, "", "", std::nullopt};
}

nlohmann::json TimeOrNull(const std::optional<TimePoint>& t) {
  return t ? nlohmann::json(FormatRfc3339(*t)) : nlohmann::json(nullptr);
}

nlohmann::json ApprovalJson(const access::Approval& a) {
  return {{"id", a.id},
          {"action", a.action},
          {"target", a.target},
          {"reason", a.reason},
          {"state", access::ApprovalStateName(a.state)},
          {"requested_by", a.requested_by_login},
          {"requested_at", FormatRfc3339(a.requested_at)},
          {"expires_at", FormatRfc3339(a.expires_at)},
          {"decided_by", a.decided_by ? nlohmann::json(a.decided_by_login) : nullptr},
          {"decided_at", TimeOrNull(a.decided_at)},
          {"decision_reason", a.decision_reason},
          {"used_at", TimeOrNull(a.used_at)}};
}

// The {id} path parameter: a positive decimal number.
Result<std::int64_t> ApprovalId(const std::string& text) {
  std::int64_t id = 0;
  if (text.empty() || text.size() > 18) return Fail(ErrorCode::kNotFound, "no such approval");
  for (char c : text) {
    if (c < '0' || c > '9') return Fail(ErrorCode::kNotFound, "no such approval");
    id = id * 10 + (c - '0');
  }
  return id;
}

// The optional "approval_id" field: a positive integer.
Result<std::optional<std::int64_t>> OptionalApprovalId(const nlohmann::json& body) {
  const auto it = body.find("approval_id");
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer() || it->get<std::int64_t>() <= 0) {
    return Fail(ErrorCode::kInvalidArgument, "approval_id must be a positive integer");
  }
  return it->get<std::int64_t>();
}

}  // namespace

Status Api::AuthorizeWithApproval(Call& call, const nlohmann::json& body, ActionId action,
                                  const access::Resource& resource, std::string_view target) {
  CV_ASSIGN_OR_RETURN(const std::optional<std::int64_t> approval, OptionalApprovalId(body));
  const bool needed =
      access::Describe(action).obligations.Has(access::Obligation::kRequireApproval);
  if (approval && !needed) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} needs no approval: drop approval_id", access::ActionName(action)));
  }
  if (!approval) return Authorize(call, action, resource);  // approval_required when needed
  // The obligation is discharged by consuming the approval right after the decision, in the
  // same transaction and before the action; a refused consumption refuses the request.
  CV_RETURN_IF_ERROR(Authorize(call, action, resource, {access::Obligation::kRequireApproval}));
  return approvals_.Consume(*call.tx, call.actor, *approval, action, target);
}

Status Api::AuthorizeDecision(Call& call, const access::Approval& approval) {
  const std::optional<ActionId> action = access::FindAction(approval.action);
  const access::Resource platform = ApprovalResource(ActionId::kApprovalDecide, "");
  if (!action) return Authorize(call, ActionId::kApprovalDecide, platform);
  if (AnyHolds(authorizer_.table(), call.principal.roles, *action)) {
    // A holder of the action decides as a holder; deciding performs nothing, so none of the
    // action's obligations is owed here.
    return Authorize(call, *action, ApprovalResource(*action, approval.target),
                     access::Describe(*action).obligations);
  }
  // Otherwise only as the security officer (approval.decide); Approvals checks the rest.
  return Authorize(call, ActionId::kApprovalDecide, platform);
}

Result<HttpResponse> Api::RequestApproval(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(const std::string name, RequiredString(body, "action", 64));
  CV_ASSIGN_OR_RETURN(const std::optional<std::string> target,
                      OptionalString(body, "target", access::kMaxApprovalTarget));
  CV_ASSIGN_OR_RETURN(const std::string reason,
                      RequiredString(body, "reason", access::kMaxApprovalReasonBytes));
  const std::optional<ActionId> action = access::FindAction(name);
  if (!action) return Fail(ErrorCode::kInvalidArgument, "unknown action");
  // One requests approval for what one will do oneself: the requester must hold the action.
  // Requesting performs nothing, so none of the action's obligations is owed here.
  CV_RETURN_IF_ERROR(Authorize(call, *action, ApprovalResource(*action, target.value_or("")),
                               access::Describe(*action).obligations));
  CV_ASSIGN_OR_RETURN(const std::int64_t id,
                      approvals_.Request(*call.tx, call.actor, name, target.value_or(""), reason));
  call.audited = true;
  CV_ASSIGN_OR_RETURN(const access::Approval created, approvals_.Get(*call.tx, id));
  return JsonResponse(201, ApprovalJson(created));
}

Result<HttpResponse> Api::ListApprovals(Call& call) {
  CV_ASSIGN_OR_RETURN(const auto q, QueryParams(call.request.target));
  std::optional<access::ApprovalState> state;
  if (auto it = q.find("state"); it != q.end()) {
    CV_ASSIGN_OR_RETURN(state, access::ParseApprovalState(it->second));
  }
  // Who lists: the officer (approval.decide) or a holder of an action that needs approval; each
  // sees the approvals they requested or may decide.
  const access::PermissionTable& table = authorizer_.table();
  ActionId checked = ActionId::kApprovalDecide;
  if (!AnyHolds(table, call.principal.roles, checked)) {
    for (const access::ActionInfo& info : access::AllActions()) {
      const bool approval = info.obligations.Has(access::Obligation::kRequireApproval);
      if (approval && AnyHolds(table, call.principal.roles, info.id)) {
        checked = info.id;
        break;
      }
    }
  }
  CV_RETURN_IF_ERROR(Authorize(call, checked, ApprovalResource(checked, ""),
                               access::Describe(checked).obligations));
  CV_ASSIGN_OR_RETURN(const std::vector<access::Approval> all, approvals_.List(*call.tx, state));
  nlohmann::json out = nlohmann::json::array();
  for (const access::Approval& a : all) {
    const std::optional<ActionId> action = access::FindAction(a.action);
    const bool mine = a.requested_by == call.actor.user_id;
    if (mine || (action && access::Approvals::MayDecide(call.actor, *action))) {
      out.push_back(ApprovalJson(a));
    }
  }
  return JsonResponse(200, {{"approvals", out}});
}

Result<HttpResponse> Api::ApproveApproval(Call& call) {
  CV_ASSIGN_OR_RETURN(const std::int64_t id, ApprovalId(call.params["id"]));
  CV_ASSIGN_OR_RETURN(const access::Approval found, approvals_.Get(*call.tx, id));
  CV_RETURN_IF_ERROR(AuthorizeDecision(call, found));
  CV_RETURN_IF_ERROR(approvals_.Approve(*call.tx, call.actor, id));
  call.audited = true;
  CV_ASSIGN_OR_RETURN(const access::Approval after, approvals_.Get(*call.tx, id));
  return JsonResponse(200, ApprovalJson(after));
}

Result<HttpResponse> Api::RejectApproval(Call& call) {
  CV_ASSIGN_OR_RETURN(const nlohmann::json body, JsonBody(call));
  CV_ASSIGN_OR_RETURN(const std::string reason,
                      RequiredString(body, "reason", access::kMaxApprovalReasonBytes));
  CV_ASSIGN_OR_RETURN(const std::int64_t id, ApprovalId(call.params["id"]));
  CV_ASSIGN_OR_RETURN(const access::Approval found, approvals_.Get(*call.tx, id));
  CV_RETURN_IF_ERROR(AuthorizeDecision(call, found));
  CV_RETURN_IF_ERROR(approvals_.Reject(*call.tx, call.actor, id, reason));
  call.audited = true;
  CV_ASSIGN_OR_RETURN(const access::Approval after, approvals_.Get(*call.tx, id));
  return JsonResponse(200, ApprovalJson(after));
}

}  // namespace cv::server
