// Secret: bytes that must never be printed and are wiped when no longer needed.
//
// Thread-safety: like std::string; not safe for concurrent mutation.
// Invariants:
//  1. The buffer is zeroized (explicit_bzero, not optimised away) on destruction, move-from and
//  Clear().
//  2. No operator<<, no fmt/spdlog formatter: printing a Secret does not compile.
//  3. Equality is constant-time in the length of the shorter operand plus the length check.
//  4. The bytes live in pages locked into RAM (mlock), so they are not written to swap; every
//     buffer is wiped before it is freed, including the old buffer when the vector grows. A page
//     is locked while any Secret uses it (reference-counted). When the locked-memory limit
//     (RLIMIT_MEMLOCK) refuses a lock the Secret still works and the failure is counted
//     (SecretMemoryStats), so operators can see it. Buffers of up to kSmallSecretMax bytes (keys,
//     nonces, passwords) come from a pool of slabs locked once when mapped and never unlocked,
//     so they cost no system call each (except in sanitizer builds, which use the heap so the
//     sanitizer sees every buffer); larger buffers lock their heap pages as above.
// CRY-6: memory holding keys, passwords or C3 values is wiped after use (JR/T 0117 8.3.4 enhanced
// d).
#ifndef CV_COMMON_SECRET_H_
#define CV_COMMON_SECRET_H_

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string_view>
#include <vector>

namespace cv {

// Zeroizes `n` bytes at `p` in a way the compiler cannot elide.
void SecureZero(void* p, std::size_t n);

// The one greppable way to read a Secret's bytes (as Tink's InsecureSecretKeyAccess).
class SecretAccess {
 public:
  static SecretAccess Get() { return SecretAccess(); }

 private:
  SecretAccess() = default;
};

namespace internal {

// Locks the pages spanning [p, p + n) while at least one buffer uses them; wipes on release.
void LockSecretPages(const void* p, std::size_t n);
void UnlockSecretPages(const void* p, std::size_t n);

// The largest buffer served from the locked slab pool (invariant 4).
inline constexpr std::size_t kSmallSecretMax = 512;
// A zeroed slot of at least `n` bytes (0 < n <= kSmallSecretMax) from the locked pool.
void* AllocateSmallSecret(std::size_t n);
// Wipes the slot and returns it to the pool. REQUIRES: `n` as given to AllocateSmallSecret.
void FreeSmallSecret(void* p, std::size_t n);

template <typename T>
struct LockedAllocator {
  using value_type = T;
  LockedAllocator() = default;
  template <typename U>
  LockedAllocator(const LockedAllocator<U>&) {}
  T* allocate(std::size_t n) {
    if (UsePool(n)) return static_cast<T*>(AllocateSmallSecret(n * sizeof(T)));
    T* p = std::allocator<T>().allocate(n);
    LockSecretPages(p, n * sizeof(T));
    return p;
  }
  void deallocate(T* p, std::size_t n) {
    if (UsePool(n)) return FreeSmallSecret(p, n * sizeof(T));
    SecureZero(p, n * sizeof(T));
    UnlockSecretPages(p, n * sizeof(T));
    std::allocator<T>().deallocate(p, n);
  }
  static bool UsePool(std::size_t n) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    (void)n;
    return false;  // the sanitizer must see each buffer's bounds and lifetime
#else
    return n > 0 && n * sizeof(T) <= kSmallSecretMax && alignof(T) <= 16;
#endif
  }
  friend bool operator==(const LockedAllocator&, const LockedAllocator&) { return true; }
};

}  // namespace internal

// Locked-memory bookkeeping of all Secrets in the process.
struct SecretMemoryStats {
  std::size_t locked_pages = 0;     // pages currently locked for large Secrets
  std::size_t pool_pages = 0;       // pages of the small-Secret pool (locked once, kept)
  std::uint64_t lock_failures = 0;  // mlock calls refused since start (RLIMIT_MEMLOCK)
};
SecretMemoryStats GetSecretMemoryStats();

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
  std::vector<std::uint8_t, internal::LockedAllocator<std::uint8_t>> bytes_;
};

// Printing a Secret is a compile error (invariant 2).
std::ostream& operator<<(std::ostream&, const Secret&) = delete;

}  // namespace cv

#endif  // CV_COMMON_SECRET_H_
