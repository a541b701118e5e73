// Column kinds of the sample generator and the plan of one dataset: which kinds, in which
// order, with which header text, value style and label.
//
// Thread-safety: the kind table is immutable; PlanColumns is a pure function.
#ifndef CV_GRADING_INTERNAL_SAMPLE_COLUMNS_H_
#define CV_GRADING_INTERNAL_SAMPLE_COLUMNS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "grading/internal/sample_values.h"
#include "grading/sample_gen.h"

namespace cv::grading::samplegen {

// The parent object of a field in JSON Lines output.
enum class JsonGroup : std::uint8_t { kTop, kCustomer, kCard, kAccount, kLoan, kOrg, kDevice };
inline constexpr int kJsonGroupCount = 7;

struct ColumnKind {
  std::string_view kind;  // generator kind, accepted by --columns
  std::string_view type;  // catalog item id of the label
  std::string_view header_zh;
  std::string_view header_en;
  Generator gen;
  JsonGroup group;
  bool in_default;     // part of the default bank export
  bool values_decide;  // values alone decide the type: emitted without headers
  bool json_number;    // written as a bare JSON number when it has a number's syntax
  int styles;          // number of per-column styles the generator knows (>= 1)
  int blank_permille;  // share of empty cells
};

std::span<const ColumnKind> AllColumnKinds();

struct PlannedColumn {
  const ColumnKind* kind = nullptr;
  int style = 0;
  std::string key;  // CSV header text or JSON key; "" for headerless CSV
  int group = 0;    // JSON Lines parent object, index into PlannedSample::group_keys; 0 = top
  ColumnLabel label;
};

struct PlannedSample {
  std::vector<PlannedColumn> columns;
  std::string group_keys[kJsonGroupCount];  // JSON key of each group object ("customer")
};

// Resolves options.columns, chooses styles and header languages from the seed.
// Errors: kInvalidArgument for an unknown column name.
[[nodiscard]] Result<PlannedSample> PlanColumns(const SampleOptions& options);

}  // namespace cv::grading::samplegen

#endif  // CV_GRADING_INTERNAL_SAMPLE_COLUMNS_H_
