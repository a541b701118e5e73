// Properties of Aead on both suites (CRY-2): round trips over many sizes, and every kind of
// tampering failing with the one generic error.
#include "crypto/aead.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "crypto/random.h"

namespace cv::crypto {
namespace {

constexpr std::string_view kAd = "table=customer;column=id_no;row=42";

std::string Random(std::mt19937_64& rng, std::size_t size) {
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(rng());
  return out;
}

// Fails the test unless `result` is the generic decryption failure, exactly.
template <typename T>
void ExpectGenericFailure(const Result<T>& result) {
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(result.error().message(), "decryption failed");
  EXPECT_TRUE(result.error().position().empty());
}

std::string FlipBit(std::string s, std::size_t bit) {
  s[bit / 8] = static_cast<char>(s[bit / 8] ^ (1 << (bit % 8)));
  return s;
}

class AeadTest : public ::testing::TestWithParam<Suite> {
 protected:
  void SetUp() override {
    auto key = RandomKey(AeadKeySize(GetParam()));
    ASSERT_TRUE(key);
    auto aead = NewAead(GetParam(), *key);
    ASSERT_TRUE(aead) << aead.error().ToString();
    aead_ = std::move(*aead);
  }

  std::string Seal(std::string_view plaintext, std::string_view ad = kAd) {
    auto sealed = aead_->Encrypt(plaintext, ad);
    EXPECT_TRUE(sealed) << sealed.error().ToString();
    return sealed.value_or("");
  }

