// ASCII armour for sealed envelopes: PEM-style lines of base64 (OpenSSL's EVP_EncodeBlock).
#include <openssl/evp.h>

#include "crypto/envelope.h"

namespace cv::crypto {
namespace {

constexpr std::string_view kBegin = "-----BEGIN CREDITVAULT SEALED-----";
constexpr std::string_view kEnd = "-----END CREDITVAULT SEALED-----";
constexpr std::size_t kLineBytes = 48;  // 64 base64 characters per line
// Base64 of the largest envelope, with line breaks; longer armour is refused before decoding.
constexpr std::size_t kMaxArmorBytes = (kMaxEnvelopePlaintextBytes + 4096) / 3 * 4 * 66 / 64;

std::string Base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// Decodes unbroken base64 with '=' padding; nullopt-like error for anything else.
Result<std::string> Unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) {
    return Fail(ErrorCode::kMalformed, "sealed armour: base64 length is not a multiple of 4");
  }
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return Fail(ErrorCode::kMalformed, "sealed armour: not base64");
  std::size_t pad = 0;  // EVP_DecodeBlock counts the padding as zero bytes.
  while (pad < 2 && text[text.size() - 1 - pad] == '=') ++pad;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

}  // namespace

std::string ArmorSealed(std::string_view sealed) {
  std::string out(kBegin);
  out.push_back('\n');
  for (std::size_t i = 0; i < sealed.size(); i += kLineBytes) {
    out.append(Base64(sealed.substr(i, kLineBytes))).push_back('\n');
  }
  out.append(kEnd).push_back('\n');
  return out;
}

Result<std::string> UnarmorSealed(std::string_view armored) {
  if (armored.size() > kMaxArmorBytes) {
    return Fail(ErrorCode::kResourceExhausted, "sealed armour is too long");
  }
  std::string text;
  for (char c : armored) {
    if (c != '\r') text.push_back(c);
  }
  std::string_view v = text;
  while (!v.empty() && v.back() == '\n') v.remove_suffix(1);
  if (!v.starts_with(kBegin) || !v.ends_with(kEnd) || v.size() < kBegin.size() + kEnd.size() + 2 ||
      v[kBegin.size()] != '\n' || v[v.size() - kEnd.size() - 1] != '\n') {
    return Fail(ErrorCode::kMalformed, "sealed armour: missing BEGIN/END CREDITVAULT SEALED lines");
  }
  v = v.substr(kBegin.size() + 1, v.size() - kBegin.size() - kEnd.size() - 2);
  std::string out;
  while (!v.empty()) {
    const std::size_t nl = v.find('\n');
    CV_ASSIGN_OR_RETURN(std::string part, Unbase64(v.substr(0, nl)));
    out.append(part);
    v = nl == std::string_view::npos ? std::string_view() : v.substr(nl + 1);
  }
  return out;
}

}  // namespace cv::crypto
