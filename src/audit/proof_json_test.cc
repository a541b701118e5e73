// Proof JSON: the exact encoding fixed by issue #4 (field names and order, lower-case hex), strict
// decoding with the offending field named, and verification that picks the hasher from "hash".
// Proofs come from the RFC 6962 test tree (transparency-dev/merkle testonly/constants.go).
#include "audit/proof_json.h"

#include <gtest/gtest.h>

#include <functional>

#include "audit/internal/hex.h"
#include "audit/merkle.h"
#include "common/testing/vector_file.h"

namespace cv::audit {
namespace {

using cv::testing::FromHex;
using Json = nlohmann::ordered_json;

// The RFC 6962 test tree's inclusion proof for leaf 5 of 8 and consistency proof 6 -> 8.
constexpr char kInclusionJson[] =
    R"({"hash":"sha256","leaf_index":5,"tree_size":8,)"
    R"("leaf_hash":"4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",)"
    R"("root":"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",)"
    R"("proof":["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",)"
    R"("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",)"
    R"("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]})";

constexpr char kConsistencyJson[] =
    R"({"hash":"sha256","first_size":6,"second_size":8,)"
    R"("first_root":"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",)"
    R"("second_root":"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",)"
    R"("proof":["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",)"
    R"("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",)"
    R"("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]})";

