// Role: what a user may be granted — the agency's roles and an institution's roles (ACC-1;
// Interim Measures Art.27–28). Names are stored and shown; DO NOT CHANGE them.
//
// Thread-safety: plain values and pure functions.
#ifndef CV_ACCESS_ROLE_H_
#define CV_ACCESS_ROLE_H_

#include <cstdint>
#include <span>
#include <string_view>

#include "common/result.h"

namespace cv::access {

enum class Role : std::uint8_t {
  // The credit reporting agency's own staff.
  kSecurityOfficer,  // "security_officer": creates agency accounts and institutions' first admin
  kSecurityAdmin,    // "security_admin": manages agency and institution accounts
  kSystemAdmin,      // "system_admin": operates the platform (keys, configuration); no data
  kAuditor,          // "auditor": reads the audit log
  kOperator,         // "operator": runs the agency's credit operations
  kDisputeHandler,   // "dispute_handler": handles objections
  // A connected institution's staff.
  kInstAdmin,    // "inst_admin": manages its own institution's users; no data
  kReporter,     // "reporter": submits data batches
  kQuerier,      // "querier": queries credit reports
  kDisputeUser,  // "dispute_user": files and follows objections
};

// Every role, in declaration order.
std::span<const Role> AllRoles();

// "security_officer", ...
std::string_view RoleName(Role role);
// kInvalidArgument for an unknown name.
Result<Role> ParseRole(std::string_view name);

// True for the agency's roles, false for an institution's.
bool IsAgencyRole(Role role);

}  // namespace cv::access

#endif  // CV_ACCESS_ROLE_H_
