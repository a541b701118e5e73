// DemoDataset: identities from grading::SamplePeople, histories drawn here with SplitMix64.
#include "cli/demo_dataset.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace cv::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kAsOf = kDemoAsOfYear * 12 + (kDemoAsOfMonth - 1);  // months since year 0

std::string Month(int m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", m / 12, m % 12 + 1);
  return buf;
}

std::string Day(int m, int day) { return Month(m) + (day < 10 ? "-0" : "-") + std::to_string(day); }

int LastDay(int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int year = m / 12;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return m % 12 == 1 && leap ? 29 : kDays[m % 12];
}

// Fen as "yuan.ff" (docs/ingest_format.md 2.5 amount).
std::string Amount(std::uint64_t fen) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%llu.%02llu", static_cast<unsigned long long>(fen / 100),
                static_cast<unsigned long long>(fen % 100));
  return buf;
}

void AppendLine(const Json& j, std::string* out) {
  out->append(j.dump());
  out->push_back('\n');
}

}  // namespace

DemoDataset::DemoDataset(std::uint64_t seed) : seed_(seed), state_(seed), people_(seed) {}

// SplitMix64 (Steele, Lea, Flood 2014): fully specified, so the same on every platform.
std::uint64_t DemoDataset::NextRandom() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t DemoDataset::Next(std::string* jsonl, DemoSubject* subject) {
  grading::SamplePerson p = people_.Next();
  while (!seen_ids_.insert(p.resident_id).second) p = people_.Next();  // invariant 2
  *subject = DemoSubject{"resident_id", p.resident_id, p.name};
  Json identity = {{"type", "identity"}, {"id_type", "resident_id"}, {"id_number", p.resident_id},
                   {"name", p.name},     {"gender", p.gender},       {"birth_date", p.birth_date},
                   {"mobile", p.mobile}, {"address", p.address}};
  if (Below(2) == 0) identity["employer"] = p.employer;
  if (Below(3) != 0) identity["marital_status"] = p.marital_status;
  AppendLine(identity, jsonl);
  std::uint64_t count = 1;
  const int accounts = 1 + static_cast<int>(Below(4));
  for (int k = 0; k < accounts; ++k) AppendAccount(*subject, k, jsonl, &count);
  if (Below(100) < 4) {
    AppendAdverse(*subject, jsonl);
    ++count;
  }
  ++index_;
  return count;
}

void DemoDataset::AppendAccount(const DemoSubject& s, int k, std::string* jsonl,
                                std::uint64_t* count) {
  const std::uint64_t kind_draw = Below(10);
  const char* kind = kind_draw < 5 ? "loan" : kind_draw < 9 ? "credit_card" : "guarantee";
  const int open = kAsOf - 1 - static_cast<int>(Below(96));  // up to 8 years old
  const int months = std::min(24, kAsOf - open + 1);
  std::string history(static_cast<std::size_t>(months), 'N');
  if (Below(100) < 12) {  // one late episode: 1, maybe 2, maybe 3, then back on time
    const std::size_t at = Below(history.size());
    const int depth = 1 + static_cast<int>(Below(3));
    for (int d = 0; d < depth && at + d < history.size(); ++d) history[at + d] = '1' + d;
  }
  const char last = history.back();
  const bool overdue = last != 'N';
  const std::uint64_t limit =
      (kind_draw < 5 ? 1'000'000 + Below(50'000'000) : 500'000 + Below(10'000'000)) / 100 * 100;
  const std::uint64_t balance = Below(limit + 1);
  const std::uint64_t overdue_fen = overdue ? 10'000 + Below(500'000) : 0;
  const std::string id = "S" + std::to_string(seed_) + "-" + std::to_string(index_) + "-" +
                         std::to_string(k);  // invariant 4
  Json a = {{"type", "account"},
            {"id_type", s.id_type},
            {"id_number", s.id_number},
            {"account_id", id},
            {"kind", kind},
            {"open_date", Day(open, 1 + static_cast<int>(Below(28)))},
            {"currency", "CNY"},
            {"limit", Amount(limit)},
            {"balance", Amount(balance)},
            {"status", overdue ? "overdue" : "active"},
            {"repayment_24m", history},
            {"overdue_amount", Amount(overdue_fen)},
            {"as_of", Day(kAsOf, LastDay(kAsOf))}};
  AppendLine(a, jsonl);
  ++*count;
  if (Below(2) == 0) return;  // about half the accounts also report their last months
  const int reported = 1 + static_cast<int>(Below(std::min(3, months)));
  for (int i = reported - 1; i >= 0; --i) {
    const char status = history[history.size() - 1 - static_cast<std::size_t>(i)];
    Json r = {
        {"type", "repayment"},        {"account_id", id},
        {"month", Month(kAsOf - i)},  {"status", std::string(1, status)},
        {"balance", Amount(balance)}, {"overdue_amount", Amount(status == 'N' ? 0 : overdue_fen)}};
    AppendLine(r, jsonl);
    ++*count;
  }
}

void DemoDataset::AppendAdverse(const DemoSubject& s, std::string* jsonl) {
  static constexpr const char* kKinds[] = {"overdue", "overdue", "write_off", "court_judgment",
                                           "guarantee_claim"};
  const int start = kAsOf - static_cast<int>(Below(60));
  Json e = {{"type", "adverse"},
            {"id_type", s.id_type},
            {"id_number", s.id_number},
            {"event_id", "E" + std::to_string(seed_) + "-" + std::to_string(index_)},
            {"kind", kKinds[Below(5)]},
            {"amount", Amount(100'000 + Below(5'000'000))},
            {"start_date", Day(start, 1 + static_cast<int>(Below(28)))}};
  if (start < kAsOf - 6 && Below(2) == 0) {  // about a third have ended (LIF-1)
    e["end_date"] = Day(start + 6, 1 + static_cast<int>(Below(28)));
  }
  AppendLine(e, jsonl);
}

}  // namespace cv::cli
