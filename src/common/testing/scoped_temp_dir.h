// Test helpers for code that touches the file system: a fresh private directory per test, removed
// afterwards, and a scoped umask.
//
// Thread-safety: ScopedUmask changes the process umask; use it only while no other thread creates
// files.
#ifndef CV_COMMON_TESTING_SCOPED_TEMP_DIR_H_
#define CV_COMMON_TESTING_SCOPED_TEMP_DIR_H_

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace cv::test {

// A new directory under ::testing::TempDir() (mkdtemp: unique, mode 0700), removed with its
// content on destruction.
class ScopedTempDir {
 public:
  ScopedTempDir() {
    std::string tmpl = ::testing::TempDir() + "cv_test_XXXXXX";
    const char* made = ::mkdtemp(tmpl.data());
    EXPECT_NE(made, nullptr) << "mkdtemp failed for " << tmpl;
    path_ = tmpl;
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;
  ~ScopedTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }

  const std::string& path() const { return path_; }
  // `name` inside the directory.
  std::string Join(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Sets the process umask for the scope; restores the previous one after.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : previous_(::umask(mask)) {}
  ScopedUmask(const ScopedUmask&) = delete;
  ScopedUmask& operator=(const ScopedUmask&) = delete;
  ~ScopedUmask() { ::umask(previous_); }

 private:
  mode_t previous_;
};

// The permission bits of `path` (07777), or -1 when it cannot be stat'ed.
inline int ModeOf(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 07777);
}

}  // namespace cv::test

#endif  // CV_COMMON_TESTING_SCOPED_TEMP_DIR_H_
