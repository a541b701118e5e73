// Column decision: header evidence plus value evidence -> one item type per column with a
// confidence in [0, 1] (issue #2 "Column decision"; GRD-3: column headers are evidence too).
//
// Thread-safety: pure function.
#ifndef CV_GRADING_COLUMN_DECISION_H_
#define CV_GRADING_COLUMN_DECISION_H_

#include <span>
#include <string>

#include "grading/catalog.h"
#include "grading/internal/column_stats.h"

namespace cv::grading {

struct ColumnDecision {
  ItemType type = ItemType::kNone;
  double confidence = 0;
  ItemType header_type = ItemType::kNone;  // what the header named, if anything
  bool header_named = false;
};

struct DecisionOptions {
  // A type is chosen only when its score reaches this.
  double threshold = 0.5;
};

// Decides the column's type. Value evidence is the share of non-empty cells that validate;
// header evidence comes from Catalog::MatchHeader. See docs/grading.md "Column decision".
ColumnDecision DecideColumn(std::span<const HeaderMatch> header, const internal::ColumnStats& stats,
                            const DecisionOptions& options = {});

// The detector type whose validated values stand for `type` (e.g. an account-open date is
// validated as a date). Identity for most types.
ItemType ValueProxy(ItemType type);

// Cells whose values fit `type`: validated cells of its proxy; plain numbers for CVN, PIN and SMS
// codes (no detector of their own); prose cells with an identifier inside for free_text.
std::uint64_t MatchedCount(ItemType type, const internal::ColumnStats& stats);

}  // namespace cv::grading

#endif  // CV_GRADING_COLUMN_DECISION_H_
