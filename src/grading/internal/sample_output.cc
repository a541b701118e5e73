// CSV quoting, JSON escaping and GB18030 encoding for the sample generator.
#include "grading/internal/sample_output.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace cv::grading::samplegen {

void QuoteCsvFieldInPlace(std::string* buf, std::size_t start, char delimiter) {
  std::string_view field = std::string_view(*buf).substr(start);
  // A plain loop: fields are short, and find_first_of costs a memchr per byte.
  auto special = [delimiter](char c) {
    return c == delimiter || c == '"' || c == '\r' || c == '\n';
  };
  if (std::none_of(field.begin(), field.end(), special)) return;
  std::string quoted;
  quoted.reserve(field.size() + 8);
  quoted.push_back('"');
  for (char c : field) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  buf->resize(start);
  buf->append(quoted);
}

void AppendJsonString(std::string_view value, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (u < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[u >> 4]);
          out->push_back(kHex[u & 0xF]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

bool IsJsonNumber(std::string_view v) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0;
  if (i < v.size() && v[i] == '-') ++i;
  if (i >= v.size() || !digit(v[i])) return false;
  if (v[i] == '0') {
    ++i;
  } else {
    while (i < v.size() && digit(v[i])) ++i;
  }
  if (i < v.size() && v[i] == '.') {
    ++i;
    if (i >= v.size() || !digit(v[i])) return false;
    while (i < v.size() && digit(v[i])) ++i;
  }
  return i == v.size();
}

Result<Gb18030Encoder> Gb18030Encoder::New() {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return Fail(ErrorCode::kInternal,
                std::string("iconv cannot convert UTF-8 to GB18030: ") + std::strerror(errno));
  }
  return Gb18030Encoder(Handle(cd));
}

Status Gb18030Encoder::Convert(std::string_view utf8, std::string* out) {
  // A UTF-8 character of n bytes takes at most 4 GB18030 bytes, and n >= 2 unless it is ASCII.
  out->resize(utf8.size() * 2 + 16);
  char* in = const_cast<char*>(utf8.data());  // iconv's API is not const-correct
  std::size_t in_left = utf8.size();
  char* dst = out->data();
  std::size_t out_left = out->size();
  while (in_left > 0) {
    if (iconv(cd_.get(), &in, &in_left, &dst, &out_left) != static_cast<std::size_t>(-1)) break;
    if (errno != E2BIG) {
      iconv(cd_.get(), nullptr, nullptr, nullptr, nullptr);
      return Fail(ErrorCode::kInternal,
                  "text is not valid UTF-8 at byte " + std::to_string(utf8.size() - in_left));
    }
    std::size_t used = static_cast<std::size_t>(dst - out->data());
    out->resize(out->size() * 2);
    dst = out->data() + used;
    out_left = out->size() - used;
  }
  out->resize(static_cast<std::size_t>(dst - out->data()));
  return Ok();
}

}  // namespace cv::grading::samplegen
