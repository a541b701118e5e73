// Router and the HTTP value helpers: matching rules (literal beats parameter, decoded
// parameters, 405 with the allowed methods) and query/percent decoding.
#include "server/router.h"

#include <gtest/gtest.h>

#include "server/http.h"

namespace cv::server {
namespace {

Router Make() {
  Router r;
  EXPECT_TRUE(r.Add("GET", "/api/v1/sessions/current", 1));
  EXPECT_TRUE(r.Add("DELETE", "/api/v1/sessions/current", 2));
  EXPECT_TRUE(r.Add("GET", "/api/v1/sessions/{id}", 3));
  EXPECT_TRUE(r.Add("POST", "/api/v1/users/{username}/roles", 4));
  return r;
}

TEST(RouterTest, LiteralSegmentBeatsAParameter) {
  const Router r = Make();
  RouteMatch m = r.Match("GET", "/api/v1/sessions/current");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.id, 1u);
  m = r.Match("GET", "/api/v1/sessions/42");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.id, 3u);
  EXPECT_EQ(m.params["id"], "42");
}

TEST(RouterTest, ParametersArePercentDecodedAndNeverHoldASlash) {
  const Router r = Make();
  RouteMatch m = r.Match("POST", "/api/v1/users/zhang%20wei/roles");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.params["username"], "zhang wei");
  EXPECT_EQ(r.Match("POST", "/api/v1/users/a%2Fb/roles").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(r.Match("POST", "/api/v1/users//roles").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(r.Match("POST", "/api/v1/users/a%zz/roles").kind, RouteMatch::Kind::kNotFound);
}

TEST(RouterTest, AnotherMethodOnAKnownPathListsTheAllowedOnes) {
  const Router r = Make();
  RouteMatch m = r.Match("PUT", "/api/v1/sessions/current");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_NE(m.allowed.find("GET"), std::string::npos);
  EXPECT_NE(m.allowed.find("DELETE"), std::string::npos);
  EXPECT_EQ(r.Match("GET", "/nothing").kind, RouteMatch::Kind::kNotFound);
}

TEST(RouterTest, MalformedAndDuplicatePatternsAreRefused) {
  Router r = Make();
  EXPECT_FALSE(r.Add("GET", "no-slash", 9));
  EXPECT_FALSE(r.Add("GET", "/a/b{c}", 9));
  EXPECT_FALSE(r.Add("GET", "/api/v1/sessions/current", 9));
}

TEST(HttpTest, QueryParamsDecodeAndRefuseBadEscapes) {
  auto q = QueryParams("/x?a=1&b=x%20y&c=p+q&flag");
  ASSERT_TRUE(q);
  EXPECT_EQ((*q)["a"], "1");
  EXPECT_EQ((*q)["b"], "x y");
  EXPECT_EQ((*q)["c"], "p q");
  EXPECT_EQ((*q)["flag"], "");
  EXPECT_FALSE(QueryParams("/x?a=%4"));
  EXPECT_FALSE(QueryParams("/x?a=%00"));
  EXPECT_EQ(PathOf("/x/y?z=1"), "/x/y");
}

TEST(HttpTest, PercentDecodeKeepsPlusInPaths) {
  EXPECT_EQ(*PercentDecode("a+b"), "a+b");
  EXPECT_EQ(*PercentDecode("a+b", true), "a b");
  EXPECT_FALSE(PercentDecode(std::string_view("a\0b", 3)));
}

TEST(HttpTest, ResponseHeadersAreCaseInsensitiveAndSetOnce) {
  HttpResponse r;
  r.SetHeader("X-Test", "1");
  r.SetHeader("x-test", "2");
  EXPECT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.Header("X-TEST"), "2");
}

}  // namespace
}  // namespace cv::server
