// Keyring: init and unseal (shares, passphrase), field encryption, rotation and rewrap,
// crypto-shredding with the destruction ledger (CRY-3, CRY-4, CRY-5).
#include "crypto/keyring/keyring.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "crypto/keyring/internal/keyring_impl.h"
#include "crypto/keyring/sealing.h"
#include "store/data_dir.h"

namespace cv::crypto::keyring {
namespace {

namespace fs = std::filesystem;

std::string UniqueDir(std::string_view name) {
  static std::atomic<int> counter{0};
  return ::testing::TempDir() + "/keyring_" + std::string(name) + "_" + std::to_string(getpid()) +
         "_" + std::to_string(counter++);
}

class KeyringTest : public ::testing::Test {
 protected:
  void SetUp() override { Create(Suite::kGm); }
  void TearDown() override {
    keyring_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  void Create(Suite suite, std::optional<Secret> passphrase = std::nullopt) {
    keyring_.reset();
    store_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
    dir_ = UniqueDir("t");
    auto data_dir = store::DataDir::Create(dir_);
    ASSERT_TRUE(data_dir) << data_dir.error().ToString();
    OpenStore();
    InitOptions options;
    options.suite = suite;
    if (passphrase) {
      options.passphrase = std::move(passphrase);
      options.kdf = KdfParams{2, kMinKdfMemoryKib};
    } else {
      options.custodians = 5;
      options.threshold = 3;
    }
    auto tx = store_->Begin();
    ASSERT_TRUE(tx);
    auto outcome = Keyring::Initialize(**tx, options, clock_);
    ASSERT_TRUE(outcome) << outcome.error().ToString();
    ASSERT_TRUE((*tx)->Commit());
    outcome_ = std::move(*outcome);
  }

  void OpenStore() {
    store::StoreOptions options;
    options.url = "sqlite:" + dir_ + "/cvault.db";
    auto store = store::OpenStore(options);
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
  }

  UnsealInput Shares(std::initializer_list<int> numbers) const {
    UnsealInput input;
    for (int n : numbers) {
      input.shares.emplace_back("share-" + std::to_string(n),
                                outcome_.share_files[static_cast<std::size_t>(n - 1)].Clone());
    }
    return input;
  }

  Result<std::unique_ptr<Keyring>> Unseal(const UnsealInput& input) {
    return Keyring::Unseal(*store_, input, Ledger(), clock_);
  }

  void UnsealWith(std::initializer_list<int> numbers) {
    auto keyring = Unseal(Shares(numbers));
    ASSERT_TRUE(keyring) << keyring.error().ToString();
    keyring_ = std::move(*keyring);
  }

  std::string Ledger() const { return dir_ + "/keys/destruction.ledger"; }

  // Encrypts `plaintext` for `subject` at `grade` in its own transaction.
  std::string EncryptFor(std::string_view subject, KeyGrade grade, std::string_view plaintext) {
    auto tx = store_->Begin();
    EXPECT_TRUE(tx);
    auto key = keyring_->DataKeyFor(**tx, subject, grade);
    EXPECT_TRUE(key) << key.error().ToString();
    auto ct = key->Encrypt(plaintext, "ad");
    EXPECT_TRUE(ct);
    EXPECT_TRUE((*tx)->Commit());
    return *ct;
  }

  Result<std::string> DecryptField(std::string_view ct, std::string_view ad = "ad") {
    auto tx = store_->Begin(store::TxMode::kRead);
    if (!tx) return std::unexpected(tx.error());
    return keyring_->DecryptField(**tx, ct, ad);
  }

  FakeClock clock_{TimePoint(std::chrono::seconds(1'790'000'000))};
  std::string dir_;
  std::unique_ptr<store::Store> store_;
  InitOutcome outcome_;
  std::unique_ptr<Keyring> keyring_;
};

TEST_F(KeyringTest, Cry3AnyThresholdOfSharesUnseals) {
  ASSERT_EQ(outcome_.share_files.size(), 5u);
  for (auto numbers :
       {std::initializer_list<int>{1, 2, 3}, {3, 4, 5}, {5, 1, 3}, {1, 2, 3, 4, 5}}) {
    auto keyring = Unseal(Shares(numbers));
    ASSERT_TRUE(keyring) << keyring.error().ToString();
    EXPECT_EQ((*keyring)->data_dir_id(), outcome_.data_dir_id);
  }
}

TEST_F(KeyringTest, Cry3FewerThanThresholdSharesAreRefused) {
  auto keyring = Unseal(Shares({2, 4}));
  ASSERT_FALSE(keyring);
  EXPECT_EQ(keyring.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(keyring.error().message().find("2 share(s) given, 3 needed"), std::string::npos);
}

TEST_F(KeyringTest, Cry3DuplicateShareIsRefused) {
  UnsealInput input = Shares({1, 2});
  input.shares.emplace_back("again", outcome_.share_files[1].Clone());
  auto keyring = Unseal(input);
  ASSERT_FALSE(keyring);
  EXPECT_EQ(keyring.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(KeyringTest, Cry3SharesOfAnotherInitAreRefused) {
  InitOutcome first = std::move(outcome_);
  const std::string first_dir = dir_;
  dir_.clear();
  Create(Suite::kGm);  // A second data directory.
  UnsealInput input;
  for (int i = 0; i < 3; ++i) input.shares.emplace_back("old", first.share_files[i].Clone());
  auto keyring = Unseal(input);
  ASSERT_FALSE(keyring);
  EXPECT_EQ(keyring.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(keyring.error().message().find("another data directory"), std::string::npos);
  fs::remove_all(first_dir);
}

TEST_F(KeyringTest, Cry3ForgedShareWithValidChecksumDoesNotUnseal) {
  auto parsed = ParseShareFile(outcome_.share_files[0], "s1");
  ASSERT_TRUE(parsed);
  Secret bytes = parsed->share.bytes.Clone();
  bytes.Mutable(SecretAccess::Get())[0] ^= 1;
  parsed->share.bytes = std::move(bytes);
  auto forged = FormatShareFile(*parsed);
  ASSERT_TRUE(forged);
  UnsealInput input = Shares({2, 3});
  input.shares.emplace_back("forged", std::move(*forged));
  auto keyring = Unseal(input);
  ASSERT_FALSE(keyring);
  EXPECT_EQ(keyring.error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(KeyringTest, DamagedShareFileFailsItsChecksum) {
  std::string text(outcome_.share_files[0].View(SecretAccess::Get()));
  const std::size_t at = text.find("\nshare: ") + 8;
  text[at] = text[at] == '0' ? '1' : '0';
  auto parsed = ParseShareFile(Secret(text), "s1");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code(), ErrorCode::kMalformed);
  EXPECT_NE(parsed.error().message().find("checksum"), std::string::npos);
}

TEST_F(KeyringTest, InitializeTwiceIsRefused) {
  auto tx = store_->Begin();
  ASSERT_TRUE(tx);
  InitOptions options;
  options.custodians = 3;
  options.threshold = 2;
  auto again = Keyring::Initialize(**tx, options, clock_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(KeyringTest, InitOptionsMustChooseOneSealingMode) {
  auto tx = store_->Begin();
  ASSERT_TRUE(tx);
  InitOptions both;
  both.custodians = 3;
  both.threshold = 2;
  both.passphrase = Secret("a long enough passphrase");
  EXPECT_EQ(Keyring::Initialize(**tx, both, clock_).error().code(), ErrorCode::kInvalidArgument);
  InitOptions single;
  single.custodians = 1;
  single.threshold = 1;
  EXPECT_EQ(Keyring::Initialize(**tx, single, clock_).error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(KeyringTest, Cry3PassphraseModeUnsealsOnlyWithThePassphrase) {
  const std::string passphrase = "correct horse battery staple";
  Create(Suite::kIntl, Secret(passphrase));
  ASSERT_FALSE(outcome_.sealed_root_file.empty());
  EXPECT_EQ(outcome_.sealed_root_file.find(passphrase), std::string::npos);
  UnsealInput right;
  right.passphrase = Secret(passphrase);
  right.sealed_root_file = outcome_.sealed_root_file;
  auto keyring = Unseal(right);
  ASSERT_TRUE(keyring) << keyring.error().ToString();
  EXPECT_EQ((*keyring)->suite(), Suite::kIntl);
  UnsealInput wrong;
  wrong.passphrase = Secret("incorrect horse battery staple");
  wrong.sealed_root_file = outcome_.sealed_root_file;
  auto refused = Unseal(wrong);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().message().find("horse"), std::string::npos);
}

TEST_F(KeyringTest, ShortPassphraseIsRefusedAtInit) {
  auto root = Secret(std::string(16, 'k'));
  auto sealed = SealWithPassphrase(root, Secret("short"), Suite::kGm, "id", KdfParams{});
  ASSERT_FALSE(sealed);
  EXPECT_EQ(sealed.error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(KeyringTest, FieldRoundTripBothSuites) {
  for (Suite suite : {Suite::kGm, Suite::kIntl}) {
    Create(suite);
    UnsealWith({1, 2, 3});
    const std::string ct = EncryptFor("subject-a", KeyGrade::kC3, "110101199003074258");
    EXPECT_EQ(ct.find("110101199003074258"), std::string::npos);
    EXPECT_EQ(static_cast<std::uint8_t>(ct[1]), static_cast<std::uint8_t>(suite));
    auto pt = DecryptField(ct);
    ASSERT_TRUE(pt) << pt.error().ToString();
    EXPECT_EQ(*pt, "110101199003074258");
  }
}

TEST_F(KeyringTest, SameSubjectAndGradeShareOneDataKey) {
  UnsealWith({1, 2, 3});
  auto a = FieldKeyId(EncryptFor("s", KeyGrade::kC2, "x"));
  auto b = FieldKeyId(EncryptFor("s", KeyGrade::kC2, "y"));
  auto c = FieldKeyId(EncryptFor("s", KeyGrade::kC3, "z"));
  auto d = FieldKeyId(EncryptFor("t", KeyGrade::kC2, "w"));
  ASSERT_TRUE(a && b && c && d);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
  EXPECT_NE(*a, *d);
}

TEST_F(KeyringTest, TamperedFieldCiphertextFails) {
  UnsealWith({1, 2, 3});
  EncryptFor("other", KeyGrade::kC2, "first key");
  const std::string ct = EncryptFor("s", KeyGrade::kC2, "secret value");
  for (std::size_t i = 0; i < ct.size(); ++i) {
    std::string bad = ct;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    EXPECT_FALSE(DecryptField(bad)) << "flipped byte " << i;
  }
  EXPECT_FALSE(DecryptField(ct, "other ad"));
  EXPECT_FALSE(DecryptField(ct.substr(0, ct.size() - 1)));
}

TEST_F(KeyringTest, WrappedKeyUnderWrongParentFails) {
  UnsealWith({1, 2, 3});
  const std::string ct = EncryptFor("s", KeyGrade::kC2, "v");
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx);
    // Move the wrapped key to another grade: its KEK (C3 v1) is not the one that wrapped it.
    ASSERT_TRUE((*tx)->Exec("UPDATE data_keys SET grade = 'C3'"));
    ASSERT_TRUE((*tx)->Commit());
  }
  UnsealWith({1, 2, 3});  // A fresh keyring: no cached data key.
  auto pt = DecryptField(ct);
  ASSERT_FALSE(pt);
  EXPECT_EQ(pt.error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(KeyringTest, WrappedKeyMovedToAnotherSubjectFails) {
  UnsealWith({1, 2, 3});
  const std::string ct = EncryptFor("alice", KeyGrade::kC2, "v");
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE((*tx)->Exec("UPDATE data_keys SET subject = 'mallory'"));
    ASSERT_TRUE((*tx)->Commit());
  }
  UnsealWith({1, 2, 3});
  EXPECT_FALSE(DecryptField(ct));
}

TEST_F(KeyringTest, BlindIndexIsDeterministicAndSeparateFromAuditHash) {
  UnsealWith({1, 2, 3});
  auto a = keyring_->BlindIndex("110101199003074258");
  auto b = keyring_->BlindIndex("110101199003074258");
  auto c = keyring_->BlindIndex("110101199003074259");
  auto h = keyring_->AuditHash("110101199003074258");
  ASSERT_TRUE(a && b && c && h);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
  EXPECT_NE(*a, *h);
  EXPECT_EQ(a->size(), kDigestSize);
}

TEST_F(KeyringTest, BlindIndexDiffersBetweenDataDirectories) {
  UnsealWith({1, 2, 3});
  auto first = keyring_->BlindIndex("x");
  Create(Suite::kGm);
  UnsealWith({1, 2, 3});
  auto second = keyring_->BlindIndex("x");
  ASSERT_TRUE(first && second);
  EXPECT_NE(*first, *second);
}

TEST_F(KeyringTest, AuditSignerVerifiesWithStoredPublicKey) {
  UnsealWith({1, 2, 3});
  auto signature = keyring_->audit_signer().Sign("checkpoint");
  ASSERT_TRUE(signature);
  auto verifier = NewVerifier(Suite::kGm, keyring_->audit_public_key());
  ASSERT_TRUE(verifier);
  EXPECT_TRUE((*verifier)->Verify(*signature, "checkpoint"));
}

TEST_F(KeyringTest, Cry4RotationKeepsOldDataReadableAndUsesNewVersion) {
  UnsealWith({1, 2, 3});
  const std::string before = EncryptFor("old", KeyGrade::kC2, "before");
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx);
    auto version = keyring_->Rotate(**tx, KeyGrade::kC2);
    ASSERT_TRUE(version);
    EXPECT_EQ(*version, 2);
    ASSERT_TRUE((*tx)->Commit());
  }
  const std::string after = EncryptFor("new", KeyGrade::kC2, "after");
  EXPECT_EQ(*DecryptField(before), "before");
  EXPECT_EQ(*DecryptField(after), "after");
  auto read = store_->Begin(store::TxMode::kRead);
  auto status = Keyring::ReadStatus(**read);
  ASSERT_TRUE(status);
  int seen = 0;
  for (const KeyVersionStatus& v : status->versions) {
    if (v.purpose != "kek" || v.grade != "C2") continue;
    ++seen;
    EXPECT_EQ(v.state, v.version == 2 ? "primary" : "active");
    EXPECT_EQ(v.data_keys, 1);
  }
  EXPECT_EQ(seen, 2);
}

TEST_F(KeyringTest, Cry4RewrapIsResumableAndRetiresOldVersion) {
  UnsealWith({1, 2, 3});
  std::vector<std::string> cts;
  for (int i = 0; i < 5; ++i)
    cts.push_back(EncryptFor("s" + std::to_string(i), KeyGrade::kC3, "v"));
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(keyring_->Rotate(**tx, KeyGrade::kC3));
    ASSERT_TRUE((*tx)->Commit());
  }
  auto first = keyring_->RewrapStep(*store_, KeyGrade::kC3, 2);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->done, 2);
  EXPECT_EQ(first->total, 5);
  EXPECT_FALSE(first->finished);
  UnsealWith({2, 3, 4});  // As if the process stopped mid-job and a new one resumed.
  RewrapProgress last;
  for (int steps = 0; steps < 10 && !last.finished; ++steps) {
    auto step = keyring_->RewrapStep(*store_, KeyGrade::kC3, 2);
    ASSERT_TRUE(step) << step.error().ToString();
    last = *step;
  }
  EXPECT_TRUE(last.finished);
  EXPECT_EQ(last.done, 5);
  EXPECT_EQ(last.retired_versions, std::vector<int>{1});
  for (const std::string& ct : cts) EXPECT_EQ(*DecryptField(ct), "v");
  auto read = store_->Begin(store::TxMode::kRead);
  auto wrapped = (*read)->QueryOne(
      "SELECT wrapped IS NULL, state FROM key_versions WHERE purpose = 'kek' AND grade = 'C3' "
      "AND version = 1");
  ASSERT_TRUE(wrapped && *wrapped);
  EXPECT_EQ((*wrapped)->Int(0).value_or(0), 1);
  EXPECT_EQ((*wrapped)->Text(1).value_or(""), "retired");
}

TEST_F(KeyringTest, Cry5DestroyedSubjectIsUnreadable) {
  UnsealWith({1, 2, 3});
  const std::string c2 = EncryptFor("victim", KeyGrade::kC2, "a");
  const std::string c3 = EncryptFor("victim", KeyGrade::kC3, "b");
  const std::string other = EncryptFor("bystander", KeyGrade::kC3, "c");
  {
    auto tx = store_->Begin();
    auto destroyed = keyring_->DestroySubject(**tx, "victim", "objection upheld");
    ASSERT_TRUE(destroyed);
    EXPECT_EQ(*destroyed, 2);
    ASSERT_TRUE((*tx)->Commit());
  }
  for (const std::string& ct : {c2, c3}) {
    auto pt = DecryptField(ct);
    ASSERT_FALSE(pt);
    EXPECT_EQ(pt.error().code(), ErrorCode::kNotFound);
    EXPECT_NE(pt.error().message().find("destroyed"), std::string::npos);
  }
  EXPECT_EQ(*DecryptField(other), "c");
  auto ledger = ReadLedger(Ledger());
  ASSERT_TRUE(ledger);
  EXPECT_EQ(ledger->size(), 2u);
}

TEST_F(KeyringTest, Cry5RestoredBackupHasTheDestructionReapplied) {
  UnsealWith({1, 2, 3});
  const std::string ct = EncryptFor("victim", KeyGrade::kC3, "secret");
  ASSERT_TRUE(store_->Flush());
  const std::string backup = dir_ + "/backup.db";
  fs::copy_file(dir_ + "/cvault.db", backup);
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(keyring_->DestroySubject(**tx, "victim", "retention expired"));
    ASSERT_TRUE((*tx)->Commit());
  }
  keyring_.reset();
  store_.reset();
  // Restore the database from the backup taken before the destruction.
  fs::copy_file(backup, dir_ + "/cvault.db", fs::copy_options::overwrite_existing);
  fs::remove(dir_ + "/cvault.db-wal");
  fs::remove(dir_ + "/cvault.db-shm");
  OpenStore();
  UnsealWith({1, 2, 3});
  auto pt = DecryptField(ct);
  ASSERT_FALSE(pt);
  EXPECT_EQ(pt.error().code(), ErrorCode::kNotFound);
}

TEST_F(KeyringTest, Cry5EditedLedgerIsDetected) {
  UnsealWith({1, 2, 3});
  EncryptFor("a", KeyGrade::kC3, "x");
  EncryptFor("b", KeyGrade::kC3, "y");
  for (const char* subject : {"a", "b"}) {
    auto tx = store_->Begin();
    ASSERT_TRUE(keyring_->DestroySubject(**tx, subject, "test"));
    ASSERT_TRUE((*tx)->Commit());
  }
  std::ifstream in(Ledger());
  std::string first, second;
  std::getline(in, first);
  std::getline(in, second);
  in.close();
  std::ofstream(Ledger(), std::ios::trunc) << second << "\n";  // Drop the first entry.
  auto keyring = Unseal(Shares({1, 2, 3}));
  ASSERT_FALSE(keyring);
  EXPECT_EQ(keyring.error().code(), ErrorCode::kMalformed);
}

}  // namespace
}  // namespace cv::crypto::keyring
