// Fuzzes the key file parser (crypto/keyring/key_file.h) with the fields of share files and of
// the sealed root, and the sealed-root reader UnsealWithPassphrase (crypto/keyring/sealing.h)
// when the file asks for a cheap Argon2id cost.
//
// Invariants checked:
//  1. KeyFile::Parse succeeds exactly when the reference reading below does; on failure the error
//     is kMalformed and names the origin and the reference's line.
//  2. On success every field reads back as the reference's value (or is missing), and GetInt
//     succeeds only for a value that is that integer in decimal, within the range.
//  3. UnsealWithPassphrase never crashes; when it opens the file the root is not empty, and the
//     same file never opens for another data directory (the id is bound as associated data).
#include <algorithm>
#include <charconv>
#include <climits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/secret.h"
#include "crypto/keyring/key_file.h"
#include "crypto/keyring/sealing.h"
#include "tests/fuzz/fuzz_support.h"

namespace cv::crypto::keyring {
namespace {

const std::vector<std::string_view> kShareFields = {"cvault-share", "data-dir-id", "suite",
                                                    "threshold",    "custodians",  "share-number",
                                                    "share",        "checksum"};
const std::vector<std::string_view> kSealedFields = {
    "cvault-sealed-root", "data-dir-id",    "suite", "kdf",
    "kdf-iterations",     "kdf-memory-kib", "salt",  "sealed"};
constexpr std::string_view kOrigin = "fuzz.key";

struct Reference {
  std::map<std::string, std::string, std::less<>> fields;
  std::size_t error_line = 0;  // 0 when the text is a valid key file
};

// The format as key_file.h describes it: `name: value` lines, '#' comments and blank lines
// skipped, a '\r' before '\n' dropped, every name listed in `allowed` and none repeated.
Reference ReferenceParse(std::string_view text, const std::vector<std::string_view>& allowed) {
  Reference ref;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_no;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    const std::size_t colon = line.find(": ");
    const std::string_view name = line.substr(0, colon == std::string_view::npos ? 0 : colon);
    const bool known = std::find(allowed.begin(), allowed.end(), name) != allowed.end();
    if (name.empty() || !known || !ref.fields.emplace(name, line.substr(colon + 2)).second) {
      ref.error_line = line_no;
      return ref;
    }
  }
  return ref;
}

std::optional<int> ParseInt(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

void CheckParse(std::string_view text, const std::vector<std::string_view>& allowed) {
  const Reference ref = ReferenceParse(text, allowed);
  auto file = KeyFile::Parse(text, kOrigin, allowed);
  FUZZ_CHECK(file.has_value() == (ref.error_line == 0));
  if (!file) {
    FUZZ_CHECK(file.error().code() == ErrorCode::kMalformed);
    FUZZ_CHECK(file.error().position().file == kOrigin);
    FUZZ_CHECK(file.error().position().line == ref.error_line);
    return;
  }
  for (std::string_view name : allowed) {
    const auto it = ref.fields.find(name);
    const auto value = file->Get(name);
    FUZZ_CHECK(value.has_value() == (it != ref.fields.end()));
    if (!value) continue;
    FUZZ_CHECK(*value == it->second);
    const auto number = file->GetInt(name, -1000, 1000);
    const std::optional<int> want = ParseInt(*value);
    FUZZ_CHECK(number.has_value() == (want && *want >= -1000 && *want <= 1000));
    FUZZ_CHECK(!number || *number == *want);
  }
}

// Runs Argon2id only for cheap costs (the seed asks for t=1, m=8 KiB), so the fuzzer stays fast.
bool CheapToUnseal(std::string_view text) {
  auto file = KeyFile::Parse(text, kOrigin, kSealedFields);
  if (!file) return false;
  auto iterations = file->GetInt("kdf-iterations", 0, 4);
  auto memory = file->GetInt("kdf-memory-kib", 0, 1024);
  return iterations && memory;
}

void CheckUnseal(std::string_view text) {
  if (!CheapToUnseal(text)) return;
  const Secret passphrase(fuzz::kSealPassphrase);
  auto root = UnsealWithPassphrase(text, passphrase, fuzz::kSealDataDirId);
  if (!root) return;
  FUZZ_CHECK(!root->empty());
  auto elsewhere = UnsealWithPassphrase(text, passphrase, "another data directory");
  FUZZ_CHECK(!elsewhere && elsewhere.error().code() == ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace cv::crypto::keyring

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cv::crypto::keyring;
  const std::string_view text = cv::fuzz::AsText(data, size);
  CheckParse(text, kShareFields);
  CheckParse(text, kSealedFields);
  CheckUnseal(text);
  return 0;
}
