// End-to-end tests of sealed archive segments (AUD-4): `cvault audit archive` exports a range of a
// real data directory's log, `cvault audit verify-archive` checks it offline, and a tampered file
// is refused with exit 1. Nothing is deleted online.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>

#include "e2e_helpers.h"

namespace cv::e2e {
namespace {

class AuditArchiveTest : public CvaultTest {
 protected:
  void SetUp() override {
    CvaultTest::SetUp();
    RunResult init = Run({"init", "--data", "data", "--custodians", "3", "--threshold", "2",
                          "--shares-out", "shares"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    for (const char* grade : {"C1", "C2", "C3", "C2", "C1"}) {
      RunResult r = Run(WithShares({"keys", "rotate", "--data", "data", "--grade", grade}));
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }
  static std::vector<std::string> WithShares(std::vector<std::string> args) {
    args.insert(args.end(), {"--share", "shares/custodian-1-of-3.share", "--share",
                             "shares/custodian-2-of-3.share"});
    return args;
  }
  RunResult Archive(std::vector<std::string> range, const std::string& out) {
    std::vector<std::string> args{"audit", "archive", "--data", "data", "--out", out};
    args.insert(args.end(), range.begin(), range.end());
    return Run(WithShares(args));
  }
  RunResult VerifyArchive(const std::string& file) {
    return Run({"audit", "verify-archive", file});
  }
};

TEST_F(AuditArchiveTest, Aud4SegmentVerifiesOfflineAndTamperingIsRefused) {
  RunResult a = Archive({"--from-index", "1", "--to-index", "5"}, "seg.jsonl");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  nlohmann::json written = nlohmann::json::parse(a.out);
  EXPECT_EQ(written["first_index"], 1);
  EXPECT_EQ(written["count"], 4);
  struct stat st {};
  ASSERT_EQ(::stat(Path("seg.jsonl").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  RunResult v = VerifyArchive("seg.jsonl");
  ASSERT_EQ(v.exit_code, 0) << v.out << v.err;
  nlohmann::json report = nlohmann::json::parse(v.out);
  EXPECT_EQ(report["ok"], true);
  EXPECT_EQ(report["count"], 4);
  RunResult with_data = Run({"audit", "verify-archive", "seg.jsonl", "--data", "data"});
  EXPECT_EQ(with_data.exit_code, 0) << with_data.err;

  const std::string text = ReadFile(Path("seg.jsonl"));
  std::string changed = text;
  changed.replace(changed.find("\"C3\""), 4, "\"C9\"");
  Write("changed.jsonl", changed);
  RunResult bad = VerifyArchive("changed.jsonl");
  EXPECT_EQ(bad.exit_code, 1) << bad.out;
  EXPECT_EQ(nlohmann::json::parse(bad.out)["ok"], false);
  std::string dropped = text;
  const std::size_t second = dropped.find('\n') + 1;
  dropped.erase(second, dropped.find('\n', second) + 1 - second);
  Write("dropped.jsonl", dropped);
  EXPECT_EQ(VerifyArchive("dropped.jsonl").exit_code, 1);
}

TEST_F(AuditArchiveTest, Aud4ArchivingIsAuditedAndDeletesNothing) {
  ASSERT_EQ(Archive({"--before", "2100-01-01"}, "old.jsonl").exit_code, 0);
  EXPECT_EQ(VerifyArchive("old.jsonl").exit_code, 0);
  RunResult events = Run({"audit", "events", "--data", "data", "--action", "audit.archive"});
  ASSERT_EQ(events.exit_code, 0) << events.err;
  auto lines = JsonLines(events.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["details"]["first_index"], "0");
  EXPECT_EQ(lines[0]["details"]["count"], "6");
  RunResult verify = Run({"audit", "verify", "--data", "data"});
  ASSERT_EQ(verify.exit_code, 0) << verify.out;
  EXPECT_EQ(nlohmann::json::parse(verify.out)["size"], 7);  // 6 kept + the archive event
}

TEST_F(AuditArchiveTest, ExistingFileIsNeverOverwritten) {
  Write("seg.jsonl", "keep me");
  RunResult a = Archive({"--to-index", "3"}, "seg.jsonl");
  EXPECT_NE(a.exit_code, 0);
  EXPECT_EQ(ReadFile(Path("seg.jsonl")), "keep me");
  EXPECT_EQ(Archive({"--to-index", "99"}, "far.jsonl").exit_code, 2);
}

TEST_F(AuditArchiveTest, SegmentOfAnotherLogIsRefusedWithData) {
  ASSERT_EQ(Archive({"--to-index", "3"}, "seg.jsonl").exit_code, 0);
  ASSERT_EQ(Run({"init", "--data", "other", "--custodians", "3", "--threshold", "2", "--shares-out",
                 "other-shares"})
                .exit_code,
            0);
  RunResult r = Run({"audit", "verify-archive", "seg.jsonl", "--data", "other"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
}

}  // namespace
}  // namespace cv::e2e
