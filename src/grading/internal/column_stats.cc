// Column evidence accumulation.
#include "grading/internal/column_stats.h"

#include "grading/internal/csv.h"
#include "policy/policy.h"

namespace cv::grading::internal {

void ColumnStats::Observe(std::string_view cell, const CellContext& ctx) {
  cell = TrimCell(cell);
  if (cell.empty()) {
    ++empty;
    return;
  }
  ++non_empty;
  CellFindings findings;
  ClassifyCell(cell, &findings);
  for (std::uint8_t i = 0; i < findings.size; ++i) {
    const auto& f = findings.items[i];
    auto t = static_cast<std::size_t>(f.type);
    if (f.verdict == Verdict::kMatch) {
      ++matched[t];
      if (examples[t].empty()) CaptureExample(f.type, cell);
    } else if (f.verdict == Verdict::kInvalid) {
      ++invalid[t];
    }
  }
  numeric += findings.numeric;
  if (findings.text_like) {
    ++text_like;
    if (ctx.text_scanner != nullptr) ScanText(cell, ctx);
  }
}

void ColumnStats::ScanText(std::string_view cell, const CellContext& ctx) {
  bool found = false;
  auto status = ctx.text_scanner->Scan(cell, ctx.scratch, [&](const TextFinding& f) {
    auto t = static_cast<std::size_t>(f.type);
    if (f.verdict == Verdict::kMatch) {
      ++embedded[t];
      found = true;
    } else {
      ++embedded_invalid[t];
    }
  });
  // A failed Hyperscan call leaves this cell's embedded counts short; the column still counts
  // the cell as prose. The scanner reports scratch/database failures at creation, not here.
  (void)status;
  with_embedded += found;
  if (found && examples[static_cast<std::size_t>(ItemType::kFreeText)].empty()) {
    CaptureExample(ItemType::kFreeText, cell);
  }
}

void ColumnStats::CaptureExample(ItemType type, std::string_view value) {
  const DataItem& item = Catalog::Default().Get(type);
  examples[static_cast<std::size_t>(type)] = policy::Mask(value, item.mask);
}

void ColumnStats::Merge(const ColumnStats& o) {
  empty += o.empty;
  non_empty += o.non_empty;
  numeric += o.numeric;
  text_like += o.text_like;
  opaque += o.opaque;
  with_embedded += o.with_embedded;
  for (int t = 0; t < kItemTypeCount; ++t) {
    matched[t] += o.matched[t];
    invalid[t] += o.invalid[t];
    embedded[t] += o.embedded[t];
    embedded_invalid[t] += o.embedded_invalid[t];
    if (examples[t].empty()) examples[t] = o.examples[t];
  }
}

}  // namespace cv::grading::internal
