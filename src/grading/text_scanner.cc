// TextScanner: one Vectorscan/Hyperscan block-mode database of the identifiers that can hide in
// free text; every hit is validated by its Check* function and overlaps are resolved (GRD-3).
//
// Boundaries: Hyperscan has no lookbehind or lookahead, so each pattern opens with a consumed
// context `(?:^|[^0-9])` (the character before a number is not a digit) and the callback checks
// the character after the hit. Only digits (for numbers) or letters and digits (for USCC,
// passports) count as "inside a longer run": a CJK character or a letter next to a number is a
// boundary, so "身份证号110105194912310021" and "tel13812345678" are found. (`\b` would miss
// the second: letters are word characters.)
// Starts: fixed-length patterns compute the start from the end; the variable-length ones (card,
// mobile, email, IPv4) use HS_FLAG_SOM_LEFTMOST. bench/detectors_bench.cc measures the cost.
#include <hs/hs.h>

#include <algorithm>
#include <climits>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "grading/detectors.h"
#include "grading/internal/cell_shape.h"
#include "grading/internal/text_patterns.h"

namespace cv::grading {
namespace {

using internal::IsAlnum;
using internal::IsDigit;

struct HsDatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};
struct HsScratchDeleter {
  void operator()(hs_scratch_t* s) const { hs_free_scratch(s); }
};
struct HsCompileErrorDeleter {
  void operator()(hs_compile_error_t* e) const { hs_free_compile_error(e); }
};
using HsDatabase = std::unique_ptr<hs_database_t, HsDatabaseDeleter>;
using HsScratch = std::unique_ptr<hs_scratch_t, HsScratchDeleter>;
using HsCompileError = std::unique_ptr<hs_compile_error_t, HsCompileErrorDeleter>;

// What may not follow a hit.
enum class After : std::uint8_t {
  kDigit,  // a digit (numbers)
  kAlnum,  // a letter or digit (USCC, passport)
  kEmail,  // a domain character, or '.' + alphanumeric (the domain goes on)
  kIpv4,   // a digit, or '.' + digit (a fifth part)
};

// How a hit of kTextPatterns[id] is handled; the expressions are in text_patterns.h.
struct Pattern {
  ItemType type;
  Verdict (*check)(std::string_view);
  After after;
  std::uint8_t priority;  // among overlapping hits of equal verdict and length, higher wins
};

// Indexed like kTextPatterns: resident ID, USCC, bank card, resident ID 15, mobile, passport,
// email, IPv4.
constexpr Pattern kPatterns[] = {
    {ItemType::kResidentId, CheckResidentId, After::kDigit, 8},
    {ItemType::kUscc, CheckUscc, After::kAlnum, 7},
    {ItemType::kBankCard, CheckBankCard, After::kDigit, 6},
    {ItemType::kResidentId15, CheckResidentId15, After::kDigit, 5},
    {ItemType::kMobile, CheckMobile, After::kDigit, 4},
    {ItemType::kPassport, CheckPassport, After::kAlnum, 3},
    {ItemType::kEmail, CheckEmail, After::kEmail, 2},
    {ItemType::kIpAddress, CheckIpAddress, After::kIpv4, 1},
};
static_assert(std::size(kPatterns) == internal::kTextPatternCount);

// A validated hit, before overlaps are resolved.
struct Candidate {
  std::size_t start;
  std::size_t end;
  ItemType type;
  Verdict verdict;
  std::uint8_t priority;

  std::size_t length() const { return end - start; }
};

bool FollowedBy(std::string_view text, std::size_t at, bool (*pred)(char)) {
  return at < text.size() && pred(text[at]);
}

bool IsDomainChar(char c) { return IsAlnum(c) || c == '-' || c == '_'; }

// True when the hit ending at `end` is not part of a longer run.
bool EndsAtBoundary(After after, std::string_view text, std::size_t end) {
  const bool dot_then = end + 1 < text.size() && text[end] == '.';
  switch (after) {
    case After::kDigit:
      return !FollowedBy(text, end, IsDigit);
    case After::kAlnum:
      return !FollowedBy(text, end, IsAlnum);
    case After::kEmail:
      return !FollowedBy(text, end, IsDomainChar) && !(dot_then && IsAlnum(text[end + 1]));
    case After::kIpv4:
      return !FollowedBy(text, end, IsDigit) && !(dot_then && IsDigit(text[end + 1]));
  }
  return false;
}

// The first character of the identifier: skips the context character a pattern consumed.
std::size_t IdentifierStart(unsigned id, std::string_view text, std::size_t from, std::size_t to) {
  const Pattern& p = kPatterns[id];
  const std::uint8_t fixed_len = internal::kTextPatterns[id].fixed_len;
  if (fixed_len != 0) return to - fixed_len;
  if (p.after == After::kEmail) return from;
  const char c = text[from];
  const bool own = IsDigit(c) || (p.type == ItemType::kMobile && c == '+');
  return own ? from : from + 1;
}

struct MatchContext {
  std::string_view text;
  std::vector<Candidate>* candidates;
};

int OnMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned /*flags*/,
            void* ctx) {
  auto* m = static_cast<MatchContext*>(ctx);
  const Pattern& p = kPatterns[id];
  if (!EndsAtBoundary(p.after, m->text, to)) return 0;
  const std::size_t start = IdentifierStart(id, m->text, from, to);
  const Verdict v = p.check(m->text.substr(start, to - start));
  if (v != Verdict::kNoMatch) m->candidates->push_back({start, to, p.type, v, p.priority});
  return 0;  // continue scanning
}

