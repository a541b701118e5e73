// Tests for the file helpers: exact modes whatever the umask, atomic replacement, bounded reads.
#include "common/file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/testing/scoped_temp_dir.h"

namespace cv {
namespace {

using test::ModeOf;
using test::ScopedTempDir;
using test::ScopedUmask;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(FileTest, WriteFileAtomicWritesBytesWithExactModeWhateverTheUmask) {
  ScopedTempDir dir;
  const std::string path = dir.Join("key.bin");
  const std::string bytes("a\0b\xff", 4);
  {
    ScopedUmask umask(0);  // Would leave 0666 if the mode were only passed to open().
    ASSERT_TRUE(WriteFileAtomic(path, bytes));
  }
  EXPECT_EQ(Slurp(path), bytes);
  EXPECT_EQ(ModeOf(path), 0600);
}

TEST(FileTest, WriteFileAtomicHonoursAStricterMode) {
  ScopedTempDir dir;
  const std::string path = dir.Join("sealed");
  ASSERT_TRUE(WriteFileAtomic(path, "x", 0400));
  EXPECT_EQ(ModeOf(path), 0400);
}

TEST(FileTest, WriteFileAtomicReplacesAndLeavesNoTemporaryFile) {
  ScopedTempDir dir;
  const std::string path = dir.Join("config");
  ASSERT_TRUE(WriteFileAtomic(path, "old content that is longer"));
  ASSERT_TRUE(WriteFileAtomic(path, "new"));
  EXPECT_EQ(Slurp(path), "new");
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++files;
  }
  EXPECT_EQ(files, 1);
}

TEST(FileTest, WriteFileAtomicIntoMissingDirectoryIsNotFound) {
  ScopedTempDir dir;
  auto written = WriteFileAtomic(dir.Join("no/such/file"), "x");
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(written.error().message().find("no/such/file"), std::string::npos);
}

TEST(FileTest, WriteFileAtomicErrorDoesNotQuoteTheBytes) {
  ScopedTempDir dir;
  auto written = WriteFileAtomic(dir.Join("missing/f"), "SECRET-MARKER-41");
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().message().find("SECRET-MARKER-41"), std::string::npos);
}

TEST(FileTest, ReadSmallFileReadsBinaryContent) {
  ScopedTempDir dir;
  const std::string bytes("\0\x01\x02zz", 5);
  ASSERT_TRUE(WriteFileAtomic(dir.Join("f"), bytes));
  auto read = ReadSmallFile(dir.Join("f"), 5);
  ASSERT_TRUE(read) << read.error().ToString();
  EXPECT_EQ(*read, bytes);
}

TEST(FileTest, ReadSmallFileReadsAnEmptyFile) {
  ScopedTempDir dir;
  ASSERT_TRUE(WriteFileAtomic(dir.Join("empty"), ""));
  auto read = ReadSmallFile(dir.Join("empty"), 0);
  ASSERT_TRUE(read);
  EXPECT_TRUE(read->empty());
}

TEST(FileTest, ReadSmallFileOverTheLimitIsResourceExhausted) {
  ScopedTempDir dir;
  ASSERT_TRUE(WriteFileAtomic(dir.Join("f"), "123456"));
  auto read = ReadSmallFile(dir.Join("f"), 5);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code(), ErrorCode::kResourceExhausted);
}

TEST(FileTest, ReadSmallFileMissingIsUnreadable) {
  ScopedTempDir dir;
  auto read = ReadSmallFile(dir.Join("nope"), 100);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code(), ErrorCode::kUnreadable);
}

TEST(FileTest, ReadSmallFileOfADirectoryIsUnreadable) {
  ScopedTempDir dir;
  auto read = ReadSmallFile(dir.path(), 100);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code(), ErrorCode::kUnreadable);
}

TEST(FileTest, CreateDirectoriesMakesMissingParentsWithExactMode) {
  ScopedTempDir dir;
  const std::string leaf = dir.Join("a/b/c");
  {
    ScopedUmask umask(0);
    ASSERT_TRUE(CreateDirectories(leaf, 0700));
  }
  EXPECT_EQ(ModeOf(dir.Join("a")), 0700);
  EXPECT_EQ(ModeOf(dir.Join("a/b")), 0700);
  EXPECT_EQ(ModeOf(leaf), 0700);
}

TEST(FileTest, CreateDirectoriesLeavesExistingDirectoriesAlone) {
  ScopedTempDir dir;
  ASSERT_EQ(::chmod(dir.path().c_str(), 0750), 0);
  ASSERT_TRUE(CreateDirectories(dir.Join("sub"), 0700));
  EXPECT_EQ(ModeOf(dir.path()), 0750);
  EXPECT_EQ(ModeOf(dir.Join("sub")), 0700);
}

TEST(FileTest, CreateDirectoriesThroughAFileIsFailedPrecondition) {
  ScopedTempDir dir;
  ASSERT_TRUE(WriteFileAtomic(dir.Join("file"), "x"));
  auto made = CreateDirectories(dir.Join("file/sub"));
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code(), ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace cv
