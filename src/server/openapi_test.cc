// docs/openapi.yaml against the route table, both ways: every route the Router knows has an
// operation under the same path and method, every operation is a route, and the operations marked
// public (`security: []`) are exactly the routes that answer without a session (issue #6).
//
// How the YAML is read: the project has no YAML library, and this test needs only the keys of two
// levels of one mapping, so it uses a small, strict line scanner of the subset docs/openapi.yaml
// keeps (its header says so): `paths:` at column 0, each path at exactly 2 spaces, each path-item
// key (an operation or summary/description/parameters/servers) at exactly 4 spaces, no tabs, no
// flow style. Inside the `paths:` block any line it does not understand is an error, so an
// operation cannot be missed silently because of a layout the scanner does not know.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

#include "server/testing/api_fixture.h"

namespace cv::server {
namespace {

// (method in upper case, path pattern)
using Operation = std::pair<std::string, std::string>;

struct ScannedDocument {
  std::set<Operation> operations;
  std::set<Operation> public_operations;  // those with `security: []`
};

constexpr std::string_view kMethods[] = {"get",   "put",  "post",    "delete",
                                         "patch", "head", "options", "trace"};
constexpr std::string_view kPathItemFields[] = {"summary", "description", "parameters", "servers"};

bool OneOf(std::string_view word, std::span<const std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "key: value" or "key:" → key and value (value "" when none); nullopt when there is no ':'
// followed by a space or the end of the line.
std::optional<std::pair<std::string_view, std::string_view>> KeyValue(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ':' && (i + 1 == s.size() || s[i + 1] == ' ')) {
      std::string_view value = i + 1 == s.size() ? "" : s.substr(i + 2);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return std::make_pair(s.substr(0, i), value);
    }
  }
  return std::nullopt;
}

Result<ScannedDocument> ScanOperations(std::string_view yaml) {
  ScannedDocument doc;
  bool in_paths = false;
  bool seen_paths = false;
  std::set<std::string> paths;
  std::string path;
  std::optional<Operation> op;  // the operation whose body is being read
  std::size_t number = 0;
  std::istringstream lines{std::string(yaml)};
  for (std::string raw; std::getline(lines, raw);) {
    ++number;
    const std::string where = "line " + std::to_string(number) + ": ";
    const std::string_view line = TrimRight(raw);
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos || line[indent] == '#') continue;  // blank or comment
    if (line.find('\t') != std::string_view::npos && in_paths) {
      return Fail(ErrorCode::kMalformed, where + "tab");
    }
    if (indent == 0) {
      in_paths = line == "paths:";
      if (in_paths && seen_paths) return Fail(ErrorCode::kMalformed, where + "second paths:");
      seen_paths = seen_paths || in_paths;
      continue;
    }
    if (!in_paths) continue;
    const std::string_view text = line.substr(indent);
    const auto kv = KeyValue(text);
    if (indent == 2) {
      std::string_view key = kv ? kv->first : "";
      if (key.size() >= 2 && key.front() == '"' && key.back() == '"') {
        key = key.substr(1, key.size() - 2);
      }
      if (!kv || !kv->second.empty() || key.empty() || key.front() != '/') {
        return Fail(ErrorCode::kMalformed, where + "expected \"  /path:\"");
      }
      path = std::string(key);
      op.reset();
      if (!paths.insert(path).second) return Fail(ErrorCode::kMalformed, where + "path repeated");
      continue;
    }
    if (path.empty() || indent % 2 != 0 || indent < 2) {
      return Fail(ErrorCode::kMalformed, where + "unexpected indentation");
    }
    if (indent == 4) {
      if (!kv) return Fail(ErrorCode::kMalformed, where + "expected a path-item key");
      op.reset();
      if (OneOf(kv->first, kPathItemFields)) continue;
      if (!OneOf(kv->first, kMethods) || !kv->second.empty()) {
        return Fail(ErrorCode::kMalformed,
                    where + "unknown path-item key '" + std::string(kv->first) + "'");
      }
      op = Operation{Upper(kv->first), path};
      if (!doc.operations.insert(*op).second) {
        return Fail(ErrorCode::kMalformed, where + "operation repeated");
      }
      continue;
    }
    if (indent == 6 && op && text == "security: []") doc.public_operations.insert(*op);
  }
  if (!seen_paths) return Fail(ErrorCode::kMalformed, "no paths:");
  return doc;
}

