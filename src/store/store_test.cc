// Tests for the backend-independent parts of store.h: Value helpers, Row access, URL dispatch.
#include "store/store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/testing/scoped_temp_dir.h"

namespace cv::store {
namespace {

using test::ScopedTempDir;

Row MakeRow() {
  auto names = std::make_shared<const std::vector<std::string>>(
      std::vector<std::string>{"id", "score", "name", "wrapped", "gone"});
  return Row({Int(7), 2.5, Text("张三"), Blob(std::string("\0k", 2)), Null()}, names);
}

TEST(StoreValueTest, HelpersBuildEachAlternative) {
  EXPECT_TRUE(std::holds_alternative<std::monostate>(Null()));
  EXPECT_EQ(std::get<std::int64_t>(Int(-3)), -3);
  EXPECT_EQ(std::get<std::string>(Text("t")), "t");
  EXPECT_EQ(std::get<Bytes>(Blob(std::string("\0", 1))).data, std::string("\0", 1));
  const Value from_int_literal = 5;  // Must pick INTEGER, not REAL.
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(from_int_literal));
  const Value from_c_string = "x";  // Must pick TEXT.
  EXPECT_TRUE(std::holds_alternative<std::string>(from_c_string));
}

TEST(StoreRowTest, TypedAccessByIndex) {
  const Row row = MakeRow();
  EXPECT_EQ(row.size(), 5);
  EXPECT_EQ(*row.Int(0), 7);
  EXPECT_EQ(*row.Real(1), 2.5);
  EXPECT_EQ(*row.Text(2), "张三");
  EXPECT_EQ(*row.Blob(3), std::string("\0k", 2));
  EXPECT_EQ(row.name(3), "wrapped");
}

TEST(StoreRowTest, IsNullOnlyForNullAndOutOfRange) {
  const Row row = MakeRow();
  EXPECT_TRUE(row.IsNull(4));
  EXPECT_FALSE(row.IsNull(0));
  EXPECT_FALSE(row.IsNull(3));
  EXPECT_TRUE(row.IsNull(5));
  EXPECT_TRUE(row.IsNull(-1));
}

TEST(StoreRowTest, TypeMismatchIsInternalNamingTheColumnNotTheValue) {
  const Row row = MakeRow();
  auto text_as_int = row.Int(2);
  ASSERT_FALSE(text_as_int);
  EXPECT_EQ(text_as_int.error().code(), ErrorCode::kInternal);
  EXPECT_NE(text_as_int.error().message().find("column 2 (name)"), std::string::npos);
  EXPECT_NE(text_as_int.error().message().find("TEXT"), std::string::npos);
  EXPECT_EQ(text_as_int.error().message().find("张三"), std::string::npos);
}

TEST(StoreRowTest, NullIsAMismatchForEveryType) {
  const Row row = MakeRow();
  EXPECT_EQ(row.Int(4).error().code(), ErrorCode::kInternal);
  EXPECT_EQ(row.Text(4).error().code(), ErrorCode::kInternal);
  EXPECT_EQ(row.Blob(4).error().code(), ErrorCode::kInternal);
}

TEST(StoreRowTest, TextAndBlobAreDistinct) {
  const Row row = MakeRow();
  EXPECT_EQ(row.Blob(2).error().code(), ErrorCode::kInternal);
  EXPECT_EQ(row.Text(3).error().code(), ErrorCode::kInternal);
}

TEST(StoreRowTest, OutOfRangeIndexIsInvalidArgument) {
  const Row row = MakeRow();
  EXPECT_EQ(row.Int(5).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(row.Text(-1).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(row.name(9), "");
}

TEST(StoreTest, UnknownSchemeIsInvalidArgumentWithoutEchoingTheUrl) {
  auto store = OpenStore({.url = "mysql://root:hunter2@db/cv"});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(store.error().message().find("\"mysql\""), std::string::npos);
  EXPECT_EQ(store.error().message().find("hunter2"), std::string::npos);
}

TEST(StoreTest, UrlWithoutSchemeIsInvalidArgument) {
  auto store = OpenStore({.url = "/var/lib/cvault/cvault.db"});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kInvalidArgument);
}

TEST(StoreTest, PostgresIsUnsupportedForNow) {
  auto store = OpenStore({.url = "postgres://cv:secret@db/cv"});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kUnsupported);
  EXPECT_NE(store.error().message().find("not built yet"), std::string::npos);
  EXPECT_EQ(store.error().message().find("secret"), std::string::npos);
}

TEST(StoreTest, MissingDatabaseIsNotFoundAndNotCreated) {
  ScopedTempDir dir;
  const std::string path = dir.Join("cvault.db");
  auto store = OpenStore({.url = "sqlite:" + path});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(StoreTest, CreateIfMissingCreatesTheCurrentSchema) {
  ScopedTempDir dir;
  auto store = OpenStore({.url = "sqlite:" + dir.Join("cvault.db"), .create_if_missing = true});
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_EQ((*store)->Backend(), "sqlite");
  auto version = (*store)->SchemaVersion();
  ASSERT_TRUE(version) << version.error().ToString();
  EXPECT_EQ(*version, static_cast<int>(Migrations().size()));
}

TEST(StoreTest, EmptySqlitePathIsInvalidArgument) {
  auto store = OpenStore({.url = "sqlite:", .create_if_missing = true});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace cv::store
