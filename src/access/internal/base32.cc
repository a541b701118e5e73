// RFC 4648 base32 encoding.
#include "access/internal/base32.h"

#include <cstdint>

namespace cv::access::internal {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";  // RFC 4648 Table 3

}  // namespace

void Base32EncodeTo(std::string_view in, char* out) {
  std::uint32_t buffer = 0;  // the `bits` low bits not yet written
  int bits = 0;
  std::size_t o = 0;
  for (unsigned char c : in) {
    buffer = ((buffer << 8) | c) & 0xfffu;
    bits += 8;
    for (; bits >= 5; bits -= 5) out[o++] = kAlphabet[(buffer >> (bits - 5)) & 31];
  }
  if (bits > 0) out[o++] = kAlphabet[(buffer << (5 - bits)) & 31];
  while (o < Base32Size(in.size())) out[o++] = '=';
}

std::string Base32Encode(std::string_view bytes) {
  std::string out(Base32Size(bytes.size()), '\0');
  Base32EncodeTo(bytes, out.data());
  return out;
}

}  // namespace cv::access::internal
