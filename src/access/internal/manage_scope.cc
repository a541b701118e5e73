// Who manages whom, decided by the declared permission table.
#include "access/internal/manage_scope.h"

#include <algorithm>

namespace cv::access::internal {
namespace {

const PermissionTable& Table() {
  static const PermissionTable table = PermissionTable::Defaults();
  return table;
}

}  // namespace

bool Holds(const Actor& by, ActionId action) {
  return std::any_of(by.roles.begin(), by.roles.end(),
                     [&](Role r) { return Table().Holds(r, action); });
}

std::string ScopeRefusal(const Actor& by, ActionId action, std::span<const Role> roles) {
  if (!Holds(by, action)) return "no role of the actor holds " + std::string(ActionName(action));
  for (Role target : roles) {
    const bool in_scope = std::any_of(by.roles.begin(), by.roles.end(), [&](Role r) {
      return Table().Holds(r, action) && Table().GrantScope(r).Has(target);
    });
    if (!in_scope) {
      return "no role of the actor may " + std::string(ActionName(action)) + " for " +
             std::string(RoleName(target));
    }
  }
  return "";
}

std::string ManageRefusal(const Actor& by, ActionId action, std::int64_t target_user,
                          std::string_view institution, std::span<const Role> roles) {
  if (target_user != 0 && target_user == by.user_id) {
    return "nobody manages their own account (AUTHZ-11)";
  }
  std::string refusal = ScopeRefusal(by, action, roles);
  if (!refusal.empty()) return refusal;
  const bool agency = std::any_of(by.roles.begin(), by.roles.end(), IsAgencyRole);
  if (!agency && institution != by.institution) {
    return "an inst_admin manages only its own institution";
  }
  return "";
}

}  // namespace cv::access::internal