InclusionProofBundle Rfc6962Inclusion() {
  return {"sha256",
          5,
          8,
          FromHex("4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658"),
          FromHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
          {FromHex("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
           FromHex("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
           FromHex("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}};
}

ConsistencyProofBundle Rfc6962Consistency() {
  return {"sha256",
          6,
          8,
          FromHex("76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
          FromHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
          {FromHex("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
           FromHex("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
           FromHex("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}};
}

// Decoding `mutated` (kInclusionJson with one change) fails as kMalformed naming `field`.
void ExpectInclusionRefused(const std::function<void(Json&)>& mutate, std::string_view field) {
  Json j = Json::parse(kInclusionJson);
  mutate(j);
  auto bundle = InclusionProofFromJson(j);
  ASSERT_FALSE(bundle) << j.dump();
  EXPECT_EQ(bundle.error().code(), ErrorCode::kMalformed);
  EXPECT_EQ(bundle.error().position().field, field) << bundle.error().ToString();
}

TEST(ProofJsonTest, InclusionEncodingIsExactlyTheFixedFormat) {
  auto j = InclusionProofToJson(Rfc6962Inclusion());
  ASSERT_TRUE(j) << j.error().ToString();
  EXPECT_EQ(j->dump(), kInclusionJson);
}

TEST(ProofJsonTest, ConsistencyEncodingIsExactlyTheFixedFormat) {
  auto j = ConsistencyProofToJson(Rfc6962Consistency());
  ASSERT_TRUE(j) << j.error().ToString();
  EXPECT_EQ(j->dump(), kConsistencyJson);
}

TEST(ProofJsonTest, DecodingGivesBackTheBundles) {
  EXPECT_EQ(InclusionProofFromJson(ParseProofJson(kInclusionJson).value()).value(),
            Rfc6962Inclusion());
  EXPECT_EQ(ConsistencyProofFromJson(ParseProofJson(kConsistencyJson).value()).value(),
            Rfc6962Consistency());
}

TEST(ProofJsonTest, DecodingAcceptsAnyFieldOrderAndPlainJson) {
  const nlohmann::json plain = nlohmann::json::parse(kInclusionJson);  // keys sorted
  EXPECT_EQ(InclusionProofFromJson(plain).value(), Rfc6962Inclusion());
}

TEST(ProofJsonTest, Rfc6962ProofsVerifyFromJsonText) {
  EXPECT_TRUE(VerifyInclusionJson(kInclusionJson));
  EXPECT_TRUE(VerifyConsistencyJson(kConsistencyJson));
}

TEST(ProofJsonTest, TamperedProofIsPermissionDenied) {
  InclusionProofBundle inclusion = Rfc6962Inclusion();
  inclusion.leaf_index = 4;
  auto status = VerifyInclusionBundle(inclusion);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(status.error().message(), "inclusion proof does not verify");
  ConsistencyProofBundle consistency = Rfc6962Consistency();
  consistency.proof[1][0] ^= 1;
  status = VerifyConsistencyBundle(consistency);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), ErrorCode::kPermissionDenied);
}

TEST(ProofJsonTest, HashFieldPicksTheHasher) {
  auto sm3 = crypto::NewHasher(crypto::Suite::kGm).value();
  TreeHasher tree(*sm3);
  MemoryNodeStore store;
  CompactRange range(tree);
  for (int i = 0; i < 6; ++i)
    store.Apply(range.Append(tree.HashLeaf(std::to_string(i)).value()).value());
  InclusionProofBundle b{"sm3",
                         2,
                         6,
                         tree.HashLeaf("2").value(),
                         range.Root().value(),
                         InclusionProof(tree, 2, 6, store).value()};
  const std::string text = InclusionProofToJson(b).value().dump();
  EXPECT_TRUE(VerifyInclusionJson(text));
  b.hash = "sha256";  // the same SM3 proof read as SHA-256 does not verify
  auto status = VerifyInclusionBundle(b);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), ErrorCode::kPermissionDenied);
}

TEST(ProofJsonTest, EveryFieldIsRequired) {
  for (const char* field : {"hash", "leaf_index", "tree_size", "leaf_hash", "root", "proof"}) {
    ExpectInclusionRefused([&](Json& j) { j.erase(field); }, field);
  }
}

TEST(ProofJsonTest, UnknownFieldsAreRefused) {
  ExpectInclusionRefused([](Json& j) { j["comment"] = "x"; }, "comment");
}

TEST(ProofJsonTest, SizesMustBeUnsignedIntegers) {
  ExpectInclusionRefused([](Json& j) { j["leaf_index"] = -1; }, "leaf_index");
  ExpectInclusionRefused([](Json& j) { j["tree_size"] = 8.5; }, "tree_size");
  ExpectInclusionRefused([](Json& j) { j["tree_size"] = "8"; }, "tree_size");
  auto huge = ParseProofJson(R"({"tree_size": 18446744073709551616})");  // 2^64 parses as a double
  ASSERT_TRUE(huge);
  EXPECT_FALSE((*huge)["tree_size"].is_number_unsigned());
}

TEST(ProofJsonTest, HashNameMustBeSm3OrSha256) {
  ExpectInclusionRefused([](Json& j) { j["hash"] = "SHA256"; }, "hash");
  ExpectInclusionRefused([](Json& j) { j["hash"] = "md5"; }, "hash");
  ExpectInclusionRefused([](Json& j) { j["hash"] = 1; }, "hash");
}

TEST(ProofJsonTest, HashesMustBe64LowerCaseHexDigits) {
  ExpectInclusionRefused(
      [](Json& j) {
        j["root"] = "5DC9DA79A70659A9AD559CB701DED9A2AB9D823AAD2F4960CFE370EFF4604328";
      },
      "root");
  ExpectInclusionRefused([](Json& j) { j["leaf_hash"] = "4271a26b"; }, "leaf_hash");
  ExpectInclusionRefused([](Json& j) { j["leaf_hash"] = "xyz"; }, "leaf_hash");
  ExpectInclusionRefused([](Json& j) { j["proof"][1] = "ca85"; }, "proof[1]");
  ExpectInclusionRefused([](Json& j) { j["proof"][2] = 7; }, "proof[2]");
  ExpectInclusionRefused([](Json& j) { j["proof"] = "bc1a"; }, "proof");
}

TEST(ProofJsonTest, ConsistencyDecodingNamesTheField) {
  Json j = Json::parse(kConsistencyJson);
  j["second_root"] = "00";
  auto bundle = ConsistencyProofFromJson(j);
  ASSERT_FALSE(bundle);
  EXPECT_EQ(bundle.error().code(), ErrorCode::kMalformed);
  EXPECT_EQ(bundle.error().position().field, "second_root");
}

TEST(ProofJsonTest, TextThatIsNotAJsonObjectIsMalformed) {
  for (const char* text : {"", "{", "[1, 2]", "null", "{\"hash\": }"}) {
    auto status = VerifyInclusionJson(text);
    ASSERT_FALSE(status) << text;
    EXPECT_EQ(status.error().code(), ErrorCode::kMalformed) << text;
  }
}

TEST(ProofJsonTest, EncodingRefusesUnknownHashNamesAndShortHashes) {
  InclusionProofBundle b = Rfc6962Inclusion();
  b.hash = "sha1";
  EXPECT_FALSE(InclusionProofToJson(b));
  b = Rfc6962Inclusion();
  b.proof[0].pop_back();
  auto j = InclusionProofToJson(b);
  ASSERT_FALSE(j);
  EXPECT_EQ(j.error().code(), ErrorCode::kInvalidArgument);
}

TEST(ProofJsonTest, HexCodecIsLowerCaseBothWays) {
  EXPECT_EQ(internal::HexEncode(std::string_view("\x00\xab\xff", 3)), "00abff");
  EXPECT_EQ(internal::HexDecodeLower("00abff").value(), std::string("\x00\xab\xff", 3));
  EXPECT_FALSE(internal::HexDecodeLower("00ABFF"));
  EXPECT_FALSE(internal::HexDecodeLower("0"));
}

}  // namespace
}  // namespace cv::audit
