// Micro-benchmarks of the crypto primitives (issue #3): each wrapper call beside the raw provider
// call on the same data in the same run, so the ratio is the wrapper's cost. Pairs:
//   BM_AeadEncrypt/<suite>/<bytes>  vs BM_RawEncrypt/<suite>/<bytes>  (random nonce each call)
//   BM_AeadDecrypt/<suite>/<bytes>  vs BM_RawDecrypt/<suite>/<bytes>
//   BM_Sign/<suite>, BM_Verify/<suite> vs BM_RawSign/<suite>, BM_RawVerify/<suite>
//   BM_Hmac/<suite>/32              vs BM_RawHmac/<suite>/32          (blind-index shape)
// and BM_Sm4Bulk/* at 16 KiB: libgcrypt SM4-GCM and SM4-CTR against OpenSSL's EVP_sm4_ctr;
// BM_RandBytes/12: the nonce alone.
// Raw gm = libgcrypt gcry_cipher_* SM4-GCM, handle opened and keyed once; raw intl = OpenSSL EVP
// AES-256-GCM, context keyed once and re-initialised with the nonce per call.
// Run: cvault_bench --benchmark_filter='Aead|Raw|Sign|Verify|Hmac', then 'Sm4Bulk|RandBytes'
// (figures and exact commands in README.md).
#include <benchmark/benchmark.h>
#include <gcrypt.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "crypto/aead.h"
#include "crypto/internal/gcrypt_util.h"
#include "crypto/mac.h"
#include "crypto/random.h"
#include "crypto/signer.h"

namespace cv::crypto {
namespace {

constexpr std::string_view kAd = "customer/id_no/000000042";  // 24 bytes, a typical row binding
constexpr std::size_t kNonce = Aead::kNonceSize;
constexpr std::size_t kTag = Aead::kTagSize;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "crypto_bench: %s failed\n", what);
    std::abort();
  }
}

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// A fixed key per suite, so wrapper and raw code use the same one.
const Secret& AeadKey(Suite suite) {
  static const Secret gm(std::string(16, '\x42'));
  static const Secret intl(std::string(32, '\x42'));
  return suite == Suite::kGm ? gm : intl;
}

std::string_view KeyBytes(Suite suite) { return AeadKey(suite).View(SecretAccess::Get()); }

// The raw provider path: libgcrypt SM4-GCM (gm) or OpenSSL AES-256-GCM (intl), keyed once.
class RawGcm {
 public:
  explicit RawGcm(Suite suite) : suite_(suite) {
    const std::string_view key = KeyBytes(suite);
    if (suite == Suite::kGm) {
      Check(static_cast<bool>(internal::EnsureGcrypt()), "gcrypt init");
      Check(gcry_cipher_open(&gcry_, GCRY_CIPHER_SM4, GCRY_CIPHER_MODE_GCM, 0) == 0, "open");
      Check(gcry_cipher_setkey(gcry_, key.data(), key.size()) == 0, "setkey");
      return;
    }
    enc_ = EVP_CIPHER_CTX_new();
    dec_ = EVP_CIPHER_CTX_new();
    Check(EVP_EncryptInit_ex2(enc_, EVP_aes_256_gcm(), U(key), nullptr, nullptr) == 1, "init");
    Check(EVP_DecryptInit_ex2(dec_, EVP_aes_256_gcm(), U(key), nullptr, nullptr) == 1, "init");
  }
  ~RawGcm() {
    if (gcry_ != nullptr) gcry_cipher_close(gcry_);
    EVP_CIPHER_CTX_free(enc_);
    EVP_CIPHER_CTX_free(dec_);
  }

