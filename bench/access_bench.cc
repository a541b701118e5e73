// Authorization decisions per second (ACC-2: one decision point on every request) with the
// declared role table (10 roles x every action) over a mix of allowed and denied requests, and the
// cost of interning an action name:
//   cvault_bench --benchmark_filter=Authorize
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "access/authorize.h"

namespace cv::access {
namespace {

struct Case {
  Principal principal;
  std::string action;
  ActionId id;
  Resource resource;
  Context context;
};

Principal MakePrincipal(Role role, std::size_t n) {
  Principal p;
  p.user_id = "user-" + std::to_string(n);
  p.institution = IsAgencyRole(role) ? "AGENCY" : "bank-0001";
  p.roles = {role};
  if (role == Role::kQuerier && n % 2 == 0) p.roles.push_back(Role::kDisputeUser);
  p.second_factor_done = n % 7 != 0;     // some administrators without a second factor
  p.must_change_password = n % 29 == 0;  // a few first logins
  return p;
}

Resource MakeResource(const ActionInfo& info, std::size_t n) {
  Resource r;
  r.institution = n % 4 == 0 ? "bank-0002" : "bank-0001";  // a quarter at another institution
  r.category = n % 3 == 0 ? DataCategory::kC3 : DataCategory::kC2;
  r.subject = info.kind == ActionKind::kSession ? "" : "subject-" + std::to_string(n);
  r.field = "mobile";
  r.target_role = Role::kQuerier;
  return r;
}

// Every role asking for every action: a mix of allowed and denied decisions.
std::vector<Case> MixedCases() {
  std::vector<Case> cases;
  std::size_t n = 0;
  for (Role role : AllRoles()) {
    for (const ActionInfo& info : AllActions()) {
      cases.push_back({MakePrincipal(role, n), std::string(info.name), info.id,
                       MakeResource(info, n),
                       Context{.purpose = "02", .client_address = "10.1.2.3", .request_id = "r"}});
      ++n;
    }
  }
  return cases;
}

std::vector<ShadowRule> ShadowRules() {
  ShadowRule clear;
  clear.id = "SHADOW-1";
  clear.text = "clear view of C2 needs a second factor";
  clear.actions = {"credit.report_clear_field"};
  clear.when = [](const Principal& p, const Resource&, const Context&) {
    return !p.second_factor_done;
  };
  ShadowRule bulk;
  bulk.id = "SHADOW-2";
  bulk.text = "bulk queries only from the agency's address range";
  bulk.actions = {"credit.bulk_query"};
  bulk.when = [](const Principal&, const Resource&, const Context& c) {
    return !c.client_address.starts_with("10.");
  };
  return {clear, bulk};
}

Authorizer MakeAuthorizer(std::vector<ShadowRule> shadow) {
  auto authz = Authorizer::Create(PermissionTable::Defaults(), std::move(shadow));
  if (!authz) {
    std::fprintf(stderr, "Authorizer::Create: %s\n", authz.error().ToString().c_str());
    std::abort();
  }
  return std::move(*authz);
}

template <bool kByName>
void RunDecisions(benchmark::State& state, const Authorizer& authz) {
  const std::vector<Case> cases = MixedCases();
  std::size_t i = 0;
  std::int64_t allowed = 0;
  for (auto _ : state) {
    const Case& c = cases[i];
    Decision d = kByName ? authz.Authorize(c.principal, c.action, c.resource, c.context)
                         : authz.Authorize(c.principal, c.id, c.resource, c.context);
    allowed += d.allow;
    benchmark::DoNotOptimize(d);
    i = i + 1 == cases.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["allowed_pct"] =
      100.0 * static_cast<double>(allowed) / static_cast<double>(state.iterations());
}

void BM_AuthorizeByName(benchmark::State& state) { RunDecisions<true>(state, MakeAuthorizer({})); }
BENCHMARK(BM_AuthorizeByName);

void BM_AuthorizeById(benchmark::State& state) { RunDecisions<false>(state, MakeAuthorizer({})); }
BENCHMARK(BM_AuthorizeById);

void BM_AuthorizeByNameWithShadowRules(benchmark::State& state) {
  RunDecisions<true>(state, MakeAuthorizer(ShadowRules()));
}
BENCHMARK(BM_AuthorizeByNameWithShadowRules);

// The hot path of the query flow: an allowed credit.query passes every rule.
void BM_AuthorizeAllowedQuery(benchmark::State& state) {
  Authorizer authz = MakeAuthorizer({});
  Principal p = MakePrincipal(Role::kQuerier, 1);
  Resource r = MakeResource(Describe(ActionId::kCreditQuery), 1);
  Context c{.purpose = "02", .client_address = "10.1.2.3", .request_id = "r"};
  const ActionId id = *FindAction("credit.query");
  for (auto _ : state) {
    Decision d = authz.Authorize(p, id, r, c);
    if (!d.allow) state.SkipWithError("credit.query was denied");
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AuthorizeAllowedQuery);

// Interning an action name (one FNV-1a hash and one compare).
void BM_AuthorizeActionIdLookup(benchmark::State& state) {
  std::vector<std::string> names;
  for (const ActionInfo& info : AllActions()) names.emplace_back(info.name);
  names.emplace_back("credit.unknown_action");
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(FindAction(names[i]));
    i = i + 1 == names.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AuthorizeActionIdLookup);

}  // namespace
}  // namespace cv::access
