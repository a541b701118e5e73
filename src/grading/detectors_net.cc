// Network and device detectors: email, IP address, device identifiers, geolocation (GRD-3).
#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string_view>

#include "grading/check_digits.h"
#include "grading/detectors.h"
#include "grading/internal/cell_shape.h"

namespace cv::grading {
namespace {

using internal::IsDigit;

bool IsHex(char c) {
  return (internal::kCharClass[static_cast<unsigned char>(c)] &
          (internal::kDigit | internal::kHexAlpha)) != 0;
}

// Per byte: bit 0 for RFC 5322 3.2.3 atext, bit 1 for an RFC 1035 label character (letter,
// digit, hyphen).
constexpr std::array<std::uint8_t, 256> kEmailChars = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const bool alnum = (internal::kCharClass[c] & internal::kAlnum) != 0;
    if (alnum || std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) !=
                     std::string_view::npos) {
      t[c] |= 1;
    }
    if (alnum || c == '-') t[c] |= 2;
  }
  return t;
}();

// RFC 5322 3.2.3 atext.
bool IsAtext(char c) { return (kEmailChars[static_cast<unsigned char>(c)] & 1) != 0; }

// RFC 1035 2.3.1: a letter, digit or hyphen.
bool IsLabelChar(char c) { return (kEmailChars[static_cast<unsigned char>(c)] & 2) != 0; }

// RFC 5322 dot-atom: atext runs joined by single dots; at most 64 octets (RFC 5321 4.5.3.1.1).
bool LocalPartOk(std::string_view local) {
  if (local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  for (std::size_t i = 0; i < local.size(); ++i) {
    if (local[i] == '.' ? local[i - 1] == '.' : !IsAtext(local[i])) return false;
  }
  return true;
}

// RFC 1035 2.3.1 label: letters, digits, inner hyphens; 1-63 octets.
bool LabelOk(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
    return false;
  for (char c : label) {
    if (!IsLabelChar(c)) return false;
  }
  return true;
}

// Two or more labels; the top-level one alphabetic (>= 2 letters) or an IDNA "xn--" label.
bool DomainOk(std::string_view domain) {
  const std::size_t last_dot = domain.rfind('.');
  if (last_dot == std::string_view::npos || domain.size() > 253) return false;
  const std::string_view tld = domain.substr(last_dot + 1);
  bool tld_ok = tld.size() >= 2 && LabelOk(tld);
  for (char c : tld)
    tld_ok = tld_ok && (internal::kCharClass[static_cast<unsigned char>(c)] & internal::kLetter);
  if (!tld_ok && !(tld.starts_with("xn--") && LabelOk(tld))) return false;
  for (std::size_t start = 0; start <= last_dot;) {
    const std::size_t dot = domain.find('.', start);
    if (!LabelOk(domain.substr(start, dot - start))) return false;
    start = dot + 1;
  }
  return true;
}

// A dotted quad: 4 runs of 1-3 digits joined by single dots (else kNoMatch); an octet with a
// leading zero or above 255 is kInvalid. One pass.
Verdict CheckIpv4(std::string_view v) {
  int parts = 0, len = 0, value = 0;
  bool bad = false;
  for (std::size_t i = 0; i <= v.size(); ++i) {
    if (i < v.size() && IsDigit(v[i])) {
      bad |= len == 1 && value == 0;  // a leading zero
      value = value * 10 + (v[i] - '0');
      if (++len > 3) return Verdict::kNoMatch;
      continue;
    }
    if ((i < v.size() && v[i] != '.') || parts == 4 || len == 0) return Verdict::kNoMatch;
    bad |= value > 255;
    ++parts, len = 0, value = 0;
  }
  if (parts != 4) return Verdict::kNoMatch;
  return bad ? Verdict::kInvalid : Verdict::kMatch;
}

Verdict CheckIpv6(std::string_view v) {
  char buf[INET6_ADDRSTRLEN];
  if (v.size() < 2 || v.size() >= sizeof(buf) || v.find(':') == v.rfind(':'))
    return Verdict::kNoMatch;
  std::memcpy(buf, v.data(), v.size());
  buf[v.size()] = '\0';
  unsigned char addr[16];
  return inet_pton(AF_INET6, buf, addr) == 1 ? Verdict::kMatch : Verdict::kNoMatch;
}

// GSMA reporting body identifiers (first two IMEI digits) that have issued TACs.
bool IsImeiReportingBody(int rbi) {
  switch (rbi) {
    case 1:
    case 10:
    case 30:
    case 31:
    case 32:
    case 33:
    case 35:
    case 44:
    case 45:
    case 49:
    case 50:
    case 51:
    case 52:
    case 53:
    case 54:
    case 86:
    case 91:
    case 98:
    case 99:
      return true;
    default:
      return false;
  }
}

// 15 digits whole or as AA-BBBBBB-CCCCCC-D (3GPP TS 23.003 6.2.1 layout) split by '-' or ' '.
bool CollectImeiDigits(std::string_view v, char out[15]) {
  if (v.size() == 18) {
    const char sep = v[2];
    if ((sep != '-' && sep != ' ') || v[9] != sep || v[16] != sep) return false;
    std::size_t n = 0;
    for (std::size_t i = 0; i < 18; ++i) {
      if (i == 2 || i == 9 || i == 16) continue;
      if (!IsDigit(v[i])) return false;
      out[n++] = v[i];
    }
    return true;
  }
  if (v.size() != 15 || !internal::AllDigits(v)) return false;
  std::memcpy(out, v.data(), 15);
  return true;
}

Verdict CheckImei(std::string_view v) {
  char d[15];
  if (!CollectImeiDigits(v, d)) return Verdict::kNoMatch;
  if (!IsImeiReportingBody(internal::ParseDigits(std::string_view(d, 2)))) return Verdict::kNoMatch;
  return LuhnValid(std::string_view(d, 15)) ? Verdict::kMatch : Verdict::kInvalid;
}

// True when v[i] is `sep` at every position in `seps` and a hex digit elsewhere.
bool HexWithSeparators(std::string_view v, std::initializer_list<std::size_t> seps, char sep) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    const bool at_sep = std::find(seps.begin(), seps.end(), i) != seps.end();
    if (at_sep ? v[i] != sep : !IsHex(v[i])) return false;
  }
  return true;
}

