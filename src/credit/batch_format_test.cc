// The batch manifest: strict parsing with errors naming the field, the exact signing text, SM2
// and P-256 signatures over it (tampering refused), and the records digest (CRY-2).
#include "credit/batch_format.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "audit/internal/base64.h"
#include "audit/internal/hex.h"
#include "crypto/hasher.h"
#include "crypto/signer.h"

namespace cv::credit {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kRecords = "{\"type\":\"repayment\"}\n";
const std::string kSm3Hex(64, 'a');

Json GoodManifest() {
  return {{"format_version", 1},
          {"institution", "BANK_001"},
          {"batch_id", "2024-06.batch_1"},
          {"format", "jsonl"},
          {"record_count", 3},
          {"digest", {{"alg", "sm3"}, {"hex", kSm3Hex}}},
          {"encryption", nullptr},
          {"signature", {{"alg", "sm2-sm3"}, {"value", "MEUCIQ=="}}}};
}

void ExpectFieldError(const Json& manifest, std::string_view field) {
  Result<Manifest> m = ParseManifest(manifest.dump());
  ASSERT_FALSE(m) << manifest.dump();
  EXPECT_EQ(m.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(m.error().position().field, field) << m.error().message();
  EXPECT_NE(m.error().message().find(field), std::string::npos);
}

TEST(BatchManifestTest, ParsesAGoodManifest) {
  Result<Manifest> m = ParseManifest(GoodManifest().dump());
  ASSERT_TRUE(m) << m.error().ToString();
  EXPECT_EQ(m->format_version, 1);
  EXPECT_EQ(m->institution, "BANK_001");
  EXPECT_EQ(m->batch_id, "2024-06.batch_1");
  EXPECT_EQ(m->format, BatchFormat::kJsonl);
  EXPECT_EQ(m->record_count, 3u);
  EXPECT_EQ(m->suite, crypto::Suite::kGm);
  EXPECT_EQ(m->digest_alg, "sm3");
  EXPECT_EQ(m->digest_hex, kSm3Hex);
  EXPECT_FALSE(m->encryption);
  EXPECT_EQ(m->signature_alg, "sm2-sm3");
  EXPECT_EQ(m->signature, std::string("\x30\x45\x02\x21", 4));
}

TEST(BatchManifestTest, EncryptionIsCarriedOpaquely) {
  Json j = GoodManifest();
  j["encryption"] = {{"scheme", "sm4-gcm-envelope"}, {"key_id", "k1"}};
  Result<Manifest> m = ParseManifest(j.dump());
  ASSERT_TRUE(m) << m.error().ToString();
  ASSERT_TRUE(m->encryption);
  EXPECT_EQ((*m->encryption)["scheme"], "sm4-gcm-envelope");
}

TEST(BatchManifestTest, EveryBadFieldIsNamed) {
  struct Case {
    std::string key;
    Json value;
    std::string field;
  };
  const Case cases[] = {
      {"format_version", 2, "format_version"},
      {"format_version", "1", "format_version"},
      {"institution", "bank 1", "institution"},
      {"institution", std::string(33, 'A'), "institution"},
      {"batch_id", "a/b", "batch_id"},
      {"batch_id", "", "batch_id"},
      {"format", "xml", "format"},
      {"record_count", -1, "record_count"},
      {"record_count", 1.5, "record_count"},
      {"record_count", 100'000'001, "record_count"},
      {"digest", "abc", "digest"},
      {"digest", {{"alg", "md5"}, {"hex", kSm3Hex}}, "digest.alg"},
      {"digest", {{"alg", "sm3"}, {"hex", std::string(64, 'A')}}, "digest.hex"},
      {"digest", {{"alg", "sm3"}, {"hex", "ab"}}, "digest.hex"},
      {"digest", {{"alg", "sm3"}, {"hex", kSm3Hex}, {"x", 1}}, "digest.x"},
      {"encryption", "aes", "encryption"},
      {"signature", {{"alg", "rsa"}, {"value", "MEUCIQ=="}}, "signature.alg"},
      {"signature", {{"alg", "ecdsa-p256-sha256"}, {"value", "MEUCIQ=="}}, "signature.alg"},
      {"signature", {{"alg", "sm2-sm3"}, {"value", "not base64!"}}, "signature.value"},
      {"signature", {{"alg", "sm2-sm3"}}, "signature.value"},
      {"surprise", 1, "surprise"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.key + "=" + c.value.dump());
    Json j = GoodManifest();
    j[c.key] = c.value;
    ExpectFieldError(j, c.field);
  }
}

TEST(BatchManifestTest, MissingFieldIsNamed) {
  for (const char* key : {"format_version", "institution", "batch_id", "format", "record_count",
                          "digest", "signature"}) {
    Json j = GoodManifest();
    j.erase(key);
    ExpectFieldError(j, key);
  }
}

TEST(BatchManifestTest, NotJsonOrRepeatedKeyIsMalformed) {
  for (std::string_view text : {std::string_view("{"), std::string_view("[]x"),
                                std::string_view("{\"format\":\"csv\",\"format\":\"jsonl\"}")}) {
    Result<Manifest> m = ParseManifest(text);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().code(), ErrorCode::kMalformed) << text;
  }
  EXPECT_EQ(ParseManifest("[]").error().code(), ErrorCode::kInvalidArgument);
}

TEST(BatchManifestTest, SigningTextIsExact) {
  Json j = GoodManifest();
  j["encryption"] = {{"z", 1}, {"a", "é"}};
  Result<Manifest> m = ParseManifest(j.dump());
  ASSERT_TRUE(m);
  EXPECT_EQ(ManifestSigningText(*m), "cvault-batch-v1\nBANK_001\n2024-06.batch_1\njsonl\n3\nsm3:" +
                                         kSm3Hex + "\n{\"a\":\"\\u00e9\",\"z\":1}\n");
  m->encryption.reset();
  EXPECT_TRUE(ManifestSigningText(*m).ends_with(kSm3Hex + "\nnone\n"));
}

// A provider's side: key pair, manifest over the records, signature.
class BatchSignatureTest : public ::testing::TestWithParam<crypto::Suite> {
 protected:
  void SetUp() override {
    auto pair = crypto::GenerateSigningKey(GetParam());
    ASSERT_TRUE(pair);
    keys_ = std::move(*pair);
    auto hasher = crypto::NewHasher(GetParam());
    ASSERT_TRUE(hasher);
    const bool gm = GetParam() == crypto::Suite::kGm;
    manifest_ = {{"format_version", 1},
                 {"institution", "BANK_001"},
                 {"batch_id", "b1"},
                 {"format", "jsonl"},
                 {"record_count", 1},
                 {"digest",
                  {{"alg", gm ? "sm3" : "sha256"},
                   {"hex", audit::internal::HexEncode(*(*hasher)->Hash(kRecords))}}},
                 {"encryption", nullptr},
                 {"signature", {{"alg", gm ? "sm2-sm3" : "ecdsa-p256-sha256"}, {"value", "AA=="}}}};
    Sign();
  }

