// Institutions: registration, key rotation, reads, and the checks and audit events every
// operation shares. The lifecycle transitions are in institutions_lifecycle.cc.
#include "access/institutions.h"

#include "access/internal/manage_scope.h"
#include "access/internal/printable.h"
#include "crypto/signer.h"

namespace cv::access {
namespace {

using internal::Printable;

// Length of the well-formed UTF-8 sequence at s[i] (Unicode 15, Table 3-7), 0 when ill-formed.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  const unsigned c = byte(0);
  if (c < 0x80) return 1;
  unsigned lo = 0x80, hi = 0xbf;
  std::size_t n = 0;
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    lo = c == 0xe0 ? 0xa0 : lo;  // no overlong forms
    hi = c == 0xed ? 0x9f : hi;  // no surrogates
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    lo = c == 0xf0 ? 0x90 : lo;
    hi = c == 0xf4 ? 0x8f : hi;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (byte(1) < lo || byte(1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(k) < 0x80 || byte(k) > 0xbf) return 0;
  }
  return n;
}

// Well-formed UTF-8 without C0 control characters or DEL: safe to store, show and audit.
bool IsCleanText(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return false;
    const std::size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// JR/T 0117 9.1: an institution is named by a short code: 1-32 of [A-Z0-9_-].
bool IsValidCode(std::string_view code) {
  if (code.empty() || code.size() > kMaxInstitutionCode) return false;
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

// A public key as stored: re-encoded PEM of an SM2 or P-256 key, and its suite.
struct StoredKey {
  std::string pem;
  crypto::Suite suite;
};

Result<StoredKey> NormalizeKey(std::string_view pem) {
  CV_ASSIGN_OR_RETURN(const crypto::ParsedPublicKey key, crypto::ParsePublicKeyPem(pem));
  CV_ASSIGN_OR_RETURN(std::string normalized, crypto::PublicKeyPem(key.der));
  return StoredKey{std::move(normalized), key.suite};
}

constexpr std::string_view kSelectInstitution =
    "SELECT code, name, kind, status, public_key, created_at, updated_at FROM institutions";

Result<Institution> FromRow(const store::Row& row) {
  Institution out;
  CV_ASSIGN_OR_RETURN(out.code, row.Text(0));
  CV_ASSIGN_OR_RETURN(out.name, row.Text(1));
  CV_ASSIGN_OR_RETURN(const std::string kind, row.Text(2));
  CV_ASSIGN_OR_RETURN(out.kind, ParseInstitutionKind(kind));
  CV_ASSIGN_OR_RETURN(const std::string status, row.Text(3));
  CV_ASSIGN_OR_RETURN(out.status, ParseInstitutionStatus(status));
  CV_ASSIGN_OR_RETURN(out.public_key_pem, row.Text(4));
  CV_ASSIGN_OR_RETURN(out.created_at, row.Text(5));
  CV_ASSIGN_OR_RETURN(out.updated_at, row.Text(6));
  return out;
}

}  // namespace

Status Institutions::Audit(store::Tx& tx, const Actor& by, std::string_view action,
                           std::string_view object_type, std::string_view object_id,
                           audit::Outcome result, std::string reason,
                           std::vector<audit::Detail> details) {
  audit::Event e;
  e.time = clock_.Now();
  e.actor_user = by.login;
  e.actor_institution = by.institution;
  e.client_address = by.client;
  e.action = std::string(action);
  e.object_type = std::string(object_type);
  e.object_id = std::string(object_id);
  e.result = result;
  e.reason = std::move(reason);
  e.details = std::move(details);
  CV_RETURN_IF_ERROR(audit_.Append(tx, e));
  return Ok();
}

std::unexpected<Error> Institutions::Refuse(store::Tx& tx, const Actor& by, ActionId action,
                                            std::string_view code, ErrorCode error,
                                            std::string why) {
  Status logged = Audit(tx, by, ActionName(action), "institution", Printable(code),
                        audit::Outcome::kDenied, why);
  if (!logged) return std::unexpected(logged.error());
  return Fail(error, std::move(why));
}

Status Institutions::Precheck(const Actor& by, ActionId action, std::string_view code,
                              std::string_view reason, bool reason_required) const {
  if (!internal::Holds(by, action)) {
    return Fail(ErrorCode::kPermissionDenied,
                "no role of the actor holds " + std::string(ActionName(action)));
  }
  if (!IsValidCode(code)) {
    return Fail(ErrorCode::kInvalidArgument, "an institution code is 1-32 of A-Z 0-9 _ -");
  }
  if ((reason_required && reason.empty()) || reason.size() > kMaxReasonBytes ||
      !IsCleanText(reason)) {
    return Fail(ErrorCode::kInvalidArgument,
                "a reason is required: 1-1000 bytes of UTF-8 text without control characters");
  }
  return Ok();
}

Result<Institution> Institutions::Register(store::Tx& tx, const Actor& by, std::string_view code,
                                           std::string_view name, std::string_view kind,
                                           std::string_view public_key_pem) {
  constexpr ActionId kAction = ActionId::kInstitutionCreate;
  if (Status ok = Precheck(by, kAction, code, "", false); !ok) {
    return Refuse(tx, by, kAction, code, ok.error().code(), ok.error().message());
  }
  if (code == kAgencyInstitution) {
    return Refuse(tx, by, kAction, code, ErrorCode::kInvalidArgument,
                  "the code AGENCY is reserved for the agency");
  }
  if (name.empty() || name.size() > kMaxInstitutionNameBytes || !IsCleanText(name)) {
    return Refuse(tx, by, kAction, code, ErrorCode::kInvalidArgument,
                  "a name is 1-200 bytes of UTF-8 text without control characters");
  }
  Result<InstitutionKind> parsed_kind = ParseInstitutionKind(kind);
  if (!parsed_kind || *parsed_kind == InstitutionKind::kAgency) {
    return Refuse(tx, by, kAction, code, ErrorCode::kInvalidArgument,
                  "the kind is provider, user or provider_user");
  }
  Institution out{
      std::string(code), std::string(name), *parsed_kind, InstitutionStatus::kPending, "", "", ""};
  std::vector<audit::Detail> details = {{"kind", std::string(kind), false}};
  if (!public_key_pem.empty()) {
    Result<StoredKey> key = NormalizeKey(public_key_pem);
    if (!key) {
      return Refuse(tx, by, kAction, code, ErrorCode::kInvalidArgument, key.error().message());
    }
    out.public_key_pem = std::move(key->pem);
    details.push_back({"key_suite", std::string(crypto::SuiteName(key->suite)), false});
  }
  CV_ASSIGN_OR_RETURN(
      const std::optional<store::Row> existing,
      tx.QueryOne("SELECT 1 FROM institutions WHERE code = ?1", {store::Text(code)}));
  if (existing) {
    return Refuse(tx, by, kAction, code, ErrorCode::kConflict,
                  "institution " + std::string(code) + " exists already");
  }
  out.created_at = out.updated_at = FormatRfc3339(clock_.Now());
  CV_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO institutions (code, name, kind, status, public_key, created_at, "
              "updated_at) VALUES (?1, ?2, ?3, 'pending', ?4, ?5, ?5)",
              {store::Text(out.code), store::Text(out.name), store::Text(kind),
               store::Text(out.public_key_pem), store::Text(out.created_at)}));
  CV_RETURN_IF_ERROR(Audit(tx, by, ActionName(kAction), "institution", code, audit::Outcome::kOk,
                           "registered, pending admission", std::move(details)));
  return out;
}

Status Institutions::SetPublicKey(store::Tx& tx, const Actor& by, std::string_view code,
                                  std::string_view public_key_pem) {
  constexpr ActionId kAction = ActionId::kInstitutionSetKey;
  if (Status ok = Precheck(by, kAction, code, "", false); !ok) {
    return Refuse(tx, by, kAction, code, ok.error().code(), ok.error().message());
  }
  Result<StoredKey> key = NormalizeKey(public_key_pem);
  if (!key) {
    return Refuse(tx, by, kAction, code, ErrorCode::kInvalidArgument, key.error().message());
  }
  Result<Institution> found = Get(tx, code);
  if (!found && found.error().code() == ErrorCode::kNotFound) {
    return Refuse(tx, by, kAction, code, ErrorCode::kNotFound, found.error().message());
  }
  if (!found) return std::unexpected(found.error());
  if (found->status == InstitutionStatus::kDeregistered) {
    return Refuse(tx, by, kAction, code, ErrorCode::kFailedPrecondition,
                  "institution " + std::string(code) + " is deregistered");
  }
  CV_RETURN_IF_ERROR(tx.Exec(
      "UPDATE institutions SET public_key = ?2, updated_at = ?3 WHERE code = ?1",
      {store::Text(code), store::Text(key->pem), store::Text(FormatRfc3339(clock_.Now()))}));
  return Audit(tx, by, ActionName(kAction), "institution", code, audit::Outcome::kOk,
               found->public_key_pem.empty() ? "key set" : "key replaced",
               {{"key_suite", std::string(crypto::SuiteName(key->suite)), false}});
}

Result<Institution> Institutions::Get(store::Tx& tx, std::string_view code) {
  CV_ASSIGN_OR_RETURN(
      const std::optional<store::Row> row,
      tx.QueryOne(std::string(kSelectInstitution) + " WHERE code = ?1", {store::Text(code)}));
  if (!row) return Fail(ErrorCode::kNotFound, "no institution " + Printable(code));
  return FromRow(*row);
}

Result<std::vector<Institution>> Institutions::List(store::Tx& tx) {
  CV_ASSIGN_OR_RETURN(const std::vector<store::Row> rows,
                      tx.Query(std::string(kSelectInstitution) + " ORDER BY code"));
  std::vector<Institution> out;
  out.reserve(rows.size());
  for (const store::Row& row : rows) {
    CV_ASSIGN_OR_RETURN(Institution institution, FromRow(row));
    out.push_back(std::move(institution));
  }
  return out;
}

}  // namespace cv::access