  // out: ciphertext || tag.
  void Seal(const unsigned char* nonce, std::string_view pt, unsigned char* out) {
    const std::size_t n = pt.size();
    if (suite_ == Suite::kGm) {
      bool ok = gcry_cipher_reset(gcry_) == 0 && gcry_cipher_setiv(gcry_, nonce, kNonce) == 0 &&
                gcry_cipher_authenticate(gcry_, kAd.data(), kAd.size()) == 0 &&
                gcry_cipher_encrypt(gcry_, out, n, pt.data(), n) == 0 &&
                gcry_cipher_gettag(gcry_, out + n, kTag) == 0;
      Check(ok, "gcry seal");
      return;
    }
    int len = 0;
    bool ok = EVP_EncryptInit_ex2(enc_, nullptr, nullptr, nonce, nullptr) == 1 &&
              EVP_EncryptUpdate(enc_, nullptr, &len, U(kAd), kAd.size()) == 1 &&
              EVP_EncryptUpdate(enc_, out, &len, U(pt), n) == 1 &&
              EVP_EncryptFinal_ex(enc_, out + len, &len) == 1 &&
              EVP_CIPHER_CTX_ctrl(enc_, EVP_CTRL_GCM_GET_TAG, kTag, out + n) == 1;
    Check(ok, "EVP seal");
  }

  // in: nonce || ciphertext || tag.
  bool Open(std::string_view in, unsigned char* out) {
    const unsigned char* nonce = U(in);
    const unsigned char* ct = nonce + kNonce;
    const std::size_t n = in.size() - kNonce - kTag;
    if (suite_ == Suite::kGm) {
      return gcry_cipher_reset(gcry_) == 0 && gcry_cipher_setiv(gcry_, nonce, kNonce) == 0 &&
             gcry_cipher_authenticate(gcry_, kAd.data(), kAd.size()) == 0 &&
             gcry_cipher_decrypt(gcry_, out, n, ct, n) == 0 &&
             gcry_cipher_checktag(gcry_, ct + n, kTag) == 0;
    }
    int len = 0;
    return EVP_DecryptInit_ex2(dec_, nullptr, nullptr, nonce, nullptr) == 1 &&
           EVP_DecryptUpdate(dec_, nullptr, &len, U(kAd), kAd.size()) == 1 &&
           EVP_DecryptUpdate(dec_, out, &len, ct, n) == 1 &&
           EVP_CIPHER_CTX_ctrl(dec_, EVP_CTRL_GCM_SET_TAG, kTag,
                               const_cast<unsigned char*>(ct + n)) == 1 &&
           EVP_DecryptFinal_ex(dec_, out + len, &len) == 1;
  }

 private:
  Suite suite_;
  gcry_cipher_hd_t gcry_ = nullptr;
  EVP_CIPHER_CTX* enc_ = nullptr;
  EVP_CIPHER_CTX* dec_ = nullptr;
};

std::unique_ptr<Aead> OurAead(Suite suite) {
  auto aead = NewAead(suite, AeadKey(suite));
  Check(static_cast<bool>(aead), "NewAead");
  return std::move(*aead);
}

