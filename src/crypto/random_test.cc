// Tests for the random sources: RandomPublicBytes hands each byte out once, also across fork().
#include "crypto/random.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <set>
#include <string>

namespace cv::crypto {
namespace {

std::string Draw12() {
  std::array<std::uint8_t, 12> nonce{};
  EXPECT_TRUE(RandomPublicBytes(nonce));
  return std::string(nonce.begin(), nonce.end());
}

TEST(RandomPublicBytesTest, DrawsNeverRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 5000; ++i) ASSERT_TRUE(seen.insert(Draw12()).second) << "repeat at " << i;
}

TEST(RandomPublicBytesTest, RefusesLargeRequests) {
  std::array<std::uint8_t, 65> big{};
  EXPECT_FALSE(RandomPublicBytes(big));
}

// A child forked with a half-used buffer must not hand out the bytes its parent hands out next
// (nonce reuse under one key would break AES/SM4-GCM).
TEST(RandomPublicBytesTest, ForkedChildDrawsOtherBytes) {
  (void)Draw12();  // the buffer is filled and partly used
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string child = Draw12();
    const bool ok = ::write(pipe_fds[1], child.data(), child.size()) == 12;
    ::_exit(ok ? 0 : 1);
  }
  const std::string parent = Draw12();
  std::string child(12, '\0');
  ASSERT_EQ(::read(pipe_fds[0], child.data(), child.size()), 12);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ::close(pipe_fds[0]);
  ::close(pipe_fds[1]);
  EXPECT_NE(parent, child);
}

}  // namespace
}  // namespace cv::crypto
