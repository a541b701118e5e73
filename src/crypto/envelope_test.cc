// Envelope encryption (issue #7, QRY-5): round trips on both suites, tampering with every header
// byte and the body, wrong recipient, truncation, associated data, the armour, and the SM2
// decryption known answer of GM/T 0003.5 Annex C.
#include "crypto/envelope.h"

#include <gtest/gtest.h>

#include "common/testing/vector_file.h"
#include "crypto/aead.h"
#include "crypto/hasher.h"
#include "crypto/internal/envelope_kem.h"
#include "crypto/signer.h"

namespace cv::crypto {
namespace {

using cv::testing::ForEachVector;
using cv::testing::FromHex;
using cv::testing::SourcePath;
using cv::testing::VectorBlock;

constexpr std::string_view kBatch = "subject,loan,balance\n110101...,L-1,1200.00\n";
constexpr std::string_view kAd = "batch:B0001:2026-11-22";

bool IsDecryptionFailed(const Result<std::string>& r) {
  return !r && r.error().code() == ErrorCode::kPermissionDenied &&
         r.error().ToString() == DecryptionFailed().ToString();
}

class EnvelopeTest : public ::testing::TestWithParam<Suite> {
 protected:
  void SetUp() override {
    auto pair = GenerateSigningKey(GetParam());
    ASSERT_TRUE(pair) << pair.error().ToString();
    pair_ = std::move(*pair);
  }

  std::string Seal(std::string_view plaintext = kBatch, std::string_view ad = kAd) {
    auto sealed = SealToPublicKey(pair_.public_key_der, plaintext, ad);
    EXPECT_TRUE(sealed) << sealed.error().ToString();
    return sealed.value_or("");
  }

  Result<std::string> Open(std::string_view sealed, std::string_view ad = kAd) {
    return OpenSealed(pair_.private_key_der, sealed, ad);
  }

  // Bytes 0 .. 14+L: the authenticated header.
  static std::size_t HeaderSize(std::string_view sealed) {
    return kEnvelopeFixedHeaderSize + (static_cast<std::uint8_t>(sealed[13]) << 8) +
           static_cast<std::uint8_t>(sealed[14]);
  }