void SetItems(benchmark::State& state, std::size_t bytes) {
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

void BM_AeadEncrypt(benchmark::State& state, Suite suite) {
  auto aead = OurAead(suite);
  const std::string plaintext(static_cast<std::size_t>(state.range(0)), 'p');
  for (auto _ : state) {
    auto sealed = aead->Encrypt(plaintext, kAd);
    benchmark::DoNotOptimize(sealed);
  }
  SetItems(state, plaintext.size());
}

void BM_RawEncrypt(benchmark::State& state, Suite suite) {
  RawGcm raw(suite);
  const std::string plaintext(static_cast<std::size_t>(state.range(0)), 'p');
  std::vector<unsigned char> out(kNonce + plaintext.size() + kTag);
  for (auto _ : state) {
    Check(RAND_bytes(out.data(), kNonce) == 1, "RAND_bytes");
    raw.Seal(out.data(), plaintext, out.data() + kNonce);
    benchmark::DoNotOptimize(out.data());
  }
  SetItems(state, plaintext.size());
}

void BM_AeadDecrypt(benchmark::State& state, Suite suite) {
  auto aead = OurAead(suite);
  auto sealed = aead->Encrypt(std::string(static_cast<std::size_t>(state.range(0)), 'p'), kAd);
  Check(static_cast<bool>(sealed), "Encrypt");
  for (auto _ : state) {
    auto opened = aead->Decrypt(*sealed, kAd);
    benchmark::DoNotOptimize(opened);
  }
  SetItems(state, static_cast<std::size_t>(state.range(0)));
}

void BM_RawDecrypt(benchmark::State& state, Suite suite) {
  RawGcm raw(suite);
  auto sealed =
      OurAead(suite)->Encrypt(std::string(static_cast<std::size_t>(state.range(0)), 'p'), kAd);
  Check(static_cast<bool>(sealed), "Encrypt");
  std::vector<unsigned char> out(sealed->size());
  for (auto _ : state) {
    Check(raw.Open(*sealed, out.data()), "raw open");
    benchmark::DoNotOptimize(out.data());
  }
  SetItems(state, static_cast<std::size_t>(state.range(0)));
}

// Each wrapper benchmark is registered right before its raw twin, so the two run back to back.
#define CV_AEAD_PAIR(ours, raw, suite, suite_value)                         \
  BENCHMARK_CAPTURE(ours, suite, suite_value)->Arg(16)->Arg(64)->Arg(1024); \
  BENCHMARK_CAPTURE(raw, suite, suite_value)->Arg(16)->Arg(64)->Arg(1024)
CV_AEAD_PAIR(BM_AeadEncrypt, BM_RawEncrypt, gm, Suite::kGm);
CV_AEAD_PAIR(BM_AeadEncrypt, BM_RawEncrypt, intl, Suite::kIntl);
CV_AEAD_PAIR(BM_AeadDecrypt, BM_RawDecrypt, gm, Suite::kGm);
CV_AEAD_PAIR(BM_AeadDecrypt, BM_RawDecrypt, intl, Suite::kIntl);

// The nonce alone: RAND_bytes for 12 bytes, part of every encryption above (docs/crypto.md).
void BM_RandBytes(benchmark::State& state) {
  unsigned char nonce[kNonce];
  for (auto _ : state) {
    Check(RAND_bytes(nonce, kNonce) == 1, "RAND_bytes");
    benchmark::DoNotOptimize(nonce);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RandBytes)->Name("BM_RandBytes/12");

// --- Signatures: ours against EVP_DigestSign / EVP_DigestVerify with the same key. ---

constexpr std::string_view kRecord =
    "2026-11-22T10:00:00Z query user=42 subject=7f3a purpose=loan-approval";

const SigningKeyPair& SigningKey(Suite suite) {
  static const SigningKeyPair gm = *GenerateSigningKey(Suite::kGm);
  static const SigningKeyPair intl = *GenerateSigningKey(Suite::kIntl);
  return suite == Suite::kGm ? gm : intl;
}

EVP_PKEY* RawPrivateKey(Suite suite) {
  std::string_view der = SigningKey(suite).private_key_der.View(SecretAccess::Get());
  const unsigned char* p = U(der);
  EVP_PKEY* key = d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der.size()));
  Check(key != nullptr, "d2i private key");
  return key;
}

// A digest-sign or -verify context on `key`, as an application would set one up per call.
EVP_MD_CTX* RawDigestCtx(Suite suite, EVP_PKEY* key, bool sign) {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  const char* digest = suite == Suite::kGm ? "SM3" : "SHA256";
  int rc = sign ? EVP_DigestSignInit_ex(md, &pctx, digest, nullptr, nullptr, key, nullptr)
                : EVP_DigestVerifyInit_ex(md, &pctx, digest, nullptr, nullptr, key, nullptr);
  Check(rc == 1, "digest init");
  if (suite == Suite::kGm) Check(EVP_PKEY_CTX_set1_id(pctx, kSm2DefaultId.data(), 16) == 1, "id");
  return md;
}

