// Secret: zeroizing byte buffer.
#include "common/secret.h"

#include <string.h>

#include <utility>

namespace cv {

void SecureZero(void* p, std::size_t n) {
  if (p != nullptr && n != 0) explicit_bzero(p, n);
}

Secret::Secret(std::string_view bytes) : bytes_(bytes.begin(), bytes.end()) {}

Secret Secret::Zeroed(std::size_t size) {
  Secret secret;
  secret.bytes_.assign(size, 0);
  return secret;
}

Secret::Secret(Secret&& other) noexcept : bytes_(std::move(other.bytes_)) { other.Clear(); }

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    Clear();
    bytes_ = std::move(other.bytes_);
    other.Clear();
  }
  return *this;
}

Secret::~Secret() { Clear(); }

Secret Secret::Clone() const { return Secret(View(SecretAccess::Get())); }

void Secret::Clear() {
  // Wipe the whole capacity: earlier, longer contents may linger past size().
  bytes_.resize(bytes_.capacity());
  SecureZero(bytes_.data(), bytes_.size());
  bytes_.clear();
}

bool Secret::Equals(const Secret& other) const {
  if (bytes_.size() != other.bytes_.size()) return false;
  volatile std::uint8_t diff = 0;
  for (std::size_t i = 0; i < bytes_.size(); ++i) diff = diff | (bytes_[i] ^ other.bytes_[i]);
  return diff == 0;
}

}  // namespace cv
