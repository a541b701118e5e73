// The Merkle tree against public data: the RFC 6962 test tree of transparency-dev/merkle
// (testonly/constants.go, via ../shared/vectors/rfc6962_reference_vectors.json) and its 98 + 98
// verifier probes (testdata/, via transparency_dev_probes.json); plus the stored-node model's
// argument checks and read bounds, and the compact range.
#include "audit/merkle.h"

#include <gtest/gtest.h>

#include <bit>
#include <fstream>
#include <nlohmann/json.hpp>

#include "audit/internal/base64.h"
#include "common/testing/vector_file.h"

namespace cv::audit {
namespace {

using cv::testing::FromHex;
using cv::testing::ToHex;
using Json = nlohmann::json;

Json LoadSharedVectors(const std::string& file) {
  std::ifstream in(std::string(CV_SHARED_DIR) + "/vectors/" + file);
  EXPECT_TRUE(in) << "cannot open shared vectors " << file;
  return in ? Json::parse(in) : Json::object();
}

std::vector<std::string> HexList(const Json& list) {
  std::vector<std::string> out;
  for (const Json& h : list) out.push_back(FromHex(h.get<std::string>()));
  return out;
}

std::vector<std::string> HexOf(const std::vector<std::string>& hashes) {
  std::vector<std::string> out;
  for (const std::string& h : hashes) out.push_back(ToHex(h));
  return out;
}

class Sha256TreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto hasher = crypto::NewHasher(crypto::Suite::kIntl);
    ASSERT_TRUE(hasher) << hasher.error().ToString();
    hasher_ = std::move(*hasher);
    tree_ = std::make_unique<TreeHasher>(*hasher_);
  }

  // Appends every leaf of `inputs` through a CompactRange into store_, returning the roots of
  // sizes 0..n.
  std::vector<std::string> AppendAll(const std::vector<std::string>& inputs) {
    CompactRange range(*tree_);
    std::vector<std::string> roots{range.Root().value()};
    for (const std::string& input : inputs) {
      store_.Apply(range.Append(tree_->HashLeaf(input).value()).value());
      roots.push_back(range.Root().value());
    }
    return roots;
  }

  std::unique_ptr<crypto::Hasher> hasher_;
  std::unique_ptr<TreeHasher> tree_;
  MemoryNodeStore store_;
};

// --- RFC 6962 reference tree (transparency-dev/merkle testonly/constants.go) ---

class MerkleVectorsTest : public Sha256TreeTest {
 protected:
  void SetUp() override {
    Sha256TreeTest::SetUp();
    v_ = LoadSharedVectors("rfc6962_reference_vectors.json");
    ASSERT_EQ(v_.value("hash", ""), "sha256");
    for (const Json& hex : v_["leaf_inputs_hex"])
      inputs_.push_back(FromHex(hex.get<std::string>()));
    ASSERT_EQ(inputs_.size(), 8u);
    roots_ = AppendAll(inputs_);
  }

  Json v_;
  std::vector<std::string> inputs_;
  std::vector<std::string> roots_;
};

TEST_F(MerkleVectorsTest, LeafHashesAreRfc6962LeafHashes) {
  const Json& leaves = v_["node_hashes_hex"][0];
  for (std::size_t i = 0; i < inputs_.size(); ++i) {
    EXPECT_EQ(ToHex(tree_->HashLeaf(inputs_[i]).value()), leaves[i].get<std::string>()) << i;
  }
}

TEST_F(MerkleVectorsTest, StoredNodesAreTheTreesNodesAtEveryLevel) {
  const Json& levels = v_["node_hashes_hex"];
  int checked = 0;
  for (int level = 0; level < static_cast<int>(levels.size()); ++level) {
    for (std::uint64_t i = 0; i < levels[level].size(); ++i, ++checked) {
      EXPECT_EQ(ToHex(store_.Node(level, i).value()), levels[level][i].get<std::string>())
          << level << "/" << i;
    }
  }
  EXPECT_EQ(checked, 15);
  EXPECT_EQ(store_.node_count(), 15u);
}

