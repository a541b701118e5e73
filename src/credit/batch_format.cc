// ParseManifest: strict reading of the manifest JSON, every error naming its field.
#include "credit/batch_format.h"

#include <algorithm>
#include <set>
#include <vector>

#include "audit/internal/base64.h"

namespace cv::credit {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kTopKeys[] = {"format_version", "institution",  "batch_id",
                                         "format",         "record_count", "digest",
                                         "encryption",     "signature"};

std::unexpected<Error> FieldFail(std::string_view field, std::string_view rule) {
  return Fail(ErrorCode::kInvalidArgument,
              "manifest field \"" + std::string(field) + "\" " + std::string(rule),
              Position{"", 0, std::string(field)});
}

bool AllOf(std::string_view s, std::string_view extra, bool lower) {
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (lower && c >= 'a' && c <= 'z') ||
           extra.find(c) != std::string_view::npos;
  });
}

// The JSON value, or kMalformed when not JSON or when any object repeats a key.
Result<Json> ParseStrictJson(std::string_view text) {
  std::vector<std::set<std::string>> keys;
  bool repeated = false;
  auto callback = [&](int, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::object_start) keys.emplace_back();
    if (event == Json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
    if (event == Json::parse_event_t::key && !keys.empty() &&
        !keys.back().insert(parsed.get<std::string>()).second) {
      repeated = true;
    }
    return true;
  };
  Json j = Json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Fail(ErrorCode::kMalformed, "the manifest is not valid JSON");
  if (repeated) return Fail(ErrorCode::kMalformed, "the manifest repeats a key");
  return j;
}

// Refuses keys outside `allowed`, naming the first (prefixed by `parent` when nested).
Status OnlyKeys(const Json& object, std::span<const std::string_view> allowed,
                std::string_view parent) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return FieldFail(std::string(parent) + key, "is not a manifest field");
    }
  }
  return Ok();
}

Result<std::string> StringField(const Json& object, std::string_view key, std::string_view name) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return FieldFail(name, "must be a string");
  return it->get<std::string>();
}

Result<std::uint64_t> CountField(const Json& j, std::string_view key, std::uint64_t max) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer() || it->get<std::int64_t>() < 0 ||
      it->get<std::uint64_t>() > max) {
    return FieldFail(key, "must be an integer from 0 to " + std::to_string(max));
  }
  return it->get<std::uint64_t>();
}

Status ReadIdentity(const Json& j, Manifest* m) {
  CV_ASSIGN_OR_RETURN(std::uint64_t version, CountField(j, "format_version", 1));
  if (version != 1) return FieldFail("format_version", "must be 1");
  CV_ASSIGN_OR_RETURN(m->institution, StringField(j, "institution", "institution"));
  if (m->institution.empty() || m->institution.size() > 32 || !AllOf(m->institution, "_-", false)) {
    return FieldFail("institution", "must be 1-32 of A-Z 0-9 _ -");
  }
  CV_ASSIGN_OR_RETURN(m->batch_id, StringField(j, "batch_id", "batch_id"));
  if (m->batch_id.empty() || m->batch_id.size() > 64 || !AllOf(m->batch_id, "_.-", true)) {
    return FieldFail("batch_id", "must be 1-64 of A-Z a-z 0-9 _ . -");
  }
  CV_ASSIGN_OR_RETURN(std::string format, StringField(j, "format", "format"));
  Result<BatchFormat> parsed = ParseBatchFormat(format);
  if (!parsed) return FieldFail("format", "must be jsonl or csv");
  m->format = *parsed;
  CV_ASSIGN_OR_RETURN(m->record_count, CountField(j, "record_count", kMaxRecordCount));
  return Ok();
}

Status ReadDigest(const Json& j, Manifest* m) {
  auto it = j.find("digest");
  if (it == j.end() || !it->is_object()) return FieldFail("digest", "must be an object");
  constexpr std::string_view kKeys[] = {"alg", "hex"};
  CV_RETURN_IF_ERROR(OnlyKeys(*it, kKeys, "digest."));
  CV_ASSIGN_OR_RETURN(m->digest_alg, StringField(*it, "alg", "digest.alg"));
  if (m->digest_alg != "sm3" && m->digest_alg != "sha256") {
    return FieldFail("digest.alg", "must be sm3 or sha256");
  }
  m->suite = m->digest_alg == "sm3" ? crypto::Suite::kGm : crypto::Suite::kIntl;
  CV_ASSIGN_OR_RETURN(m->digest_hex, StringField(*it, "hex", "digest.hex"));
  const bool hex = std::all_of(m->digest_hex.begin(), m->digest_hex.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
  if (m->digest_hex.size() != 64 || !hex) {
    return FieldFail("digest.hex", "must be 64 lower-case hex digits");
  }
  return Ok();
}

Status ReadEncryption(const Json& j, Manifest* m) {
  auto it = j.find("encryption");
  if (it == j.end() || it->is_null()) return Ok();
  if (!it->is_object()) return FieldFail("encryption", "must be an object or null");
  if (it->dump(-1, ' ', true).size() > kMaxEncryptionBytes) {
    return FieldFail("encryption",
                     "must be at most " + std::to_string(kMaxEncryptionBytes) + " bytes");
  }
  m->encryption = *it;
  return Ok();
}

Status ReadSignature(const Json& j, Manifest* m) {
  auto it = j.find("signature");
  if (it == j.end() || !it->is_object()) return FieldFail("signature", "must be an object");
  constexpr std::string_view kKeys[] = {"alg", "value"};
  CV_RETURN_IF_ERROR(OnlyKeys(*it, kKeys, "signature."));
  CV_ASSIGN_OR_RETURN(m->signature_alg, StringField(*it, "alg", "signature.alg"));
  const std::string_view want = m->suite == crypto::Suite::kGm ? "sm2-sm3" : "ecdsa-p256-sha256";
  if (m->signature_alg != "sm2-sm3" && m->signature_alg != "ecdsa-p256-sha256") {
    return FieldFail("signature.alg", "must be sm2-sm3 or ecdsa-p256-sha256");
  }
  if (m->signature_alg != want) {
    return FieldFail("signature.alg",
                     "must be of digest.alg's suite (sm3 with sm2-sm3, sha256 "
                     "with ecdsa-p256-sha256)");
  }
  CV_ASSIGN_OR_RETURN(std::string value, StringField(*it, "value", "signature.value"));
  Result<std::string> der =
      value.size() <= 512 ? audit::internal::Base64Decode(value) : Fail(ErrorCode::kMalformed, "");
  if (!der || der->empty()) {
    return FieldFail("signature.value", "must be canonical base64 of at most 512 characters");
  }
  m->signature = std::move(*der);
  return Ok();
}

}  // namespace

Result<Manifest> ParseManifest(std::string_view json) {
  if (json.size() > kMaxManifestBytes) {
    return Fail(ErrorCode::kInvalidArgument,
                "the manifest is longer than " + std::to_string(kMaxManifestBytes) + " bytes");
  }
  CV_ASSIGN_OR_RETURN(Json j, ParseStrictJson(json));
  if (!j.is_object()) return Fail(ErrorCode::kInvalidArgument, "the manifest must be an object");
  CV_RETURN_IF_ERROR(OnlyKeys(j, kTopKeys, ""));
  Manifest m;
  CV_RETURN_IF_ERROR(ReadIdentity(j, &m));
  CV_RETURN_IF_ERROR(ReadDigest(j, &m));
  CV_RETURN_IF_ERROR(ReadEncryption(j, &m));
  CV_RETURN_IF_ERROR(ReadSignature(j, &m));
  return m;
}

}  // namespace cv::credit
