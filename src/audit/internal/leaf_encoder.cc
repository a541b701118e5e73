// LeafEncoder: two threads claiming items from one counter, over std::atomic wait/notify.
#include "audit/internal/leaf_encoder.h"

#include <system_error>

namespace cv::audit::internal {

LeafEncoder::LeafEncoder(std::size_t count, EncodeFn encode) : encode_(std::move(encode)) {
  if (count < kMinParallel) return;
  slots_.resize(count);
  done_ = std::make_unique<std::atomic<bool>[]>(count);
  try {
    helper_ = std::thread([this] {
      while (!stop_.load(std::memory_order_relaxed) && EncodeNext()) {
      }
    });
  } catch (const std::system_error&) {  // No thread to be had: encode inline (invariant 4).
    slots_.clear();
  }
}

LeafEncoder::~LeafEncoder() {
  if (!helper_.joinable()) return;
  stop_.store(true, std::memory_order_relaxed);
  helper_.join();
}

bool LeafEncoder::EncodeNext() {
  const std::size_t i = next_.fetch_add(1, std::memory_order_relaxed);
  if (i >= slots_.size()) return false;
  slots_[i] = encode_(i);  // A failure is the consumer's to report; it then stops the helper.
  done_[i].store(true, std::memory_order_release);  // Invariant 1.
  done_[i].notify_one();
  return true;
}

Result<EncodedLeaf> LeafEncoder::Take(std::size_t index) {
  if (!helper_.joinable()) return encode_(index);
  while (!done_[index].load(std::memory_order_acquire)) {
    if (!EncodeNext()) done_[index].wait(false, std::memory_order_acquire);  // Invariant 2.
  }
  return std::move(slots_[index]);
}

}  // namespace cv::audit::internal
