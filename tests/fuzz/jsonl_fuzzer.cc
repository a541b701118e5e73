// Fuzzes the JSON Lines flattener (grading/internal/jsonl.h): every line of the input goes
// through one JsonlFlattener, as the scanner feeds a file, and is compared with a DOM parse.
//
// Invariants checked, per line:
//  1. ParseLine is Ok exactly when the line is blank, or parses as a JSON object nested at most
//     kMaxDepth deep.
//  2. When it is Ok and the object has no repeated key, the (path, value) pairs are those of the
//     DOM in document order: same paths; same text for strings, booleans, null ("") and integers;
//     for other numbers, text that reads back as the DOM's double.
//  3. Error messages are kMalformed and one of the fixed forms: they never quote the input.
#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "grading/internal/jsonl.h"
#include "tests/fuzz/fuzz_support.h"

namespace cv::grading::internal {
namespace {

using Json = nlohmann::ordered_json;
using Pairs = std::vector<std::pair<std::string, std::string>>;

struct Dom {
  Json value;
  bool repeated_key = false;
};

// The line as a DOM (discarded when it is not JSON), noting whether any object repeats a key.
Dom ParseDom(std::string_view line) {
  Dom dom;
  std::vector<std::set<std::string>> keys;
  auto callback = [&](int /*depth*/, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::object_start) keys.emplace_back();
    if (event == Json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
    if (event == Json::parse_event_t::key && !keys.empty() &&
        !keys.back().insert(parsed.get<std::string>()).second) {
      dom.repeated_key = true;
    }
    return true;
  };
  dom.value = Json::parse(line, callback, /*allow_exceptions=*/false);
  return dom;
}

// Containers on the deepest path of `j`, counting `j`, when that is at most `limit`; otherwise
// some number above `limit` (the walk stops there, so its recursion is bounded).
int Depth(const Json& j, int limit) {
  if (!j.is_structured()) return 0;
  if (limit == 0) return 1;
  int deepest = 0;
  for (const Json& child : j) {
    deepest = std::max(deepest, Depth(child, limit - 1));
    if (deepest > limit - 1) break;
  }
  return 1 + deepest;
}

void Flatten(const Json& j, const std::string& path, bool top, Pairs* out) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      Flatten(value, top ? key : path + "." + key, false, out);
    }
  } else if (j.is_array()) {
    for (const Json& value : j) Flatten(value, path + "[]", false, out);
  } else if (j.is_string()) {
    out->emplace_back(path, j.get<std::string>());
  } else if (j.is_null()) {
    out->emplace_back(path, "");
  } else if (j.is_number_float()) {
    out->emplace_back(path, "");  // compared by value in SameValue
  } else {
    out->emplace_back(path, j.dump());  // booleans and integers
  }
}

void CheckSamePairs(const Json& dom, const Pairs& got) {
  Pairs want;
  Flatten(dom, "", true, &want);
  FUZZ_CHECK(want.size() == got.size());
  // Walk the DOM's scalars in the same order to tell floats apart.
  std::vector<const Json*> scalars;
  std::vector<const Json*> stack{&dom};
  while (!stack.empty()) {
    const Json* j = stack.back();
    stack.pop_back();
    if (!j->is_structured()) {
      scalars.push_back(j);
      continue;
    }
    std::vector<const Json*> children;
    for (const Json& child : *j) children.push_back(&child);
    for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(*it);
  }
  FUZZ_CHECK(scalars.size() == got.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    FUZZ_CHECK(want[i].first == got[i].first);
    if (scalars[i]->is_number_float()) {
      FUZZ_CHECK(std::strtod(got[i].second.c_str(), nullptr) == scalars[i]->get<double>());
    } else {
      FUZZ_CHECK(want[i].second == got[i].second);
    }
  }
}

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool IsFixedMessage(const std::string& m) {
  return m == "line is not a JSON object" ||
         m == "JSON nested deeper than " + std::to_string(JsonlFlattener::kMaxDepth) + " levels" ||
         m.starts_with("malformed JSON at column ");
}

void CheckLine(JsonlFlattener& flattener, std::string_view line) {
  Pairs got;
  const Status status = flattener.ParseLine(
      line, [&](std::string_view path, std::string_view value) { got.emplace_back(path, value); });
  if (!status) {
    FUZZ_CHECK(status.error().code() == ErrorCode::kMalformed);
    FUZZ_CHECK(IsFixedMessage(status.error().message()));
  }
  if (IsBlank(line)) {
    FUZZ_CHECK(status && got.empty());
    return;
  }
  const Dom dom = ParseDom(line);
  const bool object = !dom.value.is_discarded() && dom.value.is_object();
  const bool shallow =
      object && Depth(dom.value, JsonlFlattener::kMaxDepth) <= JsonlFlattener::kMaxDepth;
  FUZZ_CHECK(status.has_value() == shallow);
  if (status && !dom.repeated_key) CheckSamePairs(dom.value, got);
}

}  // namespace
}  // namespace cv::grading::internal

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = cv::fuzz::AsText(data, size);
  cv::grading::internal::JsonlFlattener flattener;  // reused across lines, as the scanner does
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    cv::grading::internal::CheckLine(flattener, text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return 0;
}
