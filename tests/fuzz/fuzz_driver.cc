// fuzz_driver: a small stand-in for libFuzzer's main() that runs one libFuzzer entry point
// (LLVMFuzzerTestOneInput in tests/fuzz/<name>_fuzzer.cc) over its seed corpus, then over
// seeded, deterministic mutations of it. There is no coverage feedback: this is a regression and
// robustness runner for CI, not a coverage-guided fuzzer (docs/fuzzing.md says why: clang 14,
// the only clang with libFuzzer here, cannot compile libstdc++ 12's <expected>).
//
//   fuzz_<name> [--iterations N] [--seed S] [--corpus DIR] [--dict FILE] [--max-len BYTES]
//               [--timeout SECONDS] [--artifact-prefix PREFIX] [FILE|DIR ...]
//
// With FILE or DIR arguments only those inputs run, once each, unmutated (to reproduce a crash).
// A crash (signal, sanitizer report, abort from a failed invariant) writes the input to
// <PREFIX>crash-<hash> and prints how to replay it. Exit status: 0 when every input ran.
//
// Thread-safety: single-threaded; the crash path only uses async-signal-safe calls.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);
extern "C" __attribute__((weak)) void __sanitizer_set_death_callback(void (*callback)());

namespace {

// --- Options -------------------------------------------------------------------------------------

struct Options {
  std::uint64_t iterations = 20000;
  std::uint64_t seed = 1;
  std::string corpus = CV_FUZZ_CORPUS;  // DIR of the target's seeds (set per target by CMake)
  std::string dict = CV_FUZZ_DICT;      // optional libFuzzer/AFL dictionary; "" for none
  std::size_t max_len = 4096;
  unsigned timeout = 25;  // seconds per input
  std::string artifact_prefix = "./";
  std::vector<std::string> inputs;  // explicit files or directories: replay only
};

[[noreturn]] void Usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [--iterations N] [--seed S] [--corpus DIR] [--dict FILE] "
               "[--max-len BYTES] [--timeout SECONDS] [--artifact-prefix PREFIX] [FILE|DIR ...]\n",
               argv0);
  std::exit(2);
}

std::uint64_t ParseNumber(const char* argv0, std::string_view text) {
  char* end = nullptr;
  const std::string s(text);
  const unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0') Usage(argv0);
  return v;
}

// Sets option `name` from `value`; false when there is no such option.
bool SetOption(Options& o, std::string_view name, std::string_view value, const char* argv0) {
  if (name == "--iterations") {
    o.iterations = ParseNumber(argv0, value);
  } else if (name == "--seed") {
    o.seed = ParseNumber(argv0, value);
  } else if (name == "--corpus") {
    o.corpus = value;
  } else if (name == "--dict") {
    o.dict = value;
  } else if (name == "--max-len") {
    o.max_len = ParseNumber(argv0, value);
  } else if (name == "--timeout") {
    o.timeout = static_cast<unsigned>(ParseNumber(argv0, value));
  } else if (name == "--artifact-prefix") {
    o.artifact_prefix = value;
  } else {
    return false;
  }
  return true;
}

// "--name value" or "--name=value" options, and input paths.
Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (!arg.starts_with("--")) {
      o.inputs.emplace_back(arg);
      continue;
    }
    std::string_view value;
    if (const std::size_t eq = arg.find('='); eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      Usage(argv[0]);
    }
    if (!SetOption(o, arg, value, argv[0])) Usage(argv[0]);
  }
  return o;
}

// --- Inputs --------------------------------------------------------------------------------------

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The regular files of `path` (itself when it is a file), in name order so runs are repeatable.
std::vector<std::filesystem::path> FilesOf(const std::string& path) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) return {path};
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One dictionary entry: the quoted part of a `name="value"` line, with \\, \" and \xNN escapes.
bool ParseDictLine(std::string_view line, std::string* token) {
  const std::size_t open = line.find('"');
  const std::size_t close = line.rfind('"');
  if (line.empty() || line[0] == '#' || open == close) return false;
  token->clear();
  for (std::size_t i = open + 1; i < close; ++i) {
    if (line[i] != '\\' || i + 1 >= close) {
      token->push_back(line[i]);
    } else if (line[i + 1] == 'x' && i + 3 < close && HexDigit(line[i + 2]) >= 0 &&
               HexDigit(line[i + 3]) >= 0) {
      token->push_back(static_cast<char>(HexDigit(line[i + 2]) * 16 + HexDigit(line[i + 3])));
      i += 3;
    } else {
      token->push_back(line[++i]);
    }
  }
  return !token->empty();
}

