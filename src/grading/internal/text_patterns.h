// The identifier patterns of TextScanner (text_scanner.cc) and how they are compiled, shared with
// the build-time generator of the prebuilt database (src/grading/gen/text_db_gen.cc), so that
// both compile the very same database.
//
// Thread-safety: constant tables and pure functions.
#ifndef CV_GRADING_INTERNAL_TEXT_PATTERNS_H_
#define CV_GRADING_INTERNAL_TEXT_PATTERNS_H_

#include <hs/hs.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

namespace cv::grading::internal {

// One Vectorscan expression. Its id in the database is its index in kTextPatterns.
struct TextPattern {
  const char* regex;
  std::uint8_t fixed_len;  // length of the identifier after its context char; 0: use SOM
};

// Each pattern opens with a consumed context (see text_scanner.cc for the boundary rules).
inline constexpr TextPattern kTextPatterns[] = {
    {R"((?:^|[^0-9])[0-9]{17}[0-9Xx])", 18},                                       // resident ID
    {R"((?:^|[^0-9A-Za-z])[1-9A-GNY][0-9A-Z][0-9]{6}[0-9A-Z]{10})", 18},           // USCC
    {R"((?:^|[^0-9])[0-9]{3}(?:[ -]?[0-9]){10,16})", 0},                           // bank card
    {R"((?:^|[^0-9])[0-9]{15})", 15},                                              // resident ID 15
    {R"((?:^|[^0-9+])(?:(?:\+|00)?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2})", 0},  // mobile
    {R"((?:^|[^0-9A-Za-z])(?:[EGDSP][0-9]{8}|E[A-HJ-NP-Z][0-9]{7}|[SDP]E[0-9]{7}))",
     9},                                                                               // passport
    {R"([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24})", 0},  // email
    {R"((?:^|[^0-9.])[0-9]{1,3}(?:\.[0-9]{1,3}){3})", 0},                              // IPv4
};
inline constexpr unsigned kTextPatternCount = std::size(kTextPatterns);

// Compiles kTextPatterns in block mode for `platform` (nullptr: this CPU).
inline hs_error_t CompileTextPatterns(const hs_platform_info_t* platform, hs_database_t** db,
                                      hs_compile_error_t** error) {
  const char* expressions[kTextPatternCount];
  unsigned flags[kTextPatternCount];
  unsigned ids[kTextPatternCount];
  for (unsigned i = 0; i < kTextPatternCount; ++i) {
    expressions[i] = kTextPatterns[i].regex;
    flags[i] = kTextPatterns[i].fixed_len == 0 ? HS_FLAG_SOM_LEFTMOST : 0;
    ids[i] = i;
  }
  return hs_compile_multi(expressions, flags, ids, kTextPatternCount, HS_MODE_BLOCK, platform, db,
                          error);
}

// FNV-1a 64 over every pattern and its flags: a prebuilt database is used only when it was built
// from the patterns this binary holds.
inline std::uint64_t TextPatternsFingerprint() {
  std::uint64_t h = 14695981039346656037u;
  const auto mix = [&h](unsigned char b) { h = (h ^ b) * 1099511628211u; };
  for (const TextPattern& p : kTextPatterns) {
    for (char c : std::string_view(p.regex)) mix(static_cast<unsigned char>(c));
    mix(0);
    mix(p.fixed_len);
  }
  return h;
}

// The database compiled at build time for a generic x86-64 target (no CPU-specific features, so
// any CPU Vectorscan runs on can use it; it scans as fast as a host-tuned one for these
// patterns), serialized with hs_serialize_database. Defined in the generated text_db.cc.
extern const unsigned char kPrebuiltTextDatabase[];
extern const std::size_t kPrebuiltTextDatabaseSize;
extern const std::uint64_t kPrebuiltTextDatabaseFingerprint;  // TextPatternsFingerprint()

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_TEXT_PATTERNS_H_
