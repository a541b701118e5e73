// LeafEncoder: a one-stage pipeline over std::atomic wait/notify.
#include "audit/internal/leaf_encoder.h"

#include <system_error>

namespace cv::audit::internal {

LeafEncoder::LeafEncoder(std::size_t count, EncodeFn encode) : encode_(std::move(encode)) {
  if (count < kMinParallel) return;
  slots_.resize(count);
  try {
    helper_ = std::thread([this] { Run(); });
  } catch (const std::system_error&) {  // No thread to be had: encode inline (invariant 3).
    slots_.clear();
  }
}

LeafEncoder::~LeafEncoder() {
  if (!helper_.joinable()) return;
  stop_.store(true, std::memory_order_relaxed);
  helper_.join();
}

void LeafEncoder::Run() {
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (stop_.load(std::memory_order_relaxed)) return;
    slots_[i] = encode_(i);  // A failure is the consumer's to report; it then stops us.
    ready_.store(i + 1, std::memory_order_release);  // Invariant 1.
    ready_.notify_one();
  }
}

Result<EncodedLeaf> LeafEncoder::Take(std::size_t index) {
  if (!helper_.joinable()) return encode_(index);
  for (std::size_t seen = ready_.load(std::memory_order_acquire); seen <= index;
       seen = ready_.load(std::memory_order_acquire)) {
    ready_.wait(seen, std::memory_order_acquire);
  }
  return std::move(slots_[index]);
}

}  // namespace cv::audit::internal
