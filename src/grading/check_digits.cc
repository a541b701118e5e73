// Check digit algorithms (GB 11643, Luhn, GB 32100).
#include "grading/check_digits.h"

namespace cv::grading {
namespace {

// GB 32100-2015 Table: code alphabet and the weights of positions 1..17.
constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kUsccWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
// GB 11643-1999 6.2: weights W_i = 2^(18-i) mod 11 for i = 1..17.
constexpr int kIdWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
// GB 11714-1997 4.3: weights of the organisation code body.
constexpr int kOrgCodeWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kIdCheckChars[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Value of each byte in kUsccAlphabet, or -1.
struct UsccValues {
  signed char value[256];
  constexpr UsccValues() : value() {
    for (int i = 0; i < 256; ++i) value[i] = -1;
    for (std::size_t i = 0; i < kUsccAlphabet.size(); ++i) {
      value[static_cast<unsigned char>(kUsccAlphabet[i])] = static_cast<signed char>(i);
    }
  }
};
constexpr UsccValues kUsccValues;

}  // namespace

std::optional<char> ResidentIdCheckChar(std::string_view first17) {
  if (first17.size() != 17) return std::nullopt;
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (!IsDigit(first17[i])) return std::nullopt;
    sum += (first17[i] - '0') * kIdWeights[i];
  }
  return kIdCheckChars[sum % 11];
}

std::optional<char> LuhnCheckDigit(std::string_view payload) {
  int sum = 0;
  bool twice = true;  // the rightmost payload digit is doubled once the check digit is appended
  for (auto it = payload.rbegin(); it != payload.rend(); ++it) {
    if (!IsDigit(*it)) return std::nullopt;
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool LuhnValid(std::string_view number) {
  if (number.size() < 2) return false;
  auto check = LuhnCheckDigit(number.substr(0, number.size() - 1));
  return check && *check == number.back();
}

std::optional<char> UsccCheckChar(std::string_view first17) {
  if (first17.size() != 17) return std::nullopt;
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    int value = kUsccValues.value[static_cast<unsigned char>(first17[i])];
    if (value < 0) return std::nullopt;
    sum += value * kUsccWeights[i];
  }
  return kUsccAlphabet[(31 - sum % 31) % 31];
}

std::optional<char> OrgCodeCheckChar(std::string_view body8) {
  if (body8.size() != 8) return std::nullopt;
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    char c = body8[i];
    int v;
    if (IsDigit(c)) {
      v = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      v = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    sum += v * kOrgCodeWeights[i];
  }
  int check = 11 - sum % 11;
  return check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
}

}  // namespace cv::grading
