// Canonical encoding of audit events (DO NOT CHANGE: every byte is hashed into the log).
#include "audit/event.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "audit/internal/hex.h"

namespace cv::audit {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kEntryVersion = 1;                   // DO NOT CHANGE
constexpr std::string_view kHashPrefix = "hmac:";  // DO NOT CHANGE

Status CheckField(std::string_view name, std::string_view value) {
  if (value.size() > kMaxFieldBytes) {
    return Fail(ErrorCode::kInvalidArgument, "audit field " + std::string(name) + " over " +
                                                 std::to_string(kMaxFieldBytes) + " bytes");
  }
  return Ok();
}

// Details sorted by key, personal values replaced by their keyed hash.
Result<Json> EncodeDetails(const std::vector<Detail>& details, const PersonalHasher& hash) {
  if (details.size() > kMaxDetails) {
    return Fail(ErrorCode::kInvalidArgument, "more than 64 audit details");
  }
  std::vector<std::pair<std::string, std::string>> sorted;
  for (const Detail& d : details) {
    CV_RETURN_IF_ERROR(CheckField("detail key", d.key));
    CV_RETURN_IF_ERROR(CheckField("detail " + d.key, d.value));
    std::string value = d.value;
    if (d.personal) {
      CV_ASSIGN_OR_RETURN(const std::string mac, hash(d.value));
      value = std::string(kHashPrefix) + internal::HexEncode(mac);
    }
    sorted.emplace_back(d.key, std::move(value));
  }
  std::sort(sorted.begin(), sorted.end());
  Json out = Json::object();
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0 && sorted[i].first == sorted[i - 1].first) {
      return Fail(ErrorCode::kInvalidArgument, "duplicate audit detail " + sorted[i].first);
    }
    out[sorted[i].first] = sorted[i].second;
  }
  return out;
}

Result<std::string> Dump(const Json& j) {
  try {
    return j.dump(-1, ' ', false, Json::error_handler_t::strict);
  } catch (const Json::exception&) {
    return Fail(ErrorCode::kInvalidArgument, "audit event holds invalid UTF-8");
  }
}

// "YYYY-MM-DDTHH:MM:SS.ffffffZ" -> microseconds; nullopt if not exactly that shape.
std::optional<std::int64_t> ParseMicros(std::string_view s) {
  if (s.size() != 27 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
      s[16] != ':' || s[19] != '.' || s[26] != 'Z') {
    return std::nullopt;
  }
  auto num = [&](std::size_t pos, std::size_t len) -> int {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, v);
    return ec == std::errc() && p == s.data() + pos + len ? v : -1;
  };
  const int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2),
            sec = num(17, 2), us = num(20, 6);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0 || us < 0) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(mo),
                                        std::chrono::day(d)};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  const auto days = std::chrono::sys_days(ymd).time_since_epoch().count();
  return ((static_cast<std::int64_t>(days) * 24 + h) * 60 + mi) * 60'000'000LL +
         static_cast<std::int64_t>(sec) * 1'000'000 + us;
}

}  // namespace

std::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOk:
      return "ok";
    case Outcome::kDenied:
      return "denied";
    case Outcome::kError:
      return "error";
  }
  return "error";
}

Result<Outcome> ParseOutcome(std::string_view name) {
  for (Outcome o : {Outcome::kOk, Outcome::kDenied, Outcome::kError}) {
    if (OutcomeName(o) == name) return o;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "unknown result '" + std::string(name) + "' (ok, denied or error)");
}

std::int64_t UnixMicros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

std::string FormatMicros(std::int64_t unix_us) {
  const std::int64_t secs = unix_us >= 0 ? unix_us / 1'000'000 : (unix_us - 999'999) / 1'000'000;
  const auto us = static_cast<int>(unix_us - secs * 1'000'000);
  const std::chrono::sys_seconds tp{std::chrono::seconds(secs)};
  const auto days = std::chrono::floor<std::chrono::days>(tp);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss hms{tp - days};
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02uT%02d:%02d:%02d.%06dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()), us);
  return buf;
}

