// C2SP signed-note parsing, following golang.org/x/mod/sumdb/note's Open.
#include "audit/internal/signed_note.h"

#include <algorithm>

#include "audit/internal/base64.h"

namespace cv::audit::internal {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

std::unexpected<Error> MalformedAt(std::uint64_t line, std::string message) {
  return Fail(ErrorCode::kMalformed, "malformed note: " + std::move(message),
              Position{"", line, ""});
}

// The code point at s[*pos] (RFC 3629 section 4 syntax), advancing *pos; kInvalid when malformed.
char32_t NextCodePoint(std::string_view s, std::size_t* pos) {
  const auto lead = static_cast<unsigned char>(s[(*pos)++]);
  if (lead < 0x80) return lead;
  const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC2 ? 1 : -1;
  if (extra < 0 || lead > 0xF4 || *pos + extra > s.size()) return kInvalid;
  char32_t c = lead & (0x3F >> extra);
  for (int i = 0; i < extra; ++i) {
    const auto b = static_cast<unsigned char>(s[(*pos)++]);
    if ((b & 0xC0) != 0x80) return kInvalid;
    c = (c << 6) | (b & 0x3F);
  }
  constexpr char32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
  const bool surrogate = c >= 0xD800 && c <= 0xDFFF;
  return c < kMinForLength[extra] || c > 0x10FFFF || surrogate ? kInvalid : c;
}

// Go's unicode.IsSpace: White_Space code points.
bool IsUnicodeSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

std::uint32_t BigEndian32(std::string_view b) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(b[i]);
  return v;
}

// One "— name base64" line (without its "\n").
Result<NoteSignature> ParseSignatureLine(std::string_view line, std::uint64_t number) {
  if (!line.starts_with(kSignaturePrefix))
    return MalformedAt(number, "no em dash signature prefix");
  line.remove_prefix(kSignaturePrefix.size());
  const std::size_t space = line.find(' ');
  const std::string_view name = line.substr(0, space);
  if (space == std::string_view::npos || !IsValidKeyName(name)) {
    return MalformedAt(number, "invalid key name in signature line");
  }
  auto bytes = Base64Decode(line.substr(space + 1));
  if (!bytes || bytes->size() < 5) return MalformedAt(number, "invalid signature encoding");
  return NoteSignature{std::string(name), BigEndian32(*bytes), bytes->substr(4), number};
}

Result<std::vector<NoteSignature>> ParseSignatureBlock(std::string_view block,
                                                       std::uint64_t first_line) {
  if (block.empty()) return MalformedAt(first_line - 1, "no signature after the blank line");
  if (!block.ends_with('\n')) {
    return MalformedAt(first_line + std::ranges::count(block, '\n'),
                       "the last signature line does not end in a newline");
  }
  std::vector<NoteSignature> signatures;
  for (std::uint64_t number = first_line; !block.empty(); ++number) {
    if (signatures.size() == kMaxNoteSignatures) return MalformedAt(number, "too many signatures");
    const std::size_t end = block.find('\n');
    CV_ASSIGN_OR_RETURN(NoteSignature sig, ParseSignatureLine(block.substr(0, end), number));
    signatures.push_back(std::move(sig));
    block.remove_prefix(end + 1);
  }
  return signatures;
}

}  // namespace

Status CheckNoteCharacters(std::string_view text) {
  std::uint64_t line = 1;
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t c = NextCodePoint(text, &pos);
    if (c == kInvalid) return MalformedAt(line, "invalid UTF-8");
    if (c == '\n') {
      ++line;
    } else if (c < 0x20) {
      return MalformedAt(line, "control character");
    }
  }
  return Ok();
}

bool IsValidKeyName(std::string_view name) {
  if (name.empty() || !CheckNoteCharacters(name)) return false;
  for (std::size_t pos = 0; pos < name.size();) {
    const char32_t c = NextCodePoint(name, &pos);
    if (c == '+' || IsUnicodeSpace(c)) return false;
  }
  return true;
}

Result<ParsedNote> ParseNote(std::string_view note) {
  CV_RETURN_IF_ERROR(CheckNoteCharacters(note));
  const std::size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) {
    const std::uint64_t lines = std::ranges::count(note, '\n') + (note.ends_with('\n') ? 0 : 1);
    return MalformedAt(std::max<std::uint64_t>(lines, 1), "no blank line before signatures");
  }
  ParsedNote parsed{note.substr(0, split + 1), {}};
  const std::uint64_t first_sig_line = 2 + std::ranges::count(parsed.text, '\n');
  CV_ASSIGN_OR_RETURN(parsed.signatures,
                      ParseSignatureBlock(note.substr(split + 2), first_sig_line));
  return parsed;
}

std::string FormatSignatureLine(std::string_view key_name, std::uint32_t key_id,
                                std::string_view signature) {
  std::string bytes;
  for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<char>(key_id >> shift));
  bytes.append(signature);
  return std::string(kSignaturePrefix) + std::string(key_name) + " " + Base64Encode(bytes) + "\n";
}

}  // namespace cv::audit::internal
