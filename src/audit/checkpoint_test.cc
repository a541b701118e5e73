// Signed checkpoints (C2SP tlog-checkpoint on C2SP signed-note): round trips on both suites, the
// exact text layout, key IDs as the spec defines them, tampering, foreign keys, unknown signature
// lines, and strict parsing with the line of the fault.
#include "audit/checkpoint.h"

#include <gtest/gtest.h>

#include "audit/internal/base64.h"
#include "audit/internal/signed_note.h"
#include "crypto/hasher.h"

namespace cv::audit {
namespace {

using internal::Base64Decode;
using internal::Base64Encode;

constexpr std::string_view kEmDash = "\xE2\x80\x94";
constexpr std::string_view kKeyName = "audit.creditvault.example/log";

struct Key {
  std::string public_der;
  std::unique_ptr<crypto::Signer> signer;
  std::unique_ptr<crypto::Verifier> verifier;
};

Key NewKey(crypto::Suite suite) {
  auto pair = crypto::GenerateSigningKey(suite).value();
  return {pair.public_key_der, crypto::NewSigner(suite, pair.private_key_der).value(),
          crypto::NewVerifier(suite, pair.public_key_der).value()};
}

std::string Sha256(std::string_view data) {
  return crypto::NewHasher(crypto::Suite::kIntl).value()->Hash(data).value();
}

std::string Replace(std::string text, std::string_view from, std::string_view to) {
  const std::size_t pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return pos == std::string::npos ? text : text.replace(pos, from.size(), to);
}

class CheckpointSuiteTest : public ::testing::TestWithParam<crypto::Suite> {
 protected:
  void SetUp() override {
    key_ = NewKey(GetParam());
    checkpoint_ = {"creditvault.example/audit", 20852163, std::string(32, '\x5a')};
    checkpoint_.root_hash[0] = '\x01';
  }

  Result<std::string> Sign(const Checkpoint& c) {
    return SignCheckpoint(c, kKeyName, *key_.signer, key_.public_der, GetParam());
  }
  Result<Checkpoint> Open(std::string_view note) {
    return OpenCheckpoint(note, kKeyName, *key_.verifier, key_.public_der, GetParam());
  }
  void ExpectDenied(std::string_view note) {
    auto opened = Open(note);
    ASSERT_FALSE(opened) << note;
    EXPECT_EQ(opened.error().code(), ErrorCode::kPermissionDenied) << opened.error().ToString();
  }

