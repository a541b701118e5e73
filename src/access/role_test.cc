// Role names round-trip and are classified as agency or institution roles.
#include "access/role.h"

#include <gtest/gtest.h>

namespace cv::access {
namespace {

TEST(RoleTest, NamesRoundTrip) {
  for (Role role : AllRoles()) {
    auto parsed = ParseRole(RoleName(role));
    ASSERT_TRUE(parsed) << RoleName(role);
    EXPECT_EQ(*parsed, role);
  }
  EXPECT_EQ(AllRoles().size(), 10u);
  EXPECT_FALSE(ParseRole("root"));
  EXPECT_FALSE(ParseRole(""));
}

TEST(RoleTest, AgencyAndInstitutionRoles) {
  EXPECT_TRUE(IsAgencyRole(Role::kSecurityOfficer));
  EXPECT_TRUE(IsAgencyRole(Role::kAuditor));
  EXPECT_FALSE(IsAgencyRole(Role::kInstAdmin));
  EXPECT_FALSE(IsAgencyRole(Role::kQuerier));
  EXPECT_EQ(RoleName(Role::kDisputeUser), "dispute_user");
}

}  // namespace
}  // namespace cv::access
