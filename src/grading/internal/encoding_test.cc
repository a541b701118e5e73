// Tests for encoding sniffing, UTF-8 repair and GB18030 conversion.
#include "grading/internal/encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace cv::grading::internal {
namespace {

// "张三,北京市" in GBK (GB 2312 code points: 张 D5C5, 三 C8FD, 北 B1B1, 京 BEA9, 市 CAD0).
const std::string kGbk = "\xD5\xC5\xC8\xFD,\xB1\xB1\xBE\xA9\xCA\xD0\n";

TEST(EncodingSniffTest, PlainUtf8) {
  auto s = SniffEncoding("姓名,手机\n张三,138\n", true, "auto");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->encoding, Encoding::kUtf8);
  EXPECT_EQ(s->bom_bytes, 0u);
}

TEST(EncodingSniffTest, Utf8Bom) {
  auto s = SniffEncoding("\xEF\xBB\xBFname\n", true, "auto");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->encoding, Encoding::kUtf8Bom);
  EXPECT_EQ(s->bom_bytes, 3u);
}

TEST(EncodingSniffTest, GbkDetected) {
  auto s = SniffEncoding(kGbk, true, "auto");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->encoding, Encoding::kGb18030);
}

TEST(EncodingSniffTest, ForcedGbk) {
  auto s = SniffEncoding("abc\n", true, "gbk");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->encoding, Encoding::kGb18030);
}

TEST(EncodingSniffTest, BinaryRefused) {
  std::string bin(
      "\x7F"
      "ELF\x02\x01\x01\x00\x00\x00",
      10);
  auto s = SniffEncoding(bin, true, "auto");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kMalformed);
}

TEST(EncodingSniffTest, Utf16Unsupported) {
  auto s = SniffEncoding(std::string("\xFF\xFEn\0a\0m\0e\0", 10), true, "auto");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kUnsupported);
  std::string no_bom;
  for (char c : std::string("name,mobile\nzhang,138\n")) {
    no_bom += c;
    no_bom += '\0';
  }
  auto t = SniffEncoding(no_bom, true, "auto");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code(), ErrorCode::kUnsupported);
}

TEST(EncodingSniffTest, UnknownForcedName) {
  auto s = SniffEncoding("abc", true, "latin-9");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
}

TEST(EncodingSniffTest, CutOffSequenceAtWindowEndIsNotEvidence) {
  std::string head = "abc,\xE5\xBC";  // first two bytes of 张 (E5 BC A0)
  EXPECT_EQ(CountInvalidUtf8(head, false), 0u);
  EXPECT_EQ(CountInvalidUtf8(head, true), 2u);  // both bytes are stray at the end
}

TEST(Utf8RepairTest, ReplacesOnlyInvalidBytes) {
  std::string text = "ok \xC3\xA9 bad \xFF\xC0 end \xED\xA0\x80";  // é, invalid, surrogate
  std::vector<std::size_t> offsets;
  std::size_t n =
      RepairUtf8(text.data(), text.size(), [&](std::size_t o) { offsets.push_back(o); });
  EXPECT_EQ(n, 5u);  // FF, C0, and the three surrogate bytes
  EXPECT_EQ(offsets.front(), 10u);
  EXPECT_EQ(CountInvalidUtf8(text, true), 0u);
  EXPECT_NE(text.find("\xC3\xA9"), std::string::npos);
}

TEST(Utf8RepairTest, AsciiUntouched) {
  std::string text(1000, 'a');
  EXPECT_EQ(RepairUtf8(text.data(), text.size(), [](std::size_t) {}), 0u);
  EXPECT_EQ(text, std::string(1000, 'a'));
}

TEST(Gb18030DecoderTest, ConvertsGbkToUtf8) {
  auto d = Gb18030Decoder::Create();
  ASSERT_TRUE(d);
  std::string out;
  EXPECT_EQ((*d)->Convert(kGbk, &out), 0u);
  EXPECT_EQ(out, "张三,北京市\n");
}

TEST(Gb18030DecoderTest, InvalidByteReplacedAndCounted) {
  auto d = Gb18030Decoder::Create();
  ASSERT_TRUE(d);
  std::string out;
  std::string in =
      "a\xFF"
      "b";
  EXPECT_EQ((*d)->Convert(in, &out), 1u);
  EXPECT_EQ(out, "a?b");
  EXPECT_EQ((*d)->first_invalid(), 1u);
}

TEST(Gb18030DecoderTest, LargeInputGrowsOutput) {
  auto d = Gb18030Decoder::Create();
  ASSERT_TRUE(d);
  std::string in;
  for (int i = 0; i < 20000; ++i) in += kGbk;
  std::string out;
  EXPECT_EQ((*d)->Convert(in, &out), 0u);
  EXPECT_EQ(out.size(), 20000u * std::string("张三,北京市\n").size());
}

}  // namespace
}  // namespace cv::grading::internal
