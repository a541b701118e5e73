// The platform's transport key (issue #7, JR/T 0117 9.4.1 b): made on first use in existing data
// directories, kept across unseals, and opening what providers seal to its public key.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "common/testing/scoped_temp_dir.h"
#include "crypto/aead.h"
#include "crypto/envelope.h"
#include "crypto/keyring/keyring.h"
#include "store/data_dir.h"

namespace cv::crypto::keyring {
namespace {

constexpr std::string_view kBatch = "provider batch P-9: 2 subjects\n";
constexpr std::string_view kAd = "batch:P-9";

class KeyringTransportTest : public ::testing::TestWithParam<Suite> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store::DataDir::Create(dir_.Join("d")));
    store::StoreOptions options;
    options.url = "sqlite:" + dir_.Join("d") + "/cvault.db";
    auto store = store::OpenStore(options);
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
    InitOptions init;
    init.suite = GetParam();
    init.custodians = 2;
    init.threshold = 2;
    auto tx = store_->Begin();
    ASSERT_TRUE(tx);
    auto outcome = Keyring::Initialize(**tx, init, clock_);
    ASSERT_TRUE(outcome) << outcome.error().ToString();
    ASSERT_TRUE((*tx)->Commit());
    for (auto& s : outcome->share_files) unseal_.shares.emplace_back("s", s.Clone());
    keyring_ = Unseal();
  }

  std::unique_ptr<Keyring> Unseal() {
    auto keyring = Keyring::Unseal(*store_, unseal_, dir_.Join("ledger"), clock_);
    EXPECT_TRUE(keyring) << keyring.error().ToString();
    return keyring ? std::move(*keyring) : nullptr;
  }

  // The transport public key PEM, asked for in a committed write transaction.
  std::string PublicPem(Keyring& keyring) {
    auto tx = store_->Begin();
    EXPECT_TRUE(tx);
    auto pem = keyring.TransportPublicKeyPem(**tx);
    EXPECT_TRUE(pem) << pem.error().ToString();
    EXPECT_TRUE((*tx)->Commit());
    return pem.value_or("");
  }

  // What a provider does: seal to the PEM it was given.
  static std::string SealTo(std::string_view pem, std::string_view ad = kAd) {
    auto key = ParsePublicKeyPem(pem);
    EXPECT_TRUE(key) << key.error().ToString();
    auto sealed = SealToPublicKey(key ? key->der : "", kBatch, ad);
    EXPECT_TRUE(sealed) << sealed.error().ToString();
    return sealed.value_or("");
  }

  Result<std::string> Open(Keyring& keyring, std::string_view sealed, std::string_view ad = kAd) {
    auto tx = store_->Begin(store::TxMode::kRead);
    if (!tx) return std::unexpected(tx.error());
    return keyring.OpenTransport(**tx, sealed, ad);
  }

  test::ScopedTempDir dir_;
  FakeClock clock_{TimePoint(std::chrono::seconds(1'790'000'000))};
  std::unique_ptr<store::Store> store_;
  UnsealInput unseal_;
  std::unique_ptr<Keyring> keyring_;
};

TEST_P(KeyringTransportTest, ProviderBatchSealedToThePublicKeyOpens) {
  const std::string pem = PublicPem(*keyring_);
  auto parsed = ParsePublicKeyPem(pem);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->suite, GetParam());  // SM2 for gm, P-256 for intl
  auto opened = Open(*keyring_, SealTo(pem));
  ASSERT_TRUE(opened) << opened.error().ToString();
  EXPECT_EQ(*opened, kBatch);
}

TEST_P(KeyringTransportTest, KeyIsMadeOnceAndSurvivesUnseal) {
  const std::string pem = PublicPem(*keyring_);
  EXPECT_EQ(PublicPem(*keyring_), pem);
  const std::string sealed = SealTo(pem);
  auto again = Unseal();
  ASSERT_TRUE(again);
  EXPECT_EQ(PublicPem(*again), pem);
  auto opened = Open(*again, sealed);
  ASSERT_TRUE(opened) << opened.error().ToString();
  EXPECT_EQ(*opened, kBatch);
  auto tx = store_->Begin(store::TxMode::kRead);
  ASSERT_TRUE(tx);
  auto status = Keyring::ReadStatus(**tx);
  ASSERT_TRUE(status);
  int transport = 0;
  for (const KeyVersionStatus& v : status->versions) {
    if (v.purpose != "transport") continue;
    ++transport;
    EXPECT_EQ(v.version, 1);
    EXPECT_EQ(v.state, "primary");
  }
  EXPECT_EQ(transport, 1);
}

TEST_P(KeyringTransportTest, ExistingDataDirectoryHasNoneUntilAsked) {
  auto tx = store_->Begin(store::TxMode::kRead);
  ASSERT_TRUE(tx);
  auto pem = keyring_->TransportPublicKeyPem(**tx);  // read-only: cannot create it
  ASSERT_FALSE(pem);
  EXPECT_EQ(pem.error().code(), ErrorCode::kFailedPrecondition);
  auto opened = keyring_->OpenTransport(**tx, "CVE", kAd);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_P(KeyringTransportTest, RolledBackCreationIsNeverUsed) {
  std::string first;
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx);
    first = keyring_->TransportPublicKeyPem(**tx).value_or("");
    ASSERT_FALSE(first.empty());
  }  // rolled back
  const std::string second = PublicPem(*keyring_);
  EXPECT_NE(first, second);
  auto opened = Open(*keyring_, SealTo(first));
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().ToString(), DecryptionFailed().ToString());
}

TEST_P(KeyringTransportTest, OtherAssociatedDataOrTamperingFails) {
  const std::string sealed = SealTo(PublicPem(*keyring_));
  EXPECT_EQ(Open(*keyring_, sealed, "batch:P-10").error().ToString(),
            DecryptionFailed().ToString());
  std::string t = sealed;
  t[t.size() - 1] ^= 0x01;
  EXPECT_EQ(Open(*keyring_, t).error().ToString(), DecryptionFailed().ToString());
  EXPECT_EQ(Open(*keyring_, "garbage").error().code(), ErrorCode::kMalformed);
}

TEST_P(KeyringTransportTest, ConcurrentOpensAgree) {
  const std::string sealed = SealTo(PublicPem(*keyring_));
  auto fresh = Unseal();  // nothing cached yet: the threads race to unwrap
  ASSERT_TRUE(fresh);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 10; ++j) {
        auto opened = Open(*fresh, sealed);
        if (opened && *opened == kBatch) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 40);
}

INSTANTIATE_TEST_SUITE_P(Issue7, KeyringTransportTest, ::testing::Values(Suite::kGm, Suite::kIntl),
                         [](const auto& info) { return std::string(SuiteName(info.param)); });

}  // namespace
}  // namespace cv::crypto::keyring
