// HandlePool: a small free list of prepared library contexts (cipher or MAC contexts with the key
// already scheduled), so a call on a shared primitive neither repeats the key setup nor shares a
// context between threads.
//
// Thread-safety: thread-safe. Invariant: a handle is held by at most one Lease at a time.
#ifndef CV_CRYPTO_INTERNAL_HANDLE_POOL_H_
#define CV_CRYPTO_INTERNAL_HANDLE_POOL_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "common/result.h"

namespace cv::crypto::internal {

template <typename Ptr>
class HandlePool {
 public:
  // Handles beyond this many idle ones are freed rather than kept.
  static constexpr std::size_t kMaxIdle = 64;

  explicit HandlePool(std::function<Result<Ptr>()> make) : make_(std::move(make)) {}

  // A handle on loan; returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(HandlePool* pool, Ptr handle) : pool_(pool), handle_(std::move(handle)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (handle_) pool_->Return(std::move(handle_));
    }
    auto* get() const { return handle_.get(); }

   private:
    HandlePool* pool_;
    Ptr handle_;
  };

  // An idle handle, or a new one.
  Result<Lease> Acquire() {
    {
      std::lock_guard lock(mu_);
      if (!idle_.empty()) {
        Ptr handle = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(handle));
      }
    }
    Result<Ptr> made = make_();
    if (!made) return std::unexpected(made.error());
    return Lease(this, std::move(*made));
  }

 private:
  void Return(Ptr handle) {
    std::lock_guard lock(mu_);
    if (idle_.size() < kMaxIdle) idle_.push_back(std::move(handle));
  }

  std::function<Result<Ptr>()> make_;
  std::mutex mu_;
  std::vector<Ptr> idle_;
};

}  // namespace cv::crypto::internal

#endif  // CV_CRYPTO_INTERNAL_HANDLE_POOL_H_
