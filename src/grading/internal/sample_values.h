// Fake values for the sample generator: one function per column kind, each appending one cell
// (UTF-8, no quoting) to `out`. Valid identifiers carry correct check characters computed with
// grading/check_digits.h; decoys are shaped to look numeric but are not personal data.
//
// Thread-safety: the generators only touch the RowContext they are given.
// Invariants:
//  1. Every character produced is representable in GBK (the --encoding gbk output), so no
//     U+00A5 yen sign, no emoji, no rare CJK.
//  2. Given the same RowContext state, a generator produces the same bytes on every platform.
#ifndef CV_GRADING_INTERNAL_SAMPLE_VALUES_H_
#define CV_GRADING_INTERNAL_SAMPLE_VALUES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "grading/internal/sample_rng.h"

namespace cv::grading::samplegen {

// A GB/T 2260 county-level division with the names used in addresses and branch names.
struct Region {
  std::string_view code;        // 6 digits, e.g. "440305"
  std::string_view province;    // "广东省"; for a municipality "北京市"
  std::string_view city;        // "深圳市"; empty for a municipality
  std::string_view district;    // "南山区"
  std::string_view city_short;  // "深圳": the city in bank branch names
};

// The person a row describes, so that name, gender, birth date and resident ID agree.
struct Person {
  const Region* region = nullptr;
  int year = 0, month = 0, day = 0;
  int sequence = 0;  // GB 11643 order code, 0-999; odd for men.
  bool male = false;
  std::string name;
};

// State shared by the generators of one row.
struct RowContext {
  explicit RowContext(std::uint64_t seed) : rng(seed) {}
  SampleRng rng;
  std::uint64_t row = 0;  // 0-based data row index
  Person person;
};

// Draws a new person into ctx->person.
void NewPerson(RowContext* ctx);

// Helpers shared by the generator files.
void AppendPadded(std::uint64_t value, int width, std::string* out);     // zero-padded decimal
void AppendDigits(SampleRng& rng, int count, std::string* out);          // `count` random digits
void AppendCents(std::int64_t cents, bool thousands, std::string* out);  // "-1,234.56"
void AppendDate(int year, int month, int day, int style, std::string* out);
const Region& PickRegion(SampleRng& rng);
int DaysInMonth(int year, int month);

// A generator: appends one value. `style` is chosen once per column (e.g. the date format),
// in [0, ColumnKind::styles).
using Generator = void (*)(RowContext& ctx, int style, std::string* out);

// Person and contact (sample_values_person.cc).
void GenPersonName(RowContext& ctx, int style, std::string* out);
void GenGender(RowContext& ctx, int style, std::string* out);
void GenResidentId(RowContext& ctx, int style, std::string* out);
void GenResidentId15(RowContext& ctx, int style, std::string* out);
void GenPassport(RowContext& ctx, int style, std::string* out);
void GenBirthDate(RowContext& ctx, int style, std::string* out);
void GenMobile(RowContext& ctx, int style, std::string* out);
void GenLandline(RowContext& ctx, int style, std::string* out);
void GenEmail(RowContext& ctx, int style, std::string* out);
void GenAddress(RowContext& ctx, int style, std::string* out);
void GenMaritalStatus(RowContext& ctx, int style, std::string* out);
void GenEducation(RowContext& ctx, int style, std::string* out);

// Finance and organisations (sample_values_finance.cc).
void GenBankCard(RowContext& ctx, int style, std::string* out);
void GenCardExpiry(RowContext& ctx, int style, std::string* out);
void GenCardCvn(RowContext& ctx, int style, std::string* out);
void GenPaymentAccount(RowContext& ctx, int style, std::string* out);
void GenIncome(RowContext& ctx, int style, std::string* out);
void GenBalance(RowContext& ctx, int style, std::string* out);
void GenLoanAmount(RowContext& ctx, int style, std::string* out);
void GenOverdueAmount(RowContext& ctx, int style, std::string* out);
void GenRepaymentStatus(RowContext& ctx, int style, std::string* out);
void GenOpenDate(RowContext& ctx, int style, std::string* out);
void GenOpeningBranch(RowContext& ctx, int style, std::string* out);
void GenUscc(RowContext& ctx, int style, std::string* out);
void GenOrgName(RowContext& ctx, int style, std::string* out);
void GenEmployer(RowContext& ctx, int style, std::string* out);

// Network, free text and decoys (sample_values_misc.cc).
void GenIpAddress(RowContext& ctx, int style, std::string* out);
void GenDeviceId(RowContext& ctx, int style, std::string* out);
void GenGeoLocation(RowContext& ctx, int style, std::string* out);
void GenRemark(RowContext& ctx, int style, std::string* out);
void GenSequence(RowContext& ctx, int style, std::string* out);
void GenTxnId18(RowContext& ctx, int style, std::string* out);
void GenRefNo16(RowContext& ctx, int style, std::string* out);
void GenOrderNo11(RowContext& ctx, int style, std::string* out);
void GenScore(RowContext& ctx, int style, std::string* out);
void GenProductCode(RowContext& ctx, int style, std::string* out);
void GenMetric(RowContext& ctx, int style, std::string* out);

}  // namespace cv::grading::samplegen

#endif  // CV_GRADING_INTERNAL_SAMPLE_VALUES_H_
