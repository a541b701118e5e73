// SampleRng: the random source of the sample generator, identical on every standard library.
//
// std::uniform_int_distribution and friends are implementation-defined, so a seed would give
// different data under libstdc++ and libc++. Only std::mt19937_64 (fully specified by the
// standard) is used, with the bounded-integer and real mappings below written out.
//
// Thread-safety: not thread-safe; one instance per thread.
#ifndef CV_GRADING_INTERNAL_SAMPLE_RNG_H_
#define CV_GRADING_INTERNAL_SAMPLE_RNG_H_

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>

namespace cv::grading::samplegen {

// SplitMix64 finalizer: spreads a seed's bits so that nearby seeds give unrelated streams.
constexpr std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

class SampleRng {
 public:
  explicit SampleRng(std::uint64_t seed) : engine_(seed) {}

  void Reseed(std::uint64_t seed) { engine_.seed(seed); }
  std::uint64_t Next() { return engine_(); }

  // Uniform in [0, n). REQUIRES: n > 0.
  // Lemire's multiply-shift with rejection (ACM TOMACS 2019): unbiased and deterministic.
  std::uint64_t Below(std::uint64_t n) {
    unsigned __int128 m = static_cast<unsigned __int128>(Next()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
      const std::uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<unsigned __int128>(Next()) * n;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  // Uniform in [lo, hi]. REQUIRES: lo <= hi.
  std::int64_t Between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(Below(static_cast<std::uint64_t>(hi - lo) + 1));
  }

  // True with probability permille / 1000.
  bool Permille(int permille) { return Below(1000) < static_cast<std::uint64_t>(permille); }

  // Uniform in [0, 1) with 53 random bits.
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // A uniformly chosen element. REQUIRES: !items.empty().
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }
  template <typename T, std::size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace cv::grading::samplegen

#endif  // CV_GRADING_INTERNAL_SAMPLE_RNG_H_
