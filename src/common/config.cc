// Config loading with toml++.
#include "common/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <type_traits>

namespace cv {
namespace {

// The sections any module may read. A section not listed here is a typo.
constexpr std::string_view kKnownSections[] = {"log",    "grading", "scan",
                                               "policy", "audit",   "access", "server"};

const toml::table& EmptyTable() {
  static const toml::table empty;
  return empty;
}

Position PositionOf(const std::string& origin, const toml::node& node, std::string_view key) {
  return Position{origin, static_cast<std::uint64_t>(node.source().begin.line), std::string(key)};
}

}  // namespace

Result<Config> Config::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kUnreadable, "cannot open config file", Position{path, 0, ""});
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

// toml++ as packaged by Debian is built with exceptions; they stop here.
Result<Config> Config::Parse(std::string_view text, std::string_view origin) {
  Config config;
  config.origin_ = std::string(origin);
  try {
    config.table_ = toml::parse(text, origin);
  } catch (const toml::parse_error& err) {
    return Fail(ErrorCode::kMalformed,
                fmt::format("config is not valid TOML: {}", err.description()),
                Position{config.origin_, static_cast<std::uint64_t>(err.source().begin.line), ""});
  }
  for (const auto& [key, value] : config.table_) {
    auto known = std::find(std::begin(kKnownSections), std::end(kKnownSections), key.str());
    if (known == std::end(kKnownSections) || !value.is_table()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("unknown config section [{}]", key.str()),
                  PositionOf(config.origin_, value, key.str()));
    }
  }
  return config;
}

const toml::table& Config::Section(std::string_view name) const {
  const toml::table* section = table_[name].as_table();
  return section != nullptr ? *section : EmptyTable();
}

namespace {

// Reads a number of type T from `node`, refusing other types and values outside [min, max].
template <typename T>
Result<T> ReadNumber(const toml::node& node, const std::string& origin, const std::string& name,
                     std::string_view kind, T min, T max) {
  auto value = node.value<T>();
  if (!value || (std::is_integral_v<T> && !node.is_integer())) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} must be {}", name, kind),
                PositionOf(origin, node, name));
  }
  if (*value < min || *value > max) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} must be between {} and {}", name, min, max),
                PositionOf(origin, node, name));
  }
  return *value;
}

}  // namespace

Result<std::int64_t> Config::Int(std::string_view section, std::string_view key,
                                 std::int64_t fallback, std::int64_t min, std::int64_t max) const {
  const toml::node* node = Section(section).get(key);
  if (node == nullptr) return fallback;
  return ReadNumber<std::int64_t>(*node, origin_, fmt::format("{}.{}", section, key), "an integer",
                                  min, max);
}

Result<double> Config::Double(std::string_view section, std::string_view key, double fallback,
                              double min, double max) const {
  const toml::node* node = Section(section).get(key);
  if (node == nullptr) return fallback;
  return ReadNumber<double>(*node, origin_, fmt::format("{}.{}", section, key), "a number", min,
                            max);
}

Result<std::string> Config::String(std::string_view section, std::string_view key,
                                   std::string fallback) const {
  const toml::node* node = Section(section).get(key);
  if (node == nullptr) return fallback;
  std::string name = fmt::format("{}.{}", section, key);
  auto value = node->value<std::string>();
  if (!value || !node->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} must be a string", name),
                PositionOf(origin_, *node, name));
  }
  return *value;
}

Status Config::CheckKeys(std::string_view section,
                         std::initializer_list<std::string_view> allowed) const {
  for (const auto& [key, value] : Section(section)) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("unknown config key {}.{}", section, key.str()),
                  PositionOf(origin_, value, key.str()));
    }
  }
  return Ok();
}

}  // namespace cv
