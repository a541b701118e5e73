// Shamir sharing over libgfshare, with OpenSSL's DRBG as its coefficient source.
#include "crypto/keyring/shamir.h"

extern "C" {
#include <libgfshare.h>
}

#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "crypto/random.h"

namespace cv::crypto::keyring {
namespace {

struct CtxFree {
  void operator()(gfshare_ctx* ctx) const { gfshare_ctx_free(ctx); }
};
using CtxPtr = std::unique_ptr<gfshare_ctx, CtxFree>;

// libgfshare draws polynomial coefficients through this hook, and overwrites its buffers with it
// on free. A failing generator must never
// yield predictable coefficients, so it aborts (RAND_bytes failing means the process is unsafe).
void FillRandom(unsigned char* buffer, unsigned int count) {
  if (!RandomBytes({buffer, count})) std::abort();
}

void InstallRandomHook() {
  static std::once_flag once;
  std::call_once(once, [] { gfshare_fill_rand = FillRandom; });
}

}  // namespace

Result<std::vector<Share>> SplitSecret(const Secret& secret, int custodians, int threshold) {
  if (threshold < 2 || custodians < threshold || custodians > 255) {
    return Fail(ErrorCode::kInvalidArgument,
                "need 2 <= threshold <= custodians <= 255 (got threshold " +
                    std::to_string(threshold) + ", custodians " + std::to_string(custodians) + ")");
  }
  if (secret.empty()) return Fail(ErrorCode::kInvalidArgument, "cannot split an empty secret");
  InstallRandomHook();
  std::vector<unsigned char> numbers;
  for (int i = 1; i <= custodians; ++i) numbers.push_back(static_cast<unsigned char>(i));
  const auto size = static_cast<unsigned int>(secret.size());
  CtxPtr ctx(gfshare_ctx_init_enc(numbers.data(), static_cast<unsigned int>(custodians),
                                  static_cast<unsigned char>(threshold), size));
  if (!ctx) return Fail(ErrorCode::kInternal, "libgfshare could not start a split");
  Secret copy = secret.Clone();  // setsecret takes a non-const pointer.
  gfshare_ctx_enc_setsecret(ctx.get(), copy.Mutable(SecretAccess::Get()));
  std::vector<Share> shares;
  for (int i = 0; i < custodians; ++i) {
    Share share{numbers[static_cast<std::size_t>(i)], Secret::Zeroed(size)};
    gfshare_ctx_enc_getshare(ctx.get(), static_cast<unsigned char>(i),
                             share.bytes.Mutable(SecretAccess::Get()));
    shares.push_back(std::move(share));
  }
  return shares;
}

Result<Secret> CombineShares(std::span<const Share> shares) {
  if (shares.empty()) return Fail(ErrorCode::kInvalidArgument, "no shares given");
  InstallRandomHook();  // gfshare_ctx_free overwrites its buffers through the hook.
  const std::size_t size = shares.front().bytes.size();
  std::set<std::uint8_t> seen;
  std::vector<unsigned char> numbers;
  for (const Share& share : shares) {
    if (share.number == 0 || !seen.insert(share.number).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  "share number " + std::to_string(share.number) + " is zero or given twice");
    }
    if (share.bytes.size() != size || size == 0) {
      return Fail(ErrorCode::kInvalidArgument, "shares differ in length");
    }
    numbers.push_back(share.number);
  }
  CtxPtr ctx(gfshare_ctx_init_dec(numbers.data(), static_cast<unsigned int>(numbers.size()),
                                  static_cast<unsigned int>(size)));
  if (!ctx) return Fail(ErrorCode::kInternal, "libgfshare could not start a combine");
  for (std::size_t i = 0; i < shares.size(); ++i) {
    Secret copy = shares[i].bytes.Clone();
    gfshare_ctx_dec_giveshare(ctx.get(), static_cast<unsigned char>(i),
                              copy.Mutable(SecretAccess::Get()));
  }
  Secret out = Secret::Zeroed(size);
  gfshare_ctx_dec_extract(ctx.get(), out.Mutable(SecretAccess::Get()));
  return out;
}

}  // namespace cv::crypto::keyring
