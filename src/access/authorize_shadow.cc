// Shadow rules: compiled at Create, matched after the enforced decision, counted, never enforced.
#include <set>
#include <string>
#include <utility>

#include "access/authorize.h"
#include "access/internal/authorizer_state.h"

namespace cv::access {
namespace {

Result<ActionSet> ResolveActions(const ShadowRule& rule) {
  if (rule.actions.empty()) return ActionSet::FromBits((std::uint64_t{1} << kActionCount) - 1);
  ActionSet set;
  for (const std::string& name : rule.actions) {
    std::optional<ActionId> id = FindAction(name);
    if (!id) {
      return Fail(ErrorCode::kInvalidArgument,
                  "shadow rule " + rule.id + ": unknown action '" + name + "'");
    }
    set.Add(*id);
  }
  return set;
}

bool Matches(const CompiledShadow& s, const Principal& principal, ActionId action,
             const Resource& resource, const Context& context) {
  if (!s.actions.Has(action)) return false;
  if (!s.roles.empty() && !s.roles.Intersects(RoleSet::Of(principal.roles))) return false;
  if (s.rule.min_category && resource.category < *s.rule.min_category) return false;
  return !s.rule.when || s.rule.when(principal, resource, context);
}

}  // namespace

Result<std::vector<CompiledShadow>> CompileShadowRules(std::vector<ShadowRule> rules) {
  std::vector<CompiledShadow> compiled;
  std::set<std::string> ids;
  for (ShadowRule& rule : rules) {
    if (rule.id.empty() || !ids.insert(rule.id).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  "shadow rule id empty or repeated: '" + rule.id + "'");
    }
    CV_ASSIGN_OR_RETURN(ActionSet actions, ResolveActions(rule));
    RoleSet roles = RoleSet::Of(rule.roles);
    compiled.push_back({std::move(rule), actions, roles});
  }
  return compiled;
}

void Authorizer::EvaluateShadow(const Principal& principal, ActionId action,
                                const Resource& resource, const Context& context,
                                Decision& decision) const {
  for (std::size_t i = 0; i < state_->shadow.size(); ++i) {
    const CompiledShadow& s = state_->shadow[i];
    if (!Matches(s, principal, action, resource, context)) continue;
    bool deny = s.rule.effect == ShadowRule::Effect::kDeny;
    bool would_change = deny == decision.allow;
    state_->counters[i].matched.fetch_add(1, std::memory_order_relaxed);
    if (would_change) state_->counters[i].would_change.fetch_add(1, std::memory_order_relaxed);
    decision.shadow.push_back({s.rule.id, s.rule.effect, would_change});
  }
}

std::vector<ShadowCount> Authorizer::ShadowCounts() const {
  std::vector<ShadowCount> counts;
  for (std::size_t i = 0; i < state_->shadow.size(); ++i) {
    counts.push_back({state_->shadow[i].rule.id,
                      state_->counters[i].matched.load(std::memory_order_relaxed),
                      state_->counters[i].would_change.load(std::memory_order_relaxed)});
  }
  return counts;
}

}  // namespace cv::access