void BM_Sign(benchmark::State& state, Suite suite) {
  auto signer = NewSigner(suite, SigningKey(suite).private_key_der);
  Check(static_cast<bool>(signer), "NewSigner");
  for (auto _ : state) {
    auto signature = (*signer)->Sign(kRecord);
    benchmark::DoNotOptimize(signature);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_RawSign(benchmark::State& state, Suite suite) {
  EVP_PKEY* key = RawPrivateKey(suite);
  unsigned char signature[80];
  for (auto _ : state) {
    EVP_MD_CTX* md = RawDigestCtx(suite, key, true);
    std::size_t len = sizeof(signature);
    Check(EVP_DigestSign(md, signature, &len, U(kRecord), kRecord.size()) == 1, "sign");
    EVP_MD_CTX_free(md);
    benchmark::DoNotOptimize(signature);
  }
  EVP_PKEY_free(key);
  state.SetItemsProcessed(state.iterations());
}

std::string RecordSignature(Suite suite) {
  auto signer = NewSigner(suite, SigningKey(suite).private_key_der);
  Check(static_cast<bool>(signer), "NewSigner");
  auto signature = (*signer)->Sign(kRecord);
  Check(static_cast<bool>(signature), "Sign");
  return *signature;
}

void BM_Verify(benchmark::State& state, Suite suite) {
  auto verifier = NewVerifier(suite, SigningKey(suite).public_key_der);
  Check(static_cast<bool>(verifier), "NewVerifier");
  const std::string signature = RecordSignature(suite);
  for (auto _ : state) {
    Check(static_cast<bool>((*verifier)->Verify(signature, kRecord)), "verify");
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_RawVerify(benchmark::State& state, Suite suite) {
  const std::string& der = SigningKey(suite).public_key_der;
  const unsigned char* p = U(der);
  EVP_PKEY* key = d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size()));
  Check(key != nullptr, "d2i public key");
  const std::string signature = RecordSignature(suite);
  for (auto _ : state) {
    EVP_MD_CTX* md = RawDigestCtx(suite, key, false);
    Check(EVP_DigestVerify(md, U(signature), signature.size(), U(kRecord), kRecord.size()) == 1,
          "raw verify");
    EVP_MD_CTX_free(md);
  }
  EVP_PKEY_free(key);
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_CAPTURE(BM_Sign, gm, Suite::kGm);
BENCHMARK_CAPTURE(BM_RawSign, gm, Suite::kGm);
BENCHMARK_CAPTURE(BM_Sign, intl, Suite::kIntl);
BENCHMARK_CAPTURE(BM_RawSign, intl, Suite::kIntl);
BENCHMARK_CAPTURE(BM_Verify, gm, Suite::kGm);
BENCHMARK_CAPTURE(BM_RawVerify, gm, Suite::kGm);
BENCHMARK_CAPTURE(BM_Verify, intl, Suite::kIntl);
BENCHMARK_CAPTURE(BM_RawVerify, intl, Suite::kIntl);

// --- HMAC at 32 bytes (a blind index of one identifier): ours against a pre-keyed EVP_MAC_CTX. ---

const Secret& MacKey() {
  static const Secret key(std::string(kMacKeySize, '\x24'));
  return key;
}

void BM_Hmac(benchmark::State& state, Suite suite) {
  auto mac = NewMac(suite, MacKey());
  Check(static_cast<bool>(mac), "NewMac");
  const std::string data(static_cast<std::size_t>(state.range(0)), 'd');
  for (auto _ : state) {
    auto tag = (*mac)->Compute(data);
    benchmark::DoNotOptimize(tag);
  }
  SetItems(state, data.size());
}

void BM_RawHmac(benchmark::State& state, Suite suite) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  char digest[8];
  std::snprintf(digest, sizeof(digest), "%s", suite == Suite::kGm ? "SM3" : "SHA256");
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_end()};
  const std::string_view key = MacKey().View(SecretAccess::Get());
  Check(EVP_MAC_init(ctx, U(key), key.size(), params) == 1, "EVP_MAC_init");
  const std::string data(static_cast<std::size_t>(state.range(0)), 'd');
  unsigned char tag[EVP_MAX_MD_SIZE];
  for (auto _ : state) {
    std::size_t len = 0;
    Check(EVP_MAC_init(ctx, nullptr, 0, nullptr) == 1 &&
              EVP_MAC_update(ctx, U(data), data.size()) == 1 &&
              EVP_MAC_final(ctx, tag, &len, sizeof(tag)) == 1,
          "raw HMAC");
    benchmark::DoNotOptimize(tag);
  }
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  SetItems(state, data.size());
}

BENCHMARK_CAPTURE(BM_Hmac, gm, Suite::kGm)->Arg(32);
BENCHMARK_CAPTURE(BM_RawHmac, gm, Suite::kGm)->Arg(32);
BENCHMARK_CAPTURE(BM_Hmac, intl, Suite::kIntl)->Arg(32);
BENCHMARK_CAPTURE(BM_RawHmac, intl, Suite::kIntl)->Arg(32);

// --- SM4 bulk speed by provider (docs/crypto.md: why SM4-GCM runs on libgcrypt). ---

void BM_Sm4BulkGcryptGcm(benchmark::State& state) {
  RawGcm raw(Suite::kGm);
  const std::string plaintext(static_cast<std::size_t>(state.range(0)), 'p');
  std::vector<unsigned char> out(plaintext.size() + kTag);
  const unsigned char nonce[kNonce] = {1};
  for (auto _ : state) {
    raw.Seal(nonce, plaintext, out.data());
    benchmark::DoNotOptimize(out.data());
  }
  SetItems(state, plaintext.size());
}

void BM_Sm4BulkGcryptCtr(benchmark::State& state) {
  Check(static_cast<bool>(internal::EnsureGcrypt()), "gcrypt init");
  gcry_cipher_hd_t h = nullptr;
  Check(gcry_cipher_open(&h, GCRY_CIPHER_SM4, GCRY_CIPHER_MODE_CTR, 0) == 0, "open");
  Check(gcry_cipher_setkey(h, KeyBytes(Suite::kGm).data(), 16) == 0, "setkey");
  const std::string plaintext(static_cast<std::size_t>(state.range(0)), 'p');
  std::vector<unsigned char> out(plaintext.size());
  const unsigned char counter[16] = {1};
  for (auto _ : state) {
    Check(
        gcry_cipher_setctr(h, counter, sizeof(counter)) == 0 &&
            gcry_cipher_encrypt(h, out.data(), out.size(), plaintext.data(), plaintext.size()) == 0,
        "gcry ctr");
    benchmark::DoNotOptimize(out.data());
  }
  gcry_cipher_close(h);
  SetItems(state, plaintext.size());
}

void BM_Sm4BulkOpensslCtr(benchmark::State& state) {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  Check(EVP_EncryptInit_ex2(ctx, EVP_sm4_ctr(), U(KeyBytes(Suite::kGm)), nullptr, nullptr) == 1,
        "sm4-ctr init");
  const std::string plaintext(static_cast<std::size_t>(state.range(0)), 'p');
  std::vector<unsigned char> out(plaintext.size());
  const unsigned char counter[16] = {1};
  for (auto _ : state) {
    int len = 0;
    Check(EVP_EncryptInit_ex2(ctx, nullptr, nullptr, counter, nullptr) == 1 &&
              EVP_EncryptUpdate(ctx, out.data(), &len, U(plaintext), plaintext.size()) == 1,
          "sm4-ctr");
    benchmark::DoNotOptimize(out.data());
  }
  EVP_CIPHER_CTX_free(ctx);
  SetItems(state, plaintext.size());
}

BENCHMARK(BM_Sm4BulkGcryptGcm)->Name("BM_Sm4Bulk/gcrypt_gcm")->Arg(16384);
BENCHMARK(BM_Sm4BulkGcryptCtr)->Name("BM_Sm4Bulk/gcrypt_ctr")->Arg(16384);
BENCHMARK(BM_Sm4BulkOpensslCtr)->Name("BM_Sm4Bulk/openssl_ctr")->Arg(16384);

}  // namespace
}  // namespace cv::crypto