Result<std::string> EncodeEntry(const Event& event, std::uint64_t seq,
                                const PersonalHasher& hash_personal) {
  if (event.action.empty()) return Fail(ErrorCode::kInvalidArgument, "audit event without action");
  for (auto [name, value] :
       {std::pair<std::string_view, std::string_view>{"actor", event.actor_user},
        {"institution", event.actor_institution},
        {"client", event.client_address},
        {"action", event.action},
        {"object_type", event.object_type},
        {"object_id", event.object_id},
        {"reason", event.reason}}) {
    CV_RETURN_IF_ERROR(CheckField(name, value));
  }
  CV_ASSIGN_OR_RETURN(Json details, EncodeDetails(event.details, hash_personal));
  Json j;  // DO NOT CHANGE the key order: it is part of the canonical form.
  j["v"] = kEntryVersion;
  j["seq"] = seq;
  j["time"] = FormatMicros(UnixMicros(event.time));
  j["actor"] = event.actor_user;
  j["institution"] = event.actor_institution;
  j["client"] = event.client_address;
  j["action"] = event.action;
  j["object_type"] = event.object_type;
  j["object_id"] = event.object_id;
  j["result"] = std::string(OutcomeName(event.result));
  j["reason"] = event.reason;
  j["details"] = std::move(details);
  return Dump(j);
}

namespace {

Result<DecodedEntry> DecodeFields(const Json& j) {
  static const std::vector<std::string> kKeys = {"v",           "seq",    "time",   "actor",
                                                 "institution", "client", "action", "object_type",
                                                 "object_id",   "result", "reason", "details"};
  if (!j.is_object() || j.size() != kKeys.size()) {
    return Fail(ErrorCode::kMalformed, "audit entry is not a v1 object");
  }
  DecodedEntry e;
  try {
    // get<int>() of a float out of int's range is undefined behaviour: refuse non-integers first.
    if (!j.at("v").is_number_integer() || !j.at("seq").is_number_unsigned()) {
      return Fail(ErrorCode::kMalformed, "audit entry has a missing or mistyped field");
    }
    if (j.at("v").get<int>() != kEntryVersion) {
      return Fail(ErrorCode::kMalformed, "unknown audit entry version");
    }
    e.seq = j.at("seq").get<std::uint64_t>();
    e.time = j.at("time").get<std::string>();
    e.actor_user = j.at("actor").get<std::string>();
    e.actor_institution = j.at("institution").get<std::string>();
    e.client_address = j.at("client").get<std::string>();
    e.action = j.at("action").get<std::string>();
    e.object_type = j.at("object_type").get<std::string>();
    e.object_id = j.at("object_id").get<std::string>();
    e.result = j.at("result").get<std::string>();
    e.reason = j.at("reason").get<std::string>();
    for (const auto& [k, v] : j.at("details").items())
      e.details.emplace_back(k, v.get<std::string>());
  } catch (const Json::exception&) {
    return Fail(ErrorCode::kMalformed, "audit entry has a missing or mistyped field");
  }
  auto us = ParseMicros(e.time);
  if (!us) return Fail(ErrorCode::kMalformed, "audit entry time is not RFC 3339 with microseconds");
  // TimePoint holds 64-bit nanoseconds (years 1677 to 2262): converting a time outside them is
  // undefined behaviour, and EncodeEntry never writes one.
  constexpr std::int64_t kMaxMicros =
      std::chrono::duration_cast<std::chrono::microseconds>(TimePoint::duration::max()).count();
  if (*us > kMaxMicros || *us < -kMaxMicros) {
    return Fail(ErrorCode::kMalformed, "audit entry time is out of range");
  }
  e.time_us = *us;
  return e;
}

// The event that encodes to `e` (personal values are already hashes, so they stay as they are).
Event EventOf(const DecodedEntry& e) {
  Event event;
  event.time = TimePoint(std::chrono::microseconds(e.time_us));
  event.actor_user = e.actor_user;
  event.actor_institution = e.actor_institution;
  event.client_address = e.client_address;
  event.action = e.action;
  event.object_type = e.object_type;
  event.object_id = e.object_id;
  event.result = ParseOutcome(e.result).value_or(Outcome::kError);
  event.reason = e.reason;
  for (const auto& [k, v] : e.details) event.Add(k, v);
  return event;
}

}  // namespace

Result<DecodedEntry> DecodeEntry(std::string_view entry) {
  Json j = Json::parse(entry, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Fail(ErrorCode::kMalformed, "audit entry is not JSON");
  CV_ASSIGN_OR_RETURN(DecodedEntry e, DecodeFields(j));
  if (!ParseOutcome(e.result)) return Fail(ErrorCode::kMalformed, "audit entry has a bad result");
  auto again = EncodeEntry(EventOf(e), e.seq, [](std::string_view) -> Result<std::string> {
    return Fail(ErrorCode::kInternal, "unreachable: decoded details are not personal");
  });
  if (!again || *again != entry) {
    return Fail(ErrorCode::kMalformed, "audit entry is not in canonical form");
  }
  return e;
}

}  // namespace cv::audit
