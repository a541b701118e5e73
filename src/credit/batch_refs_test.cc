// BatchAccountRefs: references to accounts defined earlier in the same batch resolve; others are
// returned for the caller's database look-up.
#include "credit/batch_refs.h"

#include <gtest/gtest.h>

namespace cv::credit {
namespace {

AccountRecord Account(std::string id) {
  AccountRecord a;
  a.account_id = std::move(id);
  return a;
}

RepaymentRecord Repayment(std::string account_id) {
  RepaymentRecord r;
  r.account_id = std::move(account_id);
  return r;
}

TEST(BatchRefsTest, RepaymentAfterItsAccountResolves) {
  BatchAccountRefs refs;
  EXPECT_EQ(refs.Add(Account("A1")), "");
  EXPECT_EQ(refs.Add(Repayment("A1")), "");
}

TEST(BatchRefsTest, RepaymentBeforeOrWithoutItsAccountIsReturned) {
  BatchAccountRefs refs;
  EXPECT_EQ(refs.Add(Repayment("A1")), "A1");
  EXPECT_EQ(refs.Add(Account("A1")), "");
  EXPECT_EQ(refs.Add(Repayment("A2")), "A2");
}

TEST(BatchRefsTest, AdverseAccountIsOptional) {
  BatchAccountRefs refs;
  EXPECT_EQ(refs.Add(AdverseRecord{}), "");
  AdverseRecord e;
  e.account_id = "A9";
  EXPECT_EQ(refs.Add(e), "A9");
  EXPECT_EQ(refs.Add(IdentityRecord{}), "");
}

}  // namespace
}  // namespace cv::credit
