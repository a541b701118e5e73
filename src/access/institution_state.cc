// Institution kinds, statuses and the lifecycle's step function, one small function per status.
#include "access/institution_state.h"

#include <array>
#include <optional>
#include <string>

namespace cv::access {
namespace {

using S = InstitutionStatus;
using Op = InstitutionOp;

// DO NOT CHANGE: stored.
constexpr std::array<std::string_view, 4> kKindNames = {"agency", "provider", "user",
                                                        "provider_user"};
constexpr std::array<std::string_view, 4> kStatusNames = {"pending", "active", "suspended",
                                                          "deregistered"};
constexpr std::array<std::string_view, 4> kOpNames = {"admit", "suspend", "reinstate",
                                                      "deregister"};

// JR/T 0117 9.1: a registered institution is reviewed, then admitted or turned away.
std::optional<S> FromPending(Op op) {
  if (op == Op::kAdmit) return S::kActive;
  if (op == Op::kDeregister) return S::kDeregistered;
  return std::nullopt;
}

// JR/T 0117 9.2, 9.3 c: an active institution may be suspended or leave.
std::optional<S> FromActive(Op op) {
  if (op == Op::kSuspend) return S::kSuspended;
  if (op == Op::kDeregister) return S::kDeregistered;
  return std::nullopt;
}

// JR/T 0117 7.2.3 b: reinstatement is approved by a second person (the caller's obligation).
std::optional<S> FromSuspended(Op op) {
  if (op == Op::kReinstate) return S::kActive;
  if (op == Op::kDeregister) return S::kDeregistered;
  return std::nullopt;
}

// Final: the history stays, nothing leaves.
std::optional<S> FromDeregistered(Op) { return std::nullopt; }

template <std::size_t N>
std::optional<std::size_t> IndexOf(const std::array<std::string_view, N>& names,
                                   std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return i;
  }
  return std::nullopt;
}

}  // namespace

std::string_view InstitutionKindName(InstitutionKind kind) {
  return kKindNames[static_cast<std::size_t>(kind)];
}

Result<InstitutionKind> ParseInstitutionKind(std::string_view name) {
  const std::optional<std::size_t> i = IndexOf(kKindNames, name);
  if (!i) return Fail(ErrorCode::kInvalidArgument, "unknown institution kind");
  return static_cast<InstitutionKind>(*i);
}

std::string_view InstitutionStatusName(InstitutionStatus status) {
  return kStatusNames[static_cast<std::size_t>(status)];
}

Result<InstitutionStatus> ParseInstitutionStatus(std::string_view name) {
  const std::optional<std::size_t> i = IndexOf(kStatusNames, name);
  if (!i) return Fail(ErrorCode::kInvalidArgument, "unknown institution status");
  return static_cast<InstitutionStatus>(*i);
}

std::string_view InstitutionOpName(InstitutionOp op) {
  return kOpNames[static_cast<std::size_t>(op)];
}

ActionId InstitutionOpAction(InstitutionOp op) {
  switch (op) {
    case Op::kAdmit:
      return ActionId::kInstitutionAdmit;
    case Op::kSuspend:
      return ActionId::kInstitutionSuspend;
    case Op::kReinstate:
      return ActionId::kInstitutionReinstate;
    case Op::kDeregister:
      return ActionId::kInstitutionDeregister;
  }
  return ActionId::kCount;
}

InstitutionStatus InstitutionOpTarget(InstitutionOp op) {
  switch (op) {
    case Op::kAdmit:
    case Op::kReinstate:
      return S::kActive;
    case Op::kSuspend:
      return S::kSuspended;
    case Op::kDeregister:
      return S::kDeregistered;
  }
  return S::kDeregistered;
}

Result<InstitutionStatus> NextInstitutionStatus(InstitutionStatus from, InstitutionOp op) {
  std::optional<S> to;
  switch (from) {
    case S::kPending:
      to = FromPending(op);
      break;
    case S::kActive:
      to = FromActive(op);
      break;
    case S::kSuspended:
      to = FromSuspended(op);
      break;
    case S::kDeregistered:
      to = FromDeregistered(op);
      break;
  }
  if (to) return *to;
  return Fail(ErrorCode::kFailedPrecondition,
              "cannot " + std::string(InstitutionOpName(op)) + " an institution that is " +
                  std::string(InstitutionStatusName(from)) + ": " +
                  std::string(InstitutionStatusName(from)) + " -> " +
                  std::string(InstitutionStatusName(InstitutionOpTarget(op))) +
                  " is not a transition");
}

}  // namespace cv::access
