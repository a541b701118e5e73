// SamplePeople: a deterministic stream of synthetic Chinese identities (name, gender, birth date,
// resident ID with a valid GB 11643 check character, mobile, address, employer) drawn by the
// sample generator's value functions, for demo data sets and benchmarks.
//
// Thread-safety: not thread-safe; one instance per thread.
// Invariants:
//  1. The stream is a pure function of the seed (same seed, same people, on every platform).
//  2. Every field passes the ingest rules of docs/ingest_format.md 2.5 (mobile normalized to 11
//     digits; birth_date equals the resident ID's birth date).
#ifndef CV_GRADING_SAMPLE_PERSON_H_
#define CV_GRADING_SAMPLE_PERSON_H_

#include <cstdint>
#include <memory>
#include <string>

namespace cv::grading {

struct SamplePerson {
  std::string name;
  std::string gender;       // "M" | "F"
  std::string birth_date;   // YYYY-MM-DD
  std::string resident_id;  // 18 characters, upper-case check character
  std::string mobile;       // 11 digits
  std::string address;
  std::string employer;
  std::string marital_status;  // "single" | "married" | "divorced" | "widowed"
};

class SamplePeople {
 public:
  explicit SamplePeople(std::uint64_t seed);
  ~SamplePeople();
  SamplePeople(const SamplePeople&) = delete;
  SamplePeople& operator=(const SamplePeople&) = delete;

  SamplePerson Next();

 private:
  struct State;  // sample_person.cc
  std::unique_ptr<State> state_;
};

}  // namespace cv::grading

#endif  // CV_GRADING_SAMPLE_PERSON_H_
