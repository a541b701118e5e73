// Renders the permission table, the SoD table and the decision rules.
#include "access/matrix.h"

#include <fmt/format.h>

#include <array>
#include <nlohmann/json.hpp>
#include <string_view>

#include "access/authorize.h"
#include "access/separation.h"

namespace cv::access {
namespace {

// Column headings, in Role order.
constexpr std::array<std::string_view, kRoleCount> kShort = {"SO", "SA", "SY", "AU", "OP",
                                                             "DH", "IA", "RE", "QU", "DU"};

std::string_view Short(Role role) { return kShort[static_cast<std::size_t>(role)]; }

std::string RoleList(RoleSet roles, std::string_view separator) {
  std::string out;
  for (Role role : AllRoles()) {
    if (!roles.Has(role)) continue;
    if (!out.empty()) out += separator;
    out += RoleName(role);
  }
  return out.empty() ? "-" : out;
}

std::string RoleLegend(const PermissionTable& table) {
  std::string out = "Roles (x = holds the action):\n";
  for (Role role : AllRoles()) {
    std::string_view scope = IsAgencyRole(role) ? "agency" : "institution";
    std::string_view admin = kAdministratorRoles.Has(role) ? ", administrator: no data" : "";
    out += fmt::format("  {}  {:<17} {}{}; may grant: {}\n", Short(role), RoleName(role), scope,
                       admin, RoleList(table.GrantScope(role), ", "));
  }
  return out;
}

std::string ActionRows(const PermissionTable& table) {
  std::string out = fmt::format("\n{:<26}", "action");
  for (Role role : AllRoles()) out += fmt::format(" {}", Short(role));
  out += fmt::format("  {:<12} description\n", "kind");
  for (const ActionInfo& info : AllActions()) {
    out += fmt::format("{:<26}", info.name);
    for (Role role : AllRoles()) out += table.Holds(role, info.id) ? "  x" : "  .";
    out += fmt::format("  {:<12} {}\n", ActionKindName(info.kind), info.description);
  }
  return out;
}

std::string SodRows() {
  std::string out = "\nSeparation of duties (one user never holds roles from two groups):\n";
  for (const SodRule& rule : SodRules()) {
    std::string groups;
    for (RoleSet group : rule.groups) {
      groups += (groups.empty() ? "" : " | ") + RoleList(group, ", ");
    }
    out += fmt::format("  {:<6} {}\n         {}\n", rule.id, groups, rule.text);
  }
  return out;
}

std::string DecisionRows() {
  std::string out = "\nDecision rules, checked in order; the first that applies denies:\n";
  for (const AuthzRuleInfo& rule : AuthzRules()) {
    out += fmt::format("  {:<10} {}\n", rule.id, rule.reason);
  }
  return out;
}

nlohmann::json Names(RoleSet roles) {
  nlohmann::json names = nlohmann::json::array();
  for (Role role : AllRoles()) {
    if (roles.Has(role)) names.push_back(RoleName(role));
  }
  return names;
}

nlohmann::json RolesJson(const PermissionTable& table) {
  nlohmann::json roles = nlohmann::json::array();
  for (Role role : AllRoles()) {
    nlohmann::json actions = nlohmann::json::array();
    for (const ActionInfo& info : AllActions()) {
      if (table.Holds(role, info.id)) actions.push_back(info.name);
    }
    roles.push_back({{"name", RoleName(role)},
                     {"agency", IsAgencyRole(role)},
                     {"administrator", kAdministratorRoles.Has(role)},
                     {"may_grant", Names(table.GrantScope(role))},
                     {"actions", actions}});
  }
  return roles;
}

nlohmann::json ActionJson(const PermissionTable& table, const ActionInfo& info) {
  RoleSet holders;
  for (Role role : AllRoles()) {
    if (table.Holds(role, info.id)) holders.Add(role);
  }
  nlohmann::json obligations = nlohmann::json::array();
  for (std::size_t i = 0; i < static_cast<std::size_t>(Obligation::kCount); ++i) {
    auto o = static_cast<Obligation>(i);
    if (info.obligations.Has(o)) obligations.push_back(ObligationName(o));
  }
  return {{"name", info.name},
          {"kind", ActionKindName(info.kind)},
          {"description", info.description},
          {"obligations", obligations},
          {"roles", Names(holders)}};
}

nlohmann::json SodJson() {
  nlohmann::json rules = nlohmann::json::array();
  for (const SodRule& rule : SodRules()) {
    nlohmann::json groups = nlohmann::json::array();
    for (RoleSet group : rule.groups) groups.push_back(Names(group));
    rules.push_back({{"id", rule.id}, {"text", rule.text}, {"groups", groups}});
  }
  return rules;
}

}  // namespace

std::string PermissionMatrixText(const PermissionTable& table) {
  return "CreditVault permission matrix (ACC-2; JR/T 0117 8.3.4 b)\n\n" + RoleLegend(table) +
         ActionRows(table) + SodRows() + DecisionRows();
}

std::string PermissionMatrixJson(const PermissionTable& table) {
  nlohmann::json actions = nlohmann::json::array();
  for (const ActionInfo& info : AllActions()) actions.push_back(ActionJson(table, info));
  nlohmann::json rules = nlohmann::json::array();
  for (const AuthzRuleInfo& rule : AuthzRules()) {
    rules.push_back({{"id", rule.id}, {"reason", rule.reason}});
  }
  nlohmann::json out = {{"roles", RolesJson(table)},
                        {"actions", actions},
                        {"separation_of_duties", SodJson()},
                        {"decision_rules", rules}};
  return out.dump(2) + "\n";
}

}  // namespace cv::access
