// Tests for DataDir: the layout, private modes whatever the umask, and the refusals.
#include "store/data_dir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/testing/scoped_temp_dir.h"
#include "store/store.h"

namespace cv::store {
namespace {

using test::ModeOf;
using test::ScopedTempDir;
using test::ScopedUmask;

TEST(DataDirTest, CreateMakesThePrivateLayout) {
  ScopedTempDir tmp;
  const std::string root = tmp.Join("data");
  ScopedUmask umask(0);
  auto dir = DataDir::Create(root);
  ASSERT_TRUE(dir) << dir.error().ToString();
  EXPECT_EQ(ModeOf(root), 0700);
  EXPECT_EQ(ModeOf(root + "/keys"), 0700);
  EXPECT_EQ(ModeOf(root + "/cvault.db"), 0600);
  EXPECT_FALSE(std::filesystem::exists(dir->config_path()));  // Optional; not written here.
}

TEST(DataDirTest, CreateMakesMissingParentsPrivate) {
  ScopedTempDir tmp;
  ScopedUmask umask(022);
  ASSERT_TRUE(DataDir::Create(tmp.Join("a/b/data")));
  EXPECT_EQ(ModeOf(tmp.Join("a")), 0700);
  EXPECT_EQ(ModeOf(tmp.Join("a/b")), 0700);
  EXPECT_EQ(ModeOf(tmp.Join("a/b/data")), 0700);
}

TEST(DataDirTest, CreatedDatabaseHasTheCurrentSchema) {
  ScopedTempDir tmp;
  auto dir = DataDir::Create(tmp.Join("data"));
  ASSERT_TRUE(dir);
  auto store = OpenStore({.url = dir->store_url()});  // No create_if_missing needed.
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_EQ(*(*store)->SchemaVersion(), static_cast<int>(Migrations().size()));
}

TEST(DataDirTest, AccessorsNameTheLayout) {
  ScopedTempDir tmp;
  auto dir = DataDir::Create(tmp.Join("data") + "//");
  ASSERT_TRUE(dir);
  const std::string root = tmp.Join("data");
  EXPECT_EQ(dir->root(), root);
  EXPECT_EQ(dir->database_path(), root + "/cvault.db");
  EXPECT_EQ(dir->keys_dir(), root + "/keys");
  EXPECT_EQ(dir->config_path(), root + "/cvault.toml");
  EXPECT_EQ(dir->store_url(), "sqlite:" + root + "/cvault.db");
}

TEST(DataDirTest, CreateRefusesANonEmptyDirectoryAndTouchesNothing) {
  ScopedTempDir tmp;
  const std::string root = tmp.Join("data");
  std::filesystem::create_directory(root);
  std::ofstream(root + "/precious.txt") << "keep me";
  auto dir = DataDir::Create(root);
  ASSERT_FALSE(dir);
  EXPECT_EQ(dir.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(dir.error().message(), "data directory " + root + " is not empty");
  EXPECT_FALSE(std::filesystem::exists(root + "/cvault.db"));
  EXPECT_TRUE(std::filesystem::exists(root + "/precious.txt"));
}

TEST(DataDirTest, CreateTakesOverAnEmptyDirectory) {
  ScopedTempDir tmp;
  const std::string root = tmp.Join("data");
  std::filesystem::create_directory(root);
  ASSERT_EQ(::chmod(root.c_str(), 0755), 0);
  ASSERT_TRUE(DataDir::Create(root));
  EXPECT_EQ(ModeOf(root), 0700);
}

TEST(DataDirTest, CreateRefusesAFile) {
  ScopedTempDir tmp;
  std::ofstream(tmp.Join("file")) << "x";
  auto dir = DataDir::Create(tmp.Join("file"));
  ASSERT_FALSE(dir);
  EXPECT_EQ(dir.error().code(), ErrorCode::kFailedPrecondition);
}

TEST(DataDirTest, OpenAfterCreateSucceeds) {
  ScopedTempDir tmp;
  ASSERT_TRUE(DataDir::Create(tmp.Join("data")));
  auto dir = DataDir::Open(tmp.Join("data"));
  ASSERT_TRUE(dir) << dir.error().ToString();
  EXPECT_EQ(dir->database_path(), tmp.Join("data/cvault.db"));
}

TEST(DataDirTest, OpenMissingIsNotFound) {
  ScopedTempDir tmp;
  auto dir = DataDir::Open(tmp.Join("nope"));
  ASSERT_FALSE(dir);
  EXPECT_EQ(dir.error().code(), ErrorCode::kNotFound);
}

TEST(DataDirTest, OpenWithoutADatabaseIsNotADataDirectory) {
  ScopedTempDir tmp;
  auto dir = DataDir::Open(tmp.path());
  ASSERT_FALSE(dir);
  EXPECT_EQ(dir.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(dir.error().message().find("not a CreditVault data directory (no cvault.db)"),
            std::string::npos);
}

TEST(DataDirTest, OpenWithoutKeysIsNotADataDirectory) {
  ScopedTempDir tmp;
  ASSERT_TRUE(DataDir::Create(tmp.Join("data")));
  std::filesystem::remove(tmp.Join("data/keys"));
  auto dir = DataDir::Open(tmp.Join("data"));
  ASSERT_FALSE(dir);
  EXPECT_EQ(dir.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(dir.error().message().find("(no keys/)"), std::string::npos);
}

// Each of the three may not be accessible to group or others; the error says how to fix it.
struct Loosened {
  const char* name;
  mode_t mode;
  const char* fix;
};

class DataDirPermissionTest : public ::testing::TestWithParam<Loosened> {};

TEST_P(DataDirPermissionTest, OpenRefusesWithTheChmodFix) {
  ScopedTempDir tmp;
  ASSERT_TRUE(DataDir::Create(tmp.Join("data")));
  const std::string target = tmp.Join(GetParam().name);
  ASSERT_EQ(::chmod(target.c_str(), GetParam().mode), 0);
  auto dir = DataDir::Open(tmp.Join("data"));
  ASSERT_FALSE(dir);
  EXPECT_EQ(dir.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(dir.error().message().find(std::string(GetParam().fix) + " " + target),
            std::string::npos)
      << dir.error().message();
}

INSTANTIATE_TEST_SUITE_P(DataDirTest, DataDirPermissionTest,
                         ::testing::Values(Loosened{"data", 0750, "chmod 700"},
                                           Loosened{"data/keys", 0701, "chmod 700"},
                                           Loosened{"data/cvault.db", 0640, "chmod 600"}));

}  // namespace
}  // namespace cv::store