  Key key_;
  Checkpoint checkpoint_;
};

INSTANTIATE_TEST_SUITE_P(CheckpointSuites, CheckpointSuiteTest,
                         ::testing::Values(crypto::Suite::kGm, crypto::Suite::kIntl),
                         [](const auto& info) {
                           return std::string(crypto::SuiteName(info.param));
                         });

TEST_P(CheckpointSuiteTest, SignThenOpenGivesTheCheckpointBack) {
  auto note = Sign(checkpoint_);
  ASSERT_TRUE(note) << note.error().ToString();
  auto opened = Open(*note);
  ASSERT_TRUE(opened) << opened.error().ToString();
  EXPECT_EQ(*opened, checkpoint_);
}

TEST_P(CheckpointSuiteTest, EmptyTreeRoundTrips) {
  checkpoint_.size = 0;
  EXPECT_EQ(Open(Sign(checkpoint_).value()).value(), checkpoint_);
}

TEST_P(CheckpointSuiteTest, TextLayoutIsOriginSizeRootBlankLineSignatureLine) {
  const std::string note = Sign(checkpoint_).value();
  const std::string body =
      "creditvault.example/audit\n20852163\n" + Base64Encode(checkpoint_.root_hash) + "\n";
  EXPECT_EQ(body, CheckpointText(checkpoint_).value());
  const std::string prefix = body + "\n" + std::string(kEmDash) + " " + std::string(kKeyName) + " ";
  ASSERT_TRUE(note.starts_with(prefix)) << note;
  ASSERT_TRUE(note.ends_with("\n"));
  const std::string b64 = note.substr(prefix.size(), note.size() - prefix.size() - 1);
  ASSERT_EQ(b64.find('\n'), std::string::npos);  // exactly one signature line
  const std::string sig = Base64Decode(b64).value();
  ASSERT_GT(sig.size(), 4u);
  const std::uint32_t id = NoteKeyId(kKeyName, key_.public_der, GetParam()).value();
  EXPECT_EQ(sig.substr(0, 4), std::string({static_cast<char>(id >> 24), static_cast<char>(id >> 16),
                                           static_cast<char>(id >> 8), static_cast<char>(id)}));
  EXPECT_TRUE(key_.verifier->Verify(sig.substr(4), body));  // signed over the text with its "\n"
}

TEST_P(CheckpointSuiteTest, ChangedSizeRootOrOriginIsDenied) {
  const std::string note = Sign(checkpoint_).value();
  ExpectDenied(Replace(note, "\n20852163\n", "\n20852164\n"));
  ExpectDenied(Replace(note, "creditvault.example/audit", "creditvault.example/audiT"));
  Checkpoint other = checkpoint_;
  other.root_hash[31] ^= 1;
  const std::string other_root = Base64Encode(other.root_hash);
  ExpectDenied(Replace(note, Base64Encode(checkpoint_.root_hash), other_root));
}

TEST_P(CheckpointSuiteTest, SignatureOfAnotherKeyIsDenied) {
  Key other = NewKey(GetParam());
  const std::string note =
      SignCheckpoint(checkpoint_, kKeyName, *other.signer, other.public_der, GetParam()).value();
  ExpectDenied(note);  // same name, another key ID: not a signature of our key
}

TEST_P(CheckpointSuiteTest, ForgedSignatureUnderOurKeyIdIsDenied) {
  Key other = NewKey(GetParam());
  const std::string text = CheckpointText(checkpoint_).value();
  const std::uint32_t our_id = NoteKeyId(kKeyName, key_.public_der, GetParam()).value();
  const std::string forged =
      text + "\n" +
      internal::FormatSignatureLine(kKeyName, our_id, other.signer->Sign(text).value());
  auto opened = Open(forged);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(opened.error().message(), "checkpoint signature does not verify");
}

TEST_P(CheckpointSuiteTest, UnknownSignatureLinesAreIgnored) {
  const std::string note = Sign(checkpoint_).value();
  const std::string junk = Base64Encode(std::string(4, '\x11') + std::string(64, '\x22'));
  const std::string witness = std::string(kEmDash) + " witness.example/w1 " + junk + "\n";
  const std::string same_name =
      std::string(kEmDash) + " " + std::string(kKeyName) + " " + junk + "\n";
  EXPECT_EQ(Open(note + witness).value(), checkpoint_);
  EXPECT_EQ(Open(note + same_name).value(), checkpoint_);  // same name, other ID: unknown key
  const std::size_t split = note.find("\n\n") + 2;
  EXPECT_EQ(Open(note.substr(0, split) + witness + note.substr(split)).value(), checkpoint_);
}

TEST_P(CheckpointSuiteTest, NoteWithOnlyUnknownSignaturesIsDenied) {
  const std::string text = CheckpointText(checkpoint_).value();
  ExpectDenied(text + "\n" + internal::FormatSignatureLine("witness.example/w1", 7, "sig"));
}

TEST_P(CheckpointSuiteTest, SigningRefusesBadOriginsKeyNamesAndRoots) {
  for (const std::string& origin :
       std::vector<std::string>{"", "two\nlines", "tab\there", "bad\xff utf8"}) {
    Checkpoint c = checkpoint_;
    c.origin = origin;
    auto note = Sign(c);
    ASSERT_FALSE(note) << origin;
    EXPECT_EQ(note.error().code(), ErrorCode::kInvalidArgument);
  }
  Checkpoint c = checkpoint_;
  c.root_hash.pop_back();
  EXPECT_FALSE(Sign(c));
  for (std::string_view name : {"", "has space", "has+plus", "nbsp\xC2\xA0name"}) {
    EXPECT_FALSE(SignCheckpoint(checkpoint_, name, *key_.signer, key_.public_der, GetParam()))
        << name;
  }
}

// --- key IDs and verifier keys (c2sp.org/signed-note "Signatures" and "Signature types") ---

TEST(CheckpointKeyIdTest, IntlKeyIdIsSha256OfTheSpkiDer) {
  const Key key = NewKey(crypto::Suite::kIntl);
  const std::string digest = Sha256(key.public_der);
  const std::uint32_t want = (std::uint32_t{static_cast<unsigned char>(digest[0])} << 24) |
                             (std::uint32_t{static_cast<unsigned char>(digest[1])} << 16) |
                             (std::uint32_t{static_cast<unsigned char>(digest[2])} << 8) |
                             std::uint32_t{static_cast<unsigned char>(digest[3])};
  EXPECT_EQ(NoteKeyId(kKeyName, key.public_der, crypto::Suite::kIntl).value(), want);
  EXPECT_EQ(NoteKeyId("another.example/name", key.public_der, crypto::Suite::kIntl).value(), want);
}

TEST(CheckpointKeyIdTest, GmKeyIdHashesNameNewlineFfIdentifierAndSpkiDer) {
  const Key key = NewKey(crypto::Suite::kGm);
  const std::string digest =
      Sha256(std::string(kKeyName) + "\n\xff" + "creditvault/sm2-sm3" + key.public_der);
  const std::uint32_t id = NoteKeyId(kKeyName, key.public_der, crypto::Suite::kGm).value();
  EXPECT_EQ(id >> 24, static_cast<unsigned char>(digest[0]));
  EXPECT_EQ((id >> 16) & 0xff, static_cast<unsigned char>(digest[1]));
  EXPECT_EQ((id >> 8) & 0xff, static_cast<unsigned char>(digest[2]));
  EXPECT_EQ(id & 0xff, static_cast<unsigned char>(digest[3]));
  EXPECT_NE(NoteKeyId("another.example/name", key.public_der, crypto::Suite::kGm).value(), id);
}

TEST(CheckpointKeyIdTest, VerifierKeyIsNameHexIdAndTypedKey) {
  for (crypto::Suite suite : {crypto::Suite::kGm, crypto::Suite::kIntl}) {
    const Key key = NewKey(suite);
    const std::uint32_t id = NoteKeyId(kKeyName, key.public_der, suite).value();
    const std::string typed = suite == crypto::Suite::kIntl
                                  ? "\x02" + key.public_der
                                  : "\xff" + std::string("creditvault/sm2-sm3") + key.public_der;
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", id);
    EXPECT_EQ(NoteVerifierKey(kKeyName, key.public_der, suite).value(),
              std::string(kKeyName) + "+" + hex + "+" + Base64Encode(typed));
  }
}

// --- strict parsing ---

class CheckpointParseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = NewKey(crypto::Suite::kIntl);
    note_ = SignCheckpoint({"log.example/a", 42, std::string(32, '\x07')}, kKeyName, *key_.signer,
                           key_.public_der, crypto::Suite::kIntl)
                .value();
  }
  Result<Checkpoint> Open(std::string_view note) {
    return OpenCheckpoint(note, kKeyName, *key_.verifier, key_.public_der, crypto::Suite::kIntl);
  }
  void ExpectRefused(std::string_view note, ErrorCode code, std::uint64_t line) {
    auto opened = Open(note);
    ASSERT_FALSE(opened) << note;
    EXPECT_EQ(opened.error().code(), code) << opened.error().ToString() << "\n" << note;
    EXPECT_EQ(opened.error().position().line, line) << opened.error().ToString() << "\n" << note;
  }

