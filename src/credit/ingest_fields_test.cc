// The field table: grades from the catalog (GRD-1, GRD-2), no field names a prohibited item
// (GRD-4), and the error codes' wire names.
#include "credit/ingest_fields.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "credit/record_error.h"

namespace cv::credit {
namespace {

TEST(BatchFieldsTest, NoFieldNamesAProhibitedItem) {
  for (const IngestField& f : kIngestFields) {
    EXPECT_EQ(ProhibitedItemFor(f.name), nullptr) << f.name;
    EXPECT_FALSE(grading::Catalog::Default().Get(f.item).prohibited) << f.name;
  }
}

TEST(BatchFieldsTest, ProhibitedNamesAreFound) {
  for (const char* name :
       {"religion", "blood_type", "medical_history", "fingerprint", "genetic_data", "客户血型"}) {
    EXPECT_NE(ProhibitedItemFor(name), nullptr) << name;
  }
}

TEST(BatchFieldsTest, FieldsGradeToCatalogItems) {
  const grading::Catalog& c = grading::Catalog::Default();
  auto id = [&](RecordType t, std::string_view f) { return c.Get(FieldItem(t, f)).id; };
  EXPECT_EQ(id(RecordType::kIdentity, "name"), "person_name");
  EXPECT_EQ(id(RecordType::kIdentity, "id_number"), "cn_resident_id");
  EXPECT_EQ(id(RecordType::kIdentity, "mobile"), "cn_mobile");
  EXPECT_EQ(id(RecordType::kAccount, "open_date"), "account_open_date");
  EXPECT_EQ(id(RecordType::kAccount, "limit"), "loan_amount");
  EXPECT_EQ(id(RecordType::kAccount, "repayment_24m"), "repayment_status");
  EXPECT_EQ(id(RecordType::kAdverse, "amount"), "overdue_amount");
  EXPECT_EQ(c.Get(FieldItem(RecordType::kAdverse, "id_number", "passport")).id, "passport");
  EXPECT_EQ(c.Get(FieldItem(RecordType::kAccount, "id_number", "resident_id", 15)).id,
            "cn_resident_id_15");
  EXPECT_EQ(FieldItem(RecordType::kIdentity, "limit"), grading::ItemType::kNone);
}

TEST(BatchFieldsTest, FieldGradeGivesCategoryAndLevel) {
  const grading::DataItem& id = FieldGrade(RecordType::kIdentity, "id_number", "resident_id");
  EXPECT_EQ(id.id, "cn_resident_id");
  EXPECT_EQ(id.category, grading::Category::kC2);  // JR/T 0171-2020 4.2 b)
  EXPECT_EQ(id.level, 3);
  const grading::DataItem& balance = FieldGrade(RecordType::kAccount, "balance");
  EXPECT_EQ(balance.category, grading::Category::kC2);
  EXPECT_GE(balance.level, 3);
}

TEST(BatchFieldsTest, TableIsGroupedByTypeWithUniqueNames) {
  std::size_t total = 0;
  for (RecordType t : {RecordType::kIdentity, RecordType::kAccount, RecordType::kRepayment,
                       RecordType::kAdverse}) {
    std::set<std::string_view> names;
    for (const IngestField& f : FieldsOf(t)) EXPECT_TRUE(names.insert(f.name).second) << f.name;
    EXPECT_FALSE(names.empty());
    total += names.size();
    EXPECT_EQ(ParseRecordType(RecordTypeWireName(t)), t);
  }
  EXPECT_EQ(total, std::size(kIngestFields));
}

TEST(BatchFieldsTest, ErrorCodeNamesAreDistinct) {
  std::set<std::string_view> names;
  for (int i = 0; i <= static_cast<int>(RecordErrorCode::kIdBirthMismatch); ++i) {
    std::string_view n = RecordErrorCodeName(static_cast<RecordErrorCode>(i));
    EXPECT_FALSE(n.empty());
    EXPECT_TRUE(names.insert(n).second) << n;
  }
  EXPECT_EQ(names.size(), 13u);
}

}  // namespace
}  // namespace cv::credit