std::vector<std::string> LoadDictionary(const std::string& path) {
  std::vector<std::string> tokens;
  if (path.empty()) return tokens;
  std::ifstream in(path);
  std::string line, token;
  while (std::getline(in, line)) {
    if (ParseDictLine(line, &token)) tokens.push_back(token);
  }
  return tokens;
}

// --- Crash reporting -----------------------------------------------------------------------------

// The input being run, for the crash path; null between inputs (so a leak report at exit is not
// blamed on the last input).
const std::uint8_t* g_data = nullptr;
std::size_t g_size = 0;
char g_artifact[4096];  // PREFIX "crash-" 16 hex digits, written when the input starts
volatile sig_atomic_t g_reported = 0;

void WriteStderr(const char* s) { [[maybe_unused]] auto n = write(2, s, std::strlen(s)); }

// FNV-1a of the input, as 16 hex digits at `out`. Async-signal-safe.
void HashHex(const std::uint8_t* data, std::size_t size, char* out) {
  std::uint64_t h = 14695981039346656037ull;
  for (std::size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 1099511628211ull;
  for (int i = 15; i >= 0; --i, h >>= 4) out[i] = "0123456789abcdef"[h & 15];
  out[16] = '\0';
}

// Saves the running input once; async-signal-safe.
void SaveCrashInput(const char* kind) {
  if (g_data == nullptr || g_reported) return;
  g_reported = 1;
  char* name = g_artifact + std::strlen(g_artifact);
  std::memcpy(name, kind, std::strlen(kind) + 1);
  HashHex(g_data, g_size, name + std::strlen(name));
  const int fd = open(g_artifact, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    [[maybe_unused]] auto n = write(fd, g_data, g_size);
    close(fd);
  }
  WriteStderr("\n==fuzz_driver== input saved to ");
  WriteStderr(g_artifact);
  WriteStderr("\n==fuzz_driver== replay with: <this fuzzer> ");
  WriteStderr(g_artifact);
  WriteStderr("\n");
}

void OnDeath() { SaveCrashInput("crash-"); }

}  // namespace

// Sanitizer defaults (the environment's *SAN_OPTIONS still win): abort on a report, so that the
// SIGABRT handler below saves the input even where the death callback is not called (GCC links
// UBSan as a runtime of its own, which does not call ASan's callback).
extern "C" const char* __asan_default_options() { return "abort_on_error=1"; }
extern "C" const char* __ubsan_default_options() { return "abort_on_error=1:print_stacktrace=1"; }

namespace {

void OnSignal(int sig) {
  SaveCrashInput(sig == SIGALRM ? "timeout-" : "crash-");
  if (sig == SIGALRM) _exit(70);
  signal(sig, SIG_DFL);
  raise(sig);
}

void InstallCrashHandlers() {
  // Under AddressSanitizer its own SEGV/BUS/FPE handlers print the better report and call the
  // death callback; abort() (failed invariants, std::terminate) and timeouts are ours.
  if (__sanitizer_set_death_callback != nullptr) __sanitizer_set_death_callback(OnDeath);
#if !defined(__SANITIZE_ADDRESS__)
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) signal(sig, OnSignal);
#endif
  signal(SIGABRT, OnSignal);
  signal(SIGALRM, OnSignal);
}

// --- Running -------------------------------------------------------------------------------------

class Runner {
 public:
  explicit Runner(const Options& options) : options_(options) {}

