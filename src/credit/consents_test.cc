// Tests for Consents (QRY-1, QRY-3, QRY-6; JR/T 0299): every validation rule, every Check rule
// with its code, revocation once, expiry by the clock, institution scope, tamper detection and
// nothing personal in clear at rest.
#include "credit/consents.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>

#include "audit/audit_reader.h"
#include "audit/testing/unsealed_vault.h"
#include "common/testing/scoped_temp_dir.h"

namespace cv::credit {
namespace {

using std::chrono::days;
using std::chrono::hours;

constexpr char kId[] = "11010519491231002X";
constexpr char kName[] = "张三丰";
// 2026-06-01T00:00:00Z, 08:00 in China.
const TimePoint kStart = TimePoint(std::chrono::seconds(1'780'272'000));

ConsentRequest Valid() {
  ConsentRequest r;
  r.subject = {"resident_id", kId};
  r.name = kName;
  r.reasons = {"02"};
  r.valid_until = "2026-12-31";
  r.agreement_version = "v3.1";
  r.agreement_sm3 = std::string(64, 'a');
  r.verification = {"id_check", "face", "bank_card"};
  r.channel = "online";
  return r;
}

access::Actor Querier(std::string institution, std::int64_t id = 7) {
  return access::Actor{
      id, "q_" + institution, std::move(institution), {access::Role::kQuerier}, "10.0.0.1"};
}

class ConsentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto v = audit::test::MakeUnsealedVault(dir_.path() + "/d", clock_, audit::test::kTwoBanksSql);
    ASSERT_TRUE(v) << v.error().ToString();
    vault_ = std::move(*v);
    credit_ = std::make_unique<CreditStore>(*vault_.keyring);
    consents_ = std::make_unique<Consents>(*credit_, *vault_.log, clock_);
  }

  std::unique_ptr<store::Tx> Tx() {
    auto tx = vault_.store->Begin();
    EXPECT_TRUE(tx);
    return std::move(*tx);
  }

  // Records `r` as `by` and commits whatever happened (refusals are audited).
  Result<std::string> Record(const ConsentRequest& r, const access::Actor& by = Querier("B0001")) {
    auto tx = Tx();
    Result<std::string> id = consents_->Record(*tx, by, r);
    EXPECT_TRUE(tx->Commit());
    return id;
  }

  std::string RecordOk(const ConsentRequest& r = Valid()) {
    Result<std::string> id = Record(r);
    EXPECT_TRUE(id) << id.error().ToString();
    return id.value_or("");
  }

  Result<ConsentView> Get(std::string_view id, const access::Actor& by = Querier("B0001")) {
    auto tx = Tx();
    return consents_->Get(*tx, by, id);
  }

  ConsentCheck Check(std::string_view id, std::string_view ref, std::string_view institution,
                     std::string_view reason) {
    auto tx = Tx();
    Result<ConsentCheck> c = consents_->Check(*tx, id, ref, institution, reason);
    EXPECT_TRUE(c) << c.error().ToString();
    return c.value_or(ConsentCheck{});
  }

  Status Revoke(std::string_view id, std::string_view reason,
                const access::Actor& by = Querier("B0001")) {
    auto tx = Tx();
    Status s = consents_->Revoke(*tx, by, id, reason);
    EXPECT_TRUE(tx->Commit());
    return s;
  }

  std::string Ref(const std::string& id = kId) { return *credit_->SubjectRef({"resident_id", id}); }

  void Sql(const std::string& sql, std::vector<store::Value> params) {
    auto tx = Tx();
    ASSERT_TRUE(tx->Exec(sql, params));
    ASSERT_TRUE(tx->Commit());
  }

  // Flips one byte of the BLOB `column` of consent `id` (a tamper with the file's rows).
  void FlipByte(const std::string& column, const std::string& id, std::size_t at) {
    auto tx = Tx();
    auto row =
        tx->QueryOne("SELECT " + column + " FROM credit_consents WHERE id = ?1", {store::Text(id)});
    ASSERT_TRUE(row && *row);
    std::string bytes = *(*row)->Blob(0);
    ASSERT_LT(at, bytes.size());
    bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
    ASSERT_TRUE(tx->Exec("UPDATE credit_consents SET " + column + " = ?1 WHERE id = ?2",
                         {store::Blob(bytes), store::Text(id)}));
    ASSERT_TRUE(tx->Commit());
  }

  int AuditCount(const std::string& action, const std::string& result) {
    auto tx = Tx();
    auto reader = audit::AuditReader::Open(*tx);
    EXPECT_TRUE(reader);
    audit::EventFilter f;
    f.action = action;
    f.result = result;
    int n = 0;
    EXPECT_TRUE((*reader)->ForEachEvent(f, [&](const audit::DecodedEntry&) -> Result<bool> {
      ++n;
      return true;
    }));
    return n;
  }

  std::string DatabaseBytes() {
    EXPECT_TRUE(vault_.store->Flush());
    std::ifstream in(dir_.path() + "/d/cvault.db", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  test::ScopedTempDir dir_;
  FakeClock clock_{kStart};
  audit::test::UnsealedVault vault_;
  std::unique_ptr<CreditStore> credit_;
  std::unique_ptr<Consents> consents_;
};

// --- Record and Get -------------------------------------------------------------------------

TEST_F(ConsentTest, RecordsAndReadsBackMaskedAndSigned) {
  const std::string id = RecordOk();
  EXPECT_EQ(id.size(), 28u);
  EXPECT_EQ(id.substr(0, 4), "cst_");
  auto v = Get(id);
  ASSERT_TRUE(v) << v.error().ToString();
  EXPECT_EQ(v->institution, "B0001");
  EXPECT_EQ(v->subject_id_type, "resident_id");
  EXPECT_EQ(v->subject_id_number_masked, "110105********002X");  // QRY-6
  EXPECT_EQ(v->subject_name_masked.find("三丰"), std::string::npos);
  EXPECT_EQ(v->subject_name_masked.substr(0, 3), "张");
  EXPECT_EQ(v->reasons, std::vector<std::string>{"02"});
  EXPECT_EQ(v->scope, "credit_report");
  EXPECT_EQ(v->valid_from, "2026-06-01");  // "" = today in China
  EXPECT_EQ(v->valid_until, "2026-12-31");
  EXPECT_EQ(v->verification, (std::vector<std::string>{"id_check", "face", "bank_card"}));
  EXPECT_EQ(v->channel, "online");
  EXPECT_EQ(v->recorded_by, "q_B0001");
  EXPECT_EQ(v->recorded_at, "2026-06-01T00:00:00Z");
  EXPECT_EQ(v->signed_at, "2026-06-01T00:00:00Z");
  EXPECT_EQ(v->retain_until, "2031-12-31");  // QRY-3: 5 years after the business ends
  EXPECT_EQ(v->status, "active");
  EXPECT_EQ(v->revoked_at, "");
  EXPECT_TRUE(v->signature_valid);
  EXPECT_EQ(AuditCount("consent.record", "ok"), 1);
}

TEST_F(ConsentTest, NormalizesTheIdNumberAndDeduplicatesReasonsAndMethods) {
  ConsentRequest r = Valid();
  r.subject.id_number = "11010519491231002x";
  r.reasons = {"02", "03", "02"};
  r.verification = {"id_check", "face", "face", "sms"};
  r.agreement_sm3 = std::string(64, 'A');
  auto v = Get(RecordOk(r));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->reasons, (std::vector<std::string>{"02", "03"}));
  EXPECT_EQ(v->verification, (std::vector<std::string>{"id_check", "face", "sms"}));
  EXPECT_EQ(v->agreement_sm3, std::string(64, 'a'));
  ConsentCheck c = Check(v->id, Ref(), "B0001", "02");  // the upper-cased id's reference
  EXPECT_TRUE(c.ok) << c.rule;
}

TEST_F(ConsentTest, RetentionOfALeapDayClampsToTheMonthsEnd) {
  ConsentRequest r = Valid();
  r.valid_until = "2028-02-29";
  auto v = Get(RecordOk(r));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->retain_until, "2033-02-28");
}

TEST_F(ConsentTest, AcceptsAPassportAndTheOptionalFields) {
  ConsentRequest r = Valid();
  r.subject = {"passport", "e12345678"};
  r.name = "ZHANG SANFENG";
  r.valid_from = "2026-06-10";
  r.scope = "credit_report";
  r.subject_signature = "MEUCIQDx+/==";
  r.signing_key_id = "cert-0042";
  r.signed_at = "2026-06-01T07:30:00+08:00";
  r.channel = "mobile_app";
  r.device = "iPhone15,3 iOS 17.4";
  auto v = Get(RecordOk(r));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->subject_id_type, "passport");
  EXPECT_EQ(v->signing_key_id, "cert-0042");
  EXPECT_EQ(v->device, "iPhone15,3 iOS 17.4");
  EXPECT_EQ(v->status, "not_yet_valid");
}

// Invariant 1: neither the identifier nor the name is in the database file in clear.
TEST_F(ConsentTest, TheDatabaseHoldsNeitherTheIdNumberNorTheName) {
  RecordOk();
  const std::string bytes = DatabaseBytes();
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(bytes.find(kId), std::string::npos);
  EXPECT_EQ(bytes.find("110105194912"), std::string::npos);
  EXPECT_EQ(bytes.find(kName), std::string::npos);
}

// --- Validation: every rule, kInvalidArgument naming the field, never the value ------------------

struct Case {
  const char* name;
  std::function<void(ConsentRequest&)> edit;
  const char* message;  // the expected "field: rule" prefix
};

class ConsentValidationTest : public ConsentTest, public ::testing::WithParamInterface<Case> {};

TEST_P(ConsentValidationTest, RefusesWithTheFieldAndRule) {
  ConsentRequest r = Valid();
  GetParam().edit(r);
  Result<std::string> id = Record(r);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(id.error().message().rfind(GetParam().message, 0), 0u) << id.error().message();
  EXPECT_EQ(id.error().message().find(kName), std::string::npos);
  EXPECT_EQ(id.error().message().find("1101051949"), std::string::npos);
  EXPECT_EQ(AuditCount("consent.record", "denied"), 1);  // refusals are audited
}

const Case kCases[] = {
    {"IdType", [](ConsentRequest& r) { r.subject.id_type = "ssn"; }, "subject.id_type: must be"},
    {"IdCheckChar", [](ConsentRequest& r) { r.subject.id_number = "110105194912310021"; },
     "subject.id_number: the check character does not match"},
    {"IdLength", [](ConsentRequest& r) { r.subject.id_number = "11010519491231002"; },
     "subject.id_number: a resident ID is 17 digits"},
    {"IdLetters", [](ConsentRequest& r) { r.subject.id_number = "1101051949123100AX"; },
     "subject.id_number: a resident ID is 17 digits"},
    {"Passport",
     [](ConsentRequest& r) {
       r.subject = {"passport", "E1-2345"};
     },
     "subject.id_number: a passport number"},
    {"NameEmpty", [](ConsentRequest& r) { r.name = ""; }, "subject.name: is required"},
    {"NameLong", [](ConsentRequest& r) { r.name = std::string(65, 'a'); },
     "subject.name: at most 64 bytes"},
    {"NameUtf8", [](ConsentRequest& r) { r.name = "张\xff"; }, "subject.name: at most 64 bytes"},
    {"NameControl", [](ConsentRequest& r) { r.name = "张\n三"; }, "subject.name: at most 64 bytes"},
    {"NoReason", [](ConsentRequest& r) { r.reasons = {}; }, "reasons: at least one"},
    {"UnknownReason",
     [](ConsentRequest& r) {
       r.reasons = {"02", "99"};
     },
     "reasons: unknown reason code"},
    {"SelfQuery", [](ConsentRequest& r) { r.reasons = {"S1"}; }, "reasons: self-query codes"},
    {"TooManyReasons",
     [](ConsentRequest& r) {
       r.reasons.clear();
       for (int i = 0; i < 17; ++i) r.reasons.push_back("x" + std::to_string(i));
     },
     "reasons: at most 16"},
    {"UntilNotADate", [](ConsentRequest& r) { r.valid_until = "2026-02-30"; },
     "valid_until: must be a date"},
    {"UntilBeforeFrom",
     [](ConsentRequest& r) {
       r.valid_from = "2026-07-01";
       r.valid_until = "2026-06-30";
     },
     "valid_until: must not be before valid_from"},
    {"Expired",
     [](ConsentRequest& r) {
       r.signed_at = "2026-05-01T09:00:00+08:00";
       r.valid_from = "2026-05-01";
       r.valid_until = "2026-05-31";
     },
     "valid_until: the consent has already expired"},
    {"WindowTooLong", [](ConsentRequest& r) { r.valid_until = "2029-06-05"; },
     "valid_until: the validity window exceeds the maximum"},
    {"FromNotADate", [](ConsentRequest& r) { r.valid_from = "2026/06/01"; },
     "valid_from: must be a date"},
    {"FromBeforeSigning", [](ConsentRequest& r) { r.valid_from = "2026-05-31"; },
     "valid_from: must not be before the day the consent was signed"},
    {"FromTooFar",
     [](ConsentRequest& r) {
       r.valid_from = "2029-07-01";
       r.valid_until = "2029-12-31";
     },
     "valid_from: too far in the future"},
    {"SignedAtNotATime", [](ConsentRequest& r) { r.signed_at = "2026-06-01 08:00"; },
     "signed_at: must be an RFC 3339 time"},
    {"SignedInTheFuture", [](ConsentRequest& r) { r.signed_at = "2026-06-01T01:00:00Z"; },
     "signed_at: is in the future"},
    {"AgreementVersionMissing", [](ConsentRequest& r) { r.agreement_version = ""; },
     "agreement.version: is required"},
    {"AgreementVersionLong", [](ConsentRequest& r) { r.agreement_version = std::string(129, 'v'); },
     "agreement.version: at most 128 bytes"},
    {"Sm3Short", [](ConsentRequest& r) { r.agreement_sm3 = std::string(63, 'a'); },
     "agreement.sm3: must be 64 hex digits"},
    {"Sm3NotHex", [](ConsentRequest& r) { r.agreement_sm3 = std::string(64, 'g'); },
     "agreement.sm3: must be 64 hex digits"},
    {"NoIdCheck",
     [](ConsentRequest& r) {
       r.verification = {"face", "bank_card", "sms"};
     },
     "verification: id_check is required"},
    {"OneOtherMethod",
     [](ConsentRequest& r) {
       r.verification = {"id_check", "face"};
     },
     "verification: id_check and at least two other methods"},
    {"RepeatedMethodCountsOnce",
     [](ConsentRequest& r) {
       r.verification = {"id_check", "face", "face"};
     },
     "verification: id_check and at least two other methods"},
    {"UnknownMethod",
     [](ConsentRequest& r) {
       r.verification = {"id_check", "face", "iris"};
     },
     "verification: unknown verification method"},
    {"KeyIdWithoutSignature", [](ConsentRequest& r) { r.signing_key_id = "k1"; },
     "signature.value: is required with a key_id"},
    {"SignatureWithoutKeyId", [](ConsentRequest& r) { r.subject_signature = "AAAA"; },
     "signature.key_id: is required with a value"},
    {"SignatureNotBase64",
     [](ConsentRequest& r) {
       r.subject_signature = "AA AA";
       r.signing_key_id = "k1";
     },
     "signature.value: at most 8192 bytes of base64"},
    {"KeyIdControl",
     [](ConsentRequest& r) {
       r.subject_signature = "AAAA";
       r.signing_key_id = "k\x01";
     },
     "signature.key_id: at most 128 bytes"},
    {"Scope", [](ConsentRequest& r) { r.scope = "Credit Report"; }, "scope: 1-64 of"},
    {"Channel", [](ConsentRequest& r) { r.channel = "fax"; }, "channel: must be online"},
    {"Device", [](ConsentRequest& r) { r.device = "a\tb"; }, "device: at most 128 bytes"},
};

INSTANTIATE_TEST_SUITE_P(Rules, ConsentValidationTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(ConsentTest, AgencyStaffCannotRecord) {
  Result<std::string> id = Record(Valid(), Querier(std::string(access::kAgencyInstitution)));
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code(), ErrorCode::kPermissionDenied);
}

// CRY-5: a shredded subject's keys are gone; no consent is sealed under new ones.
TEST_F(ConsentTest, ARecordForAShreddedSubjectIsRefused) {
  {
    auto tx = Tx();
    auto row = credit_->EnsureSubject(*tx, Ref(), clock_.Now());
    ASSERT_TRUE(row);
    ASSERT_TRUE(credit_->Shred(*tx, *row, "erasure request", clock_.Now()));
    ASSERT_TRUE(tx->Commit());
  }
  Result<std::string> id = Record(Valid());
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code(), ErrorCode::kFailedPrecondition);
}

