// Typed, bounded reads of request fields.
#include "server/json_fields.h"

#include <fmt/format.h>

#include <charconv>

namespace cv::server {
namespace {

Error FieldError(std::string_view key, std::string_view what) {
  return Error(ErrorCode::kInvalidArgument, fmt::format("field \"{}\": {}", key, what),
               Position{"", 0, std::string(key)});
}

}  // namespace

Result<std::optional<std::string>> OptionalString(const nlohmann::json& body, std::string_view key,
                                                  std::size_t max_bytes) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return std::unexpected(FieldError(key, "must be a string"));
  const std::string& s = it->get_ref<const std::string&>();
  if (s.empty()) return std::unexpected(FieldError(key, "must not be empty"));
  if (s.size() > max_bytes) {
    return std::unexpected(FieldError(key, fmt::format("longer than {} bytes", max_bytes)));
  }
  if (s.find('\0') != std::string::npos) {
    return std::unexpected(FieldError(key, "must not contain NUL"));
  }
  return std::optional<std::string>(s);
}

Result<std::string> RequiredString(const nlohmann::json& body, std::string_view key,
                                   std::size_t max_bytes) {
  CV_ASSIGN_OR_RETURN(std::optional<std::string> s, OptionalString(body, key, max_bytes));
  if (!s) return std::unexpected(FieldError(key, "is required"));
  return std::move(*s);
}

Result<Secret> RequiredSecret(const nlohmann::json& body, std::string_view key,
                              std::size_t max_bytes) {
  CV_ASSIGN_OR_RETURN(std::string s, RequiredString(body, key, max_bytes));
  Secret out(s);
  SecureZero(s.data(), s.size());
  return out;
}

Result<std::vector<std::string>> RequiredStringArray(const nlohmann::json& body,
                                                     std::string_view key, std::size_t max_items,
                                                     std::size_t max_bytes) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_array() || it->empty()) {
    return std::unexpected(FieldError(key, "must be a non-empty array of strings"));
  }
  if (it->size() > max_items) {
    return std::unexpected(FieldError(key, fmt::format("more than {} items", max_items)));
  }
  std::vector<std::string> out;
  for (const nlohmann::json& item : *it) {
    if (!item.is_string() || item.get_ref<const std::string&>().empty() ||
        item.get_ref<const std::string&>().size() > max_bytes) {
      return std::unexpected(FieldError(key, "every item must be a non-empty short string"));
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<std::uint64_t> QueryNumber(const std::map<std::string, std::string, std::less<>>& params,
                                  std::string_view key, std::uint64_t fallback, std::uint64_t min,
                                  std::uint64_t max) {
  auto it = params.find(key);
  if (it == params.end()) return fallback;
  std::uint64_t v = 0;
  const std::string& s = it->second;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < min || v > max) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("query parameter {} must be a number in [{}, {}]", key, min, max));
  }
  return v;
}

}  // namespace cv::server
