// Offline check of a saved query answer (QRY-7; docs/credit_cli.md): its audit inclusion proof
// verifies and leads to the root and size its checkpoint note states, so the report's issue is
// anchored in the audit log.
//
// Thread-safety: pure functions.
#ifndef CV_CLI_REPORT_VERIFY_H_
#define CV_CLI_REPORT_VERIFY_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "common/result.h"

namespace cv::cli {

struct VerifiedAnchor {
  std::string origin;  // the checkpoint note's first line: the log's identity
  std::uint64_t leaf_index = 0;
  std::uint64_t tree_size = 0;
  std::string root_hex;
};

// Checks `answer` ({"report_id", "report", "audit": {"leaf_index", "proof", "checkpoint"}}):
// the proof verifies (audit::VerifyInclusionJson), names the answer's leaf index, and its root and
// tree size equal the checkpoint note's. The note's signature is NOT checked here: that needs the
// log's public key. kMalformed for a missing part, kPermissionDenied for a mismatch.
[[nodiscard]] Result<VerifiedAnchor> VerifyReportAnchor(const nlohmann::json& answer);

// The log's checkpoint key as GET /api/v1/audit/log-key answers it.
struct LogKey {
  std::string origin;
  std::string suite;  // "gm" | "intl"
  std::string public_key_der;
};
[[nodiscard]] Result<LogKey> ParseLogKey(const nlohmann::json& j);

// The checkpoint's signature by `key` (audit::OpenCheckpoint), and that it is that log's.
// kPermissionDenied when the signature does not verify or the origin differs.
[[nodiscard]] Status VerifyCheckpointSignature(const nlohmann::json& answer, const LogKey& key);

}  // namespace cv::cli

#endif  // CV_CLI_REPORT_VERIFY_H_