  // Runs one input from an exactly-sized heap copy, so AddressSanitizer sees any read past it.
  void Run(const std::string& input) {
    auto copy = std::make_unique<std::uint8_t[]>(input.size());
    std::memcpy(copy.get(), input.data(), input.size());
    std::snprintf(g_artifact, sizeof(g_artifact), "%s", options_.artifact_prefix.c_str());
    g_data = copy.get();
    g_size = input.size();
    alarm(options_.timeout);
    LLVMFuzzerTestOneInput(copy.get(), input.size());
    alarm(0);
    g_data = nullptr;
    ++runs_;
    bytes_ += input.size();
  }

  std::uint64_t runs() const { return runs_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  const Options& options_;
  std::uint64_t runs_ = 0;
  std::uint64_t bytes_ = 0;
};

// --- Mutation ------------------------------------------------------------------------------------

// xoshiro256** seeded through splitmix64: the same stream on every platform and library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& word : s_) {
      seed += 0x9e3779b97f4a7c15ull;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
      word = z ^ (z >> 31);
    }
  }
  std::uint64_t Next() {
    const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform enough in [0, n). REQUIRES: n > 0.
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }

 private:
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// Bytes that split or end tokens in the formats we parse (CSV, JSON, key files, notes, TOML),
// and bytes that start or continue multi-byte UTF-8.
constexpr char kInteresting[] = {'\0', '\xff', '"', ',', '\n', '\r', '\t', ' ', ':',    '=',
                                 '\\', '{',    '}', '[', ']',  '#',  '0',  '9', '\x80', '\xc3'};

class Mutator {
 public:
  Mutator(const std::vector<std::string>& corpus, const std::vector<std::string>& dict,
          std::size_t max_len, Rng& rng)
      : corpus_(corpus), dict_(dict), max_len_(max_len), rng_(rng) {}

  // Applies 1 to 5 stacked mutations to `s`.
  void Mutate(std::string& s) {
    const std::size_t count = 1 + rng_.Below(5);
    for (std::size_t i = 0; i < count; ++i) MutateOnce(s);
    if (s.size() > max_len_) s.resize(max_len_);
  }

 private:
  void MutateOnce(std::string& s) {
    switch (rng_.Below(s.empty() ? 3 : 9)) {
      case 0:
        return InsertRandom(s);
      case 1:
        return InsertToken(s);
      case 2:
        return Splice(s);
      case 3:
        return FlipBit(s);
      case 4:
        return ReplaceInteresting(s);
      case 5:
        return Truncate(s);
      case 6:
        return DuplicateChunk(s);
      case 7:
        return EraseChunk(s);
      default:
        return OverwriteToken(s);
    }
  }

  std::size_t Position(const std::string& s) { return rng_.Below(s.size() + 1); }
  // A chunk length for `s`, biased to short: at most 1/2^k of the string, k in 0..3.
  std::size_t ChunkLength(const std::string& s) {
    const std::size_t limit = std::max<std::size_t>(1, s.size() >> rng_.Below(4));
    return 1 + rng_.Below(limit);
  }
  char Interesting() { return kInteresting[rng_.Below(sizeof(kInteresting))]; }

  void FlipBit(std::string& s) { s[rng_.Below(s.size())] ^= static_cast<char>(1 << rng_.Below(8)); }
  void ReplaceInteresting(std::string& s) { s[rng_.Below(s.size())] = Interesting(); }
  void Truncate(std::string& s) { s.resize(rng_.Below(s.size())); }

  void EraseChunk(std::string& s) {
    const std::size_t pos = rng_.Below(s.size());
    s.erase(pos, std::min(ChunkLength(s), s.size() - pos));
  }

  void DuplicateChunk(std::string& s) {
    const std::size_t from = rng_.Below(s.size());
    const std::string chunk = s.substr(from, std::min(ChunkLength(s), s.size() - from));
    s.insert(Position(s), chunk);
  }

  void InsertRandom(std::string& s) {
    std::string bytes(1 + rng_.Below(8), '\0');
    for (char& c : bytes) c = rng_.Below(2) ? Interesting() : static_cast<char>(rng_.Next());
    s.insert(Position(s), bytes);
  }

