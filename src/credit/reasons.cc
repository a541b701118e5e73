// The query reason codes of QRY-2.
#include "credit/reasons.h"

#include <array>

namespace cv::credit {
namespace {

constexpr std::array<QueryReason, 16> kReasons = {{
    {"01", "post-loan management", "贷后管理", false, false},
    {"02", "loan approval", "贷款审批", true, false},
    {"03", "credit card approval", "信用卡审批", true, false},
    {"08", "guarantee qualification review", "担保资格审查", true, false},
    {"09", "judicial investigation", "司法调查", true, false},
    {"16", "housing provident fund withdrawal check", "公积金提取复核", true, false},
    {"19", "merchant real-name review", "特约商户实名审查", true, false},
    {"20", "pre-guarantee review", "保前审查", true, false},
    {"21", "post-guarantee management", "保后管理", true, false},
    {"22", "executive qualification review", "法人代表、负责人、高管等资信审查", true, false},
    {"23", "customer admission review", "客户准入资格审查", true, false},
    {"24", "financing approval", "融资审批", true, false},
    {"25", "credit standing review", "资信审查", true, false},
    {"26", "limit approval", "额度审批", true, false},
    {"S1", "self-query in person", "本人查询（临柜）", true, true},
    {"S2", "self-query online", "本人查询（互联网）", true, true},
}};

}  // namespace

std::span<const QueryReason> AllQueryReasons() { return kReasons; }

const QueryReason* FindQueryReason(std::string_view code) {
  for (const QueryReason& r : kReasons) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

}  // namespace cv::credit