// --- Institution scope --------------------------------------------------------------------------

TEST_F(ConsentTest, AnotherInstitutionSeesNothing) {
  const std::string id = RecordOk();
  auto other = Get(id, Querier("B0002"));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kNotFound);
  auto unknown = Get("cst_000000000000000000000000");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message(), other.error().message());  // indistinguishable
  EXPECT_EQ(Get("../etc").error().code(), ErrorCode::kNotFound);
  auto tx = Tx();
  auto listed = consents_->List(*tx, Querier("B0002"), 100);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_F(ConsentTest, ListsTheInstitutionsOwnNewestFirst) {
  const std::string first = RecordOk();
  clock_.Advance(std::chrono::seconds(10));
  const std::string second = RecordOk();
  auto tx = Tx();
  auto listed = consents_->List(*tx, Querier("B0001"), 100);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, second);
  EXPECT_EQ((*listed)[1].id, first);
  auto one = consents_->List(*tx, Querier("B0001"), 1);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->size(), 1u);
}

// --- Revoke -------------------------------------------------------------------------------------

TEST_F(ConsentTest, RevokesOnceAndAudits) {
  const std::string id = RecordOk();
  clock_.Advance(hours(1));
  ASSERT_TRUE(Revoke(id, "the subject withdrew by phone"));
  auto v = Get(id);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->status, "revoked");
  EXPECT_EQ(v->revoked_at, "2026-06-01T01:00:00Z");
  EXPECT_TRUE(v->signature_valid);
  Status again = Revoke(id, "twice");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(AuditCount("consent.revoke", "ok"), 1);
  EXPECT_EQ(AuditCount("consent.revoke", "denied"), 1);
}