  // Signs manifest_ as it stands into its signature.value.
  void Sign() {
    Result<Manifest> m = ParseManifest(manifest_.dump());
    ASSERT_TRUE(m) << m.error().ToString();
    auto signer = crypto::NewSigner(GetParam(), keys_.private_key_der);
    ASSERT_TRUE(signer);
    auto sig = (*signer)->Sign(ManifestSigningText(*m));
    ASSERT_TRUE(sig);
    manifest_["signature"]["value"] = audit::internal::Base64Encode(*sig);
  }

  Manifest Parsed(const Json& j) {
    Result<Manifest> m = ParseManifest(j.dump());
    EXPECT_TRUE(m) << m.error().ToString();
    return m.value_or(Manifest{});
  }

  crypto::SigningKeyPair keys_;
  Json manifest_;
};

TEST_P(BatchSignatureTest, VerifiesWithDerAndPem) {
  const Manifest m = Parsed(manifest_);
  EXPECT_TRUE(VerifyManifestSignature(m, keys_.public_key_der));
  auto pem = crypto::PublicKeyPem(keys_.public_key_der);
  ASSERT_TRUE(pem);
  EXPECT_TRUE(VerifyManifestSignature(m, *pem));
  EXPECT_TRUE(CheckRecordsDigest(m, kRecords));
}

TEST_P(BatchSignatureTest, TamperedManifestIsRefused) {
  for (const auto& [key, value] : {std::pair<std::string, Json>{"record_count", 2},
                                   {"batch_id", "b2"},
                                   {"format", "csv"},
                                   {"institution", "BANK_002"},
                                   {"encryption", Json{{"k", "v"}}}}) {
    SCOPED_TRACE(key);
    Json j = manifest_;
    j[key] = value;
    Status s = VerifyManifestSignature(Parsed(j), keys_.public_key_der);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(s.error().message(), "signature verification failed");
  }
}

TEST_P(BatchSignatureTest, AnotherKeyIsRefused) {
  auto other = crypto::GenerateSigningKey(GetParam());
  ASSERT_TRUE(other);
  EXPECT_FALSE(VerifyManifestSignature(Parsed(manifest_), other->public_key_der));
  const crypto::Suite other_suite =
      GetParam() == crypto::Suite::kGm ? crypto::Suite::kIntl : crypto::Suite::kGm;
  auto foreign = crypto::GenerateSigningKey(other_suite);
  ASSERT_TRUE(foreign);
  auto pem = crypto::PublicKeyPem(foreign->public_key_der);
  ASSERT_TRUE(pem);
  Status s = VerifyManifestSignature(Parsed(manifest_), *pem);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kPermissionDenied);
}

TEST_P(BatchSignatureTest, TamperedRecordsFailTheDigest) {
  Status s = CheckRecordsDigest(Parsed(manifest_), "{\"type\":\"repaymenT\"}\n");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.error().position().field, "digest.hex");
}

INSTANTIATE_TEST_SUITE_P(Suites, BatchSignatureTest,
                         ::testing::Values(crypto::Suite::kGm, crypto::Suite::kIntl),
                         [](const auto& info) {
                           return std::string(crypto::SuiteName(info.param));
                         });

}  // namespace
}  // namespace cv::credit