  // A piece of another corpus input: its head, its tail, or a middle part, put at a random point.
  void Splice(std::string& s) {
    if (corpus_.empty()) return InsertRandom(s);
    const std::string& other = corpus_[rng_.Below(corpus_.size())];
    const std::size_t cut = rng_.Below(other.size() + 1);
    switch (rng_.Below(3)) {
      case 0:
        s = s.substr(0, Position(s)) + other.substr(cut);
        return;
      case 1:
        s = other.substr(0, cut) + s.substr(Position(s));
        return;
      default:
        s.insert(Position(s), other.substr(cut, ChunkLength(other)));
        return;
    }
  }

  void InsertToken(std::string& s) {
    if (dict_.empty()) return InsertRandom(s);
    s.insert(Position(s), dict_[rng_.Below(dict_.size())]);
  }

  void OverwriteToken(std::string& s) {
    if (dict_.empty()) return ReplaceInteresting(s);
    const std::string& token = dict_[rng_.Below(dict_.size())];
    const std::size_t pos = rng_.Below(s.size());
    s.replace(pos, std::min(token.size(), s.size() - pos), token);
  }

  const std::vector<std::string>& corpus_;
  const std::vector<std::string>& dict_;
  std::size_t max_len_;
  Rng& rng_;
};

// Seeds, then `iterations` mutants. A quarter of the mutants grow from a recent mutant rather
// than from a seed, so mutations also stack across iterations.
void Fuzz(const Options& options, const std::vector<std::string>& corpus, Runner& runner) {
  for (const std::string& seed : corpus) runner.Run(seed);
  const std::vector<std::string> dict = LoadDictionary(options.dict);
  std::size_t max_len = options.max_len;
  for (const std::string& seed : corpus) max_len = std::max(max_len, seed.size());
  Rng rng(options.seed);
  Mutator mutator(corpus, dict, max_len, rng);
  std::vector<std::string> recent(64);
  const std::string empty;
  for (std::uint64_t i = 0; i < options.iterations; ++i) {
    const bool from_recent = i >= recent.size() && rng.Below(4) == 0;
    std::string input = from_recent      ? recent[rng.Below(recent.size())]
                        : corpus.empty() ? empty
                                         : corpus[rng.Below(corpus.size())];
    mutator.Mutate(input);
    runner.Run(input);
    recent[i % recent.size()] = std::move(input);
  }
}

// Runs each named file, and each file of each named directory, once; false when one is missing.
bool Replay(const Options& options, const char* name, Runner& runner) {
  for (const std::string& input : options.inputs) {
    const std::vector<std::filesystem::path> files = FilesOf(input);
    if (files.empty()) {
      std::fprintf(stderr, "%s: no input file at %s\n", name, input.c_str());
      return false;
    }
    for (const auto& file : files) {
      std::fprintf(stderr, "%s: running %s\n", name, file.c_str());
      runner.Run(ReadFile(file));
    }
  }
  return true;
}

// Fuzzes from the corpus; returns what ran, for the summary line.
std::string FuzzCorpus(const Options& options, const char* name, Runner& runner) {
  std::vector<std::string> corpus;
  for (const auto& file : FilesOf(options.corpus)) corpus.push_back(ReadFile(file));
  if (corpus.empty()) std::fprintf(stderr, "%s: no seeds in %s\n", name, options.corpus.c_str());
  Fuzz(options, corpus, runner);
  return std::to_string(corpus.size()) + " seeds + " + std::to_string(options.iterations) +
         " mutants (seed " + std::to_string(options.seed) + "): ";
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  InstallCrashHandlers();
  const char* slash = std::strrchr(argv[0], '/');
  const char* name = slash != nullptr ? slash + 1 : argv[0];
  const auto start = std::chrono::steady_clock::now();
  Runner runner(options);
  std::string what;
  if (options.inputs.empty()) {
    what = FuzzCorpus(options, name, runner);
  } else if (!Replay(options, name, runner)) {
    return 2;
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s: %s%llu inputs of %.0f bytes on average in %.2f s (%.0f/s), no crash\n", name,
              what.c_str(), static_cast<unsigned long long>(runner.runs()),
              runner.runs() == 0 ? 0.0 : static_cast<double>(runner.bytes()) / runner.runs(), secs,
              runner.runs() / secs);
  return 0;
}