std::string ReadDocument() {
  std::ifstream in(std::string(CV_SOURCE_DIR) + "/docs/openapi.yaml", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Describe(const Operation& o) { return o.first + " " + o.second; }

// The pattern with each "{name}" replaced by a sample value, as a client would send it.
std::string SamplePath(std::string_view pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{') {
      out.push_back(pattern[i]);
      continue;
    }
    i = pattern.find('}', i);
    out += "X1";
  }
  return out;
}

class OpenApiTest : public test::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    auto doc = ScanOperations(ReadDocument());
    ASSERT_TRUE(doc) << doc.error().ToString();
    doc_ = std::move(*doc);
    for (const Router::Entry& e : api_->router().entries()) routes_.insert({e.method, e.pattern});
    ASSERT_FALSE(routes_.empty());
  }

  ScannedDocument doc_;
  std::set<Operation> routes_;
};

TEST_F(OpenApiTest, EveryRouteHasAnOperation) {
  for (const Operation& route : routes_) {
    EXPECT_TRUE(doc_.operations.contains(route))
        << Describe(route) << " is a route but has no operation in docs/openapi.yaml";
  }
}

TEST_F(OpenApiTest, EveryOperationIsARoute) {
  for (const Operation& op : doc_.operations) {
    EXPECT_TRUE(routes_.contains(op))
        << Describe(op) << " is in docs/openapi.yaml but not in the route table";
  }
}

// A public route answers without a session; every other one answers 401 first.
TEST_F(OpenApiTest, PublicOperationsAreTheRoutesThatNeedNoSession) {
  for (const Operation& route : routes_) {
    HttpRequest request;
    request.method = route.first;
    request.target = SamplePath(route.second);
    request.client_address = "10.0.0.1";
    const HttpResponse r = api_->Handle(request);
    const bool needs_session = r.status == 401;
    EXPECT_EQ(doc_.public_operations.contains(route), !needs_session)
        << Describe(route) << " answered " << r.status << " without a session";
  }
}

TEST(OpenApiScannerTest, ReadsPathsAndOperations) {
  auto doc = ScanOperations(
      "openapi: 3.0.3\n"
      "paths:\n"
      "  /a:\n"
      "    get:\n"
      "      security: []\n"
      "      responses: {}\n"
      "  \"/b/{id}\":\n"
      "    parameters:\n"
      "      - name: id\n"
      "    post:\n"
      "      description: |\n"
      "        get:\n"
      "    delete:\n"
      "components:\n"
      "  /c:\n"
      "    get:\n");
  ASSERT_TRUE(doc) << doc.error().ToString();
  EXPECT_EQ(doc->operations,
            (std::set<Operation>{{"GET", "/a"}, {"POST", "/b/{id}"}, {"DELETE", "/b/{id}"}}));
  EXPECT_EQ(doc->public_operations, (std::set<Operation>{{"GET", "/a"}}));
}

TEST(OpenApiScannerTest, RefusesAnUnknownPathItemKey) {
  EXPECT_FALSE(ScanOperations("paths:\n  /a:\n    gett:\n"));
}

TEST(OpenApiScannerTest, RefusesACompactSequenceAtOperationLevel) {
  EXPECT_FALSE(ScanOperations("paths:\n  /a:\n    parameters:\n    - name: x\n"));
}

TEST(OpenApiScannerTest, RefusesOddIndentation) {
  EXPECT_FALSE(ScanOperations("paths:\n   /a:\n"));
  EXPECT_FALSE(ScanOperations("paths:\n  /a:\n     get:\n"));
}

TEST(OpenApiScannerTest, RefusesTabs) { EXPECT_FALSE(ScanOperations("paths:\n  /a:\n\tget:\n")); }

TEST(OpenApiScannerTest, RefusesFlowStylePathItems) {
  EXPECT_FALSE(ScanOperations("paths:\n  /a: {get: {}}\n"));
  EXPECT_FALSE(ScanOperations("paths:\n  /a:\n    get: {}\n"));
}

TEST(OpenApiScannerTest, RefusesARepeatedPathOrOperation) {
  EXPECT_FALSE(ScanOperations("paths:\n  /a:\n    get:\n  /a:\n    post:\n"));
  EXPECT_FALSE(ScanOperations("paths:\n  /a:\n    get:\n    get:\n"));
}

TEST(OpenApiScannerTest, RefusesADocumentWithoutPaths) {
  EXPECT_FALSE(ScanOperations("openapi: 3.0.3\n"));
}

}  // namespace
}  // namespace cv::server
