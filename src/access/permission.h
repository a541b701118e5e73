// Permissions: the action vocabulary of CreditVault (each action with its kind, a one-line
// description and the obligations that come with allowing it) and the one declared table of which
// role holds which action and which roles it may grant (ACC-1, ACC-2; JR/T 0117 8.3.4 b).
//
// Thread-safety: the vocabulary is immutable; PermissionTable is a value type (const use is safe
// from many threads, mutation is not).
// Invariants (PermissionTable::Validate):
//  1. No administrator role (kAdministratorRoles) holds a data action (ACC-1; Interim Measures
//  Art.28).
//  2. No institution role holds an agency-only action (institution, audit, platform) nor may grant
//     an agency role (ACC-1).
//  3. Every role holds the session actions (a user can always change a password and enrol TOTP).
#ifndef CV_ACCESS_PERMISSION_H_
#define CV_ACCESS_PERMISSION_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "access/role.h"
#include "access/role_set.h"
#include "common/result.h"

namespace cv::access {

// Every action a request can ask for. Order is not stored; names are.
enum class ActionId : std::uint8_t {
  kSessionChangePassword,   // session.change_password
  kSessionConfirmTotp,      // session.confirm_totp
  kCreditQuery,             // credit.query
  kCreditBulkQuery,         // credit.bulk_query
  kCreditReportMasked,      // credit.report_masked
  kCreditReportClearField,  // credit.report_clear_field
  kCreditExport,            // credit.export
  kConsentRecord,           // consent.record
  kConsentRead,             // consent.read
  kConsentRevoke,           // consent.revoke
  kBatchSubmit,             // batch.submit
  kBatchCorrect,            // batch.correct
  kBatchReadFeedback,       // batch.read_feedback
  kDisputeFile,             // dispute.file
  kDisputeRead,             // dispute.read
  kDisputeHandle,           // dispute.handle
  kDisputeCorrect,          // dispute.correct
  kMonitorReadAlerts,       // monitor.read_alerts
  kResearchReadAggregates,  // research.read_aggregates
  kGradingScan,             // grading.scan
  kUserCreate,              // user.create
  kUserDeactivate,          // user.deactivate
  kUserUnlock,              // user.unlock
  kUserResetPassword,       // user.reset_password
  kUserGrantRole,           // user.grant_role
  kUserRevokeRole,          // user.revoke_role
  kUserList,                // user.list
  kInstitutionCreate,       // institution.create
  kInstitutionAdmit,        // institution.admit
  kInstitutionSuspend,      // institution.suspend
  kInstitutionReinstate,    // institution.reinstate
  kInstitutionDeregister,   // institution.deregister
  kInstitutionSetKey,       // institution.set_key
  kInstitutionList,         // institution.list
  kAuditRead,               // audit.read
  kAuditVerify,             // audit.verify
  kAuditExportProof,        // audit.export_proof
  kKeysRotate,              // keys.rotate
  kKeysStatus,              // keys.status
  kConfigRead,              // config.read
  kConfigChange,            // config.change
  kSystemBackup,            // system.backup
  kSystemRestore,           // system.restore
  kApprovalDecide,          // approval.decide
  kCount
};
inline constexpr std::size_t kActionCount = static_cast<std::size_t>(ActionId::kCount);

// What an action touches; decides which roles may ever hold it.
enum class ActionKind : std::uint8_t {
  kSession,      // the user's own account only
  kData,         // personal credit data, consents, disputes (never for administrators)
  kAccount,      // users and roles
  kInstitution,  // connected institutions (agency only)
  kAudit,        // the audit log (agency only)
  kPlatform,     // keys, configuration, backups (agency only)
};

// What the caller must do when an action is allowed.
enum class Obligation : std::uint8_t {
  kMaskByGrade,      // mask every field by the policy's rule for its grade (QRY-6)
  kShowClear,        // the requested C1/C2 field may be shown in clear; audit the view (QRY-6)
  kRequireConsent,   // check a valid consent for (subject, institution, purpose) (JR/T 0299)
  kRequireApproval,  // a second person's recorded approval first (JR/T 0117 7.2.3 b)
  kCount
};

// A small set of obligations (a bit mask; no allocation).
class ObligationSet {
 public:
  constexpr ObligationSet() = default;
  constexpr ObligationSet(std::initializer_list<Obligation> obligations) {
    for (Obligation o : obligations) bits_ |= Bit(o);
  }
  constexpr bool Has(Obligation o) const { return (bits_ & Bit(o)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr void Add(Obligation o) { bits_ |= Bit(o); }
  constexpr void Remove(Obligation o) { bits_ &= static_cast<std::uint8_t>(~Bit(o)); }
  constexpr bool operator==(const ObligationSet&) const = default;

 private:
  static constexpr std::uint8_t Bit(Obligation o) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(o));
  }
  std::uint8_t bits_ = 0;
};

// A set of actions (a 64-bit mask).
class ActionSet {
 public:
  constexpr ActionSet() = default;
  constexpr ActionSet(std::initializer_list<ActionId> actions) {
    for (ActionId a : actions) Add(a);
  }
  constexpr void Add(ActionId a) { bits_ |= Bit(a); }
  constexpr void Remove(ActionId a) { bits_ &= ~Bit(a); }
  constexpr bool Has(ActionId a) const { return (bits_ & Bit(a)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr std::uint64_t bits() const { return bits_; }
  constexpr ActionSet operator|(ActionSet o) const { return FromBits(bits_ | o.bits_); }
  constexpr ActionSet operator&(ActionSet o) const { return FromBits(bits_ & o.bits_); }
  constexpr bool operator==(const ActionSet&) const = default;
  static constexpr ActionSet FromBits(std::uint64_t bits) {
    ActionSet set;
    set.bits_ = bits;
    return set;
  }

 private:
  static constexpr std::uint64_t Bit(ActionId a) {
    return std::uint64_t{1} << static_cast<unsigned>(a);
  }
  std::uint64_t bits_ = 0;
};
static_assert(kActionCount <= 64, "ActionSet is a 64-bit mask");

// One action of the vocabulary.
struct ActionInfo {
  ActionId id;
  std::string_view name;  // "credit.query". DO NOT CHANGE: stored in audit events and config.
  ActionKind kind;
  ObligationSet obligations;
  std::string_view description;  // one line, citing its clause
};

// Every action, in ActionId order.
std::span<const ActionInfo> AllActions();
const ActionInfo& Describe(ActionId action);
std::string_view ActionName(ActionId action);
// The id of `name`, or nullopt for an unknown name: one hash and one compare, no allocation.
std::optional<ActionId> FindAction(std::string_view name);
// "session" | "data" | "account" | "institution" | "audit" | "platform".
std::string_view ActionKindName(ActionKind kind);
// Every action of `kind`.
ActionSet ActionsOfKind(ActionKind kind);
// "mask_by_grade" | "show_clear" | "require_consent" | "require_approval".
std::string_view ObligationName(Obligation obligation);

// Which role holds which action, and which roles a role may create or grant (Interim Measures
// Art.28: administrators create the users of their own institution).
class PermissionTable {
 public:
  // The declared table (permission.cc, kRoleTable), readable by a person; see docs/access.md.
  static PermissionTable Defaults();

  void Grant(Role role, ActionId action) { actions_[Index(role)].Add(action); }
  void Revoke(Role role, ActionId action) { actions_[Index(role)].Remove(action); }
  void AllowToGrant(Role granter, Role target) { grant_scope_[Index(granter)].Add(target); }

  ActionSet Actions(Role role) const { return actions_[Index(role)]; }
  bool Holds(Role role, ActionId action) const { return Actions(role).Has(action); }
  // The roles `role` may give to a user through user.create, user.grant_role, user.revoke_role.
  RoleSet GrantScope(Role role) const { return grant_scope_[Index(role)]; }

  // Checks invariants 1-3 above; kFailedPrecondition naming the role and action that break one.
  [[nodiscard]] Status Validate() const;

 private:
  static std::size_t Index(Role role) { return static_cast<std::size_t>(role); }
  std::array<ActionSet, kRoleCount> actions_{};
  std::array<RoleSet, kRoleCount> grant_scope_{};
};

}  // namespace cv::access

#endif  // CV_ACCESS_PERMISSION_H_