  Key key_;
  std::string note_;
};

TEST_F(CheckpointParseTest, WellFormedNoteOpens) { EXPECT_EQ(Open(note_).value().size, 42u); }

TEST_F(CheckpointParseTest, MalformedBodiesFailWithTheirLine) {
  const std::string root = Base64Encode(std::string(32, '\x07'));
  ExpectRefused(Replace(note_, "\n42\n", "\n042\n"), ErrorCode::kMalformed, 2);
  ExpectRefused(Replace(note_, "\n42\n", "\n+42\n"), ErrorCode::kMalformed, 2);
  ExpectRefused(Replace(note_, "\n42\n", "\n4 2\n"), ErrorCode::kMalformed, 2);
  ExpectRefused(Replace(note_, "\n42\n", "\n18446744073709551616\n"), ErrorCode::kMalformed, 2);
  ExpectRefused(Replace(note_, root, root.substr(4)), ErrorCode::kMalformed, 3);
  ExpectRefused(Replace(note_, root, Replace(root, "=", "")), ErrorCode::kMalformed, 3);
  ExpectRefused(Replace(note_, "log.example/a\n", "\n"), ErrorCode::kMalformed, 1);
  ExpectRefused(Replace(note_, "log.example/a\n42\n", ""), ErrorCode::kMalformed, 2);
  ExpectRefused(Replace(note_, root + "\n", root + "\next\n"), ErrorCode::kUnsupported, 4);
}

