// Tests for SamplePeople: the stream is a pure function of the seed and every field passes the
// ingest rules (docs/ingest_format.md 2.5).
#include "grading/sample_person.h"

#include <gtest/gtest.h>

#include <set>

#include "grading/check_digits.h"

namespace cv::grading {
namespace {

TEST(SamplePeopleTest, SameSeedSamePeople) {
  SamplePeople a(5), b(5), c(6);
  for (int i = 0; i < 100; ++i) {
    const SamplePerson x = a.Next(), y = b.Next(), z = c.Next();
    EXPECT_EQ(x.resident_id, y.resident_id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.address, y.address);
    EXPECT_NE(x.resident_id, z.resident_id);
  }
}

TEST(SamplePeopleTest, FieldsPassTheIngestRules) {
  SamplePeople people(1);
  for (int i = 0; i < 1000; ++i) {
    const SamplePerson p = people.Next();
    ASSERT_EQ(p.resident_id.size(), 18u);
    EXPECT_EQ(ResidentIdCheckChar(std::string_view(p.resident_id).substr(0, 17)),
              p.resident_id[17]);
    // The birth date is the ID's (GB 11643: characters 7-14).
    EXPECT_EQ(p.birth_date, p.resident_id.substr(6, 4) + "-" + p.resident_id.substr(10, 2) + "-" +
                                p.resident_id.substr(12, 2));
    // GB 11643 5.4: odd order code for men.
    EXPECT_EQ(p.gender, (p.resident_id[16] - '0') % 2 == 1 ? "M" : "F");
    ASSERT_EQ(p.mobile.size(), 11u);
    EXPECT_EQ(p.mobile[0], '1');
    EXPECT_FALSE(p.name.empty());
    EXPECT_LE(p.address.size(), 200u);
    EXPECT_TRUE(p.marital_status == "single" || p.marital_status == "married" ||
                p.marital_status == "divorced" || p.marital_status == "widowed");
  }
}

}  // namespace
}  // namespace cv::grading
