// Tests for Result/Error, Secret, Clock and Config.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <type_traits>

#include "common/clock.h"
#include "common/config.h"
#include "common/result.h"
#include "common/secret.h"

namespace cv {
namespace {

// CRY-6 / logging invariant: a Secret can be neither streamed nor formatted.
template <typename T>
concept Streamable = requires(std::ostream& os, const T& t) {
  os << t;
};
static_assert(!Streamable<Secret>, "a Secret must not be printable with operator<<");
static_assert(!fmt::is_formattable<Secret>::value,
              "a Secret must not be formattable by fmt/spdlog");
static_assert(!std::is_copy_constructible_v<Secret>, "copies of a Secret must be explicit");

TEST(ErrorTest, ToStringNamesCodeAndPosition) {
  Error e(ErrorCode::kMalformed, "ragged row", Position{"a.csv", 12, "name"});
  EXPECT_EQ(e.ToString(), "malformed: ragged row (a.csv:line 12, field name)");
}

TEST(ErrorTest, ToStringWithoutPosition) {
  Error e(ErrorCode::kNotFound, "no such table");
  EXPECT_EQ(e.ToString(), "not_found: no such table");
}

TEST(ErrorTest, CodeNamesAreStable) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kPermissionDenied), "permission_denied");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kFailedPrecondition), "failed_precondition");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kResourceExhausted), "resource_exhausted");
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Fail(ErrorCode::kInvalidArgument, "odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  auto h = Half(x);
  CV_RETURN_IF_ERROR(h);
  return Half(*h);
}

TEST(ResultTest, ReturnIfErrorPropagates) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
}

TEST(SecretTest, ViewAndEquality) {
  Secret a("k3y-bytes"), b("k3y-bytes"), c("other");
  EXPECT_EQ(a.View(SecretAccess::Get()), "k3y-bytes");
  EXPECT_TRUE(a.Equals(b));
  EXPECT_FALSE(a.Equals(c));
}

TEST(SecretTest, MoveLeavesSourceEmpty) {
  Secret a("abc");
  Secret b(std::move(a));
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_EQ(b.View(SecretAccess::Get()), "abc");
}

TEST(SecretTest, ClearEmpties) {
  Secret a("abc");
  a.Clear();
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(a.size(), 0u);
}

TEST(SecureZeroTest, ZeroesBuffer) {
  char buf[8] = {'s', 'e', 'c', 'r', 'e', 't', '!', '!'};
  SecureZero(buf, sizeof buf);
  for (char c : buf) EXPECT_EQ(c, 0);
}

TEST(ClockTest, FakeClockAdvances) {
  FakeClock clock(TimePoint(std::chrono::seconds(1'700'000'000)));
  EXPECT_EQ(FormatRfc3339(clock.Now()), "2023-11-14T22:13:20Z");
  clock.Advance(std::chrono::hours(24));
  EXPECT_EQ(FormatRfc3339(clock.Now()), "2023-11-15T22:13:20Z");
}

TEST(ConfigTest, ReadsTypedValuesWithDefaults) {
  auto c = Config::Parse("[grading]\nbulk_rows = 500\nthreshold = 0.6\n");
  ASSERT_TRUE(c) << c.error().ToString();
  EXPECT_EQ(*c->Int("grading", "bulk_rows", 1000, 1, 1'000'000), 500);
  EXPECT_DOUBLE_EQ(*c->Double("grading", "threshold", 0.5, 0, 1), 0.6);
  EXPECT_EQ(*c->Int("grading", "missing", 7, 0, 10), 7);
}

TEST(ConfigTest, OutOfRangeNamesKeyAndLine) {
  auto c = Config::Parse("[grading]\n\nbulk_rows = -4\n", "t.toml");
  ASSERT_TRUE(c);
  auto v = c->Int("grading", "bulk_rows", 1000, 1, 1'000'000);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().position().line, 3u);
  EXPECT_NE(v.error().message().find("grading.bulk_rows"), std::string::npos);
}

TEST(ConfigTest, UnknownSectionRefused) {
  auto c = Config::Parse("[grdaing]\nx = 1\n");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code(), ErrorCode::kInvalidArgument);
}

TEST(ConfigTest, UnknownKeyRefused) {
  auto c = Config::Parse("[log]\nlevle = \"info\"\n");
  ASSERT_TRUE(c);
  auto s = c->CheckKeys("log", {"level", "file"});
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message().find("log.levle"), std::string::npos);
}

