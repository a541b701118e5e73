// Random bytes over RAND_bytes.
#include "crypto/random.h"

#include <openssl/rand.h>
#include <pthread.h>

#include <array>
#include <atomic>
#include <climits>
#include <cstring>

#include "crypto/internal/openssl_util.h"

namespace cv::crypto {

Status RandomBytes(std::span<std::uint8_t> out) {
  if (out.empty()) return Ok();
  if (out.size() > INT_MAX) return Fail(ErrorCode::kInvalidArgument, "random request too large");
  if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) {
    return std::unexpected(internal::OpensslError("RAND_bytes failed"));
  }
  return Ok();
}

namespace {

// Bumped in a forked child, so every thread's buffer inherited from the parent counts as empty.
std::atomic<std::uint64_t> fork_generation{0};

void OnForkChild() { fork_generation.fetch_add(1, std::memory_order_relaxed); }

struct PublicBuffer {
  std::array<std::uint8_t, 1024> bytes{};
  std::size_t used = 1024;  // bytes[used..] are fresh
  std::uint64_t generation = 0;
};

}  // namespace

Status RandomPublicBytes(std::span<std::uint8_t> out) {
  static const bool registered = [] {
    return pthread_atfork(nullptr, nullptr, OnForkChild) == 0;
  }();
  if (out.size() > 64) return Fail(ErrorCode::kInvalidArgument, "public random request too large");
  if (!registered) return RandomBytes(out);  // cannot detect forks: no buffering
  thread_local PublicBuffer buffer;
  const std::uint64_t generation = fork_generation.load(std::memory_order_relaxed);
  if (buffer.generation != generation || buffer.bytes.size() - buffer.used < out.size()) {
    CV_RETURN_IF_ERROR(RandomBytes(buffer.bytes));
    buffer.used = 0;
    buffer.generation = generation;
  }
  std::memcpy(out.data(), buffer.bytes.data() + buffer.used, out.size());
  SecureZero(buffer.bytes.data() + buffer.used, out.size());  // handed out once
  buffer.used += out.size();
  return Ok();
}

Result<Secret> RandomKey(std::size_t size) {
  Secret key = Secret::Zeroed(size);
  CV_RETURN_IF_ERROR(RandomBytes({key.Mutable(SecretAccess::Get()), size}));
  return key;
}

Result<std::string> RandomString(std::size_t size) {
  std::string bytes(size, '\0');
  CV_RETURN_IF_ERROR(RandomBytes({reinterpret_cast<std::uint8_t*>(bytes.data()), size}));
  return bytes;
}

}  // namespace cv::crypto
