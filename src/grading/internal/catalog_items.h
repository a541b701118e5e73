// The built-in catalog's data: every item's category, level, names, header synonyms, clause and
// mask rule, and the headers known to name non-personal columns. See docs/grading.md.
//
// Thread-safety: the functions return fresh values; the string data is static.
#ifndef CV_GRADING_INTERNAL_CATALOG_ITEMS_H_
#define CV_GRADING_INTERNAL_CATALOG_ITEMS_H_

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "grading/catalog.h"

namespace cv::grading::internal {

// The synonyms of one item, from a constant table.
template <std::size_t N>
std::vector<std::string_view> Synonyms(const std::string_view (&list)[N]) {
  return std::vector<std::string_view>(list, list + N);
}

// Identity, contact, demographic and prohibited items, plus kNone and kFreeText.
std::vector<DataItem> PersonalItems();
// Cards, accounts, authentication data, credit and transaction items, organisations, devices.
std::vector<DataItem> FinancialItems();

// Normalized headers of columns that hold no personal data (row numbers, transaction ids,
// scores). Matched exactly only: see Catalog::MatchHeader.
std::span<const std::string_view> NonPersonalHeaders();

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_CATALOG_ITEMS_H_
