// Checkpoint: a signed tree head of the audit log in the C2SP tlog-checkpoint format — a C2SP
// signed note whose text is the origin, the tree size and the base64 root hash — signed with the
// suite's signature algorithm (SM2 with SM3 for gm, ECDSA P-256 with SHA-256 for intl).
//
//   <origin>\n<tree size, decimal>\n<base64(root hash)>\n\n— <key name> <base64(key id || sig)>\n
//
// Key IDs and signature type bytes (docs/audit_log_format.md; DO NOT CHANGE, they are signed and
// verified by other tools):
//  1. intl: type 0x02, "ECDSA signatures as implemented by github.com/transparency-dev/witness";
//     the key ID is SHA-256(SubjectPublicKeyInfo DER)[:4], as c2sp.org/signed-note fixes it for
//     that type, so transparency-dev/formats' note.NewECDSAVerifier opens our intl checkpoints.
//  2. gm: SM2 has no assigned type, so type 0xff ("reserved for signature types without an
//     identifier byte assigned by this specification") followed, as the spec recommends, by the
//     identifier kSm2NoteSigIdentifier; the key ID is the spec's recommended
//     SHA-256(key name || 0x0A || 0xff || identifier || SubjectPublicKeyInfo DER)[:4].
// The signature is the suite Signer's DER signature over the note text (which ends in "\n").
//
// Thread-safety: value types and pure functions (Signer and Verifier are thread-safe).
#ifndef CV_AUDIT_CHECKPOINT_H_
#define CV_AUDIT_CHECKPOINT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "crypto/signer.h"
#include "crypto/suite.h"

namespace cv::audit {

// DO NOT CHANGE: c2sp.org/signed-note signature type identifier bytes, hashed into key IDs.
inline constexpr std::uint8_t kNoteSigTypeEcdsa = 0x02;
inline constexpr std::uint8_t kNoteSigTypeUnassigned = 0xff;
// DO NOT CHANGE: follows 0xff in gm key IDs and verifier keys.
inline constexpr std::string_view kSm2NoteSigIdentifier = "creditvault/sm2-sm3";

// A tree head: the log's identity, its number of leaves, and its RFC 6962 root (32 bytes).
struct Checkpoint {
  std::string origin;
  std::uint64_t size = 0;
  std::string root_hash;
  friend bool operator==(const Checkpoint&, const Checkpoint&) = default;
};

// The note text of `checkpoint`: "<origin>\n<size>\n<base64 root>\n". kInvalidArgument for an
// empty origin, one with a newline or control character or invalid UTF-8, or a root that is not
// 32 bytes.
[[nodiscard]] Result<std::string> CheckpointText(const Checkpoint& checkpoint);

// The 4-byte key ID of `public_key_der` (SubjectPublicKeyInfo) under `key_name` (see above).
// kInvalidArgument for a key name that is empty or holds a space or '+'.
[[nodiscard]] Result<std::uint32_t> NoteKeyId(std::string_view key_name,
                                              std::string_view public_key_der, crypto::Suite suite);

// The verifier key text other tools take: "<key name>+<8 hex digits of the key ID>+<base64(type
// byte || [identifier ||] SubjectPublicKeyInfo DER)>".
[[nodiscard]] Result<std::string> NoteVerifierKey(std::string_view key_name,
                                                  std::string_view public_key_der,
                                                  crypto::Suite suite);

// The signed note. REQUIRES: `signer` holds the private key of `public_key_der`, on `suite`.
[[nodiscard]] Result<std::string> SignCheckpoint(const Checkpoint& checkpoint,
                                                 std::string_view key_name,
                                                 const crypto::Signer& signer,
                                                 std::string_view public_key_der,
                                                 crypto::Suite suite);

// Parses `note_text` strictly and checks its signature by (key_name, public_key_der): kMalformed
// with Position::line for text that is not a signed note or whose body is not origin / canonical
// decimal size / canonical base64 32-byte root; kUnsupported for extension lines (we never write
// them); kPermissionDenied when no signature line has this key's name and ID, or when one that
// has does not verify. Signature lines of other keys are ignored (c2sp.org/signed-note).
// REQUIRES: `verifier` is the verifier of `public_key_der` on `suite`.
[[nodiscard]] Result<Checkpoint> OpenCheckpoint(std::string_view note_text,
                                                std::string_view key_name,
                                                const crypto::Verifier& verifier,
                                                std::string_view public_key_der,
                                                crypto::Suite suite);

}  // namespace cv::audit

#endif  // CV_AUDIT_CHECKPOINT_H_
