// Router: maps a method and a path to one declared route ("/api/v1/users/{username}/roles"),
// with the path's parameters decoded.
//
// Thread-safety: build it once (Add), then Match from many threads.
// Invariants:
//  1. A literal segment beats a parameter: "/sessions/current" wins over "/sessions/{id}".
//  2. Parameter values are percent-decoded, non-empty and contain no '/'.
#ifndef CV_SERVER_ROUTER_H_
#define CV_SERVER_ROUTER_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace cv::server {

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  std::size_t id = 0;        // the id given to Add, when found
  std::string_view pattern;  // the route's pattern (metrics label), when found
  std::map<std::string, std::string, std::less<>> params;
  std::string allowed;  // "GET, POST" when the path exists under other methods
};

class Router {
 public:
  // Declares `method pattern` as route `id`. kInvalidArgument for a malformed pattern (must start
  // with '/', parameters are whole segments "{name}") or a duplicate method and pattern.
  [[nodiscard]] Status Add(std::string_view method, std::string_view pattern, std::size_t id);

  RouteMatch Match(std::string_view method, std::string_view path) const;

  struct Entry {
    std::string method;
    std::string pattern;
    std::size_t id;
  };
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{name}" for a parameter
    std::size_t literals = 0;
  };
  std::vector<Entry> entries_;
  std::vector<Compiled> compiled_;
};

}  // namespace cv::server

#endif  // CV_SERVER_ROUTER_H_
