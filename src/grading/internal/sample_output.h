// Output pieces of the sample generator: RFC 4180 field quoting, JSON string escaping, and a
// UTF-8 to GB18030 encoder over glibc iconv.
//
// Thread-safety: the functions are pure; a Gb18030Encoder is not thread-safe (one per thread).
#ifndef CV_GRADING_INTERNAL_SAMPLE_OUTPUT_H_
#define CV_GRADING_INTERNAL_SAMPLE_OUTPUT_H_

#include <iconv.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include "common/result.h"

namespace cv::grading::samplegen {

// RFC 4180 2.6-2.7: the field that starts at `start` in `*buf` (and runs to its end) is
// enclosed in double quotes, with inner quotes doubled, when it contains the delimiter, a
// quote, CR or LF.
void QuoteCsvFieldInPlace(std::string* buf, std::size_t start, char delimiter);

// Appends `value` as a JSON string literal (RFC 8259 7); UTF-8 passes through unchanged.
void AppendJsonString(std::string_view value, std::string* out);

// True when `value` is an RFC 8259 6 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?
bool IsJsonNumber(std::string_view value);

// Converts UTF-8 text to GB18030. Input handed to Convert must end on a character boundary.
class Gb18030Encoder {
 public:
  [[nodiscard]] static Result<Gb18030Encoder> New();

  // Replaces `*out` with the GB18030 form of `utf8`.
  // Errors: kInternal on input that is not valid UTF-8.
  [[nodiscard]] Status Convert(std::string_view utf8, std::string* out);

 private:
  struct Closer {
    void operator()(std::remove_pointer_t<iconv_t>* cd) const { iconv_close(cd); }
  };
  using Handle = std::unique_ptr<std::remove_pointer_t<iconv_t>, Closer>;
  explicit Gb18030Encoder(Handle cd) : cd_(std::move(cd)) {}
  Handle cd_;
};

}  // namespace cv::grading::samplegen

#endif  // CV_GRADING_INTERNAL_SAMPLE_OUTPUT_H_
