// SamplePeople over the sample generator's person and contact generators.
#include "grading/sample_person.h"

#include "grading/internal/sample_values.h"

namespace cv::grading {

struct SamplePeople::State {
  explicit State(std::uint64_t seed) : ctx(samplegen::Mix64(seed)) {}
  samplegen::RowContext ctx;
};

SamplePeople::SamplePeople(std::uint64_t seed) : state_(std::make_unique<State>(seed)) {}
SamplePeople::~SamplePeople() = default;

namespace {

// The generators' mobile forms ("+86 138 1234 5678") reduced to 11 digits.
std::string Digits11(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits.substr(digits.size() - 11);
}

std::string_view MaritalCode(const std::string& zh) {
  if (zh == "未婚") return "single";
  if (zh == "已婚") return "married";
  if (zh == "离异") return "divorced";
  return "widowed";
}

}  // namespace

SamplePerson SamplePeople::Next() {
  samplegen::RowContext& ctx = state_->ctx;
  samplegen::NewPerson(&ctx);
  ++ctx.row;
  SamplePerson p;
  p.name = ctx.person.name;
  p.gender = ctx.person.male ? "M" : "F";
  samplegen::AppendDate(ctx.person.year, ctx.person.month, ctx.person.day, 0, &p.birth_date);
  samplegen::GenResidentId(ctx, 0, &p.resident_id);
  std::string mobile;
  samplegen::GenMobile(ctx, 0, &mobile);
  p.mobile = Digits11(mobile);
  samplegen::GenAddress(ctx, 0, &p.address);
  samplegen::GenEmployer(ctx, 0, &p.employer);
  std::string marital;
  samplegen::GenMaritalStatus(ctx, 0, &marital);
  p.marital_status = MaritalCode(marital);
  return p;
}

}  // namespace cv::grading
