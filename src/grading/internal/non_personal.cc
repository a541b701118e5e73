// Catalog data: headers of columns that hold no personal data. A header is declared
// non-personal only when it is exactly one of these (after NormalizeHeader): the claim argues
// against protection, so it must be precise (docs/grading.md, decision D10).
//
// Not listed on purpose: 信用评分/creditscore (a credit score is a derived credit product about
// a person, JR/T 0117-2014 9.5 b), 客户编号/customerid/userid (an identifier of a person within
// the institution), status (repayment status is adverse information).
#include <string_view>

#include "grading/internal/catalog_items.h"

namespace cv::grading::internal {
namespace {

// clang-format off
constexpr std::string_view kNonPersonal[] = {
    // Row and record numbers.
    "序号", "编号", "行号", "顺序号", "序列号", "记录号", "记录编号", "记录id", "id", "no", "num",
    "idx", "index", "seq", "seqno", "seqnum", "sequence", "sequenceno", "serial", "serialno",
    "serialnum", "serialnumber", "rowid", "rownum", "rowno", "row", "line", "lineno", "recordid",
    "recordno", "pk", "key", "uuid", "guid",
    // Transaction, order and batch identifiers (the records themselves are transaction_record).
    "流水号", "流水号码", "交易流水号", "银行流水号", "业务流水号", "交易序号", "交易号",
    "交易编号", "交易单号", "交易id", "交易参考号", "订单号", "订单编号", "商户订单号", "订单id",
    "单号", "凭证号", "业务编号", "批次号", "批次", "orderid", "orderno", "ordernum", "ordernumber",
    "txnid", "txnno", "txnseq", "transactionid", "transactionno", "transid", "transno", "tradeid",
    "tradeno", "referenceno", "refno", "batchno", "batchid",
    // Scores, ranks, counts, paging.
    "评分", "分数", "得分", "排名", "名次", "数量", "笔数", "次数", "计数", "合计", "总计", "页码",
    "score", "rank", "ranking", "count", "cnt", "total", "page", "pageno",
    // Record metadata.
    "创建时间", "更新时间", "修改时间", "入库时间", "时间戳", "版本", "版本号", "createdat",
    "updatedat", "createtime", "updatetime", "timestamp", "version",
    // Names of things that are not people.
    "产品名称", "文件名", "productname", "filename"};
// clang-format on

}  // namespace

std::span<const std::string_view> NonPersonalHeaders() { return kNonPersonal; }

}  // namespace cv::grading::internal
