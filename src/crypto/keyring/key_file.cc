// Strict `name: value` parsing for key files.
#include "crypto/keyring/key_file.h"

#include <algorithm>
#include <charconv>

#include "common/secret.h"

namespace cv::crypto::keyring {
namespace {

Error Malformed(std::string_view origin, std::size_t line, std::string what) {
  return Error(ErrorCode::kMalformed, what, Position{std::string(origin), line, ""});
}

}  // namespace

KeyFile::~KeyFile() {
  for (auto& [name, value] : fields_) SecureZero(value.data(), value.size());
}

Result<KeyFile> KeyFile::Parse(std::string_view text, std::string_view origin,
                               const std::vector<std::string_view>& allowed) {
  KeyFile file;
  file.origin_ = origin;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t colon = line.find(": ");
    if (colon == std::string_view::npos || colon == 0) {
      return std::unexpected(Malformed(origin, line_no, "not a `name: value` line"));
    }
    const std::string_view name = line.substr(0, colon);
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      return std::unexpected(
          Malformed(origin, line_no, "unknown field '" + std::string(name) + "'"));
    }
    if (!file.fields_.emplace(std::string(name), std::string(line.substr(colon + 2))).second) {
      return std::unexpected(
          Malformed(origin, line_no, "field '" + std::string(name) + "' repeated"));
    }
  }
  return file;
}

Result<std::string> KeyFile::Get(std::string_view name) const {
  auto it = fields_.find(name);
  if (it == fields_.end()) {
    return std::unexpected(Malformed(origin_, 0, "missing field '" + std::string(name) + "'"));
  }
  return it->second;
}

Result<int> KeyFile::GetInt(std::string_view name, int min, int max) const {
  auto text = Get(name);
  if (!text) return std::unexpected(text.error());
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    return std::unexpected(Malformed(origin_, 0,
                                     "field '" + std::string(name) + "' must be an integer in " +
                                         std::to_string(min) + ".." + std::to_string(max)));
  }
  return value;
}

}  // namespace cv::crypto::keyring
