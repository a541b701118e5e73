// Separation of duties: the declared table of roles one person may never hold together, checked
// on every grant (ACC-1; Interim Measures Art.27; JR/T 0117 7.2.2 b-c, 8.3.4 b, 9.3 a).
//
// Thread-safety: immutable tables and pure functions.
// Invariant: a rule's groups are disjoint; a user may hold roles from at most one group of each
// rule.
#ifndef CV_ACCESS_SEPARATION_H_
#define CV_ACCESS_SEPARATION_H_

#include <span>
#include <string_view>

#include "access/role.h"
#include "access/role_set.h"
#include "common/result.h"

namespace cv::access {

// One rule: roles from two different groups never on one user.
struct SodRule {
  std::string_view id;    // "SOD-1". DO NOT CHANGE: quoted in errors, audit events and docs.
  std::string_view text;  // what the rule says, citing its clause
  std::span<const RoleSet> groups;
};

// Every rule, in id order.
std::span<const SodRule> SodRules();

// The first rule that `roles` breaks, or nullptr when the set is allowed.
const SodRule* FindConflict(RoleSet roles);

// Whether a user holding `current_roles` may also be given `new_role`. Refuses with
// kPermissionDenied and "SOD-n: <text>" naming the rule it breaks. Granting a role already held
// is accepted (no change).
[[nodiscard]] Status CheckGrant(std::span<const Role> current_roles, Role new_role);

}  // namespace cv::access

#endif  // CV_ACCESS_SEPARATION_H_
