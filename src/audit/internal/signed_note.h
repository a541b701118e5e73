// C2SP signed-note syntax (https://c2sp.org/signed-note): splitting a note into its text and
// signature lines, and formatting a signature line. Verification is the caller's (checkpoint.cc).
//
// A note is UTF-8 text ending in "\n", a blank line, then one or more lines
// "— <key name> <base64(4-byte big-endian key id || signature)>\n". The text is separated from
// the signatures by the last blank line.
//
// Thread-safety: pure functions.
#ifndef CV_AUDIT_INTERNAL_SIGNED_NOTE_H_
#define CV_AUDIT_INTERNAL_SIGNED_NOTE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace cv::audit::internal {

// U+2014 EM DASH then a space, in UTF-8. DO NOT CHANGE: signed-note syntax.
inline constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";
// Go's golang.org/x/mod/sumdb/note refuses more; the spec asks verifiers to take at least 16.
inline constexpr std::size_t kMaxNoteSignatures = 100;

struct NoteSignature {
  std::string key_name;
  std::uint32_t key_id = 0;
  std::string signature;  // the bytes after the key id
  std::uint64_t line = 0;
};

struct ParsedNote {
  std::string_view text;  // including its final "\n"
  std::vector<NoteSignature> signatures;
};

// Splits `note`. kMalformed with Position::line for invalid UTF-8, an ASCII control character other
// than "\n", no blank line, a signature block not ending in "\n", a line without the em dash
// prefix, an invalid key name, base64 that is not canonical or holds fewer than 5 bytes, or more
// than kMaxNoteSignatures lines. REQUIRES: `note` outlives the result (text points into it).
[[nodiscard]] Result<ParsedNote> ParseNote(std::string_view note);

// C2SP signed-note: "Key names MUST be non-empty and MUST NOT contain any Unicode spaces or plus
// (U+002B) characters." Also valid UTF-8 without control characters.
bool IsValidKeyName(std::string_view name);

// Valid UTF-8 (RFC 3629: no overlong forms, surrogates or code points above U+10FFFF) with no
// ASCII control character other than "\n". kMalformed with the 1-based line of the first fault.
[[nodiscard]] Status CheckNoteCharacters(std::string_view text);

// "— <key_name> <base64(key_id || signature)>\n".
std::string FormatSignatureLine(std::string_view key_name, std::uint32_t key_id,
                                std::string_view signature);

}  // namespace cv::audit::internal

#endif  // CV_AUDIT_INTERNAL_SIGNED_NOTE_H_
