// KeyFile: the `name: value` text format of CreditVault's key files (share files, the sealed
// root), with '#' comment lines. Parsing is strict: unknown, repeated or missing fields fail.
//
// Thread-safety: a value type. Values are wiped on destruction.
#ifndef CV_CRYPTO_KEYRING_KEY_FILE_H_
#define CV_CRYPTO_KEYRING_KEY_FILE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace cv::crypto::keyring {

class KeyFile {
 public:
  KeyFile() = default;
  KeyFile(KeyFile&&) = default;
  KeyFile& operator=(KeyFile&&) = default;
  // Values may be share bytes: they are wiped (CRY-6).
  ~KeyFile();

  // Parses `text`; `allowed` lists every field the format has. Errors are kMalformed with the
  // origin and line number, never a value.
  static Result<KeyFile> Parse(std::string_view text, std::string_view origin,
                               const std::vector<std::string_view>& allowed);

  // The field's value; kMalformed when missing.
  Result<std::string> Get(std::string_view name) const;
  Result<int> GetInt(std::string_view name, int min, int max) const;

 private:
  std::string origin_;
  std::map<std::string, std::string, std::less<>> fields_;
};

}  // namespace cv::crypto::keyring

#endif  // CV_CRYPTO_KEYRING_KEY_FILE_H_
