// BatchSigning: the provider's side of the batch format — the manifest for a records file,
// digested and signed with the institution's key (docs/ingest_format.md). Used by `cvault batch
// sign`, the demo data loader and tests; the platform itself only verifies (batch_format.h).
//
// Thread-safety: pure functions.
#ifndef CV_CREDIT_BATCH_SIGNING_H_
#define CV_CREDIT_BATCH_SIGNING_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/secret.h"
#include "credit/batch_parse.h"
#include "crypto/suite.h"

namespace cv::credit {

struct BatchToSign {
  std::string institution;
  std::string batch_id;
  BatchFormat format = BatchFormat::kJsonl;
  std::uint64_t record_count = 0;
  std::optional<nlohmann::json> encryption;  // as the manifest will carry it
};

// The signed manifest JSON for `records` (plaintext): digest and signature of `suite` (gm: SM3 and
// SM2; intl: SHA-256 and ECDSA P-256) with `private_key_der` (PKCS#8).
[[nodiscard]] Result<std::string> SignedManifest(const BatchToSign& batch, std::string_view records,
                                                 crypto::Suite suite,
                                                 const Secret& private_key_der);

// The non-blank records of a JSON Lines or CSV text (the manifest's record_count).
[[nodiscard]] Result<std::uint64_t> CountRecords(std::string_view records, BatchFormat format);

}  // namespace cv::credit

#endif  // CV_CREDIT_BATCH_SIGNING_H_
