// The action vocabulary, its name index, and the declared role -> permission table.
#include "access/permission.h"

#include <string>

namespace cv::access {
namespace {

using A = ActionId;
using K = ActionKind;
using O = Obligation;

// Masked display and consent come with every read of a subject's credit data (QRY-1, QRY-6).
constexpr ObligationSet kQueryObligations = {O::kRequireConsent, O::kMaskByGrade};
constexpr ObligationSet kMasked = {O::kMaskByGrade};
constexpr ObligationSet kApproval = {O::kRequireApproval};

// The vocabulary, in ActionId order (checked below). Names: DO NOT CHANGE (stored).
constexpr std::array<ActionInfo, kActionCount> kActions = {{
    {A::kSessionChangePassword,
     "session.change_password",
     K::kSession,
     {},
     "Change one's own password (ACC-3; JR/T 0117 7.5.9)"},
    {A::kSessionConfirmTotp,
     "session.confirm_totp",
     K::kSession,
     {},
     "Enrol or confirm one's own TOTP second factor (ACC-5; JR/T 0117 8.3.4 a)"},
    {A::kCreditQuery, "credit.query", K::kData, kQueryObligations,
     "Query one subject's credit report for a declared reason (QRY-1; Interim Measures Art.31)"},
    {A::kCreditBulkQuery, "credit.bulk_query", K::kData, kQueryObligations,
     "Submit a bulk query request file, each subject with its consent (QRY-5; JR/T 0117 9.7 b)"},
    {A::kCreditReportMasked, "credit.report_masked", K::kData, kMasked,
     "Read a credit report with every field masked by its grade (QRY-6)"},
    {A::kCreditReportClearField,
     "credit.report_clear_field",
     K::kData,
     {O::kShowClear},
     "Show one C1/C2 field of a report in clear, audited; C3 never (QRY-6; JR/T 0171-2020)"},
    {A::kCreditExport,
     "credit.export",
     K::kData,
     {O::kRequireApproval, O::kMaskByGrade},
     "Export personal data under an approved export grant (LIF-4; JR/T 0117 9.9)"},
    {A::kConsentRecord,
     "consent.record",
     K::kData,
     {},
     "Record a subject's electronic authorization for queries (QRY-3; JR/T 0299)"},
    {A::kConsentRead, "consent.read", K::kData, kMasked,
     "Read the electronic authorizations held by one's institution (QRY-3)"},
    {A::kConsentRevoke,
     "consent.revoke",
     K::kData,
     {},
     "Record that a subject withdrew an authorization (QRY-3)"},
    {A::kBatchSubmit,
     "batch.submit",
     K::kData,
     {},
     "Submit a data batch for ingest (JR/T 0117 9.4.1)"},
    {A::kBatchCorrect,
     "batch.correct",
     K::kData,
     {},
     "Submit corrections to reported records, stored as new versions (DSP-2; JR/T 0117 9.5 a)"},
    {A::kBatchReadFeedback, "batch.read_feedback", K::kData, kMasked,
     "Read the per-record feedback of a submitted batch (JR/T 0117 9.4.1)"},
    {A::kDisputeFile,
     "dispute.file",
     K::kData,
     {},
     "File an objection on a subject's record (DSP-1; JR/T 0117 9.8)"},
    {A::kDisputeRead, "dispute.read", K::kData, kMasked,
     "Read an objection case, its annotations and statements (DSP-1)"},
    {A::kDisputeHandle, "dispute.handle", K::kData, kMasked,
     "Investigate, annotate and decide an objection case (DSP-1; JR/T 0117 9.8)"},
    {A::kDisputeCorrect,
     "dispute.correct",
     K::kData,
     {},
     "Apply a correction decided in a case as a new version (DSP-2)"},
    {A::kMonitorReadAlerts, "monitor.read_alerts", K::kData, kMasked,
     "Read abnormal-query alerts (MON-1; JR/T 0117 9.3 c)"},
    {A::kResearchReadAggregates,
     "research.read_aggregates",
     K::kData,
     {},
     "Read de-identified research aggregates, small groups suppressed (LIF-2; JR/T 0117 9.10)"},
    {A::kGradingScan, "grading.scan", K::kData, kMasked,
     "Grade an uploaded dataset by JR/T 0171 / JR/T 0197; samples masked (GRD-1..4)"},
    {A::kUserCreate,
     "user.create",
     K::kAccount,
     {},
     "Create a user with a role in the creator's grant scope (Interim Measures Art.28)"},
    {A::kUserDeactivate,
     "user.deactivate",
     K::kAccount,
     {},
     "Deactivate a user at once; users are never deleted (ACC-7; Interim Measures Art.28)"},
    {A::kUserUnlock,
     "user.unlock",
     K::kAccount,
     {},
     "Unlock a user locked after failed logins (ACC-4)"},
    {A::kUserResetPassword,
     "user.reset_password",
     K::kAccount,
     {},
     "Reset a user's password; a change is forced at the next login (ACC-3)"},
    {A::kUserGrantRole,
     "user.grant_role",
     K::kAccount,
     {},
     "Grant a role in the granter's scope, checked for separation of duties (ACC-1)"},
    {A::kUserRevokeRole,
     "user.revoke_role",
     K::kAccount,
     {},
     "Revoke a role in the granter's scope (ACC-1)"},
    {A::kUserList,
     "user.list",
     K::kAccount,
     {},
     "List users, their roles and status; no credit data (JR/T 0117 9.3 d)"},
    {A::kInstitutionCreate,
     "institution.create",
     K::kInstitution,
     {},
     "Register a connected institution and its first administrator (JR/T 0117 9.1)"},
    {A::kInstitutionAdmit,
     "institution.admit",
     K::kInstitution,
     {},
     "Admit a registered institution after its review, activating its access (JR/T 0117 9.1)"},
    {A::kInstitutionSuspend,
     "institution.suspend",
     K::kInstitution,
     {},
     "Suspend an institution's access (JR/T 0117 9.2, 9.3 c)"},
    {A::kInstitutionReinstate, "institution.reinstate", K::kInstitution, kApproval,
     "Lift an institution's suspension (JR/T 0117 7.2.3 b)"},
    {A::kInstitutionDeregister, "institution.deregister", K::kInstitution, kApproval,
     "Deregister an institution for good; its users are deactivated (JR/T 0117 9.1, 9.2)"},
    {A::kInstitutionSetKey, "institution.set_key", K::kInstitution, kApproval,
     "Replace the public key an institution signs its data batches with (JR/T 0117 9.4.1)"},
    {A::kInstitutionList,
     "institution.list",
     K::kInstitution,
     {},
     "List institutions, their kind, status and key; no credit data (JR/T 0117 9.3 d)"},
    {A::kAuditRead,
     "audit.read",
     K::kAudit,
     {},
     "Read and search the audit log (AUD-5; JR/T 0117 8.3.4 c)"},
    {A::kAuditVerify,
     "audit.verify",
     K::kAudit,
     {},
     "Verify the audit log's Merkle tree and signed checkpoints (AUD-2)"},
    {A::kAuditExportProof,
     "audit.export_proof",
     K::kAudit,
     {},
     "Export inclusion and consistency proofs of audit records (AUD-2, QRY-7)"},
    {A::kKeysRotate, "keys.rotate", K::kPlatform, kApproval,
     "Rotate key-encryption keys and rewrap data keys (CRY-4)"},
    {A::kKeysStatus,
     "keys.status",
     K::kPlatform,
     {},
     "Show key versions and custody status, never key material (CRY-3)"},
    {A::kConfigRead,
     "config.read",
     K::kPlatform,
     {},
     "Read the running configuration, never secrets"},
    {A::kConfigChange, "config.change", K::kPlatform, kApproval,
     "Change the configuration; stricter than the standards only (JR/T 0117 7.5.10)"},
    {A::kSystemBackup,
     "system.backup",
     K::kPlatform,
     {},
     "Take an encrypted, integrity-checked backup (LIF-3; JR/T 0117 8.3.5)"},
    {A::kSystemRestore, "system.restore", K::kPlatform, kApproval,
     "Restore from a backup (LIF-3; JR/T 0117 7.5.11)"},
    {A::kApprovalDecide,
     "approval.decide",
     K::kPlatform,
     {},
     "Approve or reject another person's request for any non-data action needing approval "
     "(JR/T 0117 7.2.3 b)"},
}};

constexpr bool InIdOrder() {
  for (std::size_t i = 0; i < kActions.size(); ++i) {
    if (static_cast<std::size_t>(kActions[i].id) != i) return false;
  }
  return true;
}
static_assert(InIdOrder(), "kActions must list every ActionId in order");

// Name index: FNV-1a into an open-addressed table built at compile time.
constexpr std::size_t kSlots = 128;
constexpr std::uint8_t kEmpty = 0xff;
static_assert(kActionCount * 2 <= kSlots, "keep the index at most half full");

constexpr std::uint32_t Fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

constexpr std::array<std::uint8_t, kSlots> BuildIndex() {
  std::array<std::uint8_t, kSlots> index{};
  index.fill(kEmpty);
  for (std::size_t i = 0; i < kActions.size(); ++i) {
    std::size_t slot = Fnv1a(kActions[i].name) % kSlots;
    while (index[slot] != kEmpty) slot = (slot + 1) % kSlots;
    index[slot] = static_cast<std::uint8_t>(i);
  }
  return index;
}
constexpr std::array<std::uint8_t, kSlots> kIndex = BuildIndex();

constexpr ActionSet kSessionActions = {A::kSessionChangePassword, A::kSessionConfirmTotp};

// One row of the declared table: a role, what it holds, and which roles it may give.
struct RoleRow {
  Role role;
  ActionSet actions;
  RoleSet may_grant;
};

// THE ROLE TABLE (ACC-2: least privilege; JR/T 0117 8.3.4 b). Every role also holds the session
// actions. Administrators hold no data action (ACC-1; Interim Measures Art.28).
const std::array<RoleRow, kRoleCount> kRoleTable = {{
    // Creates agency accounts and each institution's first administrator; registers, admits and
    // deregisters institutions and holds their batch-signing keys; oversees the audit log; decides
    // the second-person approvals of security and system administrators (JR/T 0117 7.2.3 b).
    {Role::kSecurityOfficer,
     {A::kUserCreate, A::kUserList, A::kInstitutionCreate, A::kInstitutionAdmit,
      A::kInstitutionDeregister, A::kInstitutionSetKey, A::kInstitutionList, A::kAuditVerify,
      A::kApprovalDecide},
     {Role::kSecurityAdmin, Role::kSystemAdmin, Role::kAuditor, Role::kOperator,
      Role::kDisputeHandler, Role::kInstAdmin}},
    // Manages agency and institution accounts; never creates officers, its peers or auditors.
    // Suspends and reinstates institutions (JR/T 0117 9.2, 9.3 c).
    {Role::kSecurityAdmin,
     {A::kUserCreate, A::kUserDeactivate, A::kUserUnlock, A::kUserResetPassword, A::kUserGrantRole,
      A::kUserRevokeRole, A::kUserList, A::kInstitutionSuspend, A::kInstitutionReinstate,
      A::kInstitutionList},
     {Role::kSystemAdmin, Role::kOperator, Role::kDisputeHandler, Role::kInstAdmin, Role::kReporter,
      Role::kQuerier, Role::kDisputeUser}},
    // Operates the platform: keys, configuration, backups. No data, no accounts.
    {Role::kSystemAdmin,
     {A::kKeysRotate, A::kKeysStatus, A::kConfigRead, A::kConfigChange, A::kSystemBackup,
      A::kSystemRestore},
     {}},
    // Reads and verifies the audit log; reviews users, institutions,
    // configuration and keys (JR/T 0117 9.3 d).
    {Role::kAuditor,
     {A::kAuditRead, A::kAuditVerify, A::kAuditExportProof, A::kUserList, A::kInstitutionList,
      A::kConfigRead, A::kKeysStatus},
     {}},
    // Runs the agency's credit operations.
    {Role::kOperator,
     {A::kCreditReportMasked, A::kCreditExport, A::kBatchReadFeedback, A::kMonitorReadAlerts,
      A::kResearchReadAggregates, A::kGradingScan},
     {}},
    // Handles objections.
    {Role::kDisputeHandler,
     {A::kDisputeRead, A::kDisputeHandle, A::kDisputeCorrect, A::kCreditReportMasked},
     {}},
    // Manages the users of its own institution only, never other admins (Interim Measures Art.28).
    {Role::kInstAdmin,
     {A::kUserCreate, A::kUserDeactivate, A::kUserUnlock, A::kUserResetPassword, A::kUserGrantRole,
      A::kUserRevokeRole, A::kUserList},
     {Role::kReporter, Role::kQuerier, Role::kDisputeUser}},
    // Submits data (Interim Measures Art.27).
    // Grades an export before reporting it (JR/T 0197).
    {Role::kReporter, {A::kBatchSubmit, A::kBatchCorrect, A::kBatchReadFeedback, A::kGradingScan},
     {}},
    // Queries (Interim Measures Art.27, Art.31).
    {Role::kQuerier,
     {A::kCreditQuery, A::kCreditBulkQuery, A::kCreditReportMasked, A::kCreditReportClearField,
      A::kConsentRecord, A::kConsentRead, A::kConsentRevoke},
     {}},
    // Files and follows objections (JR/T 0117 9.3 b).
    {Role::kDisputeUser, {A::kDisputeFile, A::kDisputeRead}, {}},
}};

Status Violation(Role role, std::string_view what, std::string_view name) {
  return Fail(ErrorCode::kFailedPrecondition, "role table: " + std::string(RoleName(role)) + " " +
                                                  std::string(what) + " " + std::string(name));
}

// Invariant 1 and 2 for one role's actions.
Status CheckActions(Role role, ActionSet actions) {
  for (const ActionInfo& info : kActions) {
    if (!actions.Has(info.id)) continue;
    bool data = info.kind == K::kData;
    if (data && kAdministratorRoles.Has(role)) {
      return Violation(role, "is an administrator and may not hold data action", info.name);
    }
    bool agency_only =
        info.kind == K::kInstitution || info.kind == K::kAudit || info.kind == K::kPlatform;
    if (agency_only && !IsAgencyRole(role)) {
      return Violation(role, "is an institution role and may not hold", info.name);
    }
  }
  if ((actions & kSessionActions) != kSessionActions) {
    return Violation(role, "lacks a session action, e.g.", "session.change_password");
  }
  return Ok();
}

}  // namespace

std::span<const ActionInfo> AllActions() { return kActions; }

const ActionInfo& Describe(ActionId action) { return kActions[static_cast<std::size_t>(action)]; }

std::string_view ActionName(ActionId action) { return Describe(action).name; }

std::optional<ActionId> FindAction(std::string_view name) {
  for (std::size_t slot = Fnv1a(name) % kSlots; kIndex[slot] != kEmpty;
       slot = (slot + 1) % kSlots) {
    const ActionInfo& info = kActions[kIndex[slot]];
    if (info.name == name) return info.id;
  }
  return std::nullopt;
}

std::string_view ActionKindName(ActionKind kind) {
  constexpr std::array<std::string_view, 6> kNames = {"session",     "data",  "account",
                                                      "institution", "audit", "platform"};
  return kNames[static_cast<std::size_t>(kind)];
}

ActionSet ActionsOfKind(ActionKind kind) {
  ActionSet set;
  for (const ActionInfo& info : kActions) {
    if (info.kind == kind) set.Add(info.id);
  }
  return set;
}

std::string_view ObligationName(Obligation obligation) {
  constexpr std::array<std::string_view, 4> kNames = {"mask_by_grade", "show_clear",
                                                      "require_consent", "require_approval"};
  return kNames[static_cast<std::size_t>(obligation)];
}

PermissionTable PermissionTable::Defaults() {
  PermissionTable table;
  for (const RoleRow& row : kRoleTable) {
    table.actions_[Index(row.role)] = row.actions | kSessionActions;
    table.grant_scope_[Index(row.role)] = row.may_grant;
  }
  return table;
}

Status PermissionTable::Validate() const {
  for (Role role : AllRoles()) {
    CV_RETURN_IF_ERROR(CheckActions(role, Actions(role)));
    if (!IsAgencyRole(role) && GrantScope(role).Intersects(kAgencyRoles)) {
      return Violation(role, "is an institution role and may not grant", "an agency role");
    }
  }
  return Ok();
}

}  // namespace cv::access
