// Wrapped-key formats and the destruction ledger.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/file.h"
#include "crypto/hasher.h"
#include "crypto/keyring/internal/keyring_impl.h"
#include "crypto/keyring/sealing.h"

namespace cv::crypto::keyring {

std::string RootWrapAd(std::string_view data_dir_id, std::string_view purpose,
                       std::string_view grade, int version) {
  return "cvault:key:v1|" + std::string(data_dir_id) + "|" + std::string(purpose) + "|" +
         std::string(grade) + "|" + std::to_string(version);
}

std::string RootCheckAd(std::string_view data_dir_id) {
  return "cvault:root-check:v1|" + std::string(data_dir_id);
}

void PutU32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}
void PutU64(std::string& out, std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}
std::uint32_t GetU32(std::string_view in) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}
std::uint64_t GetU64(std::string_view in) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}

namespace {

std::string WrappedHeader(Suite suite, KeyGrade grade, int kek_version) {
  std::string header;
  header.push_back(static_cast<char>(kFormatV1));
  header.push_back(static_cast<char>(suite));
  header.push_back(static_cast<char>(grade));
  PutU32(header, static_cast<std::uint32_t>(kek_version));
  return header;
}

}  // namespace

Result<std::string> WrapDataKey(const Aead& kek, Suite suite, KeyGrade grade, int kek_version,
                                std::string_view subject, const Secret& key) {
  std::string header = WrappedHeader(suite, grade, kek_version);
  auto sealed = kek.Encrypt(key.View(SecretAccess::Get()), header + "|" + std::string(subject));
  if (!sealed) return std::unexpected(sealed.error());
  return header + *sealed;
}

Result<int> WrappedKekVersion(std::string_view wrapped) {
  if (wrapped.size() < kWrappedHeaderSize + Aead::kOverhead ||
      static_cast<std::uint8_t>(wrapped[0]) != kFormatV1) {
    return Fail(ErrorCode::kMalformed, "wrapped data key has no v1 header");
  }
  return static_cast<int>(GetU32(wrapped.substr(3)));
}

Result<Secret> UnwrapDataKey(const Aead& kek, std::string_view wrapped, std::string_view subject) {
  auto version = WrappedKekVersion(wrapped);
  if (!version) return std::unexpected(version.error());
  const std::string_view header = wrapped.substr(0, kWrappedHeaderSize);
  return kek.DecryptSecret(wrapped.substr(kWrappedHeaderSize),
                           std::string(header) + "|" + std::string(subject));
}

// --- Destruction ledger -------------------------------------------------------------------------
// Line format (DO NOT CHANGE: stored):
//   v1 <destroyed_at> <key_id> <grade> <subject hex> <chain>
// where chain = hex(SHA-256(previous chain || the line up to and including the subject hex)),
// the first previous chain being empty. Editing or removing a line breaks every later chain.

namespace {

Result<std::string> Chain(std::string_view previous, std::string_view body) {
  auto hasher = NewHasher(Suite::kIntl);
  if (!hasher) return std::unexpected(hasher.error());
  auto digest = (*hasher)->HashParts({previous, body});
  if (!digest) return std::unexpected(digest.error());
  return HexEncode(*digest);
}

std::string LedgerBody(const LedgerEntry& e) {
  return "v1 " + e.destroyed_at + " " + std::to_string(e.key_id) + " " + e.grade + " " +
         HexEncode(e.subject);
}

}  // namespace

Status AppendLedger(const std::string& path, const std::vector<LedgerEntry>& entries) {
  auto existing = ReadLedger(path);
  if (!existing) return std::unexpected(existing.error());
  // The last chain as ReadLedger reads it (the sixth field, whatever whitespace or fields follow)
  // and whether the last line lacks its '\n': an edited or restored ledger that ReadLedger
  // accepts must stay readable after this append.
  std::string previous;
  bool needs_newline = false;
  {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      needs_newline = in.eof();
      std::istringstream fields(line);
      std::string tag, at, id, grade, subject_hex, chain;
      if (fields >> tag >> at >> id >> grade >> subject_hex >> chain) previous = chain;
    }
  }
  std::string text = needs_newline ? "\n" : "";
  for (const LedgerEntry& e : entries) {
    const std::string body = LedgerBody(e);
    auto chain = Chain(previous, body);
    if (!chain) return std::unexpected(chain.error());
    text += body + " " + *chain + "\n";
    previous = *chain;
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Fail(ErrorCode::kInternal,
                "cannot open destruction ledger " + path + ": " + std::strerror(errno));
  }
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Fail(ErrorCode::kInternal, "cannot write destruction ledger " + path);
  return Ok();
}

Result<std::vector<LedgerEntry>> ReadLedger(const std::string& path) {
  std::vector<LedgerEntry> entries;
  std::ifstream in(path);
  if (!in) return entries;  // No ledger yet: nothing destroyed.
  std::string line;
  std::string previous;
  for (std::uint64_t n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::string tag, at, id, grade, subject_hex, chain;
    fields >> tag >> at >> id >> grade >> subject_hex >> chain;
    auto subject = HexDecode(subject_hex);
    LedgerEntry e{at, 0, grade, subject ? *subject : ""};
    try {
      e.key_id = std::stoll(id);
    } catch (...) {
      e.key_id = -1;
    }
    auto expected = Chain(previous, LedgerBody(e));
    if (tag != "v1" || !subject || e.key_id < 0 || !expected || *expected != chain) {
      return Fail(ErrorCode::kMalformed, "destruction ledger is damaged or was edited",
                  Position{path, n, ""});
    }
    previous = chain;
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace cv::crypto::keyring
