// The separation-of-duties table and the grant check.
#include "access/separation.h"

#include <array>
#include <string>

namespace cv::access {
namespace {

using R = Role;

constexpr RoleSet kOtherThanOfficer = {R::kSecurityAdmin, R::kSystemAdmin, R::kAuditor,
                                       R::kOperator, R::kDisputeHandler};
constexpr RoleSet kOtherThanAuditor = {R::kSecurityOfficer, R::kSecurityAdmin, R::kSystemAdmin,
                                       R::kOperator, R::kDisputeHandler};

// Groups of each rule. A singleton group per role makes a rule pairwise.
constexpr std::array<RoleSet, 3> kInstitutionDuties = {
    {{R::kInstAdmin}, {R::kReporter}, {R::kQuerier}}};
constexpr std::array<RoleSet, 2> kOfficerAlone = {{{R::kSecurityOfficer}, kOtherThanOfficer}};
constexpr std::array<RoleSet, 2> kSecurityVsSystem = {{{R::kSecurityAdmin}, {R::kSystemAdmin}}};
constexpr std::array<RoleSet, 2> kAuditorAlone = {{{R::kAuditor}, kOtherThanAuditor}};
constexpr std::array<RoleSet, 2> kAdminVsBusiness = {
    {{R::kSecurityAdmin, R::kSystemAdmin}, {R::kOperator, R::kDisputeHandler}}};
constexpr std::array<RoleSet, 2> kOperatorVsDispute = {{{R::kOperator}, {R::kDisputeHandler}}};
constexpr std::array<RoleSet, 2> kInstAdminVsDispute = {{{R::kInstAdmin}, {R::kDisputeUser}}};
constexpr std::array<RoleSet, 2> kAgencyVsInstitution = {{kAgencyRoles, kInstitutionRoles}};

// THE SEPARATION-OF-DUTIES TABLE.
constexpr std::array<SodRule, 8> kRules = {{
    {"SOD-1",
     "an institution's administrator, data-reporting and query users are never one person "
     "(Interim Measures Art.27; JR/T 0117 9.3 b; ACC-1)",
     kInstitutionDuties},
    {"SOD-2", "the security officer holds no other agency role (JR/T 0117 7.2.2 b; ACC-1)",
     kOfficerAlone},
    {"SOD-3", "the security administrator is not a system administrator (JR/T 0117 7.2.2 c; ACC-1)",
     kSecurityVsSystem},
    {"SOD-4",
     "the auditor is independent of every other agency role, so no one audits their own work "
     "(JR/T 0117 8.3.4 b: mutual restraint)",
     kAuditorAlone},
    {"SOD-5",
     "agency administrators never hold a business role that reads credit data (ACC-1; Interim "
     "Measures Art.28)",
     kAdminVsBusiness},
    {"SOD-6",
     "objections are decided by someone other than the operators who process and export the "
     "data (JR/T 0117 9.8, 8.3.4 b)",
     kOperatorVsDispute},
    {"SOD-7",
     "an institution's administrator never holds the dispute role, which reads credit data "
     "(ACC-1; Interim Measures Art.28)",
     kInstAdminVsDispute},
    {"SOD-8",
     "agency roles and institution roles are never held by one user (ACC-1; JR/T 0117 9.3 a-b)",
     kAgencyVsInstitution},
}};

// True when `roles` touches two or more groups of `rule`.
bool Breaks(const SodRule& rule, RoleSet roles) {
  int touched = 0;
  for (RoleSet group : rule.groups) {
    if (group.Intersects(roles)) ++touched;
  }
  return touched > 1;
}

}  // namespace

std::span<const SodRule> SodRules() { return kRules; }

const SodRule* FindConflict(RoleSet roles) {
  for (const SodRule& rule : kRules) {
    if (Breaks(rule, roles)) return &rule;
  }
  return nullptr;
}

Status CheckGrant(std::span<const Role> current_roles, Role new_role) {
  RoleSet current = RoleSet::Of(current_roles);
  if (current.Has(new_role)) return Ok();
  RoleSet after = current;
  after.Add(new_role);
  const SodRule* rule = FindConflict(after);
  if (rule == nullptr) return Ok();
  return Fail(ErrorCode::kPermissionDenied, std::string(rule->id) + ": " + std::string(rule->text) +
                                                " (granting " + std::string(RoleName(new_role)) +
                                                ")");
}

}  // namespace cv::access
