// End-to-end tests of `cvault audit` (issue #4 interfaces): verification of an intact log and of
// logs tampered with through the database file (with the sqlite3 tool, as an attacker with file
// access would), proof and checkpoint formats, search and report.
#include <gtest/gtest.h>

#include <string>

#include "e2e_helpers.h"

namespace cv::e2e {
namespace {

class AuditTest : public CvaultTest {
 protected:
  void SetUp() override {
    CvaultTest::SetUp();
    RunResult init = Run({"init", "--data", "data", "--custodians", "3", "--threshold", "2",
                          "--shares-out", "shares"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    for (const char* grade : {"C1", "C2", "C3", "C2", "C1"}) {
      RunResult r =
          Run({"keys", "rotate", "--data", "data", "--grade", grade, "--share",
               "shares/custodian-1-of-3.share", "--share", "shares/custodian-2-of-3.share"});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }
  RunResult Audit(std::vector<std::string> args) {
    args.insert(args.begin(), {"audit"});
    args.insert(args.begin() + 2, {"--data", "data"});
    return Run(args);
  }
  // Runs SQL on the database file with the sqlite3 tool, triggers dropped first.
  void Tamper(const std::string& sql) {
    std::string drop;
    for (const char* t :
         {"audit_events_no_update", "audit_events_no_delete", "audit_nodes_no_update",
          "audit_nodes_no_delete", "audit_head_only_grows", "audit_head_no_delete"}) {
      drop += std::string("DROP TRIGGER ") + t + "; ";
    }
    RunResult r = RunProgram("/usr/bin/sqlite3", {"data/cvault.db", drop + sql}, Path(""));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  nlohmann::json VerifyJson(int expected_exit) {
    RunResult r = Audit({"verify"});
    EXPECT_EQ(r.exit_code, expected_exit) << r.out << r.err;
    return nlohmann::json::parse(r.out);
  }
};

TEST_F(AuditTest, Aud2IntactLogVerifies) {
  nlohmann::json v = VerifyJson(0);
  EXPECT_EQ(v["ok"], true);
  EXPECT_EQ(v["size"], 6);  // init + 5 rotations
  EXPECT_EQ(v["events_checked"], 6);
}

TEST_F(AuditTest, ChangedEventIsReportedWithItsIndex) {
  Tamper(
      "UPDATE audit_events SET entry = CAST(replace(CAST(entry AS TEXT), 'C3', 'C9') AS BLOB) "
      "WHERE seq = 3;");
  nlohmann::json v = VerifyJson(1);
  EXPECT_EQ(v["ok"], false);
  EXPECT_EQ(v["first_bad_index"], 3);
}

TEST_F(AuditTest, DeletedEventIsReported) {
  Tamper("DELETE FROM audit_events WHERE seq = 2;");
  nlohmann::json v = VerifyJson(1);
  EXPECT_EQ(v["first_bad_index"], 2);
}

TEST_F(AuditTest, TruncatedLogIsReported) {
  Tamper(
      "DELETE FROM audit_events WHERE seq >= 4; DELETE FROM audit_nodes; "
      "UPDATE audit_head SET size = 4;");
  nlohmann::json v = VerifyJson(1);
  EXPECT_EQ(v["ok"], false);
}

TEST_F(AuditTest, ProofJsonHasTheFixedShape) {
  RunResult r = Audit({"prove", "--index", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json p = nlohmann::json::parse(r.out);
  EXPECT_EQ(p["hash"], "sm3");
  EXPECT_EQ(p["leaf_index"], 2);
  EXPECT_EQ(p["tree_size"], 6);
  EXPECT_EQ(p["leaf_hash"].get<std::string>().size(), 64u);
  EXPECT_EQ(p["root"].get<std::string>().size(), 64u);
  EXPECT_TRUE(p["proof"].is_array());
  RunResult c = Audit({"consistency", "--from", "2", "--to", "5"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  nlohmann::json q = nlohmann::json::parse(c.out);
  for (const char* key :
       {"hash", "first_size", "second_size", "first_root", "second_root", "proof"}) {
    EXPECT_TRUE(q.contains(key)) << key;
  }
  EXPECT_EQ(Audit({"prove", "--index", "6"}).exit_code, 2);
}

TEST_F(AuditTest, CheckpointIsASignedNote) {
  RunResult r = Audit({"checkpoint"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& note = r.out;
  EXPECT_EQ(note.rfind("creditvault/", 0), 0u) << note;
  EXPECT_NE(note.find("\n6\n"), std::string::npos) << note;
  EXPECT_NE(note.find("\n\n\xE2\x80\x94 creditvault/"), std::string::npos) << note;
}

TEST_F(AuditTest, EventsFilterAndReport) {
  RunResult r = Audit({"events", "--action", "keys.rotate", "--limit", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["action"], "keys.rotate");
  EXPECT_EQ(lines[0]["details"]["grade"], "C1");
  EXPECT_EQ(Audit({"events", "--result", "maybe"}).exit_code, 2);
  EXPECT_EQ(Audit({"events", "--from", "yesterday"}).exit_code, 2);
  RunResult report = Audit({"report", "--from", "2000-01-01", "--to", "2100-01-01"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  nlohmann::json j = nlohmann::json::parse(report.out);
  EXPECT_EQ(j["events"], 6);
  EXPECT_EQ(j["by_action"]["keys.rotate"], 5);
  RunResult html =
      Audit({"report", "--from", "2000-01-01", "--to", "2100-01-01", "--format", "html"});
  ASSERT_EQ(html.exit_code, 0);
  EXPECT_NE(html.out.find("<h2>By action</h2>"), std::string::npos);
}

TEST_F(AuditTest, VerifyWithoutADataDirIsAClearError) {
  RunResult r = Run({"audit", "verify", "--data", "nowhere"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("not_found"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace cv::e2e
