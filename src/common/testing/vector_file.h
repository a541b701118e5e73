// Test-only loader for test vector files in BoringSSL's FileTest format: blocks of
// `Key = Value` lines separated by blank lines, '#' comments naming the source.
//
// A block's attributes must all be read by the test (VectorBlock::Get); one that is not is an
// unknown attribute and fails the test, so a typo in a vector file fails loudly.
// Thread-compatible; test code only.
#ifndef CV_COMMON_TESTING_VECTOR_FILE_H_
#define CV_COMMON_TESTING_VECTOR_FILE_H_

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cv::testing {

// One block of attributes.
class VectorBlock {
 public:
  VectorBlock(std::string where, std::vector<std::pair<std::string, std::string>> attributes)
      : where_(std::move(where)), attributes_(std::move(attributes)) {}

  // "file:line" of the block's first attribute, for failure messages.
  const std::string& where() const { return where_; }

  bool Has(std::string_view key) const { return Find(key) != nullptr; }

  // The value of `key`; marks it used. A missing key fails the test and yields "".
  std::string Get(std::string_view key) {
    auto value = GetOptional(key);
    if (!value) ADD_FAILURE() << where_ << ": missing attribute " << key;
    return value.value_or("");
  }

  // The value of `key` if present; marks it used.
  std::optional<std::string> GetOptional(std::string_view key) {
    const std::string* value = Find(key);
    if (value == nullptr) return std::nullopt;
    used_.insert(std::string(key));
    return *value;
  }

  // Attributes never read by Get or GetOptional.
  std::vector<std::string> Unused() const {
    std::vector<std::string> unused;
    for (const auto& [key, value] : attributes_) {
      if (!used_.contains(key)) unused.push_back(key);
    }
    return unused;
  }

 private:
  const std::string* Find(std::string_view key) const {
    for (const auto& [k, v] : attributes_) {
      if (k == key) return &v;
    }
    return nullptr;
  }

  std::string where_;
  std::vector<std::pair<std::string, std::string>> attributes_;
  std::set<std::string> used_;
};

// Parses vector file text. Fails the test (and returns what it parsed so far) on a line that is
// neither a comment, blank, nor `Key = Value`, and on a key repeated within a block.
inline std::vector<VectorBlock> ParseVectors(std::string_view text, const std::string& name) {
  std::vector<VectorBlock> blocks;
  std::vector<std::pair<std::string, std::string>> attrs;
  std::string where;
  auto flush = [&] {
    if (!attrs.empty()) blocks.emplace_back(where, std::move(attrs));
    attrs.clear();
  };
  std::istringstream in{std::string(text)};
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      flush();
      continue;
    }
    if (line[0] == '#') continue;
    const std::size_t eq = line.find(" = ");
    if (eq == std::string::npos || eq == 0) {
      ADD_FAILURE() << name << ":" << n << ": not `Key = Value`: " << line;
      return blocks;
    }
    std::string key = line.substr(0, eq);
    for (const auto& [k, v] : attrs) {
      if (k == key) {
        ADD_FAILURE() << name << ":" << n << ": repeated attribute " << key;
        return blocks;
      }
    }
    if (attrs.empty()) where = name + ":" + std::to_string(n);
    attrs.emplace_back(std::move(key), line.substr(eq + 3));
  }
  flush();
  return blocks;
}

// Runs `fn` on each block of the file at `path` and fails the test on an unreadable or empty
// file, a malformed line, or an attribute `fn` did not read. Returns the number of blocks.
inline int ForEachVector(const std::string& path, const std::function<void(VectorBlock&)>& fn) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    ADD_FAILURE() << "cannot open test vectors " << path;
    return 0;
  }
  std::stringstream text;
  text << file.rdbuf();
  std::vector<VectorBlock> blocks = ParseVectors(text.str(), path);
  if (blocks.empty()) ADD_FAILURE() << "no test vectors in " << path;
  for (VectorBlock& block : blocks) {
    SCOPED_TRACE(block.where());
    fn(block);
    for (const std::string& key : block.Unused()) {
      ADD_FAILURE() << block.where() << ": unknown attribute " << key;
    }
  }
  return static_cast<int>(blocks.size());
}

// Bytes of a hex string (case-insensitive, spaces ignored); fails the test on a bad digit.
inline std::string FromHex(std::string_view hex) {
  std::string out;
  int high = -1;
  for (char c : hex) {
    if (c == ' ') continue;
    int v = (c >= '0' && c <= '9') ? c - '0'
            : (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                     : -1;
    if (v < 0) {
      ADD_FAILURE() << "bad hex digit in " << hex;
      return out;
    }
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<char>(high * 16 + v));
      high = -1;
    }
  }
  if (high >= 0) ADD_FAILURE() << "odd number of hex digits in " << hex;
  return out;
}

// Lower-case hex of `bytes`.
inline std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

// Path of `file` under the source tree, e.g. SourcePath("src/crypto/testdata/sm3.txt").
inline std::string SourcePath(std::string_view file) {
  return std::string(CV_SOURCE_DIR) + "/" + std::string(file);
}

}  // namespace cv::testing

#endif  // CV_COMMON_TESTING_VECTOR_FILE_H_
