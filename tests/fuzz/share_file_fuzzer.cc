// Fuzzes the custodian share file reader ParseShareFile (crypto/keyring/sealing.h).
//
// Invariants checked:
//  1. Errors are kMalformed and name the origin.
//  2. A file that parses has consistent numbers: 2 <= threshold <= custodians <= 255 and
//     1 <= share number <= custodians.
//  3. FormatShareFile of the parsed fields gives a file that parses to the same fields and share
//     bytes, and that FormatShareFile reproduces byte for byte (the format is a fixed point).
#include <string>

#include "common/secret.h"
#include "crypto/keyring/sealing.h"
#include "tests/fuzz/fuzz_support.h"

namespace cv::crypto::keyring {
namespace {

constexpr std::string_view kOrigin = "share-1.txt";

bool SameShareFile(const ShareFile& a, const ShareFile& b) {
  return a.data_dir_id == b.data_dir_id && a.suite == b.suite && a.threshold == b.threshold &&
         a.custodians == b.custodians && a.share.number == b.share.number &&
         a.share.bytes.Equals(b.share.bytes);
}

void CheckRoundTrip(const ShareFile& file) {
  auto text = FormatShareFile(file);
  FUZZ_CHECK(text.has_value());
  auto again = ParseShareFile(*text, kOrigin);
  FUZZ_CHECK(again.has_value() && SameShareFile(file, *again));
  auto text_again = FormatShareFile(*again);
  FUZZ_CHECK(text_again.has_value() && text_again->Equals(*text));
}

}  // namespace
}  // namespace cv::crypto::keyring

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cv::crypto::keyring;
  const cv::Secret text(cv::fuzz::AsText(data, size));
  auto file = ParseShareFile(text, kOrigin);
  if (!file) {
    FUZZ_CHECK(file.error().code() == cv::ErrorCode::kMalformed);
    FUZZ_CHECK(file.error().position().file == kOrigin);
    return 0;
  }
  FUZZ_CHECK(2 <= file->threshold && file->threshold <= file->custodians &&
             file->custodians <= 255);
  FUZZ_CHECK(1 <= file->share.number && file->share.number <= file->custodians);
  CheckRoundTrip(*file);
  return 0;
}
