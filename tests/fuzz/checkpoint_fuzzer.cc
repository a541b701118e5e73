// Fuzzes signed checkpoints (audit/checkpoint.h) and the signed-note parser beneath them
// (audit/internal/signed_note.h), with fixed test keys of both suites (fuzz_support.h).
//
// Invariants checked:
//  1. ParseNote succeeds only for text it can rebuild exactly: the note text, "\n", then each
//     signature line as FormatSignatureLine writes it; at most kMaxNoteSignatures of them.
//  2. OpenCheckpoint fails with kMalformed, kUnsupported or kPermissionDenied only. When it
//     succeeds, the note starts with CheckpointText(checkpoint) and a blank line, and a fresh
//     signature over the checkpoint opens to the same checkpoint.
#include <memory>
#include <string>

#include "audit/checkpoint.h"
#include "audit/internal/signed_note.h"
#include "common/secret.h"
#include "crypto/signer.h"
#include "tests/fuzz/fuzz_support.h"

namespace cv::audit {
namespace {

struct Key {
  crypto::Suite suite;
  std::string public_der;
  std::unique_ptr<crypto::Signer> signer;
  std::unique_ptr<crypto::Verifier> verifier;
};

Key MakeKey(crypto::Suite suite, std::string_view private_hex, std::string_view public_hex) {
  Key key{suite, fuzz::FromHex(public_hex), nullptr, nullptr};
  key.signer = crypto::NewSigner(suite, Secret(fuzz::FromHex(private_hex))).value();
  key.verifier = crypto::NewVerifier(suite, key.public_der).value();
  return key;
}

// Built once (LLVMFuzzerInitialize) and kept for the life of the process.
const Key* g_keys[2];

void CheckNote(std::string_view text) {
  auto note = internal::ParseNote(text);
  if (!note) {
    FUZZ_CHECK(note.error().code() == ErrorCode::kMalformed);
    return;
  }
  FUZZ_CHECK(note->signatures.size() <= internal::kMaxNoteSignatures);
  std::string rebuilt = std::string(note->text) + "\n";
  for (const internal::NoteSignature& sig : note->signatures) {
    FUZZ_CHECK(internal::IsValidKeyName(sig.key_name));
    rebuilt += internal::FormatSignatureLine(sig.key_name, sig.key_id, sig.signature);
  }
  FUZZ_CHECK(rebuilt == text);
}

void CheckOpen(std::string_view text, const Key& key) {
  auto opened = OpenCheckpoint(text, fuzz::kNoteKeyName, *key.verifier, key.public_der, key.suite);
  if (!opened) {
    const ErrorCode code = opened.error().code();
    FUZZ_CHECK(code == ErrorCode::kMalformed || code == ErrorCode::kUnsupported ||
               code == ErrorCode::kPermissionDenied);
    return;
  }
  auto body = CheckpointText(*opened);
  FUZZ_CHECK(body.has_value() && text.starts_with(*body + "\n"));
  auto signed_again =
      SignCheckpoint(*opened, fuzz::kNoteKeyName, *key.signer, key.public_der, key.suite);
  FUZZ_CHECK(signed_again.has_value());
  auto reopened =
      OpenCheckpoint(*signed_again, fuzz::kNoteKeyName, *key.verifier, key.public_der, key.suite);
  FUZZ_CHECK(reopened.has_value() && *reopened == *opened);
}

}  // namespace
}  // namespace cv::audit

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  using namespace cv;
  static const audit::Key gm =
      audit::MakeKey(crypto::Suite::kGm, fuzz::kGmPrivateDerHex, fuzz::kGmPublicDerHex);
  static const audit::Key intl =
      audit::MakeKey(crypto::Suite::kIntl, fuzz::kIntlPrivateDerHex, fuzz::kIntlPublicDerHex);
  audit::g_keys[0] = &gm;
  audit::g_keys[1] = &intl;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = cv::fuzz::AsText(data, size);
  cv::audit::CheckNote(text);
  for (const cv::audit::Key* key : cv::audit::g_keys) cv::audit::CheckOpen(text, *key);
  return 0;
}
