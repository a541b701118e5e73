// The lifecycle of a connected institution as a state machine: its kind, its status and the one
// step function that says where an operation leads from each status (JR/T 0117 9.1 admission,
// 9.2 suspension and exit; issue #5).
//
//   Register --> pending --Admit--> active --Suspend--> suspended
//                   |                 ^  |                 |
//                   |                 |  +---Reinstate-----+
//                   |                 |                    |
//                   +--Deregister--> deregistered <--Deregister (from active and suspended)
//
// deregistered is final: nothing leaves it.
//
// Thread-safety: plain values and pure functions.
#ifndef CV_ACCESS_INSTITUTION_STATE_H_
#define CV_ACCESS_INSTITUTION_STATE_H_

#include <cstdint>
#include <string_view>

#include "access/permission.h"
#include "common/result.h"

namespace cv::access {

// What an institution is to the platform. Names DO NOT CHANGE: stored (institutions.kind).
enum class InstitutionKind : std::uint8_t {
  kAgency,        // "agency": the credit reporting agency itself (created at bootstrap only)
  kProvider,      // "provider": reports data
  kUser,          // "user": queries
  kProviderUser,  // "provider_user": both
};

// Names DO NOT CHANGE: stored (institutions.status).
enum class InstitutionStatus : std::uint8_t {
  kPending,       // "pending": registered, not yet admitted; its users cannot log in
  kActive,        // "active"
  kSuspended,     // "suspended": no logins, every session ended
  kDeregistered,  // "deregistered": final; every user deactivated
};

// The operations that move an institution between statuses.
enum class InstitutionOp : std::uint8_t { kAdmit, kSuspend, kReinstate, kDeregister };

std::string_view InstitutionKindName(InstitutionKind kind);
// kInvalidArgument for an unknown name.
Result<InstitutionKind> ParseInstitutionKind(std::string_view name);
std::string_view InstitutionStatusName(InstitutionStatus status);
// kInvalidArgument for an unknown name.
Result<InstitutionStatus> ParseInstitutionStatus(std::string_view name);

// "admit" | "suspend" | "reinstate" | "deregister".
std::string_view InstitutionOpName(InstitutionOp op);
// The permission an operation needs: institution.admit, .suspend, .reinstate, .deregister.
ActionId InstitutionOpAction(InstitutionOp op);
// The status an operation aims at (admit -> active, suspend -> suspended, ...).
InstitutionStatus InstitutionOpTarget(InstitutionOp op);

// The status `op` leads to from `from`; kFailedPrecondition naming from -> to when the diagram
// has no such edge.
[[nodiscard]] Result<InstitutionStatus> NextInstitutionStatus(InstitutionStatus from,
                                                              InstitutionOp op);

}  // namespace cv::access

#endif  // CV_ACCESS_INSTITUTION_STATE_H_
