// Fuzzes the proof interchange JSON (audit/proof_json.h): ParseProofJson, then strict decoding
// as an inclusion and as a consistency proof, then verification of whatever decodes.
//
// Invariants checked:
//  1. ParseProofJson and the decoders fail only with kMalformed.
//  2. A decoded bundle encodes (ToJson) and decodes back to itself, also through JSON text.
//  3. Verifying a decoded bundle, whatever its sizes and proof length, is Ok or the generic
//     kPermissionDenied.
#include <string>

#include "audit/proof_json.h"
#include "tests/fuzz/fuzz_support.h"

namespace cv::audit {
namespace {

template <typename Bundle, typename Decode, typename Encode, typename Verify>
void CheckProof(const nlohmann::ordered_json& j, Decode decode, Encode encode, Verify verify) {
  Result<Bundle> bundle = decode(j);
  if (!bundle) {
    FUZZ_CHECK(bundle.error().code() == ErrorCode::kMalformed);
    return;
  }
  auto encoded = encode(*bundle);
  FUZZ_CHECK(encoded.has_value());
  auto decoded = decode(*encoded);
  FUZZ_CHECK(decoded.has_value() && *decoded == *bundle);
  auto reparsed = ParseProofJson(encoded->dump());
  FUZZ_CHECK(reparsed.has_value());
  auto redecoded = decode(*reparsed);
  FUZZ_CHECK(redecoded.has_value() && *redecoded == *bundle);
  const Status verified = verify(*bundle);
  FUZZ_CHECK(verified || verified.error().code() == ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace cv::audit

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cv::audit;
  auto j = ParseProofJson(cv::fuzz::AsText(data, size));
  if (!j) {
    FUZZ_CHECK(j.error().code() == cv::ErrorCode::kMalformed);
    return 0;
  }
  CheckProof<InclusionProofBundle>(*j, InclusionProofFromJson, InclusionProofToJson,
                                   VerifyInclusionBundle);
  CheckProof<ConsistencyProofBundle>(*j, ConsistencyProofFromJson, ConsistencyProofToJson,
                                     VerifyConsistencyBundle);
  return 0;
}
