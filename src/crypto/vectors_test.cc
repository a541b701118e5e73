// Known-answer tests of every primitive against the standards' vectors in testdata/.
#include <gcrypt.h>
#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <string>

#include "common/testing/vector_file.h"
#include "crypto/aead.h"
#include "crypto/hasher.h"
#include "crypto/internal/gcrypt_util.h"
#include "crypto/mac.h"
#include "crypto/signer.h"

namespace cv::crypto {
namespace {

using cv::testing::ForEachVector;
using cv::testing::FromHex;
using cv::testing::SourcePath;
using cv::testing::ToHex;
using cv::testing::VectorBlock;

std::string Vectors(std::string_view file) {
  return SourcePath("src/crypto/testdata/" + std::string(file));
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(VectorsTest, DigestsMatchGbt32905AndFips180) {
  int n = ForEachVector(Vectors("digest_vectors.txt"), [](VectorBlock& v) {
    const std::string algorithm = v.Get("Algorithm");
    std::string message;
    const int repeat = std::stoi(v.GetOptional("Repeat").value_or("1"));
    const std::string unit = v.Get("Message");
    for (int i = 0; i < repeat; ++i) message += unit;
    auto hasher = NewHasher(algorithm == "SM3" ? Suite::kGm : Suite::kIntl);
    ASSERT_TRUE(hasher);
    EXPECT_EQ((*hasher)->name(), algorithm);
    auto digest = (*hasher)->Hash(message);
    ASSERT_TRUE(digest);
    EXPECT_EQ(ToHex(*digest), Lower(v.Get("Digest")));
  });
  EXPECT_EQ(n, 4);
}

TEST(VectorsTest, AeadMatchesRfc8998AndGcmSpec) {
  int n = ForEachVector(Vectors("aead_vectors.txt"), [](VectorBlock& v) {
    const Suite suite = v.Get("Algorithm") == "SM4-GCM" ? Suite::kGm : Suite::kIntl;
    auto aead = NewAead(suite, Secret(FromHex(v.Get("Key"))));
    ASSERT_TRUE(aead) << aead.error().ToString();
    const std::string nonce = FromHex(v.Get("Nonce"));
    const std::string ad = FromHex(v.GetOptional("AD").value_or(""));
    const std::string plaintext = FromHex(v.GetOptional("Plaintext").value_or(""));
    const std::string expected =
        nonce + FromHex(v.GetOptional("Ciphertext").value_or("")) + FromHex(v.Get("Tag"));
    auto sealed = (*aead)->EncryptWithNonceForKat(nonce, plaintext, ad);
    ASSERT_TRUE(sealed);
    EXPECT_EQ(ToHex(*sealed), ToHex(expected));
    auto opened = (*aead)->Decrypt(expected, ad);
    ASSERT_TRUE(opened);
    EXPECT_EQ(*opened, plaintext);
  });
  EXPECT_EQ(n, 5);
}

TEST(VectorsTest, HmacSha256MatchesRfc4231) {
  int n = ForEachVector(Vectors("hmac_vectors.txt"), [](VectorBlock& v) {
    auto mac = NewMac(Suite::kIntl, Secret(FromHex(v.Get("Key"))));
    ASSERT_TRUE(mac);
    const std::string data = FromHex(v.Get("Data"));
    auto tag = (*mac)->Compute(data);
    ASSERT_TRUE(tag);
    EXPECT_EQ(ToHex(*tag), v.Get("Tag"));
    EXPECT_TRUE((*mac)->Verify(FromHex(v.Get("Tag")), data));
  });
  EXPECT_EQ(n, 2);
}

// DER SEQUENCE { r, s } of the hex integers.
std::string DerSignature(const std::string& r_hex, const std::string& s_hex) {
  BIGNUM* r = nullptr;
  BIGNUM* s = nullptr;
  BN_hex2bn(&r, r_hex.c_str());
  BN_hex2bn(&s, s_hex.c_str());
  ECDSA_SIG* sig = ECDSA_SIG_new();
  ECDSA_SIG_set0(sig, r, s);
  unsigned char* der = nullptr;
  int len = i2d_ECDSA_SIG(sig, &der);
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  ECDSA_SIG_free(sig);
  return out;
}

TEST(VectorsTest, SignaturesMatchGmt0003AndRfc6979) {
  int n = ForEachVector(Vectors("signature_vectors.txt"), [](VectorBlock& v) {
    const Suite suite = v.Get("Algorithm") == "SM2" ? Suite::kGm : Suite::kIntl;
    const std::string point = "\x04" + FromHex(v.Get("PublicX")) + FromHex(v.Get("PublicY"));
    auto verifier = NewVerifierFromPoint(suite, point);
    ASSERT_TRUE(verifier) << verifier.error().ToString();
    const std::string message = v.Get("Message");
    const std::string signature = DerSignature(v.Get("R"), v.Get("S"));
    EXPECT_TRUE((*verifier)->Verify(signature, message));
    EXPECT_FALSE((*verifier)->Verify(signature, message + "x"));
  });
  EXPECT_EQ(n, 3);
}

// The SM4 block cipher itself, on both providers (OpenSSL's SM4-ECB and libgcrypt's), including
// GB/T 32907's million-iteration example.
TEST(VectorsTest, Sm4BlockMatchesGbt32907OnBothProviders) {
  ASSERT_TRUE(internal::EnsureGcrypt());
  int n = ForEachVector(Vectors("sm4_block_vectors.txt"), [](VectorBlock& v) {
    const std::string key = FromHex(v.Get("Key"));
    std::string gcrypt_block = FromHex(v.Get("Plaintext"));
    std::string openssl_block = gcrypt_block;
    const int iterations = std::stoi(v.Get("Iterations"));
    gcry_cipher_hd_t h = nullptr;
    ASSERT_EQ(gcry_cipher_open(&h, GCRY_CIPHER_SM4, GCRY_CIPHER_MODE_ECB, 0), 0u);
    ASSERT_EQ(gcry_cipher_setkey(h, key.data(), key.size()), 0u);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    ASSERT_EQ(
        EVP_EncryptInit_ex2(ctx, EVP_sm4_ecb(), reinterpret_cast<const unsigned char*>(key.data()),
                            nullptr, nullptr),
        1);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    auto* ob = reinterpret_cast<unsigned char*>(openssl_block.data());
    for (int i = 0; i < iterations; ++i) {
      ASSERT_EQ(gcry_cipher_encrypt(h, gcrypt_block.data(), 16, nullptr, 0), 0u);
      int len = 0;
      EVP_EncryptUpdate(ctx, ob, &len, ob, 16);
    }
    gcry_cipher_close(h);
    EVP_CIPHER_CTX_free(ctx);
    EXPECT_EQ(ToHex(gcrypt_block), Lower(v.Get("Ciphertext")));
    EXPECT_EQ(ToHex(openssl_block), Lower(v.Get("Ciphertext")));
  });
  EXPECT_EQ(n, 2);
}

}  // namespace
}  // namespace cv::crypto
