// Properties of the stored-node Merkle tree on both suites' hashes (SM3 and SHA-256), against the
// naive RFC 6962 2.1 recursion of internal/reference_merkle.h, for every tree size 1..300: roots,
// inclusion and consistency proofs (exhaustive up to 64 leaves, sampled beyond), the compact range
// and its rebuild from stored nodes, and mutated proofs that must fail.
#include <gtest/gtest.h>

#include <bit>
#include <random>
#include <set>

#include "audit/internal/reference_merkle.h"
#include "audit/merkle.h"

namespace cv::audit {
namespace {

constexpr std::uint64_t kMaxSize = 300;
constexpr std::uint64_t kExhaustiveUpTo = 64;

class MerklePropertyTest : public ::testing::TestWithParam<crypto::Suite> {
 protected:
  void SetUp() override {
    hasher_ = crypto::NewHasher(GetParam()).value();
    tree_ = std::make_unique<TreeHasher>(*hasher_);
    CompactRange range(*tree_);
    frontiers_.push_back(range.hashes());
    roots_.push_back(range.Root().value());
    for (std::uint64_t i = 0; i < kMaxSize; ++i) {
      leaves_.push_back(tree_->HashLeaf("entry " + std::to_string(i)).value());
      writes_.push_back(range.Append(leaves_.back()).value());
      store_.Apply(writes_.back());
      frontiers_.push_back(range.hashes());
      roots_.push_back(range.Root().value());
    }
  }

  reference::Leaves First(std::uint64_t n) const { return {leaves_.data(), n}; }

  // Every value in [lo, hi) when `all`, else the edges and a few random ones.
  std::set<std::uint64_t> Sample(std::uint64_t lo, std::uint64_t hi, bool all) {
    std::set<std::uint64_t> out;
    if (all) {
      for (std::uint64_t v = lo; v < hi; ++v) out.insert(v);
      return out;
    }
    out = {lo, lo + 1, (lo + hi) / 2, hi - 2, hi - 1};
    std::uniform_int_distribution<std::uint64_t> pick(lo, hi - 1);
    for (int i = 0; i < 3; ++i) out.insert(pick(rng_));
    return out;
  }

