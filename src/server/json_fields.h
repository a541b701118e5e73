// Typed reads of a request body's fields, with bounded sizes and errors that name the field
// (SEC-2: hostile input gets a clear error, never a crash).
#ifndef CV_SERVER_JSON_FIELDS_H_
#define CV_SERVER_JSON_FIELDS_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/secret.h"

namespace cv::server {

// A non-empty string of at most `max_bytes`; kInvalidArgument naming `key` otherwise.
Result<std::string> RequiredString(const nlohmann::json& body, std::string_view key,
                                   std::size_t max_bytes);
// The same, or nullopt when the key is absent or null.
Result<std::optional<std::string>> OptionalString(const nlohmann::json& body, std::string_view key,
                                                  std::size_t max_bytes);
// A required string moved into zeroizing memory (passwords).
Result<Secret> RequiredSecret(const nlohmann::json& body, std::string_view key,
                              std::size_t max_bytes);
// A non-empty array of at most `max_items` strings, each as RequiredString.
Result<std::vector<std::string>> RequiredStringArray(const nlohmann::json& body,
                                                     std::string_view key, std::size_t max_items,
                                                     std::size_t max_bytes);
// A decimal query parameter in [min, max]; `fallback` when absent.
Result<std::uint64_t> QueryNumber(const std::map<std::string, std::string, std::less<>>& params,
                                  std::string_view key, std::uint64_t fallback, std::uint64_t min,
                                  std::uint64_t max);

}  // namespace cv::server

#endif  // CV_SERVER_JSON_FIELDS_H_
