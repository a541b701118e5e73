// Base32 against RFC 4648 section 10, and against liboath's decoder.
#include "access/internal/base32.h"

#include <gtest/gtest.h>
#include <liboath/oath.h>

#include <cstdlib>
#include <string>

#include "common/testing/vector_file.h"

namespace cv::access::internal {
namespace {

TEST(Base32Test, Rfc4648Section10Vectors) {
  EXPECT_EQ(Base32Encode(""), "");
  const int n = cv::testing::ForEachVector(
      cv::testing::SourcePath("src/access/testdata/base32_rfc4648_vectors.txt"),
      [](cv::testing::VectorBlock& v) {
        const std::string input = v.Get("Input");
        const std::string expected = v.Get("Base32");
        EXPECT_EQ(Base32Encode(input), expected);
        EXPECT_EQ(Base32Size(input.size()), expected.size());
      });
  EXPECT_EQ(n, 6);
}

// Every byte value at every position of a 5-byte group round-trips through liboath's decoder.
TEST(Base32Test, LiboathDecodesEveryByteValue) {
  for (int len = 1; len <= 10; ++len) {
    for (int byte = 0; byte < 256; ++byte) {
      std::string input(static_cast<std::size_t>(len), static_cast<char>(0xa5));
      input[static_cast<std::size_t>(byte % len)] = static_cast<char>(byte);
      const std::string encoded = Base32Encode(input);
      char* out = nullptr;
      std::size_t out_len = 0;
      ASSERT_EQ(oath_base32_decode(encoded.data(), encoded.size(), &out, &out_len), OATH_OK);
      EXPECT_EQ(std::string(out, out_len), input) << encoded;
      std::free(out);
    }
  }
}

}  // namespace
}  // namespace cv::access::internal
