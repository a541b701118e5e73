// Column evidence accumulation.
#include "grading/internal/column_stats.h"

#include "grading/internal/csv.h"
#include "policy/policy.h"

namespace cv::grading::internal {

namespace {

// The validator that decides an item on its own, for settling; nullptr when there is none.
Verdict (*ValidatorFor(ItemType type))(std::string_view) {
  switch (type) {
    case ItemType::kResidentId: return CheckResidentId;
    case ItemType::kResidentId15: return CheckResidentId15;
    case ItemType::kBankCard: return CheckBankCard;
    case ItemType::kMobile: return CheckMobile;
    case ItemType::kLandline: return CheckLandline;
    case ItemType::kUscc: return CheckUscc;
    case ItemType::kPassport: return CheckPassport;
    case ItemType::kEmail: return CheckEmail;
    case ItemType::kIpAddress: return CheckIpAddress;
    case ItemType::kDeviceId: return CheckDeviceId;
    case ItemType::kPersonName: return CheckChineseName;
    case ItemType::kAddress: return CheckAddress;
    case ItemType::kCardExpiry: return CheckCardExpiry;
    case ItemType::kRepaymentStatus: return CheckRepaymentStatus;
    case ItemType::kGeoLocation: return CheckGeoLocation;
    default: break;
  }
  if (type == kDateItem) return CheckDate;
  if (type == kAmountItem) return CheckAmount;
  return nullptr;
}

int EvidenceRank(ItemType type) {
  return 3 - static_cast<int>(Catalog::Default().Get(type).evidence);  // strong 3 .. none 0
}

}  // namespace

void ColumnStats::Observe(std::string_view cell, const CellContext& ctx) {
  cell = TrimCell(cell);
  if (cell.empty()) {
    ++empty;
    return;
  }
  ++non_empty;
  if (settled_check_ != nullptr && settled_check_(cell) == Verdict::kMatch) {
    ++matched[static_cast<std::size_t>(settled_)];
    numeric += settled_numeric_;
    text_like += settled_text_like_;
    return;
  }
  ObserveFully(cell, ctx);
  if (non_empty == kSettleAfter && ctx.allow_settling) TrySettle();
}

// Settles on the single most specific item every cell so far validated as (see header).
void ColumnStats::TrySettle() {
  if (with_embedded != 0) return;
  for (std::uint64_t n : embedded_invalid) {
    if (n != 0) return;
  }
  ItemType best = ItemType::kNone;
  int best_rank = -1, at_best = 0;
  for (int t = 1; t < kItemTypeCount; ++t) {
    auto type = static_cast<ItemType>(t);
    if (matched[t] != non_empty || ValidatorFor(type) == nullptr) continue;
    int rank = EvidenceRank(type);
    if (rank > best_rank) {
      best = type;
      best_rank = rank;
      at_best = 0;
    }
    at_best += rank == best_rank;
  }
  if (best == ItemType::kNone || at_best != 1) return;  // ambiguous: keep every detector
  settled_ = best;
  settled_check_ = ValidatorFor(best);
  settled_numeric_ = numeric == non_empty;
  settled_text_like_ = text_like == non_empty;
}

void ColumnStats::ObserveFully(std::string_view cell, const CellContext& ctx) {
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
