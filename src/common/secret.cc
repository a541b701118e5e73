// Secret: zeroizing byte buffer.
#include "common/secret.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <mutex>
#include <new>
#include <unordered_map>
#include <utility>

namespace cv {

void SecureZero(void* p, std::size_t n) {
  if (p != nullptr && n != 0) explicit_bzero(p, n);
}

namespace internal {
namespace {

struct PageTable {
  std::mutex mu;
  std::unordered_map<std::uintptr_t, int> users;  // page address -> buffers using it
  std::uint64_t failures = 0;
};

PageTable& Pages() {
  static PageTable* table = new PageTable();  // Never destroyed: Secrets may outlive statics.
  return *table;
}

std::uintptr_t PageSize() {
  static const auto size = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  return size;
}

// Calls fn(page) for each page spanning [p, p + n).
template <typename Fn>
void ForEachPage(const void* p, std::size_t n, Fn fn) {
  if (p == nullptr || n == 0) return;
  const std::uintptr_t size = PageSize();
  const auto begin = reinterpret_cast<std::uintptr_t>(p) & ~(size - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(p) + n;
  for (std::uintptr_t page = begin; page < end; page += size) fn(page);
}

// The small-Secret pool: per size class a free list of slots carved from slabs that are mapped,
// locked and excluded from core dumps once, then kept for the life of the process. A free slot
// holds only the next-slot pointer; every slot is wiped when freed.
constexpr std::array<std::size_t, 6> kSlotSizes = {16, 32, 64, 128, 256, 512};
static_assert(kSlotSizes.back() == kSmallSecretMax);
constexpr std::size_t kSlabPages = 4;

struct SecretPool {
  std::mutex mu;
  std::array<void*, kSlotSizes.size()> free{};
  std::size_t pages = 0;
};

SecretPool& Pool() {
  static SecretPool* pool = new SecretPool();  // Never destroyed, as Pages().
  return *pool;
}

std::size_t SlotClass(std::size_t n) {
  std::size_t c = 0;
  while (kSlotSizes[c] < n) ++c;
  return c;
}

// Maps a slab, locks it and threads its slots onto `pool.free[c]`. REQUIRES: pool.mu held.
bool AddSlab(SecretPool& pool, std::size_t c) {
  const std::size_t bytes = kSlabPages * PageSize();
  void* slab = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (slab == MAP_FAILED) return false;
  if (::mlock(slab, bytes) != 0) {
    std::lock_guard lock(Pages().mu);
    ++Pages().failures;
  }
  (void)::madvise(slab, bytes, MADV_DONTDUMP);
  pool.pages += kSlabPages;
  auto* base = static_cast<std::uint8_t*>(slab);
  for (std::size_t off = bytes; off >= kSlotSizes[c]; off -= kSlotSizes[c]) {
    void* slot = base + off - kSlotSizes[c];
    *static_cast<void**>(slot) = pool.free[c];
    pool.free[c] = slot;
  }
  return true;
}

}  // namespace

void* AllocateSmallSecret(std::size_t n) {
  SecretPool& pool = Pool();
  const std::size_t c = SlotClass(n);
  std::lock_guard lock(pool.mu);
  if (pool.free[c] == nullptr && !AddSlab(pool, c)) throw std::bad_alloc();
  void* slot = pool.free[c];
  pool.free[c] = *static_cast<void**>(slot);
  SecureZero(slot, sizeof(void*));
  return slot;
}

void FreeSmallSecret(void* p, std::size_t n) {
  if (p == nullptr) return;
  SecretPool& pool = Pool();
  const std::size_t c = SlotClass(n);
  SecureZero(p, kSlotSizes[c]);
  std::lock_guard lock(pool.mu);
  *static_cast<void**>(p) = pool.free[c];
  pool.free[c] = p;
}

void LockSecretPages(const void* p, std::size_t n) {
  PageTable& t = Pages();
  std::lock_guard lock(t.mu);
  ForEachPage(p, n, [&](std::uintptr_t page) {
    if (++t.users[page] == 1 && ::mlock(reinterpret_cast<void*>(page), PageSize()) != 0) {
      ++t.failures;
    }
  });
}

void UnlockSecretPages(const void* p, std::size_t n) {
  PageTable& t = Pages();
  std::lock_guard lock(t.mu);
  ForEachPage(p, n, [&](std::uintptr_t page) {
    auto it = t.users.find(page);
    if (it == t.users.end() || --it->second > 0) return;
    t.users.erase(it);
    (void)::munlock(reinterpret_cast<void*>(page), PageSize());
  });
}

}  // namespace internal

SecretMemoryStats GetSecretMemoryStats() {
  internal::PageTable& t = internal::Pages();
  internal::SecretPool& pool = internal::Pool();
  std::lock_guard pool_lock(pool.mu);
  std::lock_guard lock(t.mu);
  return {t.users.size(), pool.pages, t.failures};
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
