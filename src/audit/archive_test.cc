// Tests of range proofs and sealed archive segments (AUD-4): every range of trees up to 40 leaves
// against the tree's root, in both suites, and tamper detection on segments.
#include "audit/archive.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "audit/event.h"
#include "audit/merkle.h"
#include "audit/range_proof.h"
#include "crypto/hasher.h"
#include "crypto/signer.h"

namespace cv::audit {
namespace {

constexpr char kOrigin[] = "creditvault/test-log";

// A tree of `n` leaves in memory, with its entries, root and a checkpoint signed over it.
class ArchiveTest : public ::testing::TestWithParam<crypto::Suite> {
 protected:
  void SetUp() override {
    hasher_ = crypto::NewHasher(GetParam()).value();
    tree_ = std::make_unique<TreeHasher>(*hasher_);
  }

  void Build(std::uint64_t n) {
    store_ = MemoryNodeStore();
    entries_.clear();
    CompactRange range(*tree_);
    for (std::uint64_t i = 0; i < n; ++i) {
      Event e;
      e.time = TimePoint(std::chrono::seconds(1'800'000'000 + i));
      e.actor_user = "u-" + std::to_string(i);
      e.client_address = "cli";
      e.action = "test.event";
      e.object_type = "thing";
      e.object_id = std::to_string(i);
      entries_.push_back(
          EncodeEntry(e, i, [](std::string_view v) { return Result<std::string>(v); }).value());
      store_.Apply(range.Append(tree_->HashLeaf(entries_.back()).value()).value());
    }
    root_ = range.Root().value();
  }

  std::vector<std::string> Leaves(std::uint64_t begin, std::uint64_t end) {
    std::vector<std::string> out;
    for (std::uint64_t i = begin; i < end; ++i) out.push_back(tree_->HashLeaf(entries_[i]).value());
    return out;
  }

  Segment MakeSegment(std::uint64_t begin, std::uint64_t end) {
    auto pair = crypto::GenerateSigningKey(GetParam()).value();
    auto signer = crypto::NewSigner(GetParam(), pair.private_key_der).value();
    Segment s;
    s.origin = kOrigin;
    s.hash = std::string(tree_->name());
    s.first_index = begin;
    s.tree_size = entries_.size();
    s.checkpoint_note = SignCheckpoint({kOrigin, entries_.size(), root_}, kOrigin, *signer,
                                       pair.public_key_der, GetParam())
                            .value();
    s.public_key = pair.public_key_der;
    s.range_proof = RangeProof(*tree_, begin, end, entries_.size(), store_).value();
    s.entries.assign(entries_.begin() + begin, entries_.begin() + end);
    return s;
  }

  // Encodes, applies `edit` to the file text, parses and verifies.
  Status RoundTrip(const Segment& s, const std::function<void(std::string&)>& edit) {
    std::string text = EncodeSegment(s).value();
    edit(text);
    CV_ASSIGN_OR_RETURN(const Segment parsed, ParseSegment(text));
    auto report = VerifySegment(parsed);
    if (!report) return std::unexpected(report.error());
    return Ok();
  }

  std::unique_ptr<crypto::Hasher> hasher_;
  std::unique_ptr<TreeHasher> tree_;
  MemoryNodeStore store_;
  std::vector<std::string> entries_;
  std::string root_;
};

TEST_P(ArchiveTest, Aud4RangeProofGivesTheRootForEveryRange) {
  for (std::uint64_t n = 1; n <= 40; ++n) {
    Build(n);
    for (std::uint64_t a = 0; a < n; ++a) {
      for (std::uint64_t b = a + 1; b <= n; ++b) {
        auto proof = RangeProof(*tree_, a, b, n, store_);
        ASSERT_TRUE(proof) << n << " " << a << " " << b << ": " << proof.error().message();
        auto root = RootFromRangeProof(*tree_, a, b, n, Leaves(a, b), *proof);
        ASSERT_TRUE(root) << n << " " << a << " " << b;
        EXPECT_EQ(*root, root_) << n << " " << a << " " << b;
        EXPECT_LE(proof->size(), 2u * 6u) << n << " " << a << " " << b;
      }
    }
  }
}

TEST_P(ArchiveTest, RangeProofRefusesBadShapes) {
  Build(13);
  EXPECT_FALSE(RangeProof(*tree_, 3, 3, 13, store_));
  EXPECT_FALSE(RangeProof(*tree_, 3, 14, 13, store_));
  EXPECT_FALSE(RangeProof(*tree_, 0, 13, 20, store_));  // beyond the stored tree
  auto proof = RangeProof(*tree_, 2, 5, 13, store_).value();
  auto extra = proof;
  extra.push_back(root_);
  EXPECT_FALSE(RootFromRangeProof(*tree_, 2, 5, 13, Leaves(2, 5), extra));
  auto shorter = proof;
  shorter.pop_back();
  EXPECT_FALSE(RootFromRangeProof(*tree_, 2, 5, 13, Leaves(2, 5), shorter));
  EXPECT_FALSE(RootFromRangeProof(*tree_, 2, 5, 13, Leaves(2, 4), proof));
  auto changed = proof;
  changed[0][0] ^= 1;
  EXPECT_NE(RootFromRangeProof(*tree_, 2, 5, 13, Leaves(2, 5), changed).value(), root_);
}

TEST_P(ArchiveTest, Aud4IntactSegmentVerifies) {
  Build(21);
  const Segment s = MakeSegment(5, 17);
  const std::string text = EncodeSegment(s).value();
  EXPECT_EQ(ParseSegment(text).value(), s);
  auto report = VerifySegment(s);
  ASSERT_TRUE(report) << report.error().message();
  EXPECT_EQ(report->count, 12u);
  EXPECT_EQ(report->checkpoint.root_hash, root_);
  EXPECT_TRUE(VerifySegment(MakeSegment(0, 21)));
  EXPECT_TRUE(VerifySegment(MakeSegment(20, 21)));
}

TEST_P(ArchiveTest, Aud4ChangedEntryByteIsRefused) {
  Build(21);
  Segment s = MakeSegment(5, 17);
  std::replace(s.entries[3].begin(), s.entries[3].end(), 'u', 'v');
  EXPECT_EQ(VerifySegment(s).error().code(), ErrorCode::kPermissionDenied);
  s = MakeSegment(5, 17);
  s.entries[3][s.entries[3].find("u-8") + 2] = '9';  // still canonical, another actor
  auto r = VerifySegment(s);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("root"), std::string::npos) << r.error().message();
}

TEST_P(ArchiveTest, Aud4DroppedOrSwappedLinesAreRefused) {
  Build(21);
  const Segment s = MakeSegment(5, 17);
  EXPECT_FALSE(RoundTrip(s, [](std::string& t) {  // drop the third entry line
    std::size_t start = 0;
    for (int i = 0; i < 3; ++i) start = t.find('\n', start) + 1;
    t.erase(start, t.find('\n', start) + 1 - start);
  }));
  Segment dropped = s;  // dropped and the count adjusted
  dropped.entries.erase(dropped.entries.begin() + 2);
  EXPECT_FALSE(RoundTrip(dropped, [](std::string&) {}));
  Segment swapped = s;
  std::swap(swapped.entries[1], swapped.entries[2]);
  EXPECT_FALSE(RoundTrip(swapped, [](std::string&) {}));
  Segment last_dropped = s;  // the end moves: seqs still match, the root does not
  last_dropped.entries.pop_back();
  EXPECT_FALSE(RoundTrip(last_dropped, [](std::string&) {}));
  EXPECT_FALSE(RoundTrip(s, [](std::string& t) { t += "\n"; }));
  EXPECT_FALSE(RoundTrip(s, [](std::string& t) { t.pop_back(); }));
}

TEST_P(ArchiveTest, Aud4AlteredProofOrCheckpointIsRefused) {
  Build(21);
  Segment s = MakeSegment(5, 17);
  s.range_proof[0][5] ^= 0x40;
  EXPECT_EQ(VerifySegment(s).error().code(), ErrorCode::kPermissionDenied);
  s = MakeSegment(5, 17);
  s.range_proof.pop_back();
  EXPECT_FALSE(VerifySegment(s));
  s = MakeSegment(5, 17);
  // A checkpoint root changed by one character: the signature no longer verifies.
  const std::size_t root_at = s.checkpoint_note.find("\n21\n") + 4;
  s.checkpoint_note[root_at] = s.checkpoint_note[root_at] == 'A' ? 'B' : 'A';
  EXPECT_EQ(VerifySegment(s).error().code(), ErrorCode::kPermissionDenied);
  // A checkpoint signed by another key does not verify with the key in the file.
  Segment other = MakeSegment(5, 17);
  s = MakeSegment(5, 17);
  s.checkpoint_note = other.checkpoint_note;
  EXPECT_FALSE(VerifySegment(s));
  s = MakeSegment(5, 17);
  s.tree_size = 20;
  EXPECT_FALSE(VerifySegment(s));
}

TEST_P(ArchiveTest, ParseIsStrict) {
  Build(9);
  const Segment s = MakeSegment(2, 4);
  const std::string text = EncodeSegment(s).value();
  EXPECT_FALSE(ParseSegment(""));
  std::string extra = text;
  extra.replace(0, 1, "{\"extra\":1,");
  EXPECT_EQ(ParseSegment(extra).error().code(), ErrorCode::kMalformed);
  std::string bad_format = text;
  bad_format.replace(bad_format.find("segment/1"), 9, "segment/2");
  EXPECT_FALSE(ParseSegment(bad_format));
  std::string upper = text;
  const std::size_t key_at = upper.find_first_of("abcdef", upper.find("\"public_key\":\"") + 14);
  upper[key_at] = static_cast<char>(std::toupper(upper[key_at]));
  EXPECT_FALSE(ParseSegment(upper));
}

INSTANTIATE_TEST_SUITE_P(ArchiveSuites, ArchiveTest,
                         ::testing::Values(crypto::Suite::kGm, crypto::Suite::kIntl),
                         [](const auto& info) {
                           return std::string(crypto::SuiteName(info.param));
                         });

}  // namespace
}  // namespace cv::audit
