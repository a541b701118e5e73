// Properties of Hasher on both suites (CRY-2), and agreement with libgcrypt's SM3 and SHA-256, a
// second, independent implementation.
#include "crypto/hasher.h"

#include <gcrypt.h>
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "crypto/internal/gcrypt_util.h"

namespace cv::crypto {
namespace {

std::string Random(std::mt19937_64& rng, std::size_t size) {
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(rng());
  return out;
}

// libgcrypt's digest: GCRY_MD_SM3 for gm, GCRY_MD_SHA256 for intl.
std::string GcryptDigest(Suite suite, std::string_view data) {
  EXPECT_TRUE(internal::EnsureGcrypt());
  std::string digest(kDigestSize, '\0');
  gcry_md_hash_buffer(suite == Suite::kGm ? GCRY_MD_SM3 : GCRY_MD_SHA256, digest.data(),
                      data.data(), data.size());
  return digest;
}

class HasherTest : public ::testing::TestWithParam<Suite> {
 protected:
  void SetUp() override {
    auto hasher = NewHasher(GetParam());
    ASSERT_TRUE(hasher) << hasher.error().ToString();
    hasher_ = std::move(*hasher);
  }

  std::string Hash(std::string_view data) {
    auto digest = hasher_->Hash(data);
    EXPECT_TRUE(digest) << digest.error().ToString();
    return digest.value_or("");
  }

  std::unique_ptr<Hasher> hasher_;
};

INSTANTIATE_TEST_SUITE_P(Cry2, HasherTest, ::testing::Values(Suite::kGm, Suite::kIntl),
                         [](const auto& info) { return std::string(SuiteName(info.param)); });

TEST_P(HasherTest, NameIsTheSuitesDigest) {
  EXPECT_EQ(hasher_->name(), GetParam() == Suite::kGm ? "SM3" : "SHA256");
}

TEST_P(HasherTest, AgreesWithLibgcryptOnRandomInputs) {
  std::mt19937_64 rng(GetParam() == Suite::kGm ? 5 : 6);
  std::vector<std::size_t> sizes = {0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 65536};
  std::uniform_int_distribution<std::size_t> size(0, 8192);
  while (sizes.size() < 300) sizes.push_back(size(rng));
  for (std::size_t n : sizes) {
    const std::string data = Random(rng, n);
    const std::string digest = Hash(data);
    ASSERT_EQ(digest.size(), kDigestSize);
    ASSERT_EQ(digest, GcryptDigest(GetParam(), data)) << "size " << n;
  }
}

TEST_P(HasherTest, HashPartsEqualsHashOfTheConcatenation) {
  auto parts = hasher_->HashParts({"credit", "", "vault", std::string(100, 'x')});
  ASSERT_TRUE(parts);
  EXPECT_EQ(*parts, Hash("creditvault" + std::string(100, 'x')));
  auto none = hasher_->HashParts({});
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, Hash(""));
}

TEST_P(HasherTest, DifferentInputsGiveDifferentDigests) {
  EXPECT_NE(Hash("a"), Hash("b"));
  EXPECT_NE(Hash(""), Hash(std::string(1, '\0')));
}

}  // namespace
}  // namespace cv::crypto