TEST_F(MerkleVectorsTest, RootsOfSizesZeroToEight) {
  EXPECT_EQ(ToHex(tree_->EmptyRoot().value()), v_["empty_root_hex"].get<std::string>());
  const Json& want = v_["root_hashes_hex"];
  ASSERT_EQ(want.size(), 9u);
  for (std::uint64_t n = 0; n <= 8; ++n) {
    EXPECT_EQ(ToHex(RootHash(*tree_, n, store_).value()), want[n].get<std::string>()) << n;
    EXPECT_EQ(ToHex(roots_[n]), want[n].get<std::string>()) << n;
  }
}

TEST_F(MerkleVectorsTest, InclusionProofsAreGeneratedAndVerify) {
  ASSERT_EQ(v_["inclusion_proofs"].size(), 5u);
  for (const Json& p : v_["inclusion_proofs"]) {
    SCOPED_TRACE(p["from"].get<std::string>());
    const auto index = p["leaf_index"].get<std::uint64_t>();
    const auto size = p["tree_size"].get<std::uint64_t>();
    auto proof = InclusionProof(*tree_, index, size, store_);
    ASSERT_TRUE(proof) << proof.error().ToString();
    EXPECT_EQ(HexOf(*proof), p["proof_hex"].get<std::vector<std::string>>());
    const std::string leaf = tree_->HashLeaf(inputs_[index]).value();
    EXPECT_TRUE(VerifyInclusion(*tree_, index, size, leaf, HexList(p["proof_hex"]),
                                FromHex(p["root_hex"].get<std::string>())));
  }
}

TEST_F(MerkleVectorsTest, ConsistencyProofsAreGeneratedAndVerify) {
  ASSERT_EQ(v_["consistency_proofs"].size(), 5u);
  for (const Json& p : v_["consistency_proofs"]) {
    SCOPED_TRACE(p["from"].get<std::string>());
    const auto m = p["first"].get<std::uint64_t>();
    const auto n = p["second"].get<std::uint64_t>();
    auto proof = ConsistencyProof(*tree_, m, n, store_);
    ASSERT_TRUE(proof) << proof.error().ToString();
    EXPECT_EQ(HexOf(*proof), p["proof_hex"].get<std::vector<std::string>>());
    EXPECT_TRUE(VerifyConsistency(*tree_, m, n, HexList(p["proof_hex"]),
                                  FromHex(p["first_root_hex"].get<std::string>()),
                                  FromHex(p["second_root_hex"].get<std::string>())));
  }
}

// --- transparency-dev/merkle testdata/ probes ---

class MerkleProbesTest : public Sha256TreeTest {};

std::string B64(const Json& v) { return internal::Base64Decode(v.get<std::string>()).value(); }

std::vector<std::string> B64List(const Json& v) {
  std::vector<std::string> out;
  if (v.is_null()) return out;  // Go's encoding/json writes a nil slice as null
  for (const Json& h : v) out.push_back(B64(h));
  return out;
}

void ExpectVerdict(const Status& status, const Json& probe) {
  if (probe["wantErr"].get<bool>()) {
    ASSERT_FALSE(status) << "accepted a bad proof";
    EXPECT_EQ(status.error().code(), ErrorCode::kPermissionDenied);
  } else {
    EXPECT_TRUE(status) << status.error().ToString();
  }
}

TEST_F(MerkleProbesTest, AllInclusionProbesGetTheirVerdict) {
  const Json probes = LoadSharedVectors("transparency_dev_probes.json")["inclusion"];
  ASSERT_EQ(probes.size(), 98u);
  for (const Json& entry : probes) {
    SCOPED_TRACE(entry["file"].get<std::string>());
    const Json& p = entry["probe"];
    ExpectVerdict(VerifyInclusion(*tree_, p["leafIdx"].get<std::uint64_t>(),
                                  p["treeSize"].get<std::uint64_t>(), B64(p["leafHash"]),
                                  B64List(p["proof"]), B64(p["root"])),
                  p);
  }
}

TEST_F(MerkleProbesTest, AllConsistencyProbesGetTheirVerdict) {
  const Json probes = LoadSharedVectors("transparency_dev_probes.json")["consistency"];
  ASSERT_EQ(probes.size(), 98u);
  for (const Json& entry : probes) {
    SCOPED_TRACE(entry["file"].get<std::string>() + " " +
                 entry["probe"]["desc"].get<std::string>());
    const Json& p = entry["probe"];
    ExpectVerdict(
        VerifyConsistency(*tree_, p["size1"].get<std::uint64_t>(), p["size2"].get<std::uint64_t>(),
                          B64List(p["proof"]), B64(p["root1"]), B64(p["root2"])),
        p);
  }
}

