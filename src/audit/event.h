// Event: one audit record — who did what to which object, when, from where, with what result —
// and its canonical encoding, the exact bytes the Merkle tree hashes (docs/audit_log_format.md).
//
// Thread-safety: value types and pure functions.
// AUD-3: details marked personal (C2/C3 values) never reach the encoding in clear; the encoder
// replaces them with a keyed hash (the keyring's audit-hash key).
#ifndef CV_AUDIT_EVENT_H_
#define CV_AUDIT_EVENT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"

namespace cv::audit {

// DO NOT CHANGE: the names are encoded ("ok", "denied", "error").
enum class Outcome : std::uint8_t { kOk, kDenied, kError };
std::string_view OutcomeName(Outcome outcome);
Result<Outcome> ParseOutcome(std::string_view name);

struct Detail {
  std::string key;
  std::string value;
  bool personal = false;  // a C2/C3 value: encoded only as a keyed hash (AUD-3)
};

struct Event {
  TimePoint time;
  std::string actor_user;         // user id, or "system" for the platform itself
  std::string actor_institution;  // institution code, or "" for the platform
  std::string client_address;     // IP address or "cli"
  std::string action;             // dotted verb, e.g. "keys.rotate", "credit.query"
  std::string object_type;
  std::string object_id;
  Outcome result = Outcome::kOk;
  std::string reason;
  std::vector<Detail> details;

  Event& Add(std::string key, std::string value) {
    details.push_back({std::move(key), std::move(value), false});
    return *this;
  }
  // AUD-3: `value` is personal data of category C2/C3.
  Event& AddPersonal(std::string key, std::string value) {
    details.push_back({std::move(key), std::move(value), true});
    return *this;
  }
};

// Keyed hash of a personal value (the keyring's AuditHash), returning raw bytes.
using PersonalHasher = std::function<Result<std::string>(std::string_view)>;

// Limits on what one event may hold; beyond them the event is refused (kInvalidArgument).
inline constexpr std::size_t kMaxFieldBytes = 4096;
inline constexpr std::size_t kMaxDetails = 64;

// The canonical entry for `event` at leaf `seq`: one line of JSON, keys in a fixed order, no
// insignificant whitespace, details sorted by key, personal values as "hmac:<hex>". `hash_name`
// ("sm3"/"sha256") names the keyed hash. kInvalidArgument for invalid UTF-8, an empty action,
// a duplicate detail key or a field over the limits.
[[nodiscard]] Result<std::string> EncodeEntry(const Event& event, std::uint64_t seq,
                                              const PersonalHasher& hash_personal);

// An entry read back: the fields as encoded (personal values stay hashed).
struct DecodedEntry {
  std::uint64_t seq = 0;
  std::string time;  // RFC 3339 UTC with microseconds
  std::int64_t time_us = 0;
  std::string actor_user;
  std::string actor_institution;
  std::string client_address;
  std::string action;
  std::string object_type;
  std::string object_id;
  std::string result;
  std::string reason;
  std::vector<std::pair<std::string, std::string>> details;
};

// Parses an entry strictly: kMalformed when it is not a canonical v1 entry (re-encoding the
// decoded fields must give back the same bytes).
[[nodiscard]] Result<DecodedEntry> DecodeEntry(std::string_view entry);

// Microseconds since the Unix epoch, and RFC 3339 with microseconds ("...T12:00:00.000123Z").
std::int64_t UnixMicros(TimePoint t);
std::string FormatMicros(std::int64_t unix_us);

}  // namespace cv::audit

#endif  // CV_AUDIT_EVENT_H_
