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

#include "grading/catalog.h"
#include "grading/detectors.h"

namespace cv::grading::internal {

// Per-thread tools a cell observation needs.
struct CellContext {
  const TextScanner* text_scanner = nullptr;
  TextScanner::Scratch* scratch = nullptr;
};

class ColumnStats {
 public:
  // Records one cell (untrimmed).
  void Observe(std::string_view cell, const CellContext& ctx);
  // A cell that carried no text (SQL NULL) or a blob.
  void ObserveEmpty() { ++empty; }
  void ObserveOpaque() { ++non_empty; ++opaque; }
  void Merge(const ColumnStats& other);

  std::uint64_t empty = 0;
  std::uint64_t non_empty = 0;
  std::uint64_t numeric = 0;    // plain numbers
  std::uint64_t text_like = 0;  // prose
  std::uint64_t opaque = 0;     // blobs
  std::uint64_t with_embedded = 0;  // prose cells holding at least one valid identifier
  std::array<std::uint64_t, kItemTypeCount> matched{};
  std::array<std::uint64_t, kItemTypeCount> invalid{};
  std::array<std::uint64_t, kItemTypeCount> embedded{};
  std::array<std::uint64_t, kItemTypeCount> embedded_invalid{};
  // Invariant: examples are masked by the item's QRY-6 rule when captured; never clear values.
  std::array<std::string, kItemTypeCount> examples;

 private:
  void ScanText(std::string_view cell, const CellContext& ctx);
  void CaptureExample(ItemType type, std::string_view value);
};

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_COLUMN_STATS_H_
