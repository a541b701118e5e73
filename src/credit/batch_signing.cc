// The provider's side of the batch format: digest and signature.
#include "credit/batch_signing.h"

#include "audit/internal/base64.h"
#include "common/hex.h"
#include "credit/batch_format.h"
#include "crypto/hasher.h"
#include "crypto/signer.h"

namespace cv::credit {

Result<std::string> SignedManifest(const BatchToSign& batch, std::string_view records,
                                   crypto::Suite suite, const Secret& private_key_der) {
  const bool gm = suite == crypto::Suite::kGm;
  CV_ASSIGN_OR_RETURN(auto hasher, crypto::NewHasher(suite));
  CV_ASSIGN_OR_RETURN(std::string digest, hasher->Hash(records));
  nlohmann::json m = {
      {"format_version", 1},
      {"institution", batch.institution},
      {"batch_id", batch.batch_id},
      {"format", std::string(BatchFormatName(batch.format))},
      {"record_count", batch.record_count},
      {"digest", {{"alg", gm ? "sm3" : "sha256"}, {"hex", HexEncode(digest)}}},
      {"signature", {{"alg", gm ? "sm2-sm3" : "ecdsa-p256-sha256"}, {"value", ""}}}};
  if (batch.encryption) m["encryption"] = *batch.encryption;
  // Sign what the platform will verify: the signing text of the manifest as parsed.
  m["signature"]["value"] = audit::internal::Base64Encode("unsigned");
  CV_ASSIGN_OR_RETURN(Manifest parsed, ParseManifest(m.dump()));
  CV_ASSIGN_OR_RETURN(auto signer, crypto::NewSigner(suite, private_key_der));
  CV_ASSIGN_OR_RETURN(std::string signature, signer->Sign(ManifestSigningText(parsed)));
  m["signature"]["value"] = audit::internal::Base64Encode(signature);
  return m.dump(2);
}

Result<std::uint64_t> CountRecords(std::string_view records, BatchFormat format) {
  ParseOptions options;
  options.today_ymd = 20991231;  // counting only: no date is judged
  CV_ASSIGN_OR_RETURN(BatchReader reader, BatchReader::Open(records, format, options));
  std::uint64_t n = 0;
  while (reader.Next()) ++n;
  return n;
}

}  // namespace cv::credit