// --- the stored-node model ---

class MerkleStoreTest : public Sha256TreeTest {
 protected:
  void SetUp() override {
    Sha256TreeTest::SetUp();
    std::vector<std::string> inputs;
    for (int i = 0; i < 100; ++i) inputs.push_back("event " + std::to_string(i));
    AppendAll(inputs);
  }

  std::string Leaf(int i) { return tree_->HashLeaf("event " + std::to_string(i)).value(); }
};

void ExpectCode(const auto& result, ErrorCode code) {
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), code) << result.error().ToString();
}

TEST_F(MerkleStoreTest, LeafAndNodeHashesAreDomainSeparatedRfc6962Hashes) {
  const std::string a(32, 'a'), b(32, 'b');
  EXPECT_EQ(tree_->HashLeaf("x").value(), hasher_->Hash(std::string("\x00x", 2)).value());
  EXPECT_EQ(tree_->HashChildren(a, b).value(), hasher_->Hash("\x01" + a + b).value());
  EXPECT_EQ(tree_->EmptyRoot().value(), hasher_->Hash("").value());
  EXPECT_EQ(tree_->name(), "sha256");
}

TEST_F(MerkleStoreTest, TreeHashNamesMapToSuites) {
  EXPECT_EQ(TreeHashName(crypto::Suite::kGm), "sm3");
  EXPECT_EQ(TreeHashName(crypto::Suite::kIntl), "sha256");
  EXPECT_EQ(SuiteForTreeHash("sm3").value(), crypto::Suite::kGm);
  EXPECT_EQ(SuiteForTreeHash("sha256").value(), crypto::Suite::kIntl);
  ExpectCode(SuiteForTreeHash("SHA256"), ErrorCode::kInvalidArgument);
  auto sm3 = crypto::NewHasher(crypto::Suite::kGm).value();
  EXPECT_EQ(TreeHasher(*sm3).name(), "sm3");
}

TEST_F(MerkleStoreTest, InclusionProofRefusesIndexAtOrBeyondSize) {
  ExpectCode(InclusionProof(*tree_, 10, 10, store_), ErrorCode::kInvalidArgument);
  ExpectCode(InclusionProof(*tree_, 11, 10, store_), ErrorCode::kInvalidArgument);
  ExpectCode(InclusionProof(*tree_, 0, 0, store_), ErrorCode::kInvalidArgument);
}

