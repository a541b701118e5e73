// Fact bodies: every field survives the round trip through the written JSON, including values
// that need escaping, and the written text is JSON that nlohmann reads (RFC 8259).
#include "credit/internal/fact_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace cv::credit::internal {
namespace {

TEST(FactJsonTest, AccountBodyRoundTripsWithEscapedText) {
  AccountRecord a;
  a.account_id = "LN\"01\\2\x01";  // quote, backslash and a control byte
  a.kind = "loan";
  a.open_date = "2024-01-15";
  a.close_date = "2026-01-15";
  a.currency = "CNY";
  a.limit = 50000000;
  a.balance = -3;
  a.status = "结清";
  a.repayment_24m = "NNNN1N";
  a.overdue_amount = 0;
  a.as_of = "2026-10-31";
  const std::string body = AccountBody(a);
  EXPECT_TRUE(nlohmann::json::accept(body)) << body;
  auto back = ParseAccountBody(body);
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(back->account_id, a.account_id);
  EXPECT_EQ(back->close_date, a.close_date);
  EXPECT_EQ(back->limit, a.limit);
  EXPECT_EQ(back->balance, -3);
  EXPECT_EQ(back->status, "结清");
  EXPECT_EQ(back->as_of, a.as_of);
}

TEST(FactJsonTest, OptionalFieldsAreLeftOutWhenAbsent) {
  AdverseRecord d;
  d.event_id = "EV-1";
  d.kind = "overdue";
  d.amount = 300;
  d.start_date = "2024-04-01";
  const std::string body = AdverseBody(d);
  EXPECT_EQ(body.find("end_date"), std::string::npos);
  auto back = ParseAdverseBody(body);
  ASSERT_TRUE(back);
  EXPECT_FALSE(back->end_date.has_value());
  EXPECT_FALSE(back->account_id.has_value());
  EXPECT_EQ(back->amount, 300);
}

TEST(FactJsonTest, FieldsBodyIsAnObjectOfTheFieldsInOrder) {
  const std::string body = FieldsBody({{"person_name", "张\"三"}, {"cn_mobile", "138"}});
  EXPECT_EQ(body, R"({"person_name":"张\"三","cn_mobile":"138"})");
  const auto j = nlohmann::json::parse(body);
  EXPECT_EQ(j.at("person_name"), "张\"三");
  EXPECT_EQ(FieldsBody({}), "{}");
}

}  // namespace
}  // namespace cv::credit::internal
