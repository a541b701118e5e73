// Role names.
#include "access/role.h"

#include <array>
#include <string>

namespace cv::access {
namespace {

struct RoleInfo {
  Role role;
  std::string_view name;
  bool agency;
};

constexpr std::array<RoleInfo, 10> kRoles = {{
    {Role::kSecurityOfficer, "security_officer", true},
    {Role::kSecurityAdmin, "security_admin", true},
    {Role::kSystemAdmin, "system_admin", true},
    {Role::kAuditor, "auditor", true},
    {Role::kOperator, "operator", true},
    {Role::kDisputeHandler, "dispute_handler", true},
    {Role::kInstAdmin, "inst_admin", false},
    {Role::kReporter, "reporter", false},
    {Role::kQuerier, "querier", false},
    {Role::kDisputeUser, "dispute_user", false},
}};

constexpr std::array<Role, 10> kAll = {
    Role::kSecurityOfficer, Role::kSecurityAdmin,  Role::kSystemAdmin, Role::kAuditor,
    Role::kOperator,        Role::kDisputeHandler, Role::kInstAdmin,   Role::kReporter,
    Role::kQuerier,         Role::kDisputeUser};

const RoleInfo& Info(Role role) { return kRoles[static_cast<std::size_t>(role)]; }

}  // namespace

std::span<const Role> AllRoles() { return kAll; }

std::string_view RoleName(Role role) { return Info(role).name; }

Result<Role> ParseRole(std::string_view name) {
  for (const RoleInfo& info : kRoles) {
    if (info.name == name) return info.role;
  }
  return Fail(ErrorCode::kInvalidArgument, "unknown role '" + std::string(name) + "'");
}

bool IsAgencyRole(Role role) { return Info(role).agency; }

}  // namespace cv::access