TEST_F(ConsentTest, RevokeNeedsAReasonAndTheOwnInstitution) {
  const std::string id = RecordOk();
  Status no_reason = Revoke(id, "");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().code(), ErrorCode::kInvalidArgument);
  Status other = Revoke(id, "withdrawn", Querier("B0002"));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kNotFound);
  Status unknown = Revoke("nope", "withdrawn");
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Get(id)->status, "active");
  EXPECT_EQ(AuditCount("consent.revoke", "denied"), 3);
}

// --- Check: every rule with its code (QRY-1) --------------------------------------------------

TEST_F(ConsentTest, CheckAllowsACoveredQueryWithinTheWindow) {
  ConsentRequest r = Valid();
  r.reasons = {"02", "03"};
  const std::string id = RecordOk(r);
  EXPECT_TRUE(Check(id, Ref(), "B0001", "02").ok);
  ConsentCheck c = Check(id, Ref(), "B0001", "03");
  EXPECT_TRUE(c.ok);
  EXPECT_EQ(c.rule, "");
}

TEST_F(ConsentTest, CheckRefusesAnUnknownConsent) {
  EXPECT_EQ(Check("cst_000000000000000000000000", Ref(), "B0001", "02").rule, "consent_not_found");
  EXPECT_EQ(Check("", Ref(), "B0001", "02").rule, "consent_not_found");
}