TEST_F(CheckpointParseTest, MalformedCharactersFailWithTheirLine) {
  ExpectRefused(Replace(note_, "log.example/a", "log.\texample/a"), ErrorCode::kMalformed, 1);
  ExpectRefused(Replace(note_, "\n42\n", "\n42\r\n"), ErrorCode::kMalformed, 2);
  ExpectRefused(Replace(note_, "log.example/a", "log.\xC0\xAF"), ErrorCode::kMalformed, 1);
  ExpectRefused(Replace(note_, "log.example/a", "log.\xED\xA0\x80"), ErrorCode::kMalformed, 1);
}

TEST_F(CheckpointParseTest, MalformedSignatureBlocksFailWithTheirLine) {
  ExpectRefused(Replace(note_, "\n\n", "\n"), ErrorCode::kMalformed, 4);  // no blank line
  ExpectRefused(note_.substr(0, note_.size() - 1), ErrorCode::kMalformed, 5);
  ExpectRefused(Replace(note_, kEmDash, "-"), ErrorCode::kMalformed, 5);
  ExpectRefused(Replace(note_, kEmDash, "--"), ErrorCode::kMalformed, 5);
  ExpectRefused(Replace(note_, std::string(kKeyName) + " ", std::string(kKeyName) + "  "),
                ErrorCode::kMalformed, 5);
  ExpectRefused(Replace(note_, "audit.creditvault", "audit+creditvault"), ErrorCode::kMalformed, 5);
  ExpectRefused(note_ + std::string(kEmDash) + " x.example/k AAAA\n", ErrorCode::kMalformed, 6);
  ExpectRefused(note_ + "\n", ErrorCode::kMalformed, 6);
  std::string many = note_;
  for (int i = 0; i < 100; ++i) many += std::string(kEmDash) + " w.example/k AAAAAAA=\n";
  ExpectRefused(many, ErrorCode::kMalformed, 105);
}

TEST_F(CheckpointParseTest, SpecExampleParsesButIsNotSignedByOurKey) {
  // c2sp.org/tlog-checkpoint's example checkpoint (an Ed25519 signature we do not verify).
  constexpr std::string_view kSpecExample =
      "example.com/behind-the-sofa\n"
      "20852163\n"
      "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
      "\n"
      "\xE2\x80\x94 example.com/behind-the-sofa "
      "Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/"
      "Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";
  auto parsed = internal::ParseNote(kSpecExample);
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  ASSERT_EQ(parsed->signatures.size(), 1u);
  EXPECT_EQ(parsed->signatures[0].key_name, "example.com/behind-the-sofa");
  EXPECT_EQ(parsed->signatures[0].key_id, 0x033de0aeu);
  EXPECT_EQ(parsed->signatures[0].signature.size(), 64u);  // Ed25519
  auto opened = Open(kSpecExample);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace cv::audit
