// Record type names.
#include "credit/records.h"

#include <type_traits>

namespace cv::credit {

std::string_view RecordTypeName(const Record& record) {
  return std::visit(
      [](const auto& r) -> std::string_view {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, IdentityRecord>) return "identity";
        if constexpr (std::is_same_v<T, AccountRecord>) return "account";
        if constexpr (std::is_same_v<T, RepaymentRecord>) return "repayment";
        return "adverse";
      },
      record);
}

}  // namespace cv::credit
