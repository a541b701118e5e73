// The Authorizer's precomputed state, shared by authorize.cc and authorize_shadow.cc.
//
// Thread-safety: immutable after Authorizer::Create except the shadow counters (atomic).
#ifndef CV_ACCESS_INTERNAL_AUTHORIZER_STATE_H_
#define CV_ACCESS_INTERNAL_AUTHORIZER_STATE_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "access/authorize.h"
#include "access/permission.h"
#include "access/role_set.h"

namespace cv::access {

// What a principal holding exactly one set of roles may do, computed once per possible set.
struct RoleSetRow {
  ActionSet actions;    // union of the roles' table rows
  RoleSet grant_scope;  // union of the roles' grant scopes
  bool allowed = true;  // the set breaks no separation-of-duties rule (ACC-1)
};
inline constexpr std::size_t kRoleSetCount = std::size_t{1} << kRoleCount;

// A shadow rule with its names resolved.
struct CompiledShadow {
  ShadowRule rule;
  ActionSet actions;  // all actions when the rule names none
  RoleSet roles;      // empty: any principal
};

struct ShadowCounter {
  std::atomic<std::uint64_t> matched{0};
  std::atomic<std::uint64_t> would_change{0};
};

struct AuthorizerState {
  PermissionTable table;
  AuthorizerOptions options;
  std::array<RoleSetRow, kRoleSetCount> by_role_set;  // indexed by RoleSet::bits()
  std::vector<CompiledShadow> shadow;
  std::unique_ptr<ShadowCounter[]> counters;  // one per shadow rule

  const RoleSetRow& Row(RoleSet roles) const { return by_role_set[roles.bits()]; }
};

// Resolves the shadow rules' names; kInvalidArgument for an empty or repeated id or an unknown
// action.
Result<std::vector<CompiledShadow>> CompileShadowRules(std::vector<ShadowRule> rules);

}  // namespace cv::access

#endif  // CV_ACCESS_INTERNAL_AUTHORIZER_STATE_H_
