// Untrusted text (codes, targets) made safe to put in an audit record or an error message.
#ifndef CV_ACCESS_INTERNAL_PRINTABLE_H_
#define CV_ACCESS_INTERNAL_PRINTABLE_H_

#include <string>
#include <string_view>

namespace cv::access::internal {

// At most 64 bytes of `s`, anything but printable ASCII (and space) as '?'.
inline std::string Printable(std::string_view s) {
  std::string out(s.substr(0, 64));
  for (char& c : out) {
    if (c <= 0x20 || c >= 0x7f) c = '?';
  }
  return out;
}

}  // namespace cv::access::internal

#endif  // CV_ACCESS_INTERNAL_PRINTABLE_H_
