// Properties of Mac on both suites (CRY-2), and agreement with libgcrypt's HMAC, a second,
// independent implementation.
#include "crypto/mac.h"

#include <gcrypt.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "crypto/internal/gcrypt_util.h"
#include "crypto/random.h"

namespace cv::crypto {
namespace {

std::string Random(std::mt19937_64& rng, std::size_t size) {
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(rng());
  return out;
}

void ExpectGenericFailure(const Status& status) {
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(status.error().message(), "MAC verification failed");
}

// libgcrypt's HMAC of `data` under `key`: GCRY_MAC_HMAC_SM3 for gm, GCRY_MAC_HMAC_SHA256 for intl.
std::string GcryptHmac(Suite suite, std::string_view key, std::string_view data) {
  EXPECT_TRUE(internal::EnsureGcrypt());
  gcry_mac_hd_t h = nullptr;
  const int algo = suite == Suite::kGm ? GCRY_MAC_HMAC_SM3 : GCRY_MAC_HMAC_SHA256;
  EXPECT_EQ(gcry_mac_open(&h, algo, 0, nullptr), 0u);
  std::string tag(kDigestSize, '\0');
  std::size_t size = tag.size();
  EXPECT_EQ(gcry_mac_setkey(h, key.data(), key.size()), 0u);
  EXPECT_EQ(gcry_mac_write(h, data.data(), data.size()), 0u);
  EXPECT_EQ(gcry_mac_read(h, tag.data(), &size), 0u);
  gcry_mac_close(h);
  EXPECT_EQ(size, kDigestSize);
  return tag;
}

class MacTest : public ::testing::TestWithParam<Suite> {
 protected:
  void SetUp() override { mac_ = Make(kMacKeySize); }

  std::unique_ptr<Mac> Make(std::size_t key_size) {
    auto key = RandomKey(key_size);
    EXPECT_TRUE(key);
    auto mac = NewMac(GetParam(), *key);
    EXPECT_TRUE(mac) << mac.error().ToString();
    return mac ? std::move(*mac) : nullptr;
  }

  std::string Tag(std::string_view data) {
    auto tag = mac_->Compute(data);
    EXPECT_TRUE(tag) << tag.error().ToString();
    return tag.value_or("");
  }

  std::unique_ptr<Mac> mac_;
};

INSTANTIATE_TEST_SUITE_P(Cry2, MacTest, ::testing::Values(Suite::kGm, Suite::kIntl),
                         [](const auto& info) { return std::string(SuiteName(info.param)); });

TEST_P(MacTest, TagIsDeterministicAndVerifies) {
  const std::string tag = Tag("11010519491231002X");
  EXPECT_EQ(tag.size(), kDigestSize);
  EXPECT_EQ(Tag("11010519491231002X"), tag);
  EXPECT_NE(Tag("11010519491231002Y"), tag);
  EXPECT_TRUE(mac_->Verify(tag, "11010519491231002X"));
}

TEST_P(MacTest, VerifyRejectsFlippedTagBit) {
  const std::string tag = Tag("blind index input");
  for (std::size_t bit = 0; bit < tag.size() * 8; ++bit) {
    std::string bad = tag;
    bad[bit / 8] = static_cast<char>(bad[bit / 8] ^ (1 << (bit % 8)));
    SCOPED_TRACE(bit);
    ExpectGenericFailure(mac_->Verify(bad, "blind index input"));
  }
}

TEST_P(MacTest, VerifyRejectsShortAndLongTags) {
  const std::string tag = Tag("blind index input");
  for (std::size_t n = 0; n < tag.size(); ++n) {
    SCOPED_TRACE(n);
    ExpectGenericFailure(mac_->Verify(tag.substr(0, n), "blind index input"));
  }
  ExpectGenericFailure(mac_->Verify(tag + '\0', "blind index input"));
}

TEST_P(MacTest, VerifyRejectsOtherData) { ExpectGenericFailure(mac_->Verify(Tag("a"), "b")); }

TEST_P(MacTest, OtherKeyGivesOtherTag) {
  auto other = Make(kMacKeySize);
  ASSERT_NE(other, nullptr);
  ExpectGenericFailure(other->Verify(Tag("same input"), "same input"));
}

TEST_P(MacTest, KeysShorterThan16BytesRefused) {
  for (std::size_t size = 0; size < 16; ++size) {
    SCOPED_TRACE(size);
    auto mac = NewMac(GetParam(), Secret(std::string(size, 'k')));
    ASSERT_FALSE(mac);
    EXPECT_EQ(mac.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(mac.error().message(), "MAC key must be at least 16 bytes");
  }
  EXPECT_TRUE(NewMac(GetParam(), Secret(std::string(16, 'k'))));
}

// Our HMAC (OpenSSL EVP_MAC) against libgcrypt's, on random keys of 16..200 bytes (shorter and
// longer than the 64-byte block) and random data of 0..4 KiB.
TEST_P(MacTest, AgreesWithLibgcryptOnRandomInputs) {
  std::mt19937_64 rng(GetParam() == Suite::kGm ? 3 : 4);
  std::uniform_int_distribution<std::size_t> key_size(16, 200);
  std::uniform_int_distribution<std::size_t> data_size(0, 4096);
  for (int i = 0; i < 200; ++i) {
    const std::string key = Random(rng, key_size(rng));
    const std::string data = Random(rng, i == 0 ? 0 : data_size(rng));
    auto mac = NewMac(GetParam(), Secret(key));
    ASSERT_TRUE(mac);
    auto tag = (*mac)->Compute(data);
    ASSERT_TRUE(tag);
    ASSERT_EQ(*tag, GcryptHmac(GetParam(), key, data)) << "case " << i;
  }
}

TEST_P(MacTest, ConcurrentUseFromFourThreadsIsCorrect) {
  std::vector<std::string> expected;
  for (int i = 0; i < 100; ++i) expected.push_back(Tag(std::to_string(i)));
  std::vector<int> errors(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (int i = 0; i < 100; ++i) {
          auto tag = mac_->Compute(std::to_string(i));
          if (!tag || *tag != expected[i]) ++errors[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(errors[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace cv::crypto
