// Vocabulary detectors: values drawn from a closed list of words (gender, marital status,
// education, religion: internal/vocabulary.cc) and blood types (GRD-3, GRD-4).
#include <string_view>

#include "grading/detectors.h"
#include "grading/internal/cell_shape.h"
#include "grading/internal/vocabulary.h"

namespace cv::grading {
namespace {

// ABO group, upper case only ("a" and "o" are too common as other values).
bool TakeAbo(std::string_view* v) {
  return internal::ConsumeLiteral(v, "AB") || internal::ConsumeLiteral(v, "A") ||
         internal::ConsumeLiteral(v, "B") || internal::ConsumeLiteral(v, "O");
}

// Rh factor: "+", "-", "Rh+", "Rh-", "RH阳性", "Rh阴性", "(+)", ... after an optional space.
// Consumes nothing unless it finds one.
bool TakeRh(std::string_view* v) {
  std::string_view rest = *v;
  internal::ConsumeLiteral(&rest, " ");
  if (internal::ConsumeLiteral(&rest, "Rh") || internal::ConsumeLiteral(&rest, "RH") ||
      internal::ConsumeLiteral(&rest, "rh")) {
    internal::ConsumeLiteral(&rest, " ");
  }
  for (std::string_view s : {"(+)", "(-)", "+", "-", "阳性", "阴性"}) {
    if (internal::ConsumeLiteral(&rest, s)) return *v = rest, true;
  }
  return false;
}

}  // namespace

Verdict CheckGender(std::string_view v) {
  return internal::LookupWord(v) == ItemType::kGender ? Verdict::kMatch : Verdict::kNoMatch;
}

Verdict CheckMaritalStatus(std::string_view v) {
  return internal::LookupWord(v) == ItemType::kMaritalStatus ? Verdict::kMatch : Verdict::kNoMatch;
}

Verdict CheckEducation(std::string_view v) {
  return internal::LookupWord(v) == ItemType::kEducation ? Verdict::kMatch : Verdict::kNoMatch;
}

Verdict CheckReligion(std::string_view v) {
  return internal::LookupWord(v) == ItemType::kReligion ? Verdict::kMatch : Verdict::kNoMatch;
}

Verdict CheckBloodType(std::string_view v) {
  if (v.empty() || v.size() > 20) return Verdict::kNoMatch;
  if (v[0] != 'A' && v[0] != 'B' && v[0] != 'O' && v[0] != 'R' && v[0] != 'r') {
    return Verdict::kNoMatch;  // neither an ABO group nor "Rh" first
  }
  const bool rh_first = TakeRh(&v);  // "Rh阴性A型"
  if (!TakeAbo(&v)) return Verdict::kNoMatch;
  internal::ConsumeLiteral(&v, "型");
  internal::ConsumeLiteral(&v, "血");
  if (!rh_first && !v.empty()) TakeRh(&v);
  return v.empty() ? Verdict::kMatch : Verdict::kNoMatch;
}

}  // namespace cv::grading
