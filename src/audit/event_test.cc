// Canonical audit entries: exact bytes, AUD-3 hashing of personal details, strict decoding.
#include "audit/event.h"

#include <gtest/gtest.h>

namespace cv::audit {
namespace {

Result<std::string> FakeMac(std::string_view value) { return "mac(" + std::string(value) + ")"; }

Event SampleEvent() {
  Event e;
  e.time = TimePoint(std::chrono::microseconds(1'790'000'000'123'456LL));
  e.actor_user = "u-7";
  e.actor_institution = "B0001";
  e.client_address = "10.0.0.8";
  e.action = "credit.query";
  e.object_type = "subject";
  e.object_id = "s-42";
  e.result = Outcome::kDenied;
  e.reason = "no consent";
  e.Add("purpose", "loan_approval").AddPersonal("id_number", "110101199003074258");
  return e;
}

TEST(AuditEventTest, EncodingIsTheDocumentedCanonicalLine) {
  auto entry = EncodeEntry(SampleEvent(), 5, FakeMac);
  ASSERT_TRUE(entry) << entry.error().ToString();
  EXPECT_EQ(*entry,
            R"({"v":1,"seq":5,"time":"2026-09-21T14:13:20.123456Z","actor":"u-7",)"
            R"("institution":"B0001","client":"10.0.0.8","action":"credit.query",)"
            R"("object_type":"subject","object_id":"s-42","result":"denied","reason":"no consent",)"
            R"("details":{"id_number":"hmac:6d61632831313031303131393930303330373432353829",)"
            R"("purpose":"loan_approval"}})");
}

TEST(AuditEventTest, Aud3PersonalValuesNeverAppearInClear) {
  auto entry = EncodeEntry(SampleEvent(), 0, [](std::string_view) -> Result<std::string> {
    return std::string("\x01\x02", 2);
  });
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->find("110101199003074258"), std::string::npos);
  EXPECT_NE(entry->find(R"("id_number":"hmac:0102")"), std::string::npos);
}

TEST(AuditEventTest, DecodeGivesBackTheFields) {
  auto entry = EncodeEntry(SampleEvent(), 9, FakeMac);
  ASSERT_TRUE(entry);
  auto decoded = DecodeEntry(*entry);
  ASSERT_TRUE(decoded) << decoded.error().ToString();
  EXPECT_EQ(decoded->seq, 9u);
  EXPECT_EQ(decoded->time_us, 1'790'000'000'123'456LL);
  EXPECT_EQ(decoded->action, "credit.query");
  EXPECT_EQ(decoded->result, "denied");
  ASSERT_EQ(decoded->details.size(), 2u);
  EXPECT_EQ(decoded->details[1].first, "purpose");
}

TEST(AuditEventTest, NonCanonicalEntriesAreMalformed) {
  auto entry = EncodeEntry(SampleEvent(), 9, FakeMac);
  ASSERT_TRUE(entry);
  std::string spaced = *entry;
  spaced.insert(1, " ");
  std::string reordered = *entry;
  reordered.replace(reordered.find(R"("v":1,"seq":9)"), 13, R"("seq":9,"v":1)");
  std::string bad_time = *entry;
  bad_time.replace(bad_time.find("14:13:20"), 8, "25:13:20");
  for (const std::string& text :
       {spaced, reordered, bad_time, std::string("{}"), std::string("not json"), std::string("")}) {
    auto decoded = DecodeEntry(text);
    ASSERT_FALSE(decoded) << text;
    EXPECT_EQ(decoded.error().code(), ErrorCode::kMalformed);
  }
}

TEST(AuditEventTest, BadEventsAreRefused) {
  Event no_action = SampleEvent();
  no_action.action.clear();
  EXPECT_EQ(EncodeEntry(no_action, 0, FakeMac).error().code(), ErrorCode::kInvalidArgument);
  Event duplicate = SampleEvent();
  duplicate.Add("purpose", "again");
  EXPECT_EQ(EncodeEntry(duplicate, 0, FakeMac).error().code(), ErrorCode::kInvalidArgument);
  Event bad_utf8 = SampleEvent();
  bad_utf8.reason = "\xff\xfe";
  EXPECT_EQ(EncodeEntry(bad_utf8, 0, FakeMac).error().code(), ErrorCode::kInvalidArgument);
  Event huge = SampleEvent();
  huge.object_id = std::string(kMaxFieldBytes + 1, 'x');
  EXPECT_EQ(EncodeEntry(huge, 0, FakeMac).error().code(), ErrorCode::kInvalidArgument);
}

TEST(AuditEventTest, MicrosFormatRoundTrips) {
  for (std::int64_t us : {0LL, 1LL, 999'999LL, 1'790'000'000'123'456LL, 4'102'444'799'999'999LL}) {
    Event e = SampleEvent();
    e.time = TimePoint(std::chrono::microseconds(us));
    auto decoded = DecodeEntry(*EncodeEntry(e, 1, FakeMac));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->time_us, us) << FormatMicros(us);
  }
}

}  // namespace
}  // namespace cv::audit
