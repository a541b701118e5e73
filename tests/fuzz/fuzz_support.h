// Helpers shared by the fuzz entry points (tests/fuzz/*_fuzzer.cc) and the seed generator:
// the invariant check that aborts, input views, and the fixed signing keys of the checkpoint
// fuzzer.
//
// Thread-safety: constants and pure functions.
#ifndef CV_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define CV_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

// Checks an invariant of the code under test; on failure names it and aborts, so the driver (or
// libFuzzer) saves the input. Unlike assert() it stays on in release builds.
#define FUZZ_CHECK(cond)                                                                     \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (0)

namespace cv::fuzz {

inline std::string_view AsText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Lower-case hex to bytes. REQUIRES: valid even-length lower-case hex (the constants below).
inline std::string FromHex(std::string_view hex) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
  }
  return out;
}

// The checkpoint fuzzer's signing keys, generated once with crypto::GenerateSigningKey. They are
// test keys, public on purpose: the seed corpus holds notes they signed (make_seeds.cc).
inline constexpr std::string_view kNoteKeyName = "fuzz.creditvault.example/log";
inline constexpr std::string_view kGmPrivateDerHex =
    "308187020100301306072a8648ce3d020106082a811ccf5501822d046d306b02010104202f730a1a29a0733b4965"
    "b7428d9911f4c5fcacf6f5b99311941b5a2ad24f79faa1440342000424de239228f20297159c9104706cedeb8787"
    "7c3ff34222f1fdab9f4516f0de0ceed8835ef15f8fec2c73914c72c26a981253b84ece4b81474a5fe45c7b46d349";
inline constexpr std::string_view kGmPublicDerHex =
    "3059301306072a8648ce3d020106082a811ccf5501822d0342000424de239228f20297159c9104706cedeb87877c"
    "3ff34222f1fdab9f4516f0de0ceed8835ef15f8fec2c73914c72c26a981253b84ece4b81474a5fe45c7b46d349";
inline constexpr std::string_view kIntlPrivateDerHex =
    "308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201010420c4f86bf08eff2f22a86d"
    "45154ab2dfbba1f690810922e957df84c8232117d9f7a144034200043595e8349bd871e94472efd7e04f719cb254"
    "8a21e88164c2f9aa363289ebc21abaa19ef9d779df340d69e633daba217e391724963bef9b4aa4ec06d5de0807e7";
inline constexpr std::string_view kIntlPublicDerHex =
    "3059301306072a8648ce3d020106082a8648ce3d030107034200043595e8349bd871e94472efd7e04f719cb2548a"
    "21e88164c2f9aa363289ebc21abaa19ef9d779df340d69e633daba217e391724963bef9b4aa4ec06d5de0807e7";

// The key file fuzzer's passphrase and data directory, under which its sealed-root seed opens.
inline constexpr std::string_view kSealPassphrase = "fuzz passphrase, not a secret";
inline constexpr std::string_view kSealDataDirId = "0123456789abcdef0123456789abcdef";

}  // namespace cv::fuzz

#endif  // CV_TESTS_FUZZ_FUZZ_SUPPORT_H_