TEST_F(MerkleStoreTest, ProofsRefuseSizesBeyondTheStoredTree) {
  ExpectCode(InclusionProof(*tree_, 0, 101, store_), ErrorCode::kInvalidArgument);
  ExpectCode(InclusionProof(*tree_, 0, 1, *std::make_unique<MemoryNodeStore>()),
             ErrorCode::kInvalidArgument);
  ExpectCode(ConsistencyProof(*tree_, 5, 101, store_), ErrorCode::kInvalidArgument);
  ExpectCode(ConsistencyProof(*tree_, 101, 101, store_), ErrorCode::kInvalidArgument);
  ExpectCode(RootHash(*tree_, 101, store_), ErrorCode::kInvalidArgument);
  ExpectCode(CompactRange::FromNodes(*tree_, 104, store_), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(InclusionProof(*tree_, 99, 100, store_));
}

TEST_F(MerkleStoreTest, ConsistencyProofRefusesBadSizePairs) {
  ExpectCode(ConsistencyProof(*tree_, 8, 7, store_), ErrorCode::kInvalidArgument);
  ExpectCode(ConsistencyProof(*tree_, 0, 7, store_), ErrorCode::kInvalidArgument);
  ExpectCode(ConsistencyProof(*tree_, 0, 0, store_), ErrorCode::kInvalidArgument);
  auto same = ConsistencyProof(*tree_, 7, 7, store_);
  ASSERT_TRUE(same);
  EXPECT_TRUE(same->empty());
}

TEST_F(MerkleStoreTest, RootHashReadsOneNodePerSetBitOfSize) {
  for (std::uint64_t size : {1u, 2u, 7u, 64u, 99u, 100u}) {
    const std::uint64_t before = store_.reads();
    ASSERT_TRUE(RootHash(*tree_, size, store_));
    EXPECT_EQ(store_.reads() - before, static_cast<std::uint64_t>(std::popcount(size))) << size;
  }
}

TEST_F(MerkleStoreTest, NodesForAppendReadsOnlyTheLeftSiblingsItNeeds) {
  // Leaf 100 (0b1100100) completes nothing; leaf 103 (0b1100111) completes three subtrees.
  std::uint64_t before = store_.reads();
  auto writes = NodesForAppend(*tree_, 100, Leaf(100), store_);
  ASSERT_TRUE(writes);
  EXPECT_EQ(store_.reads() - before, 0u);
  EXPECT_EQ(*writes, (std::vector<NodeWrite>{{0, 100, Leaf(100)}}));
  store_.Apply(*writes);
  for (int i = 101; i <= 103; ++i) {
    before = store_.reads();
    writes = NodesForAppend(*tree_, i, Leaf(i), store_);
    ASSERT_TRUE(writes);
    EXPECT_EQ(store_.reads() - before, static_cast<std::uint64_t>(std::countr_one(unsigned(i))));
    EXPECT_EQ(writes->size(), 1u + std::countr_one(unsigned(i)));
    store_.Apply(*writes);
  }
  EXPECT_EQ(writes->back().level, 3);
  EXPECT_EQ(writes->back().index, 12u);  // leaves [96, 104)
}

TEST_F(MerkleStoreTest, NodesForAppendRefusesAMissingSiblingOrBadLeafHash) {
  ExpectCode(NodesForAppend(*tree_, 201, Leaf(0), store_), ErrorCode::kInvalidArgument);
  ExpectCode(NodesForAppend(*tree_, 100, "short", store_), ErrorCode::kInvalidArgument);
}

TEST_F(MerkleStoreTest, StoredNodeOfTheWrongSizeIsInternal) {
  store_.Put(1, 2, "truncated");  // size 6 = nodes (2, 0) and (1, 2)
  ExpectCode(RootHash(*tree_, 6, store_), ErrorCode::kInternal);
}

TEST_F(MerkleStoreTest, ReaderErrorsOtherThanNotFoundPassThrough) {
  struct BrokenReader : NodeReader {
    Result<std::string> Node(int, std::uint64_t) override {
      return Fail(ErrorCode::kUnreadable, "disk gone");
    }
  } broken;
  ExpectCode(RootHash(*tree_, 5, broken), ErrorCode::kUnreadable);
  ExpectCode(InclusionProof(*tree_, 1, 5, broken), ErrorCode::kUnreadable);
}

// --- the compact range ---

class CompactRangeTest : public Sha256TreeTest {};

TEST_F(CompactRangeTest, FrontierHasOneHashPerSetBit) {
  CompactRange range(*tree_);
  for (int i = 0; i < 37; ++i) {
    store_.Apply(range.Append(tree_->HashLeaf(std::to_string(i)).value()).value());
    EXPECT_EQ(range.hashes().size(), static_cast<std::size_t>(std::popcount(range.size())));
  }
  EXPECT_EQ(range.size(), 37u);
  // 37 = 32 + 4 + 1: nodes (5, 0), (2, 8), (0, 36).
  EXPECT_EQ(range.hashes(),
            (std::vector<std::string>{store_.Node(5, 0).value(), store_.Node(2, 8).value(),
                                      store_.Node(0, 36).value()}));
}

TEST_F(CompactRangeTest, AppendRefusesABadLeafHashAndStaysUnchanged) {
  CompactRange range(*tree_);
  ASSERT_TRUE(range.Append(std::string(32, 'x')));
  const std::string root = range.Root().value();
  ExpectCode(range.Append("not 32 bytes"), ErrorCode::kInvalidArgument);
  EXPECT_EQ(range.size(), 1u);
  EXPECT_EQ(range.Root().value(), root);
}

TEST_F(CompactRangeTest, OfEmptyTreeHasEmptyRoot) {
  auto range = CompactRange::FromNodes(*tree_, 0, store_);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->size(), 0u);
  EXPECT_EQ(range->Root().value(), tree_->EmptyRoot().value());
  EXPECT_EQ(store_.reads(), 0u);
}

}  // namespace
}  // namespace cv::audit