  std::unique_ptr<crypto::Hasher> hasher_;
  std::unique_ptr<TreeHasher> tree_;
  MemoryNodeStore store_;
  std::vector<std::string> leaves_;
  std::vector<std::vector<NodeWrite>> writes_;       // writes_[i]: appending leaf i
  std::vector<std::vector<std::string>> frontiers_;  // frontiers_[n]: range of size n
  std::vector<std::string> roots_;                   // roots_[n]: CompactRange root, size n
  std::mt19937_64 rng_{6962};
};

INSTANTIATE_TEST_SUITE_P(MerkleSuites, MerklePropertyTest,
                         ::testing::Values(crypto::Suite::kGm, crypto::Suite::kIntl),
                         [](const auto& info) {
                           return std::string(crypto::SuiteName(info.param));
                         });

TEST_P(MerklePropertyTest, RootsEqualTheReferenceAtEverySize) {
  for (std::uint64_t n = 0; n <= kMaxSize; ++n) {
    const std::string want = reference::Mth(*tree_, First(n));
    EXPECT_EQ(RootHash(*tree_, n, store_).value(), want) << n;
    EXPECT_EQ(roots_[n], want) << n;
  }
}

TEST_P(MerklePropertyTest, InclusionProofsEqualTheReferenceAndVerify) {
  int checked = 0;
  for (std::uint64_t n = 1; n <= kMaxSize; ++n) {
    for (std::uint64_t i : Sample(0, n, n <= kExhaustiveUpTo)) {
      auto proof = InclusionProof(*tree_, i, n, store_);
      ASSERT_TRUE(proof) << i << "/" << n << ": " << proof.error().ToString();
      ASSERT_EQ(*proof, reference::Path(*tree_, i, First(n))) << i << "/" << n;
      ASSERT_TRUE(VerifyInclusion(*tree_, i, n, leaves_[i], *proof, roots_[n])) << i << "/" << n;
      ++checked;
    }
  }
  EXPECT_GT(checked, 2000 + 1000);
}

TEST_P(MerklePropertyTest, ConsistencyProofsEqualTheReferenceAndVerify) {
  int checked = 0;
  for (std::uint64_t n = 1; n <= kMaxSize; ++n) {
    for (std::uint64_t m : Sample(1, n + 1, n <= kExhaustiveUpTo)) {
      auto proof = ConsistencyProof(*tree_, m, n, store_);
      ASSERT_TRUE(proof) << m << "->" << n << ": " << proof.error().ToString();
      ASSERT_EQ(*proof, reference::Proof(*tree_, m, First(n))) << m << "->" << n;
      ASSERT_TRUE(VerifyConsistency(*tree_, m, n, *proof, roots_[m], roots_[n])) << m << "->" << n;
      ++checked;
    }
  }
  EXPECT_GT(checked, 2000 + 1000);
}

TEST_P(MerklePropertyTest, FromNodesRebuildsTheFrontierAtEverySize) {
  for (std::uint64_t n = 0; n < kMaxSize; ++n) {
    const std::uint64_t before = store_.reads();
    auto range = CompactRange::FromNodes(*tree_, n, store_);
    ASSERT_TRUE(range) << n;
    EXPECT_EQ(store_.reads() - before, static_cast<std::uint64_t>(std::popcount(n)));
    EXPECT_EQ(range->size(), n);
    EXPECT_EQ(range->hashes(), frontiers_[n]) << n;
    EXPECT_EQ(range->Append(leaves_[n]).value(), writes_[n]) << n;
    EXPECT_EQ(range->Root().value(), roots_[n + 1]) << n;
  }
}

TEST_P(MerklePropertyTest, NodesForAppendWritesWhatCompactRangeWrites) {
  MemoryNodeStore store;
  for (std::uint64_t i = 0; i < kMaxSize; ++i) {
    auto writes = NodesForAppend(*tree_, i, leaves_[i], store);
    ASSERT_TRUE(writes) << i;
    ASSERT_EQ(*writes, writes_[i]) << i;
    EXPECT_EQ(writes->size(), 1u + std::countr_one(i)) << i;
    store.Apply(*writes);
  }
  EXPECT_EQ(store.node_count(), 2 * kMaxSize - std::popcount(kMaxSize));
}

// --- mutations ---

std::vector<std::string> FlipBit(std::vector<std::string> proof, std::size_t element, int bit) {
  proof[element][bit / 8] ^= static_cast<char>(1 << (bit % 8));
  return proof;
}

std::string FlipBit(std::string hash, int bit) { return FlipBit({std::move(hash)}, 0, bit)[0]; }

// Variants of `proof` with an element dropped or added: each must fail.
std::vector<std::vector<std::string>> Resized(const std::vector<std::string>& proof,
                                              const std::string& extra) {
  std::vector<std::vector<std::string>> out;
  out.push_back(proof);
  out.back().push_back(extra);
  out.push_back(proof);
  out.back().insert(out.back().begin(), extra);
  if (!proof.empty()) {
    out.emplace_back(proof.begin() + 1, proof.end());
    out.emplace_back(proof.begin(), proof.end() - 1);
  }
  return out;
}

TEST_P(MerklePropertyTest, MutatedInclusionProofsFail) {
  int wrong_sizes = 0;
  for (std::uint64_t n : {1, 2, 3, 4, 5, 7, 8, 9, 13, 31, 32, 33, 64, 100, 255, 256, 257, 300}) {
    for (std::uint64_t i : Sample(0, n, n <= 20)) {
      SCOPED_TRACE(std::to_string(i) + "/" + std::to_string(n));
      const auto proof = InclusionProof(*tree_, i, n, store_).value();
      const std::string& leaf = leaves_[i];
      for (std::size_t e = 0; e < proof.size(); ++e) {
        EXPECT_FALSE(
            VerifyInclusion(*tree_, i, n, leaf, FlipBit(proof, e, 5 * e % 256), roots_[n]));
      }
      EXPECT_FALSE(VerifyInclusion(*tree_, i, n, FlipBit(leaf, 7), proof, roots_[n]));
      EXPECT_FALSE(VerifyInclusion(*tree_, i, n, leaf, proof, FlipBit(roots_[n], 255)));
      for (const auto& bad : Resized(proof, roots_[n])) {
        EXPECT_FALSE(VerifyInclusion(*tree_, i, n, leaf, bad, roots_[n]));
      }
      for (std::uint64_t j : {i ^ 1, i + 1, i - 1, n}) {
        if (j == i) continue;
        EXPECT_FALSE(VerifyInclusion(*tree_, j, n, leaf, proof, roots_[n])) << j;
      }
      // Another size fails whenever its path has another length. (A size whose path has the same
      // shape gives the same root: the root, signed with its size in a checkpoint, binds them.)
      for (std::uint64_t m : {n - 1, n + 1, 2 * n, n / 2}) {
        if (m <= i || m > kMaxSize || reference::Path(*tree_, i, First(m)).size() == proof.size()) {
          continue;
        }
        EXPECT_FALSE(VerifyInclusion(*tree_, i, m, leaf, proof, roots_[n])) << "size " << m;
        ++wrong_sizes;
      }
    }
  }
  EXPECT_GT(wrong_sizes, 100);
}

TEST_P(MerklePropertyTest, MutatedConsistencyProofsFail) {
  int wrong_sizes = 0;
  for (std::uint64_t n : {2, 3, 4, 5, 7, 8, 9, 13, 31, 32, 33, 64, 100, 255, 256, 257, 300}) {
    for (std::uint64_t m : Sample(1, n, n <= 20)) {
      SCOPED_TRACE(std::to_string(m) + "->" + std::to_string(n));
      const auto proof = ConsistencyProof(*tree_, m, n, store_).value();
      const std::string &r1 = roots_[m], &r2 = roots_[n];
      for (std::size_t e = 0; e < proof.size(); ++e) {
        EXPECT_FALSE(VerifyConsistency(*tree_, m, n, FlipBit(proof, e, 3 * e % 256), r1, r2));
      }
      EXPECT_FALSE(VerifyConsistency(*tree_, m, n, proof, FlipBit(r1, 0), r2));
      EXPECT_FALSE(VerifyConsistency(*tree_, m, n, proof, r1, FlipBit(r2, 100)));
      EXPECT_FALSE(VerifyConsistency(*tree_, m, n, proof, r2, r1));
      EXPECT_FALSE(VerifyConsistency(*tree_, n, m, proof, r1, r2));
      EXPECT_FALSE(VerifyConsistency(*tree_, 0, n, proof, r1, r2));
      for (const auto& bad : Resized(proof, r1)) {
        EXPECT_FALSE(VerifyConsistency(*tree_, m, n, bad, r1, r2));
      }
      const std::pair<std::uint64_t, std::uint64_t> sizes[] = {
          {m - 1, n}, {m + 1, n}, {m, n + 1}, {m, n - 1}, {m, 2 * n}};
      for (auto [m2, n2] : sizes) {
        if (m2 == 0 || m2 >= n2 || n2 > kMaxSize ||
            reference::Proof(*tree_, m2, First(n2)).size() == proof.size()) {
          continue;
        }
        EXPECT_FALSE(VerifyConsistency(*tree_, m2, n2, proof, r1, r2)) << m2 << "->" << n2;
        ++wrong_sizes;
      }
    }
  }
  EXPECT_GT(wrong_sizes, 50);
}

}  // namespace
}  // namespace cv::audit
