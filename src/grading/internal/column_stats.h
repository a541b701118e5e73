// ColumnStats: what the detectors saw in one column — per item type, how many cells validated
// and how many were shaped like the item but failed validation; empties; prose-like cells;
// identifiers embedded in prose; one masked example per type.
//
// Thread-safety: one ColumnStats per worker thread; Merge() combines them after the workers join.
#ifndef CV_GRADING_INTERNAL_COLUMN_STATS_H_
#define CV_GRADING_INTERNAL_COLUMN_STATS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "grading/catalog.h"
#include "grading/detectors.h"

namespace cv::grading::internal {

// Per-thread tools a cell observation needs.
struct CellContext {
  const TextScanner* text_scanner = nullptr;
  TextScanner::Scratch* scratch = nullptr;
  bool allow_settling = true;  // see ColumnStats::Observe
};

// False only when `text` cannot hold anything the TextScanner looks for: no '@', no run of 7
// digits, no 11 digits joined by single spaces or dashes, no 18-character run of digits and
// capitals, no dotted quad. A cheap filter in front of the Vectorscan search; it must never say
// false where the scanner would find something (checked by column_stats_test.cc).
bool MayHoldIdentifier(std::string_view text);

class ColumnStats {
 public:
  // Records one cell (untrimmed).
  //
  // Settling (the fast path of a full scan): once kSettleAfter non-empty cells of this column
  // have all validated as one item T (and no identifier was found inside any of them), later
  // cells are checked against T first; only cells that fail T run every detector and the text
  // search. Counts for T stay exact; counts for other items then come from the failing cells
  // only. CellContext::allow_settling = false
  // (ScanOptions::exhaustive) turns settling off.
  void Observe(std::string_view cell, const CellContext& ctx);
  static constexpr std::uint64_t kSettleAfter = 1024;
  ItemType settled() const { return settled_; }
  // A cell that carried no text (SQL NULL) or a blob.
  void ObserveEmpty() { ++empty; }
  void ObserveOpaque() {
    ++non_empty;
    ++opaque;
  }
  // Searches the prose cells still batched. REQUIRES: called before Merge() and before the
  // counts are read.
  void FlushText(const CellContext& ctx);
  // REQUIRES: both sides flushed.
  void Merge(const ColumnStats& other);

  std::uint64_t empty = 0;
  std::uint64_t non_empty = 0;
  std::uint64_t numeric = 0;           // plain numbers
  std::uint64_t text_like = 0;         // prose
  std::uint64_t opaque = 0;            // blobs
  std::uint64_t with_embedded = 0;     // prose cells holding at least one valid identifier
  std::uint64_t text_scan_errors = 0;  // failed Hyperscan calls (counts then fall short)
  std::array<std::uint64_t, kItemTypeCount> matched{};
  std::array<std::uint64_t, kItemTypeCount> invalid{};
  std::array<std::uint64_t, kItemTypeCount> embedded{};
  std::array<std::uint64_t, kItemTypeCount> embedded_invalid{};
  // Invariant: examples are masked by the item's QRY-6 rule when captured; never clear values.
  std::array<std::string, kItemTypeCount> examples;

 private:
  void ObserveFully(std::string_view cell, const CellContext& ctx);
  void TrySettle();
  void ScanText(std::string_view cell, const CellContext& ctx);

  using Validator = Verdict (*)(std::string_view);
  ItemType settled_ = ItemType::kNone;
  Validator settled_check_ = nullptr;
  bool settled_numeric_ = false;
  bool settled_text_like_ = false;
  static constexpr std::size_t kTextBatchBytes = 64u << 10;
  std::string pending_text_;
  std::vector<std::size_t> pending_ends_;  // end offset of each batched cell
  void CaptureExample(ItemType type, std::string_view value);
};

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_COLUMN_STATS_H_
