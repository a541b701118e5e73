// Envelope encryption: the sealed format, and the per-suite payload key around the suite's Aead.
#include "crypto/envelope.h"

#include "crypto/aead.h"
#include "crypto/hasher.h"
#include "crypto/internal/envelope_kem.h"
#include "crypto/random.h"

namespace cv::crypto {
namespace {

using internal::RecipientKey;

constexpr std::size_t kPayloadKeySize = 32;  // intl: AES-256; gm uses AeadKeySize (16).

// A parsed header; views point into the sealed bytes.
struct Header {
  Suite suite = Suite::kGm;
  std::string_view key_id;
  std::string_view key_block;
  std::string_view bytes;  // the whole header, bytes 0 .. 14+L
  std::string_view body;   // the Aead ciphertext
};

Error Garbled(std::string_view where, std::string_view what) {
  return Error(ErrorCode::kMalformed,
               "sealed envelope, " + std::string(where) + ": " + std::string(what));
}

Result<std::string> KeyIdOf(const RecipientKey& key) {
  CV_ASSIGN_OR_RETURN(auto hasher, NewHasher(key.suite));
  CV_ASSIGN_OR_RETURN(std::string digest, hasher->Hash(key.spki_der));
  return digest.substr(0, kEnvelopeKeyIdSize);
}

std::string HeaderBytes(Suite suite, std::string_view key_id, std::string_view key_block) {
  std::string h(kEnvelopeMagic);
  h.push_back(static_cast<char>(kEnvelopeVersion));
  h.push_back(static_cast<char>(suite));
  h.append(key_id);
  h.push_back(static_cast<char>(key_block.size() >> 8));
  h.push_back(static_cast<char>(key_block.size() & 0xff));
  h.append(key_block);
  return h;
}

Result<Header> ParseHeader(std::string_view sealed) {
  if (sealed.size() < kEnvelopeFixedHeaderSize) {
    return std::unexpected(Garbled("bytes 0-14", "truncated header"));
  }
  if (sealed.substr(0, kEnvelopeMagic.size()) != kEnvelopeMagic) {
    return std::unexpected(Garbled("bytes 0-2", "not a CreditVault envelope (magic)"));
  }
  if (static_cast<std::uint8_t>(sealed[3]) != kEnvelopeVersion) {
    return Fail(ErrorCode::kUnsupported, "sealed envelope, byte 3: version " +
                                             std::to_string(static_cast<std::uint8_t>(sealed[3])) +
                                             " is not supported");
  }
  Header h;
  auto suite = SuiteFromByte(static_cast<std::uint8_t>(sealed[4]));
  if (!suite) return std::unexpected(Garbled("byte 4", "unknown suite"));
  h.suite = *suite;
  h.key_id = sealed.substr(5, kEnvelopeKeyIdSize);
  const std::size_t block = (static_cast<std::size_t>(static_cast<std::uint8_t>(sealed[13])) << 8) |
                            static_cast<std::uint8_t>(sealed[14]);
  const bool fits = h.suite == Suite::kIntl ? block == internal::kP256PointSize
                                            : block > 0 && block <= kMaxEnvelopeKeyBlockBytes;
  if (!fits) return std::unexpected(Garbled("bytes 13-14", "bad key block length"));
  if (sealed.size() < kEnvelopeFixedHeaderSize + block + Aead::kOverhead) {
    return std::unexpected(Garbled("byte " + std::to_string(sealed.size()), "truncated"));
  }
  h.key_block = sealed.substr(kEnvelopeFixedHeaderSize, block);
  h.bytes = sealed.substr(0, kEnvelopeFixedHeaderSize + block);
  h.body = sealed.substr(h.bytes.size());
  return h;
}

std::string IntlInfo(std::string_view point, std::string_view recipient_spki) {
  std::string info(kEnvelopeHkdfLabel);
  info.append(point);
  info.append(recipient_spki);
  return info;
}

// The fresh payload key and the key block that carries it to `to`.
struct Wrapped {
  Secret key;
  std::string block;
};

Result<Wrapped> WrapPayloadKey(const RecipientKey& to) {
  Wrapped out;
  if (to.suite == Suite::kGm) {
    CV_ASSIGN_OR_RETURN(out.key, RandomKey(AeadKeySize(Suite::kGm)));
    CV_ASSIGN_OR_RETURN(out.block, internal::Sm2Encrypt(to.key.get(), out.key));
    return out;
  }
  CV_ASSIGN_OR_RETURN(internal::EphemeralShare share, internal::EcdhToRecipient(to.key.get()));
  CV_ASSIGN_OR_RETURN(
      out.key,
      internal::HkdfSha256(share.shared, IntlInfo(share.point, to.spki_der), kPayloadKeySize));
  out.block = std::move(share.point);
  return out;
}

// The payload key from the key block; any failure is the caller's generic failure.
Result<Secret> UnwrapPayloadKey(const RecipientKey& me, std::string_view block) {
  if (me.suite == Suite::kGm) {
    CV_ASSIGN_OR_RETURN(Secret key, internal::Sm2Decrypt(me.key.get(), block));
    if (key.size() != AeadKeySize(Suite::kGm)) return std::unexpected(DecryptionFailed());
    return key;
  }
  CV_ASSIGN_OR_RETURN(Secret shared, internal::EcdhWithPoint(me.key.get(), block));
  return internal::HkdfSha256(shared, IntlInfo(block, me.spki_der), kPayloadKeySize);
}

std::string Concat(std::string_view a, std::string_view b) {
  std::string out;
  out.reserve(a.size() + b.size());
  out.append(a).append(b);
  return out;
}

}  // namespace

Result<std::string> SealToPublicKey(std::string_view recipient_spki_der, std::string_view plaintext,
                                    std::string_view associated_data) {
  if (plaintext.size() > kMaxEnvelopePlaintextBytes) {
    return Fail(ErrorCode::kResourceExhausted, "envelope plaintext is larger than 256 MiB");
  }
  CV_ASSIGN_OR_RETURN(const RecipientKey to, internal::ParseRecipientPublic(recipient_spki_der));
  CV_ASSIGN_OR_RETURN(const std::string key_id, KeyIdOf(to));
  CV_ASSIGN_OR_RETURN(const Wrapped wrapped, WrapPayloadKey(to));
  std::string sealed = HeaderBytes(to.suite, key_id, wrapped.block);
  CV_ASSIGN_OR_RETURN(auto aead, NewAead(to.suite, wrapped.key));
  CV_ASSIGN_OR_RETURN(std::string body, aead->Encrypt(plaintext, Concat(sealed, associated_data)));
  sealed.append(body);
  return sealed;
}

Result<std::string> OpenSealed(const Secret& recipient_pkcs8_der, std::string_view sealed,
                               std::string_view associated_data) {
  CV_ASSIGN_OR_RETURN(const Header h, ParseHeader(sealed));
  CV_ASSIGN_OR_RETURN(const RecipientKey me, internal::ParseRecipientPrivate(recipient_pkcs8_der));
  CV_ASSIGN_OR_RETURN(const std::string my_id, KeyIdOf(me));
  // Invariant 3: another suite, another recipient or a bad key block all end the same way.
  if (h.suite != me.suite || h.key_id != my_id) return std::unexpected(DecryptionFailed());
  auto key = UnwrapPayloadKey(me, h.key_block);
  internal::ClearOpensslErrors();
  if (!key) return std::unexpected(DecryptionFailed());
  CV_ASSIGN_OR_RETURN(auto aead, NewAead(h.suite, *key));
  return aead->Decrypt(h.body, Concat(h.bytes, associated_data));
}

Result<std::string> RecipientKeyId(std::string_view recipient_spki_der) {
  CV_ASSIGN_OR_RETURN(const RecipientKey key, internal::ParseRecipientPublic(recipient_spki_der));
  return KeyIdOf(key);
}

Result<std::string> PublicKeyOfPrivate(const Secret& private_pkcs8_der) {
  CV_ASSIGN_OR_RETURN(RecipientKey key, internal::ParseRecipientPrivate(private_pkcs8_der));
  return std::move(key.spki_der);
}

}  // namespace cv::crypto