bool IsUuid(std::string_view v) {  // RFC 4122 3: 8-4-4-4-12
  return v.size() == 36 && HexWithSeparators(v, {8, 13, 18, 23}, '-');
}

bool IsMac(std::string_view v) {  // IEEE 802 canonical forms and the Cisco dotted form
  if (v.size() == 14) return HexWithSeparators(v, {4, 9}, '.');
  if (v.size() != 17 || (v[2] != ':' && v[2] != '-')) return false;
  return HexWithSeparators(v, {2, 5, 8, 11, 14}, v[2]);
}

// A coordinate: optional '-', 1-3 integer digits, '.', >= 3 decimals. `whole` gets the integer
// part; `fraction` says whether the decimals are not all zero.
bool ParseCoordinate(std::string_view v, int* whole, bool* fraction) {
  if (v.starts_with('-')) v.remove_prefix(1);
  const std::size_t dot = v.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot > 3 || v.size() - dot - 1 < 3 ||
      v.size() - dot - 1 > 15) {
    return false;
  }
  *whole = internal::ParseDigits(v.substr(0, dot));
  *fraction = false;
  for (char c : v.substr(dot + 1)) {
    if (!IsDigit(c)) return false;
    *fraction |= c != '0';
  }
  return *whole >= 0;
}

bool WithinDegrees(int whole, bool fraction, int limit) {
  return whole < limit || (whole == limit && !fraction);
}

}  // namespace

Verdict CheckEmail(std::string_view v) {
  const std::size_t at = v.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == v.size()) return Verdict::kNoMatch;
  if (v.find('@', at + 1) != std::string_view::npos) return Verdict::kNoMatch;
  for (char c : v) {
    if (static_cast<unsigned char>(c) <= ' ' || static_cast<unsigned char>(c) >= 0x7F) {
      return Verdict::kNoMatch;
    }
  }
  if (v.size() > 254 || !LocalPartOk(v.substr(0, at)) || !DomainOk(v.substr(at + 1))) {
    return Verdict::kInvalid;
  }
  return Verdict::kMatch;
}

Verdict CheckIpAddress(std::string_view v) {
  for (char c : v) {
    if (c == ':') return CheckIpv6(v);
  }
  return CheckIpv4(v);
}

Verdict CheckDeviceId(std::string_view v) {
  if (IsUuid(v) || IsMac(v)) return Verdict::kMatch;
  return CheckImei(v);
}

Verdict CheckGeoLocation(std::string_view v) {
  const std::size_t comma = v.find(',');
  if (comma == std::string_view::npos) return Verdict::kNoMatch;
  std::string_view second = v.substr(comma + 1);
  if (second.starts_with(' ')) second.remove_prefix(1);
  int a = 0, b = 0;
  bool fa = false, fb = false;
  if (!ParseCoordinate(v.substr(0, comma), &a, &fa) || !ParseCoordinate(second, &b, &fb)) {
    return Verdict::kNoMatch;
  }
  const bool lat_lng = WithinDegrees(a, fa, 90) && WithinDegrees(b, fb, 180);
  const bool lng_lat = WithinDegrees(a, fa, 180) && WithinDegrees(b, fb, 90);
  return lat_lng || lng_lat ? Verdict::kMatch : Verdict::kInvalid;
}

}  // namespace cv::grading
