// Finds the leading administrative-division part of a Chinese address (province, city,
// district/county), which is all an address mask keeps (QRY-6 default; JR/T 0171-2020 Annex A).
//
// Thread-safety: pure function.
#ifndef CV_POLICY_INTERNAL_ADDRESS_H_
#define CV_POLICY_INTERNAL_ADDRESS_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace cv::policy::internal {

// The number of leading characters of `chars` (one UTF-8 character each) that name at most
// three nested divisions, each ending in a division word: 省/自治区/特别行政区 (province),
// 市/自治州/地区/盟 (city), 区/县/旗/自治县/自治旗 or a second 市 (county level). Stops at the
// county level, at a digit, or at a street-level word (路, 街, 号, 镇, 村, 楼...). 0 when the
// address does not start with a division, e.g. a Latin-script address.
//
// Examples: "北京市朝阳区建国路88号" -> 6 ("北京市朝阳区"); "广东省深圳市南山区科技园" -> 9;
// "北京市长安街1号" -> 3; "88 Jianguo Road" -> 0.
std::size_t LeadingDivisionChars(const std::vector<std::string_view>& chars);

}  // namespace cv::policy::internal

#endif  // CV_POLICY_INTERNAL_ADDRESS_H_