// Stronger first: a validated hit, then the longer, then the higher priority.
bool Stronger(const Candidate& a, const Candidate& b) {
  if (a.verdict != b.verdict) return a.verdict == Verdict::kMatch;
  if (a.length() != b.length()) return a.length() > b.length();
  if (a.priority != b.priority) return a.priority > b.priority;
  return a.start < b.start;
}

bool Overlaps(const Candidate& a, const Candidate& b) { return a.start < b.end && b.start < a.end; }

// Picks the strongest non-overlapping candidates of one cluster (candidates linked by overlap)
// and appends them to `picked`.
void ResolveCluster(std::vector<Candidate>::iterator first, std::vector<Candidate>::iterator last,
                    std::vector<Candidate>* picked) {
  const std::size_t base = picked->size();
  std::sort(first, last, Stronger);
  for (auto it = first; it != last; ++it) {
    const bool free = std::none_of(picked->begin() + base, picked->end(),
                                   [&](const Candidate& p) { return Overlaps(p, *it); });
    if (free) picked->push_back(*it);
  }
  std::sort(picked->begin() + base, picked->end(),
            [](const Candidate& a, const Candidate& b) { return a.start < b.start; });
}

// Resolves all candidates into `picked`, in order of offset.
void Resolve(std::vector<Candidate>* candidates, std::vector<Candidate>* picked) {
  std::sort(candidates->begin(), candidates->end(),
            [](const Candidate& a, const Candidate& b) { return a.start < b.start; });
  auto first = candidates->begin();
  while (first != candidates->end()) {
    std::size_t end = first->end;
    auto last = first + 1;
    for (; last != candidates->end() && last->start < end; ++last) end = std::max(end, last->end);
    ResolveCluster(first, last, picked);
    first = last;
  }
}

Result<HsDatabase> CompileDatabase() {
  hs_database_t* db = nullptr;
  hs_compile_error_t* raw_error = nullptr;
  const hs_error_t rc = internal::CompileTextPatterns(nullptr, &db, &raw_error);
  HsCompileError error(raw_error);
  if (rc != HS_SUCCESS) {
    std::string what = error ? error->message : "unknown error";
    if (error && error->expression >= 0)
      what += " (pattern " + std::to_string(error->expression) + ")";
    return Fail(ErrorCode::kInternal, "hyperscan: cannot compile the identifier patterns: " + what);
  }
  return HsDatabase(db);
}

// The database compiled at build time, or null when it cannot be used here: built from other
// patterns, or refused by this library version or CPU (hs_deserialize_database checks both).
HsDatabase LoadPrebuiltDatabase() {
  if (internal::kPrebuiltTextDatabaseFingerprint != internal::TextPatternsFingerprint()) {
    return nullptr;
  }
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(reinterpret_cast<const char*>(internal::kPrebuiltTextDatabase),
                              internal::kPrebuiltTextDatabaseSize, &db) != HS_SUCCESS) {
    return nullptr;
  }
  return HsDatabase(db);
}

}  // namespace

struct TextScanner::Impl {
  HsDatabase database;
  HsScratch prototype;  // cloned by NewScratch
};

struct TextScanner::Scratch::Rep {
  const TextScanner* owner = nullptr;
  HsScratch hs;
  std::vector<Candidate> candidates;  // reused: no allocation once warm
  std::vector<Candidate> picked;
};

TextScanner::Scratch::Scratch(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
TextScanner::Scratch::~Scratch() = default;
TextScanner::~TextScanner() = default;

Result<std::unique_ptr<TextScanner>> TextScanner::Create(Database source) {
  HsDatabase prebuilt = source == Database::kPrebuilt ? LoadPrebuiltDatabase() : nullptr;
  auto db = prebuilt ? Result<HsDatabase>(std::move(prebuilt)) : CompileDatabase();
  if (!db) return std::unexpected(db.error());
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(db->get(), &scratch) != HS_SUCCESS) {
    return Fail(ErrorCode::kInternal, "hyperscan: cannot allocate scratch space");
  }
  std::unique_ptr<TextScanner> scanner(new TextScanner());
  scanner->impl_ = std::make_unique<Impl>(Impl{std::move(*db), HsScratch(scratch)});
  return scanner;
}

Result<std::unique_ptr<TextScanner::Scratch>> TextScanner::NewScratch() const {
  hs_scratch_t* clone = nullptr;
  if (hs_clone_scratch(impl_->prototype.get(), &clone) != HS_SUCCESS) {
    return Fail(ErrorCode::kInternal, "hyperscan: cannot clone scratch space");
  }
  auto rep = std::make_unique<Scratch::Rep>();
  rep->owner = this;
  rep->hs.reset(clone);
  return std::unique_ptr<Scratch>(new Scratch(std::move(rep)));
}

Status TextScanner::Scan(std::string_view text, Scratch* scratch,
                         const std::function<void(const TextFinding&)>& on_find) const {
  if (scratch == nullptr || scratch->rep_->owner != this) {
    return Fail(ErrorCode::kInvalidArgument, "text scanner: scratch from another scanner");
  }
  if (text.size() > UINT_MAX)
    return Fail(ErrorCode::kInvalidArgument, "text scanner: text > 4 GiB");
  Scratch::Rep& rep = *scratch->rep_;
  rep.candidates.clear();
  rep.picked.clear();
  MatchContext ctx{text, &rep.candidates};
  const hs_error_t rc = hs_scan(impl_->database.get(), text.data(),
                                static_cast<unsigned>(text.size()), 0, rep.hs.get(), OnMatch, &ctx);
  if (rc != HS_SUCCESS) {
    return Fail(ErrorCode::kInternal, "hyperscan: scan failed with code " + std::to_string(rc));
  }
  Resolve(&rep.candidates, &rep.picked);
  for (const Candidate& c : rep.picked) on_find({c.type, c.verdict, c.start, c.length()});
  return Ok();
}

}  // namespace cv::grading
