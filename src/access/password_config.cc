// The password policy from the [access] section: the defaults are JR/T 0117 7.5.9's numbers, and
// config may only make them stricter (ARCHITECTURE; REQUIREMENTS "only stricter than the source").
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <limits>

#include "access/password.h"

namespace cv::access {
namespace {

constexpr std::string_view kSection = "access";
constexpr std::string_view kPrefix = "password_";
constexpr std::string_view kKeys[] = {"password_min_length",       "password_min_classes",
                                      "password_max_common_run",   "password_expiry_days",
                                      "password_history",          "password_argon2_iterations",
                                      "password_argon2_memory_kib"};

// Which direction of a setting is the stricter one, how far it may go, and the rule it guards.
enum class Stricter { kHigher, kLower };
struct Knob {
  std::string_view key;
  Stricter stricter;
  std::int64_t limit;  // the strictest value supported
  std::string_view rule;
};

constexpr Knob kMinLength{"password_min_length", Stricter::kHigher, kMaxPasswordLength,
                          "JR/T 0117 7.5.9: at least 8 characters"};
constexpr Knob kMinClasses{"password_min_classes", Stricter::kHigher, 4,
                           "JR/T 0117 7.5.9: 3 of upper, lower, digit, special"};
constexpr Knob kMaxCommonRun{"password_max_common_run", Stricter::kLower, 1,
                             "JR/T 0117 7.5.9: no 3 consecutive username characters"};
constexpr Knob kExpiryDays{"password_expiry_days", Stricter::kLower, 1,
                           "ACC-3: expiry after 180 days"};
constexpr Knob kHistory{"password_history", Stricter::kHigher, 24,
                        "ACC-3: no reuse of the last 5 passwords"};
constexpr Knob kIterations{"password_argon2_iterations", Stricter::kHigher, 16,
                           "the Argon2id cost floor (t = 3)"};
constexpr Knob kMemoryKib{"password_argon2_memory_kib", Stricter::kHigher, 1 << 20,
                          "the Argon2id cost floor (m = 64 MiB)"};

Position KeyPosition(const Config& config, std::string_view key) {
  const toml::node* node = config.Section(kSection).get(key);
  const auto line = node != nullptr ? static_cast<std::uint64_t>(node->source().begin.line) : 0;
  return Position{config.origin(), line, fmt::format("{}.{}", kSection, key)};
}

// Refuses `password_*` keys this file does not read (the rest of [access] belongs to others).
Status CheckPasswordKeys(const Config& config) {
  for (const auto& [key, value] : config.Section(kSection)) {
    const std::string_view name = key.str();
    if (name.starts_with(kPrefix) && std::ranges::find(kKeys, name) == std::end(kKeys)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("unknown config key {}.{}", kSection, name),
                  KeyPosition(config, name));
    }
  }
  return Ok();
}

// access.<key> as an integer no looser than `fallback` (the default) nor beyond `knob.limit`.
Result<std::int64_t> ReadStricter(const Config& config, const Knob& knob, std::int64_t fallback) {
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  CV_ASSIGN_OR_RETURN(const std::int64_t value,
                      config.Int(kSection, knob.key, fallback, kMin, kMax));
  const bool higher = knob.stricter == Stricter::kHigher;
  if (higher ? value < fallback : value > fallback) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}.{} = {} is refused: it would loosen {} (config may only make a "
                            "rule stricter)",
                            kSection, knob.key, value, knob.rule),
                KeyPosition(config, knob.key));
  }
  if (higher ? value > knob.limit : value < knob.limit) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}.{} must be between {} and {}", kSection, knob.key,
                            std::min(fallback, knob.limit), std::max(fallback, knob.limit)),
                KeyPosition(config, knob.key));
  }
  return value;
}

}  // namespace

std::span<const std::string_view> PasswordConfigKeys() { return kKeys; }

Result<PasswordPolicy> PasswordPolicyFromConfig(const Config& config) {
  CV_RETURN_IF_ERROR(CheckPasswordKeys(config));
  const PasswordPolicy d;
  PasswordPolicy p;
  CV_ASSIGN_OR_RETURN(p.min_length, ReadStricter(config, kMinLength, d.min_length));
  CV_ASSIGN_OR_RETURN(p.min_classes, ReadStricter(config, kMinClasses, d.min_classes));
  CV_ASSIGN_OR_RETURN(p.max_common_run, ReadStricter(config, kMaxCommonRun, d.max_common_run));
  CV_ASSIGN_OR_RETURN(p.expiry_days, ReadStricter(config, kExpiryDays, d.expiry_days));
  CV_ASSIGN_OR_RETURN(p.history, ReadStricter(config, kHistory, d.history));
  CV_ASSIGN_OR_RETURN(p.argon2_iterations, ReadStricter(config, kIterations, d.argon2_iterations));
  CV_ASSIGN_OR_RETURN(p.argon2_memory_kib, ReadStricter(config, kMemoryKib, d.argon2_memory_kib));
  return p;
}

}  // namespace cv::access
