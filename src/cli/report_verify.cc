// The offline anchor check of a saved query answer (QRY-7).
#include "cli/report_verify.h"

#include <charconv>
#include <string_view>
#include <vector>

#include "audit/checkpoint.h"
#include "audit/internal/base64.h"
#include "audit/proof_json.h"
#include "common/hex.h"
#include "crypto/signer.h"

namespace cv::cli {
namespace {

// The note's body lines (origin, size, base64 root), before the blank line (C2SP tlog-checkpoint).
Result<std::vector<std::string>> NoteBody(const std::string& note) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (lines.size() < 3 && pos < note.size()) {
    const std::size_t nl = note.find('\n', pos);
    if (nl == std::string::npos) break;
    lines.push_back(note.substr(pos, nl - pos));
    pos = nl + 1;
  }
  if (lines.size() < 3) return Fail(ErrorCode::kMalformed, "the checkpoint is not a signed note");
  return lines;
}

Result<std::uint64_t> ParseSize(std::string_view text) {
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Fail(ErrorCode::kMalformed, "the checkpoint's tree size is not a number");
  }
  return n;
}

std::unexpected<Error> Mismatch(const char* what) {
  return Fail(ErrorCode::kPermissionDenied,
              std::string("the proof's ") + what + " differs from the checkpoint's");
}

}  // namespace

Result<VerifiedAnchor> VerifyReportAnchor(const nlohmann::json& answer) {
  const auto audit = answer.find("audit");
  if (audit == answer.end() || !audit->is_object() || !audit->contains("proof") ||
      !audit->contains("checkpoint") || !audit->at("checkpoint").is_string() ||
      !audit->contains("leaf_index") || !audit->at("leaf_index").is_number_unsigned()) {
    return Fail(ErrorCode::kMalformed, "not a query answer: audit.proof and audit.checkpoint");
  }
  const nlohmann::json& proof = audit->at("proof");
  CV_RETURN_IF_ERROR(audit::VerifyInclusionJson(proof.dump()));
  CV_ASSIGN_OR_RETURN(const std::vector<std::string> note,
                      NoteBody(audit->at("checkpoint").get<std::string>()));
  CV_ASSIGN_OR_RETURN(const std::uint64_t size, ParseSize(note[1]));
  CV_ASSIGN_OR_RETURN(const std::string root, audit::internal::Base64Decode(note[2]));
  VerifiedAnchor v{note[0], proof.value("leaf_index", std::uint64_t{0}),
                   proof.value("tree_size", std::uint64_t{0}), proof.value("root", "")};
  if (v.leaf_index != audit->at("leaf_index").get<std::uint64_t>()) return Mismatch("leaf index");
  if (v.tree_size != size) return Mismatch("tree size");
  if (v.root_hex != HexEncode(root)) return Mismatch("root");
  return v;
}

Result<LogKey> ParseLogKey(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("origin") || !j["origin"].is_string() || !j.contains("suite") ||
      !j["suite"].is_string() || !j.contains("public_key_der_base64") ||
      !j["public_key_der_base64"].is_string()) {
    return Fail(ErrorCode::kMalformed, "not a log key (GET /api/v1/audit/log-key)");
  }
  LogKey key{j["origin"].get<std::string>(), j["suite"].get<std::string>(), {}};
  if (key.suite != "gm" && key.suite != "intl") {
    return Fail(ErrorCode::kMalformed, "suite must be gm or intl");
  }
  CV_ASSIGN_OR_RETURN(key.public_key_der,
                      audit::internal::Base64Decode(j["public_key_der_base64"].get<std::string>()));
  return key;
}

Status VerifyCheckpointSignature(const nlohmann::json& answer, const LogKey& key) {
  const crypto::Suite suite = key.suite == "gm" ? crypto::Suite::kGm : crypto::Suite::kIntl;
  CV_ASSIGN_OR_RETURN(auto verifier, crypto::NewVerifier(suite, key.public_key_der));
  const std::string note = answer.at("audit").at("checkpoint").get<std::string>();
  CV_ASSIGN_OR_RETURN(const audit::Checkpoint cp, audit::OpenCheckpoint(note, key.origin, *verifier,
                                                                        key.public_key_der, suite));
  if (cp.origin != key.origin) {
    return Fail(ErrorCode::kPermissionDenied, "the checkpoint is of another log");
  }
  return Ok();
}

}  // namespace cv::cli
