// Config: the operator's TOML settings file, parsed and validated once at start.
//
// Thread-safety: immutable after Load(); safe to share.
// Modules read their own section with Section(); unknown top-level sections are refused so a typo
// fails loudly instead of silently keeping a default.
#ifndef CV_COMMON_CONFIG_H_
#define CV_COMMON_CONFIG_H_

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "common/result.h"

namespace cv {

class Config {
 public:
  // An empty config: every module uses its defaults.
  Config() = default;

  // Parses `path`. Errors carry the file, line and key.
  static Result<Config> Load(const std::string& path);
  // Parses TOML text; `origin` names it in errors.
  static Result<Config> Parse(std::string_view text, std::string_view origin = "config");

  // The named top-level table, or an empty table when absent.
  const toml::table& Section(std::string_view name) const;

  // Typed reads with range checks; errors name the key and its line.
  Result<std::int64_t> Int(std::string_view section, std::string_view key, std::int64_t fallback,
                           std::int64_t min, std::int64_t max) const;
  Result<double> Double(std::string_view section, std::string_view key, double fallback, double min,
                        double max) const;
  Result<std::string> String(std::string_view section, std::string_view key,
                             std::string fallback) const;

  // Refuses keys in `section` that are not in `allowed` (typo guard).
  Status CheckKeys(std::string_view section, std::initializer_list<std::string_view> allowed) const;

  const std::string& origin() const { return origin_; }

 private:
  toml::table table_;
  std::string origin_ = "defaults";
};

}  // namespace cv

#endif  // CV_COMMON_CONFIG_H_
