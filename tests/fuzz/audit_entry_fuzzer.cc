// Fuzzes the audit entry codec (audit/event.h): DecodeEntry on the input as an entry, and
// EncodeEntry on an event built from the input's lines.
//
// Invariants checked:
//  1. DecodeEntry fails only with kMalformed. When it succeeds the entry is canonical: encoding
//     the decoded fields gives back the input byte for byte, and the time text is
//     FormatMicros(time_us).
//  2. Any event EncodeEntry accepts decodes to its own fields: details sorted by key, personal
//     values as "hmac:" and the hex of the keyed hash, the time to the microsecond.
#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "audit/event.h"
#include "tests/fuzz/fuzz_support.h"

namespace cv::audit {
namespace {

// A stand-in for the keyring's audit hash: 32 bytes that depend on the value.
Result<std::string> FakeHash(std::string_view value) {
  std::string mac(32, '\0');
  for (std::size_t i = 0; i < value.size(); ++i) {
    mac[i % 32] = static_cast<char>(mac[i % 32] * 31 + value[i]);
  }
  return mac;
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) out += {kDigits[c >> 4], kDigits[c & 15]};
  return out;
}

Event EventOf(const DecodedEntry& e) {
  Event event;
  event.time = TimePoint(std::chrono::microseconds(e.time_us));
  event.actor_user = e.actor_user;
  event.actor_institution = e.actor_institution;
  event.client_address = e.client_address;
  event.action = e.action;
  event.object_type = e.object_type;
  event.object_id = e.object_id;
  event.result = ParseOutcome(e.result).value();
  event.reason = e.reason;
  for (const auto& [key, value] : e.details) event.Add(key, value);
  return event;
}

void CheckDecode(std::string_view entry) {
  auto decoded = DecodeEntry(entry);
  if (!decoded) {
    FUZZ_CHECK(decoded.error().code() == ErrorCode::kMalformed);
    return;
  }
  FUZZ_CHECK(FormatMicros(decoded->time_us) == decoded->time);
  auto again = EncodeEntry(EventOf(*decoded), decoded->seq, FakeHash);
  FUZZ_CHECK(again.has_value() && *again == entry);
}

// An event from the input: lines are actor, institution, client, action, object type, object
// id, reason, then `key=value` details ("key~value" for a personal one).
Event EventFromLines(std::string_view text, std::uint64_t* seq) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    lines.emplace_back(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  lines.resize(std::max<std::size_t>(lines.size(), 7));
  Event event;
  std::uint64_t h = 1469598103934665603ull;
  for (const std::string& line : lines) {
    for (unsigned char c : line) h = (h ^ c) * 1099511628211ull;
  }
  // Any microsecond from 1970 to about 2109: FormatMicros writes four-digit years.
  event.time = TimePoint(std::chrono::microseconds(h % (1ull << 62 >> 20)));
  *seq = h >> 3;
  event.actor_user = lines[0];
  event.actor_institution = lines[1];
  event.client_address = lines[2];
  event.action = lines[3];
  event.object_type = lines[4];
  event.object_id = lines[5];
  event.reason = lines[6];
  event.result = static_cast<Outcome>(h % 3);
  for (std::size_t i = 7; i < lines.size(); ++i) {
    const std::size_t sep = lines[i].find_first_of("=~");
    if (sep == std::string::npos) continue;
    const std::string key = lines[i].substr(0, sep), value = lines[i].substr(sep + 1);
    lines[i][sep] == '~' ? event.AddPersonal(key, value) : event.Add(key, value);
  }
  return event;
}

void CheckEncode(std::string_view text) {
  std::uint64_t seq = 0;
  const Event event = EventFromLines(text, &seq);
  auto entry = EncodeEntry(event, seq, FakeHash);
  if (!entry) {
    FUZZ_CHECK(entry.error().code() == ErrorCode::kInvalidArgument);
    return;
  }
  auto decoded = DecodeEntry(*entry);
  FUZZ_CHECK(decoded.has_value());
  FUZZ_CHECK(decoded->seq == seq && decoded->time_us == UnixMicros(event.time));
  FUZZ_CHECK(decoded->actor_user == event.actor_user &&
             decoded->actor_institution == event.actor_institution &&
             decoded->client_address == event.client_address && decoded->action == event.action &&
             decoded->object_type == event.object_type && decoded->object_id == event.object_id &&
             decoded->result == OutcomeName(event.result) && decoded->reason == event.reason);
  std::vector<std::pair<std::string, std::string>> details;
  for (const Detail& d : event.details) {
    details.emplace_back(d.key, d.personal ? "hmac:" + Hex(*FakeHash(d.value)) : d.value);
  }
  std::sort(details.begin(), details.end());
  FUZZ_CHECK(decoded->details == details);
}

}  // namespace
}  // namespace cv::audit

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = cv::fuzz::AsText(data, size);
  cv::audit::CheckDecode(text);
  cv::audit::CheckEncode(text);
  return 0;
}
