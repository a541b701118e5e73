// Known-answer and pairwise tests over the public factories, and libgcrypt as a second HMAC-SM3.
#include "crypto/internal/kat.h"

#include <gcrypt.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>

#include "crypto/aead.h"
#include "crypto/hasher.h"
#include "crypto/internal/gcrypt_util.h"
#include "crypto/internal/openssl_util.h"
#include "crypto/mac.h"
#include "crypto/random.h"
#include "crypto/signer.h"

namespace cv::crypto::internal {
namespace {

SelfTestResult Pass(std::string_view name) { return {std::string(name), true, ""}; }

SelfTestResult Failed(std::string_view name, std::string detail) {
  return {std::string(name), false, std::move(detail)};
}

// Bytes of `hex`; "" when it is not hex (a wrong vector then fails as a mismatch).
std::string Unhex(std::string_view hex) {
  if (hex.empty()) return "";
  long len = 0;
  unsigned char* buf = OPENSSL_hexstr2buf(std::string(hex).c_str(), &len);
  if (buf == nullptr) {
    ClearOpensslErrors();
    return "";
  }
  std::string out(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
  OPENSSL_free(buf);
  return out;
}

// DER INTEGER of the unsigned big-endian `value` (X.690 8.3: minimal length, two's complement, so
// a leading 0x00 when the top bit is set). REQUIRES: value.size() <= 125.
std::string DerInteger(std::string_view value) {
  while (value.size() > 1 && value.front() == '\0') value.remove_prefix(1);
  std::string body(value);
  if (body.empty() || (static_cast<unsigned char>(body.front()) & 0x80) != 0)
    body.insert(0, 1, '\0');
  return std::string{'\x02', static_cast<char>(body.size())} + body;
}

// The signature as both standards' ASN.1 gives it: SEQUENCE { r INTEGER, s INTEGER }.
std::string DerSignature(std::string_view r, std::string_view s) {
  const std::string body = DerInteger(r) + DerInteger(s);
  return std::string{'\x30', static_cast<char>(body.size())} + body;
}

// Our error, for the detail line (errors never hold key bytes: result.h).
std::string Why(std::string_view step, const Error& e) {
  return std::string(step) + ": " + e.ToString();
}

// libgcrypt's HMAC-SM3 of `data` under `key`.
Result<std::string> GcryptHmacSm3(std::string_view key, std::string_view data) {
  CV_RETURN_IF_ERROR(EnsureGcrypt());
  gcry_mac_hd_t h = nullptr;
  gcry_error_t err = gcry_mac_open(&h, GCRY_MAC_HMAC_SM3, 0, nullptr);
  if (err) return std::unexpected(GcryptError("libgcrypt HMAC-SM3 open", err));
  std::unique_ptr<gcry_mac_handle, decltype(&gcry_mac_close)> handle(h, gcry_mac_close);
  std::string tag(kDigestSize, '\0');
  std::size_t size = tag.size();
  err = gcry_mac_setkey(h, key.data(), key.size());
  if (!err) err = gcry_mac_write(h, data.data(), data.size());
  if (!err) err = gcry_mac_read(h, tag.data(), &size);
  if (err) return std::unexpected(GcryptError("libgcrypt HMAC-SM3", err));
  tag.resize(size);
  return tag;
}

}  // namespace

SelfTestResult RunDigestKat(const DigestKat& kat) {
  auto hasher = NewHasher(kat.suite);
  if (!hasher) return Failed(kat.name, Why("NewHasher", hasher.error()));
  auto digest = (*hasher)->Hash(kat.message);
  if (!digest) return Failed(kat.name, Why("Hash", digest.error()));
  if (*digest != Unhex(kat.digest_hex)) return Failed(kat.name, "digest differs from the vector");
  return Pass(kat.name);
}

SelfTestResult RunAeadKat(const AeadKat& kat) {
  auto aead = NewAead(kat.suite, Secret(Unhex(kat.key_hex)));
  if (!aead) return Failed(kat.name, Why("NewAead", aead.error()));
  const std::string nonce = Unhex(kat.nonce_hex);
  const std::string ad = Unhex(kat.ad_hex);
  const std::string plaintext = Unhex(kat.plaintext_hex);
  std::string expected = nonce + Unhex(kat.ciphertext_hex) + Unhex(kat.tag_hex);
  auto sealed = (*aead)->EncryptWithNonceForKat(nonce, plaintext, ad);
  if (!sealed) return Failed(kat.name, Why("encrypt", sealed.error()));
  if (*sealed != expected) return Failed(kat.name, "ciphertext or tag differs from the vector");
  auto opened = (*aead)->Decrypt(expected, ad);
  if (!opened) return Failed(kat.name, Why("decrypt", opened.error()));
  if (*opened != plaintext) return Failed(kat.name, "decryption differs from the vector");
  expected.back() = static_cast<char>(expected.back() ^ 1);
  if ((*aead)->Decrypt(expected, ad)) return Failed(kat.name, "a corrupted tag was accepted");
  return Pass(kat.name);
}

SelfTestResult RunMacKat(const MacKat& kat) {
  auto mac = NewMac(kat.suite, Secret(Unhex(kat.key_hex)));
  if (!mac) return Failed(kat.name, Why("NewMac", mac.error()));
  const std::string data = Unhex(kat.data_hex);
  const std::string expected = Unhex(kat.tag_hex);
  auto tag = (*mac)->Compute(data);
  if (!tag) return Failed(kat.name, Why("Compute", tag.error()));
  if (*tag != expected) return Failed(kat.name, "tag differs from the vector");
  auto verified = (*mac)->Verify(expected, data);
  if (!verified) return Failed(kat.name, Why("Verify", verified.error()));
  return Pass(kat.name);
}

SelfTestResult RunSignatureKat(const SignatureKat& kat) {
  const std::string point = "\x04" + Unhex(kat.public_x_hex) + Unhex(kat.public_y_hex);
  auto verifier = NewVerifierFromPoint(kat.suite, point);
  if (!verifier) return Failed(kat.name, Why("public point", verifier.error()));
  const std::string signature = DerSignature(Unhex(kat.r_hex), Unhex(kat.s_hex));
  auto verified = (*verifier)->Verify(signature, kat.message);
  if (!verified) return Failed(kat.name, Why("the vector's signature", verified.error()));
  if ((*verifier)->Verify(signature, std::string(kat.message) + "!")) {
    return Failed(kat.name, "the signature was accepted on another message");
  }
  return Pass(kat.name);
}

SelfTestResult RunHmacSm3PairwiseTest(std::string_view name) {
  // A fixed 32-byte key 00 01 .. 1f and a message longer than one SM3 block.
  std::string key(kMacKeySize, '\0');
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<char>(i);
  const std::string data(100, 'a');
  auto mac = NewMac(Suite::kGm, Secret(key));
  if (!mac) return Failed(name, Why("NewMac", mac.error()));
  auto ours = (*mac)->Compute(data);
  if (!ours) return Failed(name, Why("OpenSSL HMAC-SM3", ours.error()));
  auto theirs = GcryptHmacSm3(key, data);
  if (!theirs) return Failed(name, Why("libgcrypt HMAC-SM3", theirs.error()));
  if (*ours != *theirs) return Failed(name, "OpenSSL and libgcrypt HMAC-SM3 disagree");
  return Pass(name);
}

SelfTestResult RunSigningPairwiseTest(std::string_view name, Suite suite) {
  constexpr std::string_view kMessage = "CreditVault pairwise consistency test";
  auto pair = GenerateSigningKey(suite);
  if (!pair) return Failed(name, Why("generate", pair.error()));
  auto signer = NewSigner(suite, pair->private_key_der);
  if (!signer) return Failed(name, Why("NewSigner", signer.error()));
  auto verifier = NewVerifier(suite, pair->public_key_der);
  if (!verifier) return Failed(name, Why("NewVerifier", verifier.error()));
  auto signature = (*signer)->Sign(kMessage);
  if (!signature) return Failed(name, Why("sign", signature.error()));
  auto verified = (*verifier)->Verify(*signature, kMessage);
  if (!verified) return Failed(name, Why("verify", verified.error()));
  if ((*verifier)->Verify(*signature, std::string(kMessage) + "!")) {
    return Failed(name, "the signature was accepted on another message");
  }
  return Pass(name);
}

SelfTestResult RunRandomHealthTest(std::string_view name) {
  std::array<std::uint8_t, 32> a{};
  std::array<std::uint8_t, 32> b{};
  auto drawn = RandomBytes(a);
  if (drawn) drawn = RandomBytes(b);
  if (!drawn) return Failed(name, Why("RandomBytes", drawn.error()));
  auto zero = [](const auto& v) {
    return std::all_of(v.begin(), v.end(), [](auto x) { return x == 0; });
  };
  if (a == b || zero(a) || zero(b)) return Failed(name, "two draws are equal or all zero");
  return Pass(name);
}

Status SelfTestStatus(const std::vector<SelfTestResult>& results) {
  std::string failed;
  for (const SelfTestResult& r : results) {
    if (r.passed) continue;
    failed += (failed.empty() ? "" : ", ") + r.name;
  }
  if (failed.empty()) return Ok();
  return Fail(ErrorCode::kInternal, "crypto self-test failed: " + failed);
}

}  // namespace cv::crypto::internal