TEST_F(ConsentTest, CheckRefusesAnotherInstitution) {
  const std::string id = RecordOk();
  ConsentCheck c = Check(id, Ref(), "B0002", "02");
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.rule, "consent_other_institution");
}

TEST_F(ConsentTest, CheckRefusesAnotherSubject) {
  const std::string id = RecordOk();
  EXPECT_EQ(Check(id, Ref("110105194912310021"), "B0001", "02").rule, "consent_other_subject");
}

TEST_F(ConsentTest, CheckRefusesAReasonNotCovered) {
  const std::string id = RecordOk();
  EXPECT_EQ(Check(id, Ref(), "B0001", "03").rule, "consent_reason_not_covered");
}

TEST_F(ConsentTest, CheckRefusesBeforeTheWindowOpens) {
  ConsentRequest r = Valid();
  r.valid_from = "2026-06-10";
  const std::string id = RecordOk(r);
  EXPECT_EQ(Check(id, Ref(), "B0001", "02").rule, "consent_not_yet_valid");
  clock_.Advance(days(9));  // 2026-06-10 in China
  EXPECT_TRUE(Check(id, Ref(), "B0001", "02").ok);
}

// The window is of China-time days: valid through 23:59:59 (UTC+8) of valid_until.
TEST_F(ConsentTest, ExpiredConsentRefusesQuery) {
  ConsentRequest r = Valid();
  r.valid_until = "2026-06-30";
  const std::string id = RecordOk(r);
  clock_.Advance(days(29) + hours(15) + std::chrono::minutes(59));  // 2026-06-30T23:59 China
  EXPECT_TRUE(Check(id, Ref(), "B0001", "02").ok);
  clock_.Advance(std::chrono::minutes(1));
  ConsentCheck c = Check(id, Ref(), "B0001", "02");
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.rule, "consent_expired");
  EXPECT_EQ(Get(id)->status, "expired");
}

