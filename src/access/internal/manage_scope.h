// Who manages whom: the one permission table (PermissionTable::Defaults) applied to an actor and
// a target account or institution, shared by Accounts and Institutions (ACC-2; Interim Measures
// Art.28: administrators manage the users of their own institution).
//
// Thread-safety: pure functions over an immutable table.
#ifndef CV_ACCESS_INTERNAL_MANAGE_SCOPE_H_
#define CV_ACCESS_INTERNAL_MANAGE_SCOPE_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "access/actor.h"
#include "access/permission.h"

namespace cv::access::internal {

// True when some role of `by` holds `action` in the declared table.
bool Holds(const Actor& by, ActionId action);

// Empty when some role of `by` holds `action` and, for each of `roles`, a role of `by` that holds
// `action` has it in its grant scope; otherwise why not.
std::string ScopeRefusal(const Actor& by, ActionId action, std::span<const Role> roles);

// Empty when `by` may run `action` on the account `target_user` of `institution` whose roles are
// `roles` (ScopeRefusal over them); otherwise why not. Nobody manages their own account
// (AUTHZ-11) and an institution's administrator only its own institution's accounts.
std::string ManageRefusal(const Actor& by, ActionId action, std::int64_t target_user,
                          std::string_view institution, std::span<const Role> roles);

}  // namespace cv::access::internal

#endif  // CV_ACCESS_INTERNAL_MANAGE_SCOPE_H_
