// Fuzzes the operator's TOML settings (common/config.h): Config::Parse, whose toml++ parser
// throws on bad input internally, then every typed read of every key it accepted.
//
// Invariants checked:
//  1. No exception leaves Config::Parse or a typed read (one would end the process here).
//  2. Parse fails only with kMalformed (not TOML) or kInvalidArgument (unknown section), naming
//     the origin.
//  3. For each key of each known section, Int/Double/String succeed exactly for integer /
//     number / string values (range checks aside), and CheckKeys refuses a non-empty section
//     when no key is allowed.
//  4. Policy::FromConfig, the largest reader of the config, returns a value or an error.
#include <cstdint>
#include <limits>
#include <string>

#include "common/config.h"
#include "policy/policy.h"
#include "tests/fuzz/fuzz_support.h"

namespace cv {
namespace {

constexpr std::string_view kOrigin = "fuzz.toml";

void CheckSection(const Config& config, std::string_view section) {
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  constexpr double kHuge = std::numeric_limits<double>::max();
  const toml::table& table = config.Section(section);
  for (const auto& [key, node] : table) {
    auto as_int = config.Int(section, key.str(), 0, kMin, kMax);
    FUZZ_CHECK(as_int.has_value() == node.is_integer());
    auto as_double = config.Double(section, key.str(), 0, -kHuge, kHuge);
    FUZZ_CHECK(!as_double || node.is_number());
    auto as_string = config.String(section, key.str(), "");
    FUZZ_CHECK(as_string.has_value() == node.is_string());
    FUZZ_CHECK(!as_string || *as_string == *node.value<std::string>());
  }
  FUZZ_CHECK(config.CheckKeys(section, {}).has_value() == table.empty());
}

}  // namespace
}  // namespace cv

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto config = cv::Config::Parse(cv::fuzz::AsText(data, size), cv::kOrigin);
  if (!config) {
    const cv::ErrorCode code = config.error().code();
    FUZZ_CHECK(code == cv::ErrorCode::kMalformed || code == cv::ErrorCode::kInvalidArgument);
    FUZZ_CHECK(config.error().position().file == cv::kOrigin);
    return 0;
  }
  for (std::string_view section : {"log", "grading", "scan", "policy", "audit", "unknown"}) {
    cv::CheckSection(*config, section);
  }
  [[maybe_unused]] auto policy = cv::policy::Policy::FromConfig(*config);
  return 0;
}
