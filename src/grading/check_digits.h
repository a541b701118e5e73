// Check digits of the identifiers the detectors validate: GB 11643 (resident ID, MOD 11-2),
// ISO/IEC 7812 Luhn (bank cards, IMEI) and GB 32100 (unified social credit code, MOD 31).
//
// Thread-safety: pure functions.
#ifndef CV_GRADING_CHECK_DIGITS_H_
#define CV_GRADING_CHECK_DIGITS_H_

#include <optional>
#include <string_view>

namespace cv::grading {

// GB 11643-1999 6.2: the check character ('0'-'9' or 'X') for the first 17 digits.
// nullopt when `first17` is not 17 ASCII digits.
std::optional<char> ResidentIdCheckChar(std::string_view first17);

// Luhn check digit to append to `payload` (ASCII digits). nullopt on a non-digit.
std::optional<char> LuhnCheckDigit(std::string_view payload);
// True when `number` (ASCII digits, check digit last) passes Luhn.
bool LuhnValid(std::string_view number);

// GB 32100-2015 4.3: the check character for the first 17 characters of a USCC, from the
// alphabet 0-9 A-H J-N P-R T-U W-Y (no I, O, S, V, Z). nullopt on a character outside it.
std::optional<char> UsccCheckChar(std::string_view first17);

// GB 11714-1997 4.3: the check character ('0'-'9' or 'X') of an organisation code, computed over
// its 8-character body (digits and capitals; positions 9-16 of a USCC). nullopt on other input.
std::optional<char> OrgCodeCheckChar(std::string_view body8);

}  // namespace cv::grading

#endif  // CV_GRADING_CHECK_DIGITS_H_
