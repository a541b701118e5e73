// The credit core's settlement checks.
#include "credit/settlement.h"

namespace cv::credit {
namespace {

access::SettlementCheck CountOf(std::string name, std::string_view sql) {
  return access::SettlementCheck{
      std::move(name), [sql](store::Tx& tx, std::string_view code) -> Result<std::int64_t> {
        CV_ASSIGN_OR_RETURN(auto row, tx.QueryOne(sql, {store::Text(code)}));
        if (!row) return 0;
        return row->Int(0);
      }};
}

}  // namespace

std::vector<access::SettlementCheck> CreditSettlementChecks() {
  return {CountOf("unsettled batches",
                  "SELECT COUNT(*) FROM credit_batches WHERE institution = ?1 AND state = "
                  "'processing'"),
          CountOf("running bulk queries",
                  "SELECT COUNT(*) FROM credit_bulk_jobs WHERE institution = ?1 AND state IN "
                  "('queued','running')")};
}

}  // namespace cv::credit
