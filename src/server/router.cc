// Router: segment-wise matching of declared routes.
#include "server/router.h"

#include "server/http.h"

namespace cv::server {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool IsParam(std::string_view s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }

}  // namespace

Status Router::Add(std::string_view method, std::string_view pattern, std::size_t id) {
  if (pattern.empty() || pattern.front() != '/') {
    return Fail(ErrorCode::kInvalidArgument, "route pattern must start with '/'");
  }
  Compiled c;
  for (std::string_view seg : SplitPath(pattern)) {
    if (seg.find_first_of("{}") != std::string_view::npos && !IsParam(seg)) {
      return Fail(ErrorCode::kInvalidArgument, "route parameter must be a whole segment");
    }
    if (!IsParam(seg)) ++c.literals;
    c.segments.emplace_back(seg);
  }
  for (const Entry& e : entries_) {
    if (e.method == method && e.pattern == pattern) {
      return Fail(ErrorCode::kInvalidArgument, "duplicate route " + std::string(pattern));
    }
  }
  entries_.push_back({std::string(method), std::string(pattern), id});
  compiled_.push_back(std::move(c));
  return Ok();
}

RouteMatch Router::Match(std::string_view method, std::string_view path) const {
  RouteMatch best;
  const std::vector<std::string_view> segs = SplitPath(path);
  std::size_t best_literals = 0;
  bool found = false;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const Compiled& c = compiled_[i];
    if (c.segments.size() != segs.size()) continue;
    bool ok = true;
    for (std::size_t s = 0; s < segs.size() && ok; ++s) {
      ok = IsParam(c.segments[s]) ? !segs[s].empty() : c.segments[s] == segs[s];
    }
    if (!ok) continue;
    if (entries_[i].method != method) {
      if (!best.allowed.empty()) best.allowed += ", ";
      best.allowed += entries_[i].method;
      continue;
    }
    if (found && c.literals <= best_literals) continue;  // Invariant 1.
    found = true;
    best_literals = c.literals;
    best.id = entries_[i].id;
    best.pattern = entries_[i].pattern;
    best.params.clear();
    for (std::size_t s = 0; s < segs.size(); ++s) {
      if (!IsParam(c.segments[s])) continue;
      auto decoded = PercentDecode(segs[s]);
      if (!decoded || decoded->empty() || decoded->find('/') != std::string::npos) {
        return RouteMatch{};  // Invariant 2: a bad parameter is no route.
      }
      const std::string& name = c.segments[s];
      best.params[name.substr(1, name.size() - 2)] = std::move(*decoded);
    }
  }
  if (found) {
    best.kind = RouteMatch::Kind::kFound;
    best.allowed.clear();
  } else if (!best.allowed.empty()) {
    best.kind = RouteMatch::Kind::kMethodNotAllowed;
  }
  return best;
}

}  // namespace cv::server