  std::unique_ptr<Aead> aead_;
};

INSTANTIATE_TEST_SUITE_P(Cry2, AeadTest, ::testing::Values(Suite::kGm, Suite::kIntl),
                         [](const auto& info) { return std::string(SuiteName(info.param)); });

TEST_P(AeadTest, ReportsItsSuite) { EXPECT_EQ(aead_->suite(), GetParam()); }

TEST_P(AeadTest, RoundTripsRandomSizesUpTo64KiB) {
  std::mt19937_64 rng(20261122);
  std::vector<std::size_t> sizes = {0, 1, 15, 16, 17, 31, 32, 33, 4095, 4096, 4097, 65535, 65536};
  std::uniform_int_distribution<std::size_t> size(0, 65536);
  while (sizes.size() < 300) sizes.push_back(size(rng));
  for (std::size_t n : sizes) {
    SCOPED_TRACE(n);
    const std::string plaintext = Random(rng, n);
    const std::string ad = Random(rng, n % 97);
    const std::string sealed = Seal(plaintext, ad);
    ASSERT_EQ(sealed.size(), n + Aead::kOverhead);
    auto opened = aead_->Decrypt(sealed, ad);
    ASSERT_TRUE(opened) << opened.error().ToString();
    ASSERT_EQ(*opened, plaintext);
  }
}

TEST_P(AeadTest, CiphertextIsNonceThenBodyThenTagAndHidesThePlaintext) {
  const std::string plaintext(64, 'A');
  const std::string sealed = Seal(plaintext);
  ASSERT_EQ(sealed.size(), Aead::kNonceSize + 64 + Aead::kTagSize);
  EXPECT_EQ(sealed.find("AAAAAAAA"), std::string::npos);
}

TEST_P(AeadTest, EncryptingTwiceGivesDifferentNonces) {
  const std::string a = Seal("same");
  const std::string b = Seal("same");
  EXPECT_NE(a.substr(0, Aead::kNonceSize), b.substr(0, Aead::kNonceSize));
  EXPECT_NE(a, b);
}

TEST_P(AeadTest, FlippedNonceBitFails) {
  const std::string sealed = Seal("credit record");
  for (std::size_t bit = 0; bit < Aead::kNonceSize * 8; ++bit) {
    SCOPED_TRACE(bit);
    ExpectGenericFailure(aead_->Decrypt(FlipBit(sealed, bit), kAd));
  }
}

TEST_P(AeadTest, FlippedBodyBitFails) {
  const std::string sealed = Seal(std::string(100, 'x'));
  for (std::size_t bit = Aead::kNonceSize * 8; bit < (sealed.size() - Aead::kTagSize) * 8; ++bit) {
    SCOPED_TRACE(bit);
    ExpectGenericFailure(aead_->Decrypt(FlipBit(sealed, bit), kAd));
  }
}

TEST_P(AeadTest, FlippedTagBitFails) {
  for (std::string_view plaintext : {std::string_view(""), std::string_view("c3 value")}) {
    const std::string sealed = Seal(plaintext);
    for (std::size_t bit = (sealed.size() - Aead::kTagSize) * 8; bit < sealed.size() * 8; ++bit) {
      SCOPED_TRACE(bit);
      ExpectGenericFailure(aead_->Decrypt(FlipBit(sealed, bit), kAd));
    }
  }
}

TEST_P(AeadTest, ChangedAssociatedDataFails) {
  const std::string sealed = Seal("credit record");
  ExpectGenericFailure(aead_->Decrypt(sealed, "table=customer;column=id_no;row=43"));
  ExpectGenericFailure(aead_->Decrypt(sealed, std::string(kAd) + '\0'));
}

TEST_P(AeadTest, AbsentAssociatedDataFails) {
  ExpectGenericFailure(aead_->Decrypt(Seal("credit record"), ""));
}

TEST_P(AeadTest, AddedAssociatedDataFails) {
  ExpectGenericFailure(aead_->Decrypt(Seal("credit record", ""), kAd));
}

TEST_P(AeadTest, WrongKeyFails) {
  const std::string sealed = Seal("credit record");
  auto key = RandomKey(AeadKeySize(GetParam()));
  ASSERT_TRUE(key);
  auto other = NewAead(GetParam(), *key);
  ASSERT_TRUE(other);
  ExpectGenericFailure((*other)->Decrypt(sealed, kAd));
}

TEST_P(AeadTest, TruncatedInputFailsGenerically) {
  std::mt19937_64 rng(7);
  for (std::size_t n = 0; n < Aead::kOverhead; ++n) {
    SCOPED_TRACE(n);
    ExpectGenericFailure(aead_->Decrypt(Random(rng, n), kAd));
    ExpectGenericFailure(aead_->DecryptSecret(Random(rng, n), kAd));
  }
  const std::string sealed = Seal("credit record");
  for (std::size_t n = 0; n < sealed.size(); ++n) {
    SCOPED_TRACE(n);
    ExpectGenericFailure(aead_->Decrypt(sealed.substr(0, n), kAd));
  }
}

TEST_P(AeadTest, AppendedBytesFail) {
  ExpectGenericFailure(aead_->Decrypt(Seal("credit record") + "x", kAd));
}

TEST_P(AeadTest, FailureIsIdenticalForEveryCause) {
  const std::string sealed = Seal("credit record");
  auto key = RandomKey(AeadKeySize(GetParam()));
  ASSERT_TRUE(key);
  auto other = NewAead(GetParam(), *key);
  ASSERT_TRUE(other);
  const std::vector<Result<std::string>> failures = {
      aead_->Decrypt(FlipBit(sealed, 0), kAd),                      // nonce
      aead_->Decrypt(FlipBit(sealed, 8 * Aead::kNonceSize), kAd),   // body
      aead_->Decrypt(FlipBit(sealed, 8 * sealed.size() - 1), kAd),  // tag
      aead_->Decrypt(sealed, "other"),                              // associated data
      (*other)->Decrypt(sealed, kAd),                               // key
      aead_->Decrypt(sealed.substr(0, 5), kAd),                     // truncated
  };
  for (const auto& failure : failures) {
    ASSERT_FALSE(failure);
    EXPECT_EQ(failure.error().ToString(), DecryptionFailed().ToString());
  }
  EXPECT_EQ(DecryptionFailed().ToString(), "permission_denied: decryption failed");
}

TEST_P(AeadTest, WrongKeySizeRefusedAtNewAead) {
  for (std::size_t size : {0, 1, 15, 16, 17, 24, 31, 32, 33, 64}) {
    if (size == AeadKeySize(GetParam())) continue;
    SCOPED_TRACE(size);
    auto aead = NewAead(GetParam(), Secret(std::string(size, 'k')));
    ASSERT_FALSE(aead);
    EXPECT_EQ(aead.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(aead.error().message().find("kkkk"), std::string::npos);
  }
}

TEST_P(AeadTest, DecryptSecretRoundTrips) {
  const std::string value = "C3: 11010519491231002X";
  auto opened = aead_->DecryptSecret(Seal(value), kAd);
  ASSERT_TRUE(opened) << opened.error().ToString();
  EXPECT_EQ(opened->View(SecretAccess::Get()), value);
  auto empty = aead_->DecryptSecret(Seal(""), kAd);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST_P(AeadTest, DecryptSecretFailsGenerically) {
  ExpectGenericFailure(aead_->DecryptSecret(FlipBit(Seal("wrapped key"), 8 * 13), kAd));
}

TEST_P(AeadTest, EncryptWithNonceForKatRefusesOtherNonceSizes) {
  for (std::size_t size : {0, 11, 13, 16}) {
    auto sealed = aead_->EncryptWithNonceForKat(std::string(size, 'n'), "x", "");
    ASSERT_FALSE(sealed);
    EXPECT_EQ(sealed.error().code(), ErrorCode::kInvalidArgument);
  }
}

// One Aead shared by 4 threads, each sealing and opening its own messages and its neighbour's
// (run under ASan/TSan too: the pooled contexts must never be shared).
TEST_P(AeadTest, ConcurrentUseFromFourThreadsIsCorrect) {
  constexpr int kThreads = 4;
  constexpr int kMessages = 300;
  std::vector<std::vector<std::string>> sealed(kThreads);
  std::vector<int> errors(kThreads, 0);
  auto message = [](int t, int i) { return std::to_string(t) + ":" + std::string(i % 70, 'm'); };
  auto in_parallel = [](auto&& body) {
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) threads.emplace_back(body, t);
    for (auto& th : threads) th.join();
  };
  in_parallel([&](int t) {
    for (int i = 0; i < kMessages; ++i) {
      auto s = aead_->Encrypt(message(t, i), kAd);
      auto o = s ? aead_->Decrypt(*s, kAd) : Result<std::string>(std::unexpected(s.error()));
      if (!o || *o != message(t, i)) ++errors[t];
      sealed[t].push_back(s.value_or(""));
    }
  });
  in_parallel([&](int t) {
    const int other = (t + 1) % kThreads;
    for (int i = 0; i < kMessages; ++i) {
      auto o = aead_->Decrypt(sealed[other][i], kAd);
      if (!o || *o != message(other, i)) ++errors[t];
    }
  });
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(errors[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace cv::crypto
