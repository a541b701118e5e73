// RoleSet: a set of Roles as a 16-bit mask, so that separation-of-duties and permission checks are
// a few bit operations (ACC-1, ACC-2).
//
// Thread-safety: a plain value type.
#ifndef CV_ACCESS_ROLE_SET_H_
#define CV_ACCESS_ROLE_SET_H_

#include <cstdint>
#include <initializer_list>
#include <span>

#include "access/role.h"

namespace cv::access {

// Number of roles in the Role enum; role.cc's table has exactly this many rows.
inline constexpr std::size_t kRoleCount = 10;

class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role role : roles) Add(role);
  }
  static constexpr RoleSet FromBits(std::uint16_t bits) {
    RoleSet set;
    set.bits_ = bits;
    return set;
  }
  static constexpr RoleSet Of(std::span<const Role> roles) {
    RoleSet set;
    for (Role role : roles) set.Add(role);
    return set;
  }

  constexpr void Add(Role role) { bits_ |= Bit(role); }
  constexpr bool Has(Role role) const { return (bits_ & Bit(role)) != 0; }
  constexpr bool Intersects(RoleSet other) const { return (bits_ & other.bits_) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr std::uint16_t bits() const { return bits_; }
  constexpr RoleSet operator|(RoleSet other) const { return FromBits(bits_ | other.bits_); }
  constexpr bool operator==(const RoleSet&) const = default;

 private:
  static constexpr std::uint16_t Bit(Role role) {
    return static_cast<std::uint16_t>(1u << static_cast<unsigned>(role));
  }
  std::uint16_t bits_ = 0;
};

// The agency's roles and an institution's roles (role.h IsAgencyRole, as sets).
inline constexpr RoleSet kAgencyRoles = {Role::kSecurityOfficer, Role::kSecurityAdmin,
                                         Role::kSystemAdmin,     Role::kAuditor,
                                         Role::kOperator,        Role::kDisputeHandler};
inline constexpr RoleSet kInstitutionRoles = {Role::kInstAdmin, Role::kReporter, Role::kQuerier,
                                              Role::kDisputeUser};

// Administrators manage accounts or the platform and never hold a data permission
// (ACC-1; Interim Measures Art.28: "administrator users shall not directly query").
inline constexpr RoleSet kAdministratorRoles = {Role::kSecurityOfficer, Role::kSecurityAdmin,
                                                Role::kSystemAdmin, Role::kInstAdmin};

}  // namespace cv::access

#endif  // CV_ACCESS_ROLE_SET_H_
