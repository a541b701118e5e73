// The permission matrix lists every role, action, description and rule (ACC-2; JR/T 0117 9.3 d).
#include "access/matrix.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "access/authorize.h"
#include "access/separation.h"

namespace cv::access {
namespace {

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(MatrixTest, TextNamesEveryRoleActionAndRule) {
  std::string text = PermissionMatrixText();
  for (Role role : AllRoles()) EXPECT_TRUE(Contains(text, RoleName(role))) << RoleName(role);
  for (const ActionInfo& info : AllActions()) {
    EXPECT_TRUE(Contains(text, info.name)) << info.name;
    EXPECT_TRUE(Contains(text, info.description)) << info.name;
  }
  for (const SodRule& rule : SodRules()) EXPECT_TRUE(Contains(text, rule.text)) << rule.id;
  for (const AuthzRuleInfo& rule : AuthzRules()) EXPECT_TRUE(Contains(text, rule.reason));
}

// The row of credit.query marks the querier (column QU, the 9th) and nobody else.
TEST(MatrixTest, TextMarksTheHoldersOfAnAction) {
  std::istringstream lines(PermissionMatrixText());
  std::string line;
  while (std::getline(lines, line) && !line.starts_with("credit.query ")) {
  }
  ASSERT_TRUE(line.starts_with("credit.query ")) << "no credit.query row";
  std::istringstream cells(line);
  std::string name, cell, marks;
  cells >> name;
  for (std::size_t i = 0; i < kRoleCount && cells >> cell; ++i) marks += cell;
  EXPECT_EQ(marks, "........x.");
}

// The lifecycle actions of issue #5 appear with their holders: SO for admit and deregister.
TEST(MatrixTest, TextMarksTheInstitutionLifecycleHolders) {
  std::istringstream lines(PermissionMatrixText());
  std::string line;
  std::map<std::string, std::string> marks;
  while (std::getline(lines, line)) {
    if (!line.starts_with("institution.")) continue;
    std::istringstream cells(line);
    std::string name, cell;
    cells >> name;
    for (std::size_t i = 0; i < kRoleCount && cells >> cell; ++i) marks[name] += cell;
  }
  EXPECT_EQ(marks["institution.admit"], "x.........");
  EXPECT_EQ(marks["institution.deregister"], "x.........");
  EXPECT_EQ(marks["institution.suspend"], ".x........");
  EXPECT_EQ(marks["institution.reinstate"], ".x........");
  EXPECT_EQ(marks["institution.list"], "xx.x......");
}

TEST(MatrixTest, JsonHasRolesActionsAndRules) {
  nlohmann::json json = nlohmann::json::parse(PermissionMatrixJson());
  ASSERT_EQ(json["roles"].size(), kRoleCount);
  ASSERT_EQ(json["actions"].size(), kActionCount);
  EXPECT_EQ(json["separation_of_duties"].size(), SodRules().size());
  EXPECT_EQ(json["decision_rules"].size(), AuthzRules().size());
  for (const auto& role : json["roles"]) {
    if (role["name"] != "inst_admin") continue;
    EXPECT_TRUE(role["administrator"].get<bool>());
    for (const auto& action : role["actions"]) {
      EXPECT_FALSE(action.get<std::string>().starts_with("credit.")) << action;
    }
  }
  const auto& query = json["actions"][static_cast<int>(ActionId::kCreditQuery)];
  EXPECT_EQ(query["name"], "credit.query");
  EXPECT_EQ(query["roles"], nlohmann::json::array({"querier"}));
  EXPECT_EQ(query["obligations"], nlohmann::json::array({"mask_by_grade", "require_consent"}));
  const auto& deregister = json["actions"][static_cast<int>(ActionId::kInstitutionDeregister)];
  EXPECT_EQ(deregister["name"], "institution.deregister");
  EXPECT_EQ(deregister["roles"], nlohmann::json::array({"security_officer"}));
  EXPECT_EQ(deregister["obligations"], nlohmann::json::array({"require_approval"}));
}

TEST(MatrixTest, ReflectsACustomTable) {
  PermissionTable table = PermissionTable::Defaults();
  table.Grant(Role::kOperator, ActionId::kCreditQuery);
  nlohmann::json json = nlohmann::json::parse(PermissionMatrixJson(table));
  EXPECT_EQ(json["actions"][static_cast<int>(ActionId::kCreditQuery)]["roles"].size(), 2u);
}

}  // namespace
}  // namespace cv::access
