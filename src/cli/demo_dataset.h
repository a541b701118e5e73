// DemoDataset: the synthetic credit histories `cvault demo load` reports (issue #7) — per subject
// one identity record, 1-4 accounts (loan, credit_card, guarantee) with a 24-month repayment
// string (mostly N, occasionally 1-3 months overdue), some monthly repayment records and a few
// adverse events (some ended), as JSON Lines of docs/ingest_format.md.
//
// Thread-safety: not thread-safe; one instance per thread.
// Invariants:
//  1. The records are a pure function of (seed, subject count): no clock, no global state.
//  2. Resident IDs are distinct within one data set (a drawn duplicate is skipped).
//  3. A subject's records are contiguous and its accounts precede their repayment records, so a
//     batch cut between subjects never references an account of a later batch.
//  4. Account and event ids carry the seed, so data sets of different seeds never collide.
#ifndef CV_CLI_DEMO_DATASET_H_
#define CV_CLI_DEMO_DATASET_H_

#include <cstdint>
#include <string>
#include <unordered_set>

#include "grading/sample_person.h"

namespace cv::cli {

// Every date of the data set is at or before this month's end (DO NOT CHANGE without updating the
// tests: the records are dated from it).
inline constexpr int kDemoAsOfYear = 2026;
inline constexpr int kDemoAsOfMonth = 10;

struct DemoSubject {
  std::string id_type;  // "resident_id"
  std::string id_number;
  std::string name;
};

class DemoDataset {
 public:
  explicit DemoDataset(std::uint64_t seed);

  // Appends the next subject's records (one JSON object a line) to `jsonl`; returns how many.
  std::uint64_t Next(std::string* jsonl, DemoSubject* subject);

 private:
  std::uint64_t NextRandom();
  std::uint64_t Below(std::uint64_t n) { return NextRandom() % n; }
  void AppendAccount(const DemoSubject& s, int k, std::string* jsonl, std::uint64_t* count);
  void AppendAdverse(const DemoSubject& s, std::string* jsonl);

  std::uint64_t seed_;
  std::uint64_t state_;
  std::uint64_t index_ = 0;
  grading::SamplePeople people_;
  std::unordered_set<std::string> seen_ids_;
};

}  // namespace cv::cli

#endif  // CV_CLI_DEMO_DATASET_H_
