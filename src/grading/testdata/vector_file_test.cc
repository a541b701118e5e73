// Tests for the test vector loader: the format, and that an unknown attribute fails the test.
#include "grading/testdata/vector_file.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

namespace cv::grading::testing {
namespace {

TEST(VectorFileCheckTest, ParsesBlocksAndSkipsComments) {
  auto blocks = ParseVectors("# source\nA = 1\nB = x y\n\n# next\nA = 2\n", "t.txt");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].Get("A"), "1");
  EXPECT_EQ(blocks[0].Get("B"), "x y");
  EXPECT_EQ(blocks[0].where(), "t.txt:2");
  EXPECT_EQ(blocks[1].Get("A"), "2");
  EXPECT_FALSE(blocks[1].Has("B"));
}

TEST(VectorFileCheckTest, ValueKeepsInnerSpacesAndDropsCarriageReturn) {
  auto blocks = ParseVectors("Card = 4111 1111 1111 1111\r\n", "t.txt");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].Get("Card"), "4111 1111 1111 1111");
}

TEST(VectorFileCheckTest, UnreadAttributeIsReported) {
  auto blocks = ParseVectors("ID = 1\nVerdcit = match\n", "t.txt");
  ASSERT_EQ(blocks.size(), 1u);
  blocks[0].Get("ID");
  ASSERT_EQ(blocks[0].Unused().size(), 1u);
  EXPECT_EQ(blocks[0].Unused()[0], "Verdcit");
}

TEST(VectorFileCheckTest, UnknownAttributeFailsTheTest) {
  const std::string path = ::testing::TempDir() + "vector_file_typo.txt";
  {
    std::ofstream out(path);
    out << "# a typo: Verdcit\nID = 1\nVerdcit = match\n";
  }
  EXPECT_NONFATAL_FAILURE(ForEachVector(path, [](VectorBlock& b) { b.Get("ID"); }),
                          "unknown attribute Verdcit");
}

TEST(VectorFileCheckTest, MalformedLineFailsTheTest) {
  EXPECT_NONFATAL_FAILURE(ParseVectors("ID=1\n", "t.txt"), "not `Key = Value`");
}

TEST(VectorFileCheckTest, RepeatedKeyFailsTheTest) {
  EXPECT_NONFATAL_FAILURE(ParseVectors("ID = 1\nID = 2\n", "t.txt"), "repeated attribute ID");
}

TEST(VectorFileCheckTest, MissingFileFailsTheTest) {
  EXPECT_NONFATAL_FAILURE(ForEachVector("/nonexistent/vectors.txt", [](VectorBlock&) {}),
                          "cannot open test vectors");
}

TEST(VectorFileCheckTest, MissingAttributeFailsTheTest) {
  auto blocks = ParseVectors("ID = 1\n", "t.txt");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_NONFATAL_FAILURE(blocks[0].Get("Verdict"), "missing attribute Verdict");
}

}  // namespace
}  // namespace cv::grading::testing