TEST(ConfigTest, MalformedTomlHasLine) {
  auto c = Config::Parse("[log]\nlevel = \n", "bad.toml");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code(), ErrorCode::kMalformed);
  EXPECT_EQ(c.error().position().line, 2u);
}

}  // namespace
}  // namespace cv

namespace cv {
namespace {

// Kilobytes the kernel reports as locked for this process (VmLck in /proc/self/status).
long LockedKib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmLck:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

TEST(SecretMemoryTest, Cry6SecretPagesAreLockedWhileInUse) {
  const SecretMemoryStats before = GetSecretMemoryStats();
  const long kib_before = LockedKib();
  {
    Secret big(std::string(3 * 4096, 'k'));  // Spans at least three pages of its own.
    const SecretMemoryStats during = GetSecretMemoryStats();
    EXPECT_GE(during.locked_pages, before.locked_pages + 3);
#if !defined(__SANITIZE_ADDRESS__)  // ASan's mlock interceptor succeeds without locking.
    if (during.lock_failures == before.lock_failures) {
      EXPECT_GE(LockedKib(), kib_before + 12) << "mlock succeeded but VmLck did not grow";
    }
#else
    (void)kib_before;
#endif
  }
  EXPECT_EQ(GetSecretMemoryStats().locked_pages, before.locked_pages);
}

TEST(SecretMemoryTest, Cry6SmallSecretsComeFromTheLockedPool) {
  // Sanitizer builds serve every Secret from the heap (secret.h invariant 4); the pool is idle.
  if (!internal::LockedAllocator<std::uint8_t>::UsePool(32)) GTEST_SKIP() << "sanitizer build";
  std::vector<Secret> keys;
  for (int i = 0; i < 300; ++i) keys.emplace_back(std::string(32, static_cast<char>('a' + i % 26)));
  const SecretMemoryStats during = GetSecretMemoryStats();
  EXPECT_GE(during.pool_pages, 1u);
  for (int i = 0; i < 300; ++i) {  // distinct slots: no buffer overwrote another
    EXPECT_EQ(keys[i].View(SecretAccess::Get()), std::string(32, static_cast<char>('a' + i % 26)));
  }
  keys.clear();
  // Freed slots are reused: allocating the same again maps no new slab.
  for (int i = 0; i < 300; ++i) keys.emplace_back(std::string(32, 'z'));
  EXPECT_EQ(GetSecretMemoryStats().pool_pages, during.pool_pages);
}

TEST(SecretMemoryTest, Cry6FreedPoolSlotIsWiped) {
  if (!internal::LockedAllocator<std::uint8_t>::UsePool(64)) GTEST_SKIP() << "sanitizer build";
  void* slot = internal::AllocateSmallSecret(64);
  std::memset(slot, 0x5a, 64);
  internal::FreeSmallSecret(slot, 64);
  // The slot stays mapped (the pool keeps its slabs); past the free-list link it must be zero.
  const auto* bytes = static_cast<const unsigned char*>(slot);
  for (std::size_t i = sizeof(void*); i < 64; ++i) ASSERT_EQ(bytes[i], 0) << "byte " << i;
  void* again = internal::AllocateSmallSecret(64);  // last freed, first reused
  EXPECT_EQ(again, slot);
  for (std::size_t i = 0; i < 64; ++i) ASSERT_EQ(static_cast<const unsigned char*>(again)[i], 0);
  internal::FreeSmallSecret(again, 64);
}

TEST(SecretMemoryTest, MovedAndClonedSecretsKeepTheirBytes) {
  Secret s = Secret::Zeroed(8);
  Secret moved = std::move(s);
  EXPECT_EQ(moved.size(), 8u);
  EXPECT_TRUE(s.empty());  // NOLINT(bugprone-use-after-move): invariant 1, moved-from is empty.
  Secret clone = moved.Clone();
  EXPECT_TRUE(clone.Equals(moved));
}

}  // namespace
}  // namespace cv