  SigningKeyPair pair_;
};

TEST_P(EnvelopeTest, RoundTripsManySizes) {
  for (std::size_t n : {0, 1, 15, 16, 17, 1000, 70000}) {
    const std::string plaintext(n, static_cast<char>('a' + n % 26));
    auto opened = Open(Seal(plaintext));
    ASSERT_TRUE(opened) << n << ": " << opened.error().ToString();
    EXPECT_EQ(*opened, plaintext);
  }
}

TEST_P(EnvelopeTest, HeaderIsAsDocumented) {
  const std::string sealed = Seal();
  EXPECT_EQ(sealed.substr(0, 3), "CVE");
  EXPECT_EQ(sealed[3], 0x01);
  EXPECT_EQ(sealed[4], static_cast<char>(GetParam()));
  auto id = RecipientKeyId(pair_.public_key_der);
  ASSERT_TRUE(id);
  EXPECT_EQ(sealed.substr(5, 8), *id);
  auto digest = (*NewHasher(GetParam()))->Hash(pair_.public_key_der);
  EXPECT_EQ(id->size(), 8u);
  EXPECT_EQ(*id, digest->substr(0, 8));
  const std::size_t block = HeaderSize(sealed) - kEnvelopeFixedHeaderSize;
  if (GetParam() == Suite::kIntl) {
    EXPECT_EQ(block, 65u);
    EXPECT_EQ(sealed[15], 0x04);
  } else {
    EXPECT_EQ(sealed[15], 0x30);  // GM/T 0009 SEQUENCE
  }
  EXPECT_EQ(sealed.size(), HeaderSize(sealed) + Aead::kOverhead + kBatch.size());
}

TEST_P(EnvelopeTest, EachSealIsFresh) {
  const std::string a = Seal(), b = Seal();
  EXPECT_EQ(a.substr(0, 13), b.substr(0, 13));
  EXPECT_NE(a.substr(15, 40), b.substr(15, 40));  // new payload key / ephemeral point
  EXPECT_NE(a, b);
}

TEST_P(EnvelopeTest, EveryHeaderByteIsAuthenticated) {
  const std::string sealed = Seal();
  for (std::size_t i = 0; i < HeaderSize(sealed); ++i) {
    for (std::uint8_t bit : {0x01, 0x80}) {
      std::string t = sealed;
      t[i] = static_cast<char>(t[i] ^ bit);
      auto r = Open(t);
      ASSERT_FALSE(r) << "byte " << i;
      if (i >= 5 && i < 13) {
        EXPECT_TRUE(IsDecryptionFailed(r)) << "key id byte " << i;
      }
      if (i >= 15) {
        EXPECT_TRUE(IsDecryptionFailed(r)) << "key block byte " << i;
      }
      if (i < 5 || (i >= 13 && i < 15)) {  // structure: malformed, or a well-formed other header
        EXPECT_TRUE(r.error().code() == ErrorCode::kMalformed ||
                    r.error().code() == ErrorCode::kUnsupported || IsDecryptionFailed(r))
            << i << ": " << r.error().ToString();
      }
    }
  }
}

TEST_P(EnvelopeTest, EveryBodyByteIsAuthenticated) {
  const std::string sealed = Seal();
  for (std::size_t i = HeaderSize(sealed); i < sealed.size(); ++i) {
    std::string t = sealed;
    t[i] = static_cast<char>(t[i] ^ 0x04);
    EXPECT_TRUE(IsDecryptionFailed(Open(t))) << "byte " << i;
  }
}

TEST_P(EnvelopeTest, OtherAssociatedDataFails) {
  const std::string sealed = Seal();
  EXPECT_TRUE(IsDecryptionFailed(Open(sealed, "batch:B0002:2026-11-22")));
  EXPECT_TRUE(IsDecryptionFailed(Open(sealed, "")));
  auto no_ad = SealToPublicKey(pair_.public_key_der, kBatch);
  ASSERT_TRUE(no_ad);
  EXPECT_TRUE(OpenSealed(pair_.private_key_der, *no_ad));
  EXPECT_TRUE(IsDecryptionFailed(OpenSealed(pair_.private_key_der, *no_ad, "x")));
}

TEST_P(EnvelopeTest, AnotherRecipientCannotOpen) {
  const std::string sealed = Seal();
  for (Suite suite : {Suite::kGm, Suite::kIntl}) {
    auto other = GenerateSigningKey(suite);
    ASSERT_TRUE(other);
    EXPECT_TRUE(IsDecryptionFailed(OpenSealed(other->private_key_der, sealed, kAd)));
  }
}

TEST_P(EnvelopeTest, AForgedKeyIdDoesNotHelpAnotherRecipient) {
  auto other = GenerateSigningKey(GetParam());
  ASSERT_TRUE(other);
  std::string sealed = Seal();
  auto id = RecipientKeyId(other->public_key_der);
  ASSERT_TRUE(id);
  sealed.replace(5, 8, *id);
  EXPECT_TRUE(IsDecryptionFailed(OpenSealed(other->private_key_der, sealed, kAd)));
}

TEST_P(EnvelopeTest, TruncatedOrExtendedFails) {
  const std::string sealed = Seal();
  for (std::size_t n = 0; n < sealed.size(); ++n) {
    auto r = Open(sealed.substr(0, n));
    ASSERT_FALSE(r) << n;
    EXPECT_TRUE(r.error().code() == ErrorCode::kMalformed || IsDecryptionFailed(r)) << n;
  }
  EXPECT_EQ(Open(sealed.substr(0, 10)).error().code(), ErrorCode::kMalformed);
  EXPECT_NE(Open(sealed.substr(0, 10)).error().ToString().find("bytes 0-14"), std::string::npos);
  EXPECT_TRUE(IsDecryptionFailed(Open(sealed + "x")));
}

TEST_P(EnvelopeTest, GarbledHeadersNameTheField) {
  std::string sealed = Seal();
  std::string t = sealed;
  t[0] = 'X';
  EXPECT_NE(Open(t).error().ToString().find("bytes 0-2"), std::string::npos);
  t = sealed;
  t[3] = 2;
  EXPECT_EQ(Open(t).error().code(), ErrorCode::kUnsupported);
  t = sealed;
  t[4] = 9;
  EXPECT_NE(Open(t).error().ToString().find("byte 4"), std::string::npos);
  t = sealed;
  t[13] = 0x7f;
  EXPECT_NE(Open(t).error().ToString().find("bytes 13-14"), std::string::npos);
}

TEST_P(EnvelopeTest, ArmourRoundTrips) {
  const std::string sealed = Seal(std::string(500, 'z'));
  const std::string armored = ArmorSealed(sealed);
  EXPECT_TRUE(armored.starts_with("-----BEGIN CREDITVAULT SEALED-----\n"));
  EXPECT_TRUE(armored.ends_with("-----END CREDITVAULT SEALED-----\n"));
  auto back = UnarmorSealed(armored);
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(*back, sealed);
  std::string crlf;
  for (char c : armored) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(UnarmorSealed(crlf).value_or(""), sealed);
  std::string bad = armored;
  bad[40] = '*';
  EXPECT_EQ(UnarmorSealed(bad).error().code(), ErrorCode::kMalformed);
  EXPECT_EQ(UnarmorSealed("hello").error().code(), ErrorCode::kMalformed);
}

TEST_P(EnvelopeTest, PublicKeyOfPrivateMatches) {
  auto pub = PublicKeyOfPrivate(pair_.private_key_der);
  ASSERT_TRUE(pub) << pub.error().ToString();
  EXPECT_EQ(*pub, pair_.public_key_der);
}

INSTANTIATE_TEST_SUITE_P(Cry2, EnvelopeTest, ::testing::Values(Suite::kGm, Suite::kIntl),
                         [](const auto& info) { return std::string(SuiteName(info.param)); });

TEST(EnvelopeKeysTest, RefusesKeysThatAreNotSm2OrP256) {
  EXPECT_EQ(SealToPublicKey("not a key", kBatch).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(OpenSealed(Secret(std::string_view("nope")), "CVE").error().code(),
            ErrorCode::kMalformed);
  auto pair = GenerateSigningKey(Suite::kGm);
  ASSERT_TRUE(pair);
  auto sealed = SealToPublicKey(pair->public_key_der, kBatch);
  ASSERT_TRUE(sealed);
  EXPECT_EQ(OpenSealed(Secret(std::string_view("nope")), *sealed).error().code(),
            ErrorCode::kInvalidArgument);
}

TEST(EnvelopeKeysTest, PlaintextSizeIsLimited) {
  auto pair = GenerateSigningKey(Suite::kIntl);
  ASSERT_TRUE(pair);
  const std::string big(kMaxEnvelopePlaintextBytes + 1, '\0');
  EXPECT_EQ(SealToPublicKey(pair->public_key_der, big).error().code(),
            ErrorCode::kResourceExhausted);
}

// PKCS#8 PrivateKeyInfo of an SM2 key given only its scalar (RFC 5915 ECPrivateKey, no public
// key; OpenSSL computes it): SEQUENCE { 0, { id-ecPublicKey, sm2p256v1 }, OCTET STRING {...} }.
Secret Sm2Pkcs8(std::string_view scalar) {
  return Secret(FromHex("3041020100301306072A8648CE3D020106082A811CCF5501822D042730250201010420") +
                std::string(scalar));
}

TEST(EnvelopeVectorsTest, Sm2DecryptionMatchesGmt0003Part5AnnexC) {
  int n = ForEachVector(
      SourcePath("src/crypto/testdata/sm2_encryption_vectors.txt"), [](VectorBlock& v) {
        const Secret der = Sm2Pkcs8(FromHex(v.Get("PrivateKey")));
        auto key = internal::ParseRecipientPrivate(der);
        ASSERT_TRUE(key) << key.error().ToString();
        const std::string point = "\x04" + FromHex(v.Get("PublicX")) + FromHex(v.Get("PublicY"));
        EXPECT_TRUE(key->spki_der.ends_with(point)) << v.where();
        const std::string ct = FromHex(v.Get("Ciphertext"));
        auto plain = internal::Sm2Decrypt(key->key.get(), ct);
        ASSERT_TRUE(plain) << v.where() << ": " << plain.error().ToString();
        EXPECT_EQ(plain->View(SecretAccess::Get()), v.Get("Plaintext"));
        std::string bad = ct;
        bad[bad.size() - 1] ^= 0x01;  // C2 changed: the C3 hash check fails
        EXPECT_FALSE(internal::Sm2Decrypt(key->key.get(), bad));
        internal::ClearOpensslErrors();
      });
  EXPECT_EQ(n, 1);
}

}  // namespace
}  // namespace cv::crypto
