// Secret: bytes that must never be printed and are wiped when no longer needed.
//
// Thread-safety: like std::string; not safe for concurrent mutation.
// Invariants:
//  1. The buffer is zeroized (explicit_bzero, not optimised away) on destruction, move-from and
//  Clear().
//  2. No operator<<, no fmt/spdlog formatter: printing a Secret does not compile.
//  3. Equality is constant-time in the length of the shorter operand plus the length check.
// CRY-6: memory holding keys, passwords or C3 values is wiped after use (JR/T 0117 8.3.4 enhanced
// d).
#ifndef CV_COMMON_SECRET_H_
#define CV_COMMON_SECRET_H_

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string_view>
#include <vector>

namespace cv {

// The one greppable way to read a Secret's bytes (as Tink's InsecureSecretKeyAccess).
class SecretAccess {
 public:
  static SecretAccess Get() { return SecretAccess(); }

 private:
  SecretAccess() = default;
};

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string_view bytes);
  // `size` zero bytes, to be filled through Mutable() (e.g. by a random generator or a KDF).
  static Secret Zeroed(std::size_t size);
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  Secret(Secret&& other) noexcept;
  Secret& operator=(Secret&& other) noexcept;
  ~Secret();

  // An explicit copy; rare and greppable.
  Secret Clone() const;

  std::size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }

  // REQUIRES: the caller does not copy the view into non-zeroizing storage.
  std::string_view View(SecretAccess) const {
    return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()};
  }

  // REQUIRES: as View(); writes go straight into the zeroizing buffer.
  std::uint8_t* Mutable(SecretAccess) { return bytes_.data(); }
  const std::uint8_t* data(SecretAccess) const { return bytes_.data(); }

  // Zeroizes and empties.
  void Clear();

  // Constant-time comparison.
  bool Equals(const Secret& other) const;

 private:
  std::vector<std::uint8_t> bytes_;
};

// Printing a Secret is a compile error (invariant 2).
std::ostream& operator<<(std::ostream&, const Secret&) = delete;

// Zeroizes `n` bytes at `p` in a way the compiler cannot elide.
void SecureZero(void* p, std::size_t n);

}  // namespace cv

#endif  // CV_COMMON_SECRET_H_
