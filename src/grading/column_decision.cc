// Column type decision.
#include "grading/column_decision.h"

#include <algorithm>
#include <vector>

#include "grading/detectors.h"

namespace cv::grading {
namespace {

// A header that names an item pushes rival types seen only in the values down by this factor.
constexpr double kRivalPenalty = 0.6;
constexpr double kStrongHeader = 0.7;

double HeaderScore(std::span<const HeaderMatch> header, ItemType type) {
  double best = 0;
  for (const HeaderMatch& m : header) {
    if (m.type == type) best = std::max(best, m.score);
  }
  return best;
}

double Share(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

// Score of `type` from values and header (see docs/grading.md).
double TypeScore(ItemType type, double h, double v, bool rival_header) {
  switch (Catalog::Default().Get(type).evidence) {
    case ValueEvidence::kStrong:
    case ValueEvidence::kMedium: {
      double value_only =
          Catalog::Default().Get(type).evidence == ValueEvidence::kStrong ? v : 0.95 * v;
      if (h > 0) return std::max(0.4 * h + 0.6 * v, value_only);
      return rival_header ? kRivalPenalty * value_only : value_only;
    }
    case ValueEvidence::kWeak:
      return h * (0.4 + 0.6 * v);
    case ValueEvidence::kNone:
      return 0.9 * h;
  }
  return 0;
}

// Prose columns (remarks) are graded by what they hide: type free_text.
double FreeTextScore(double h, const internal::ColumnStats& s) {
  double prose = Share(s.text_like, s.non_empty);
  if (h > 0) return prose >= 0.2 || s.non_empty == 0 ? 0.9 * h : 0.5 * h;
  if (prose >= 0.5 && s.with_embedded > 0) return 0.6 + 0.3 * prose;
  return 0;
}

}  // namespace

ItemType ValueProxy(ItemType type) {
  switch (type) {
    case ItemType::kBirthDate:
    case ItemType::kAccountOpenDate:
      return kDateItem;  // dates validate alike; the header tells which date
    case ItemType::kBalance:
    case ItemType::kIncome:
    case ItemType::kLoanAmount:
    case ItemType::kOverdueAmount:
      return kAmountItem;  // amounts validate alike; the header tells which amount
    default:
      return type;
  }
}

std::uint64_t MatchedCount(ItemType type, const internal::ColumnStats& s) {
  switch (type) {
    case ItemType::kCardCvn:
    case ItemType::kCardPin:
    case ItemType::kSmsCode:
      return s.numeric;  // short numeric codes have no detector of their own
    case ItemType::kFreeText:
      return s.with_embedded;
    default:
      return s.matched[static_cast<int>(ValueProxy(type))];
  }
}

namespace {

double ValueShare(ItemType type, const internal::ColumnStats& s) {
  return Share(MatchedCount(type, s), s.non_empty);
}

// Header evidence names one item: keep only the best-scoring matches (ties kept, so values can
// choose between items sharing a synonym, e.g. 电话 for mobile or landline). When the header
// names a non-personal column (交易流水号), lesser personal matches inside it are dropped.
std::vector<HeaderMatch> BestHeaderMatches(std::span<const HeaderMatch> header) {
  double best = 0;
  for (const HeaderMatch& m : header) best = std::max(best, m.score);
  std::vector<HeaderMatch> kept;
  for (const HeaderMatch& m : header) {
    if (m.score >= best - 1e-9) kept.push_back(m);
  }
  return kept;
}

}  // namespace

ColumnDecision DecideColumn(std::span<const HeaderMatch> all_header, const internal::ColumnStats& s,
                            const DecisionOptions& options) {
  const std::vector<HeaderMatch> header = BestHeaderMatches(all_header);
  ColumnDecision d;
  double header_best = 0;
  for (const HeaderMatch& m : header) {
    if (m.score > header_best) {
      header_best = m.score;
      d.header_type = m.type;
      d.header_named = true;
    }
  }
  const bool rival_header = header_best >= kStrongHeader;
  double best = 0;
  ItemType best_type = ItemType::kNone;
  for (int i = 1; i < kItemTypeCount; ++i) {
    auto type = static_cast<ItemType>(i);
    double h = HeaderScore(header, type);
    double score;
    if (type == ItemType::kFreeText) {
      score = FreeTextScore(h, s);
    } else if (s.non_empty == 0) {
      score = 0.6 * h;  // an empty column: the header is all there is
    } else {
      double v = ValueShare(type, s);
      score = TypeScore(type, h, v, rival_header && h == 0);
    }
    if (score > best) {
      best = score;
      best_type = type;
    }
  }
  if (best >= options.threshold) {
    d.type = best_type;
    d.confidence = std::min(1.0, best);
    return d;
  }
  d.type = ItemType::kNone;
  double said_none = HeaderScore(header, ItemType::kNone);
  d.confidence = std::max(1.0 - best, said_none >= kStrongHeader ? 0.9 : 0.0);
  return d;
}

}  // namespace cv::grading
