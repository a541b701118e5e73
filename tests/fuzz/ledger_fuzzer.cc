// Fuzzes the key destruction ledger reader ReadLedger (crypto/keyring/internal/keyring_impl.h),
// which takes a path: each input is written to a file in a private temporary directory (under
// /dev/shm when there is one, so AppendLedger's fsync costs nothing).
//
// Invariants checked:
//  1. ReadLedger fails only with kMalformed naming the file and a line; entries it returns have
//     non-negative key ids.
//  2. The entries it returns, written by AppendLedger to a new ledger, read back the same.
//  3. Appending one entry to a ledger it accepts gives a ledger it still accepts, with that entry
//     after the old ones (CRY-5: the ledger only grows).
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "crypto/keyring/internal/keyring_impl.h"
#include "tests/fuzz/fuzz_support.h"

namespace cv::crypto::keyring {
namespace {

std::string g_dir;  // the private temporary directory, removed at exit

void RemoveDir() {
  std::error_code ec;
  std::filesystem::remove_all(g_dir, ec);
}

void MakeDir() {
  const std::string base =
      access("/dev/shm", W_OK) == 0 ? "/dev/shm" : std::filesystem::temp_directory_path().string();
  std::string pattern = base + "/cv_ledger_fuzz_XXXXXX";
  FUZZ_CHECK(mkdtemp(pattern.data()) != nullptr);
  g_dir = pattern;
  std::atexit(RemoveDir);
}

void WriteFile(const std::string& path, std::string_view bytes) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  FUZZ_CHECK(fd >= 0);
  FUZZ_CHECK(write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
  close(fd);
}

bool SameEntries(const std::vector<LedgerEntry>& a, const std::vector<LedgerEntry>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].destroyed_at != b[i].destroyed_at || a[i].key_id != b[i].key_id ||
        a[i].grade != b[i].grade || a[i].subject != b[i].subject) {
      return false;
    }
  }
  return true;
}

void CheckRewrite(const std::vector<LedgerEntry>& entries) {
  const std::string path = g_dir + "/rewritten";
  unlink(path.c_str());
  FUZZ_CHECK(AppendLedger(path, entries).has_value());
  auto again = ReadLedger(path);
  FUZZ_CHECK(again.has_value() && SameEntries(*again, entries));
}

void CheckAppend(std::string_view text, std::vector<LedgerEntry> entries) {
  const std::string path = g_dir + "/appended";
  WriteFile(path, text);
  const LedgerEntry added{"2030-01-02T03:04:05Z", 42, "C3", "subject\n with bytes"};
  FUZZ_CHECK(AppendLedger(path, {added}).has_value());
  entries.push_back(added);
  auto again = ReadLedger(path);
  FUZZ_CHECK(again.has_value() && SameEntries(*again, entries));
}

}  // namespace
}  // namespace cv::crypto::keyring

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  cv::crypto::keyring::MakeDir();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cv::crypto::keyring;
  const std::string_view text = cv::fuzz::AsText(data, size);
  const std::string path = g_dir + "/ledger";
  WriteFile(path, text);
  auto entries = ReadLedger(path);
  if (!entries) {
    FUZZ_CHECK(entries.error().code() == cv::ErrorCode::kMalformed);
    FUZZ_CHECK(entries.error().position().file == path && entries.error().position().line > 0);
    return 0;
  }
  for (const LedgerEntry& e : *entries) FUZZ_CHECK(e.key_id >= 0);
  CheckRewrite(*entries);
  CheckAppend(text, *entries);
  return 0;
}