TEST_F(ConsentTest, CheckRefusesARevokedConsent) {
  const std::string id = RecordOk();
  ASSERT_TRUE(Revoke(id, "withdrawn"));
  EXPECT_EQ(Check(id, Ref(), "B0001", "02").rule, "consent_revoked");
}

// --- Tampering (invariant 3) -------------------------------------------------------------------

TEST_F(ConsentTest, ATamperedSignatureIsDetected) {
  const std::string id = RecordOk();
  FlipByte("signature", id, 20);
  EXPECT_EQ(Check(id, Ref(), "B0001", "02").rule, "consent_signature_invalid");
  auto v = Get(id);
  ASSERT_TRUE(v);
  EXPECT_FALSE(v->signature_valid);
}

TEST_F(ConsentTest, AWidenedReasonOrWindowIsDetected) {
  const std::string id = RecordOk();
  Sql("UPDATE credit_consents SET reasons = '02,03', valid_until = '2029-01-01' WHERE id = ?1",
      {store::Text(id)});
  ConsentCheck c = Check(id, Ref(), "B0001", "03");
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.rule, "consent_signature_invalid");
  EXPECT_FALSE(Get(id)->signature_valid);
}

TEST_F(ConsentTest, ATamperedBodyIsDetected) {
  const std::string id = RecordOk();
  FlipByte("body", id, 40);
  EXPECT_EQ(Check(id, Ref(), "B0001", "02").rule, "consent_signature_invalid");
  auto v = Get(id);
  ASSERT_TRUE(v) << v.error().ToString();
  EXPECT_FALSE(v->signature_valid);
  EXPECT_EQ(v->subject_id_number_masked, "");  // nothing read from a body that does not open
}

TEST_F(ConsentTest, ABodyMovedToAnotherConsentIsDetected) {
  const std::string a = RecordOk();
  const std::string b = RecordOk();
  Sql("UPDATE credit_consents SET body = (SELECT body FROM credit_consents WHERE id = ?1) "
      "WHERE id = ?2",
      {store::Text(a), store::Text(b)});
  EXPECT_EQ(Check(b, Ref(), "B0001", "02").rule, "consent_signature_invalid");
  EXPECT_TRUE(Check(a, Ref(), "B0001", "02").ok);
}

TEST_F(ConsentTest, ConsentsAreNeverDeleted) {
  const std::string id = RecordOk();
  auto tx = Tx();
  EXPECT_FALSE(tx->Exec("DELETE FROM credit_consents WHERE id = ?1", {store::Text(id)}));
}

}  // namespace
}  // namespace cv::credit
