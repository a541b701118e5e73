// Tests for LeafEncoder: every item exactly once and in its slot, inline below the threshold,
// errors handed to the consumer, and an early stop that does not wait for the rest.
#include "audit/internal/leaf_encoder.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>

namespace cv::audit::internal {
namespace {

EncodedLeaf Leaf(std::size_t i) {
  return {"entry-" + std::to_string(i), "leaf-" + std::to_string(i)};
}

TEST(LeafEncoderTest, LargeBatchGivesEveryItemOnceAndInOrder) {
  constexpr std::size_t kCount = 5000;
  std::atomic<int> calls{0};
  LeafEncoder encoder(kCount, [&](std::size_t i) -> Result<EncodedLeaf> {
    ++calls;
    return Leaf(i);
  });
  for (std::size_t i = 0; i < kCount; ++i) {
    auto leaf = encoder.Take(i);
    ASSERT_TRUE(leaf);
    EXPECT_EQ(leaf->entry, "entry-" + std::to_string(i));
    EXPECT_EQ(leaf->leaf_hash, "leaf-" + std::to_string(i));
  }
  EXPECT_EQ(calls.load(), static_cast<int>(kCount));
}

TEST(LeafEncoderTest, SmallBatchIsEncodedOnTheCallersThread) {
  const std::thread::id caller = std::this_thread::get_id();
  std::set<std::thread::id> threads;
  LeafEncoder encoder(LeafEncoder::kMinParallel - 1, [&](std::size_t i) -> Result<EncodedLeaf> {
    threads.insert(std::this_thread::get_id());
    return Leaf(i);
  });
  for (std::size_t i = 0; i + 1 < LeafEncoder::kMinParallel; ++i) ASSERT_TRUE(encoder.Take(i));
  EXPECT_EQ(threads, std::set<std::thread::id>{caller});
}

TEST(LeafEncoderTest, FailureReachesTheConsumerAtItsItem) {
  LeafEncoder encoder(1000, [](std::size_t i) -> Result<EncodedLeaf> {
    if (i == 700) return Fail(ErrorCode::kInvalidArgument, "bad event 700");
    return Leaf(i);
  });
  for (std::size_t i = 0; i < 700; ++i) ASSERT_TRUE(encoder.Take(i));
  auto bad = encoder.Take(700);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message(), "bad event 700");
}

TEST(LeafEncoderTest, DestroyedBeforeTheEndStopsTheHelper) {
  std::atomic<int> calls{0};
  {
    LeafEncoder encoder(100000, [&](std::size_t i) -> Result<EncodedLeaf> {
      ++calls;
      return Leaf(i);
    });
    ASSERT_TRUE(encoder.Take(0));
  }  // The consumer gave up (as AppendAll does after an error): no hang, no use after free.
  EXPECT_LT(calls.load(), 100000);
}

}  // namespace
}  // namespace cv::audit::internal
