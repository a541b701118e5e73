// Share files, the passphrase-sealed root, key-file parsing and the destruction ledger.
#include "crypto/keyring/sealing.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/testing/scoped_temp_dir.h"
#include "crypto/keyring/internal/keyring_impl.h"
#include "crypto/keyring/key_file.h"
#include "crypto/random.h"

namespace cv::crypto::keyring {
namespace {

ShareFile SampleShare() {
  return ShareFile{"00112233445566778899aabbccddeeff", Suite::kGm, 3, 5,
                   Share{2, Secret(std::string("\x01\x02\xfe\xff", 4))}};
}

TEST(ShareFileTest, RoundTrips) {
  auto text = FormatShareFile(SampleShare());
  ASSERT_TRUE(text);
  auto parsed = ParseShareFile(*text, "s");
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  EXPECT_EQ(parsed->data_dir_id, "00112233445566778899aabbccddeeff");
  EXPECT_EQ(parsed->threshold, 3);
  EXPECT_EQ(parsed->custodians, 5);
  EXPECT_EQ(parsed->share.number, 2);
  EXPECT_EQ(parsed->share.bytes.View(SecretAccess::Get()), std::string("\x01\x02\xfe\xff", 4));
}

TEST(ShareFileTest, EveryEditedFieldFailsTheChecksum) {
  const std::string text(FormatShareFile(SampleShare())->View(SecretAccess::Get()));
  for (const char* from_to :
       {"threshold: 3|threshold: 2", "custodians: 5|custodians: 4",
        "share-number: 2|share-number: 1", "suite: gm|suite: intl",
        "share: 0102feff|share: 0102fefe", "data-dir-id: 0011|data-dir-id: 1011"}) {
    const std::string spec(from_to);
    const std::string from = spec.substr(0, spec.find('|'));
    const std::string to = spec.substr(spec.find('|') + 1);
    std::string edited = text;
    ASSERT_NE(edited.find(from), std::string::npos) << from;
    edited.replace(edited.find(from), from.size(), to);
    auto parsed = ParseShareFile(Secret(edited), "s");
    ASSERT_FALSE(parsed) << from;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kMalformed);
  }
}

TEST(ShareFileTest, GarbageIsMalformedWithItsOrigin) {
  for (const char* garbage :
       {"", "hello", "cvault-share: v2\n", "\x00\xff binary", "cvault-share: v1\nunknown: x\n"}) {
    auto parsed = ParseShareFile(Secret(garbage), "custodian-9.share");
    ASSERT_FALSE(parsed) << garbage;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kMalformed);
  }
  auto parsed = ParseShareFile(Secret("cvault-share: v1\nbogus line\n"), "custodian-9.share");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().position().file, "custodian-9.share");
  EXPECT_EQ(parsed.error().position().line, 2u);
}

TEST(ShareFileTest, ErrorsNeverQuoteTheShare) {
  std::string text(FormatShareFile(SampleShare())->View(SecretAccess::Get()));
  text += "share: 0102feff\n";  // Repeated field.
  auto parsed = ParseShareFile(Secret(text), "s");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().ToString().find("0102feff"), std::string::npos);
}

TEST(KeyFileTest, IntegerFieldsAreRangeChecked) {
  auto file = KeyFile::Parse("a: 12\nb: x\nc: 999\n", "f", {"a", "b", "c"});
  ASSERT_TRUE(file);
  EXPECT_EQ(*file->GetInt("a", 1, 100), 12);
  EXPECT_FALSE(file->GetInt("b", 1, 100));
  EXPECT_FALSE(file->GetInt("c", 1, 100));
  EXPECT_FALSE(file->Get("d"));
}

TEST(PassphraseSealTest, RoundTripAndWrongPassphrase) {
  const Secret root = *RandomKey(16);
  const KdfParams kdf{2, kMinKdfMemoryKib};
  auto sealed = SealWithPassphrase(root, Secret("a good long passphrase"), Suite::kGm, "id1", kdf);
  ASSERT_TRUE(sealed) << sealed.error().ToString();
  EXPECT_NE(sealed->find("kdf: argon2id"), std::string::npos);
  auto opened = UnsealWithPassphrase(*sealed, Secret("a good long passphrase"), "id1");
  ASSERT_TRUE(opened);
  EXPECT_TRUE(opened->Equals(root));
  auto wrong = UnsealWithPassphrase(*sealed, Secret("a bad long passphrase!"), "id1");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), ErrorCode::kPermissionDenied);
  // The sealed file is bound to its data directory.
  EXPECT_FALSE(UnsealWithPassphrase(*sealed, Secret("a good long passphrase"), "id2"));
}

TEST(PassphraseSealTest, WeakKdfIsRefused) {
  auto sealed = SealWithPassphrase(*RandomKey(16), Secret("a good long passphrase"), Suite::kGm,
                                   "id", KdfParams{1, 1024});
  ASSERT_FALSE(sealed);
  EXPECT_EQ(sealed.error().code(), ErrorCode::kInvalidArgument);
}

TEST(PassphraseSealTest, DamagedFileIsMalformed) {
  auto sealed = SealWithPassphrase(*RandomKey(16), Secret("a good long passphrase"), Suite::kGm,
                                   "id", KdfParams{2, kMinKdfMemoryKib});
  ASSERT_TRUE(sealed);
  std::string damaged = *sealed;
  damaged.replace(damaged.find("salt: "), 8, "salt: zz");
  EXPECT_EQ(UnsealWithPassphrase(damaged, Secret("a good long passphrase"), "id").error().code(),
            ErrorCode::kMalformed);
}

TEST(LedgerTest, AppendsAndReadsBack) {
  test::ScopedTempDir dir;
  const std::string path = dir.Join("ledger");
  ASSERT_TRUE(AppendLedger(path, {{"2026-01-01T00:00:00Z", 7, "C2", "subj a"}}));
  ASSERT_TRUE(AppendLedger(path, {{"2026-01-02T00:00:00Z", 9, "C3", std::string("b\0c", 3)}}));
  auto entries = ReadLedger(path);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].key_id, 7);
  EXPECT_EQ((*entries)[0].subject, "subj a");
  EXPECT_EQ((*entries)[1].subject, std::string("b\0c", 3));
}

TEST(LedgerTest, MissingLedgerIsEmpty) {
  auto entries = ReadLedger("/nonexistent/ledger");
  ASSERT_TRUE(entries);
  EXPECT_TRUE(entries->empty());
}

TEST(LedgerTest, EditedEntryBreaksTheChain) {
  test::ScopedTempDir dir;
  const std::string path = dir.Join("ledger");
  ASSERT_TRUE(AppendLedger(
      path, {{"2026-01-01T00:00:00Z", 7, "C2", "a"}, {"2026-01-01T00:00:00Z", 8, "C2", "b"}}));
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  text.replace(text.find(" 7 "), 3, " 6 ");
  std::ofstream(path, std::ios::trunc) << text;
  auto entries = ReadLedger(path);
  ASSERT_FALSE(entries);
  EXPECT_EQ(entries.error().code(), ErrorCode::kMalformed);
  EXPECT_EQ(entries.error().position().line, 1u);
}

}  // namespace
}  // namespace cv::crypto::keyring
