// C2SP tlog-checkpoint bodies and their signed-note signatures.
#include "audit/checkpoint.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <vector>

#include "audit/internal/base64.h"
#include "audit/internal/signed_note.h"
#include "crypto/hasher.h"

namespace cv::audit {
namespace {

std::unexpected<Error> MalformedAt(std::uint64_t line, std::string message) {
  return Fail(ErrorCode::kMalformed, "malformed checkpoint: " + std::move(message),
              Position{"", line, ""});
}

// type byte || [identifier ||] public key: what follows "<key name>\n" in a recommended key ID's
// hash input, and the key part of a verifier key. DO NOT CHANGE: hashed into key IDs.
std::string TypedPublicKey(std::string_view public_key_der, crypto::Suite suite) {
  if (suite == crypto::Suite::kIntl) {
    return std::string(1, static_cast<char>(kNoteSigTypeEcdsa)) + std::string(public_key_der);
  }
  return std::string(1, static_cast<char>(kNoteSigTypeUnassigned)) +
         std::string(kSm2NoteSigIdentifier) + std::string(public_key_der);
}

// Key IDs use SHA-256 whatever the suite: c2sp.org/signed-note fixes it.
Result<std::string> Sha256(std::string_view data) {
  CV_ASSIGN_OR_RETURN(auto hasher, crypto::NewHasher(crypto::Suite::kIntl));
  return hasher->Hash(data);
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t end; (end = text.find('\n')) != std::string_view::npos;) {
    lines.push_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  return lines;
}

// tlog-checkpoint: "the ASCII decimal representation of the number of leaves in the tree, with no
// leading zeroes (unless the tree is empty, in which case the tree size is 0)".
Result<std::uint64_t> ParseSize(std::string_view line) {
  std::uint64_t size = 0;
  const auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), size);
  const bool digits_only =
      !line.empty() && std::ranges::all_of(line, [](char c) { return c >= '0' && c <= '9'; });
  if (!digits_only || error != std::errc() || end != line.data() + line.size() ||
      (line.size() > 1 && line[0] == '0')) {
    return MalformedAt(2, "tree size must be a decimal number without leading zeros");
  }
  return size;
}

Result<std::string> ParseRoot(std::string_view line) {
  auto root = internal::Base64Decode(line);
  if (!root || root->size() != crypto::kDigestSize) {
    return MalformedAt(3, "root hash must be the base64 of 32 bytes");
  }
  return root;
}

// The body of a checkpoint: exactly the origin, size and root lines.
Result<Checkpoint> ParseCheckpointText(std::string_view text) {
  const std::vector<std::string_view> lines = SplitLines(text);
  if (lines.size() < 3) return MalformedAt(lines.size() + 1, "missing origin, size or root line");
  if (lines.size() > 3) {
    return Fail(ErrorCode::kUnsupported, "checkpoint extension lines are not supported",
                Position{"", 4, ""});
  }
  if (lines[0].empty()) return MalformedAt(1, "origin must not be empty");
  Checkpoint checkpoint{std::string(lines[0]), 0, ""};
  CV_ASSIGN_OR_RETURN(checkpoint.size, ParseSize(lines[1]));
  CV_ASSIGN_OR_RETURN(checkpoint.root_hash, ParseRoot(lines[2]));
  return checkpoint;
}

// c2sp.org/signed-note: signatures of unknown keys are ignored; one from the known key must verify
// (we refuse the note if any fails, as the spec recommends); at least one must be present.
Status VerifyKnownSignatures(const internal::ParsedNote& note, std::string_view key_name,
                             std::uint32_t key_id, const crypto::Verifier& verifier) {
  bool verified = false;
  for (const internal::NoteSignature& sig : note.signatures) {
    if (sig.key_name != key_name || sig.key_id != key_id) continue;
    if (!verifier.Verify(sig.signature, note.text)) {
      return Fail(ErrorCode::kPermissionDenied, "checkpoint signature does not verify");
    }
    verified = true;
  }
  if (verified) return Ok();
  return Fail(ErrorCode::kPermissionDenied, "checkpoint is not signed by the expected key");
}

}  // namespace

Result<std::string> CheckpointText(const Checkpoint& checkpoint) {
  const std::string_view origin = checkpoint.origin;
  if (origin.empty() || origin.find('\n') != std::string_view::npos ||
      !internal::CheckNoteCharacters(origin)) {
    return Fail(ErrorCode::kInvalidArgument,
                "checkpoint origin must be one non-empty line of UTF-8 text");
  }
  if (checkpoint.root_hash.size() != crypto::kDigestSize) {
    return Fail(ErrorCode::kInvalidArgument, "checkpoint root hash must be 32 bytes");
  }
  return fmt::format("{}\n{}\n{}\n", origin, checkpoint.size,
                     internal::Base64Encode(checkpoint.root_hash));
}

Result<std::uint32_t> NoteKeyId(std::string_view key_name, std::string_view public_key_der,
                                crypto::Suite suite) {
  if (!internal::IsValidKeyName(key_name)) {
    return Fail(ErrorCode::kInvalidArgument, "note key names are non-empty, without spaces or +");
  }
  // signed-note type 0x02: "the key ID ... is the truncated SHA-256 hash of the DER encoded
  // public key in SPKI format"; otherwise SHA-256(key name || 0x0A || type || public key)[:4].
  const std::string input =
      suite == crypto::Suite::kIntl
          ? std::string(public_key_der)
          : std::string(key_name) + "\n" + TypedPublicKey(public_key_der, suite);
  CV_ASSIGN_OR_RETURN(const std::string digest, Sha256(input));
  std::uint32_t id = 0;
  for (int i = 0; i < 4; ++i) id = (id << 8) | static_cast<unsigned char>(digest[i]);
  return id;
}

Result<std::string> NoteVerifierKey(std::string_view key_name, std::string_view public_key_der,
                                    crypto::Suite suite) {
  CV_ASSIGN_OR_RETURN(const std::uint32_t id, NoteKeyId(key_name, public_key_der, suite));
  return fmt::format("{}+{:08x}+{}", key_name, id,
                     internal::Base64Encode(TypedPublicKey(public_key_der, suite)));
}

Result<std::string> SignCheckpoint(const Checkpoint& checkpoint, std::string_view key_name,
                                   const crypto::Signer& signer, std::string_view public_key_der,
                                   crypto::Suite suite) {
  CV_ASSIGN_OR_RETURN(const std::string text, CheckpointText(checkpoint));
  CV_ASSIGN_OR_RETURN(const std::uint32_t key_id, NoteKeyId(key_name, public_key_der, suite));
  CV_ASSIGN_OR_RETURN(const std::string signature, signer.Sign(text));
  return text + "\n" + internal::FormatSignatureLine(key_name, key_id, signature);
}

Result<Checkpoint> OpenCheckpoint(std::string_view note_text, std::string_view key_name,
                                  const crypto::Verifier& verifier, std::string_view public_key_der,
                                  crypto::Suite suite) {
  CV_ASSIGN_OR_RETURN(const internal::ParsedNote note, internal::ParseNote(note_text));
  CV_ASSIGN_OR_RETURN(Checkpoint checkpoint, ParseCheckpointText(note.text));
  CV_ASSIGN_OR_RETURN(const std::uint32_t key_id, NoteKeyId(key_name, public_key_der, suite));
  CV_RETURN_IF_ERROR(VerifyKnownSignatures(note, key_name, key_id, verifier));
  return checkpoint;
}

}  // namespace cv::audit
