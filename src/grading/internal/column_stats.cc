// Column evidence accumulation.
#include "grading/internal/column_stats.h"

#include "grading/internal/csv.h"
#include "policy/policy.h"

namespace cv::grading::internal {

namespace {

// The validator that decides an item on its own, for settling; nullptr when there is none.
Verdict (*ValidatorFor(ItemType type))(std::string_view) {
  switch (type) {
    case ItemType::kResidentId:
      return CheckResidentId;
    case ItemType::kResidentId15:
      return CheckResidentId15;
    case ItemType::kBankCard:
      return CheckBankCard;
    case ItemType::kMobile:
      return CheckMobile;
    case ItemType::kLandline:
      return CheckLandline;
    case ItemType::kUscc:
      return CheckUscc;
    case ItemType::kPassport:
      return CheckPassport;
    case ItemType::kEmail:
      return CheckEmail;
    case ItemType::kIpAddress:
      return CheckIpAddress;
    case ItemType::kDeviceId:
      return CheckDeviceId;
    case ItemType::kPersonName:
      return CheckChineseName;
    case ItemType::kAddress:
      return CheckAddress;
    case ItemType::kCardExpiry:
      return CheckCardExpiry;
    case ItemType::kRepaymentStatus:
      return CheckRepaymentStatus;
    case ItemType::kGeoLocation:
      return CheckGeoLocation;
    case ItemType::kGender:
      return CheckGender;
    case ItemType::kMaritalStatus:
      return CheckMaritalStatus;
    case ItemType::kEducation:
      return CheckEducation;
    case ItemType::kReligion:
      return CheckReligion;
    case ItemType::kBloodType:
      return CheckBloodType;
    default:
      break;
  }
  if (type == kDateItem) return CheckDate;
  if (type == kAmountItem) return CheckAmount;
  return nullptr;
}

int EvidenceRank(ItemType type) {
  return 3 - static_cast<int>(Catalog::Default().Get(type).evidence);  // strong 3 .. none 0
}

}  // namespace

bool MayHoldIdentifier(std::string_view text) {
  int digits = 0, joined = 0, alnum = 0, dotted_digits = 0, dots = 0;
  char prev = 0;
  for (char c : text) {
    const bool digit = c >= '0' && c <= '9';
    const bool upper = c >= 'A' && c <= 'Z';
    if (c == '@') return true;
    digits = digit ? digits + 1 : 0;
    if (digit) {
      ++joined;
    } else if (!((c == ' ' || c == '-') && prev >= '0' && prev <= '9')) {
      joined = 0;
    }
    alnum = digit || upper ? alnum + 1 : 0;
    if (digit) {
      ++dotted_digits;
    } else if (c == '.' && prev >= '0' && prev <= '9') {
      ++dots;
    } else {
      dotted_digits = dots = 0;
    }
    if (digits >= 7 || joined >= 11 || alnum >= 18 || (dots >= 3 && digit)) return true;
    prev = c;
  }
  return false;
}

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
  if (non_empty == kSettleAfter && ctx.allow_settling) {
    FlushText(ctx);  // settling looks at what the text search found so far
    TrySettle();
  }
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
    if (ctx.text_scanner != nullptr && MayHoldIdentifier(cell)) ScanText(cell, ctx);
  }
}

// Prose cells are searched in batches: one Hyperscan call per kTextBatchBytes instead of one per
// cell (the per-call cost dominates for short remarks). Cells are joined with '\n', which no
// pattern crosses, and findings are attributed back to cells by offset.
void ColumnStats::ScanText(std::string_view cell, const CellContext& ctx) {
  pending_text_.append(cell);
  pending_ends_.push_back(pending_text_.size());
  pending_text_.push_back('\n');
  if (pending_text_.size() >= kTextBatchBytes) FlushText(ctx);
}

void ColumnStats::FlushText(const CellContext& ctx) {
  if (pending_ends_.empty() || ctx.text_scanner == nullptr) return;
  std::size_t cell = 0, cell_begin = 0;
  std::size_t last_counted = static_cast<std::size_t>(-1);
  auto status = ctx.text_scanner->Scan(pending_text_, ctx.scratch, [&](const TextFinding& f) {
    while (cell + 1 < pending_ends_.size() && f.offset >= pending_ends_[cell]) {
      cell_begin = pending_ends_[cell] + 1;
      ++cell;
    }
    auto t = static_cast<std::size_t>(f.type);
    if (f.verdict != Verdict::kMatch) {
      ++embedded_invalid[t];
      return;
    }
    ++embedded[t];
    if (last_counted == cell) return;
    last_counted = cell;
    ++with_embedded;
    if (examples[static_cast<std::size_t>(ItemType::kFreeText)].empty()) {
      CaptureExample(
          ItemType::kFreeText,
          std::string_view(pending_text_).substr(cell_begin, pending_ends_[cell] - cell_begin));
    }
  });
  if (!status) ++text_scan_errors;
  pending_text_.clear();
  pending_ends_.clear();
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
  text_scan_errors += o.text_scan_errors;
  for (int t = 0; t < kItemTypeCount; ++t) {
    matched[t] += o.matched[t];
    invalid[t] += o.invalid[t];
    embedded[t] += o.embedded[t];
    embedded_invalid[t] += o.embedded_invalid[t];
    if (examples[t].empty()) examples[t] = o.examples[t];
  }
}

}  // namespace cv::grading::internal
