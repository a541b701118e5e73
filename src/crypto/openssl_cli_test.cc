// Cross-checks with the `openssl` command line, a separate consumer of the standards (issue #3:
// "an SM2 signature made by CreditVault verifies with openssl pkeyutl"): our signatures verify
// there and tampered ones do not, its signatures verify here, and digests agree. Skipped only when
// no openssl binary is installed.
//
// OpenSSL 3.0 hashes an empty SM2 distinguishing id when none is set (pkeyutl without -pkeyopt),
// not GM/T 0009's default; every SM2 call here passes `-pkeyopt distid:1234567812345678`.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "common/testing/vector_file.h"
#include "crypto/hasher.h"
#include "crypto/signer.h"

extern char** environ;

namespace cv::crypto {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMessage = "CreditVault audit record 2026-11-22 #42\n";

// The openssl binary on PATH, or "".
std::string FindOpenssl() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (std::size_t start = 0; start <= dirs.size();) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    fs::path candidate = fs::path(dirs.substr(start, end - start)) / "openssl";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    start = end + 1;
  }
  return "";
}

struct ToolRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteFile(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.flush()) << path;
}

bool Verified(const ToolRun& r) {
  return r.exit_code == 0 && r.output.find("Signature Verified Successfully") != std::string::npos;
}

class OpensslCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    openssl_ = FindOpenssl();
    if (openssl_.empty()) GTEST_SKIP() << "no openssl binary on PATH";
    std::string tmpl = (fs::temp_directory_path() / "cv_openssl_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  fs::path Path(const std::string& name) const { return dir_ / name; }

  // Runs `openssl args...` in the test's directory.
  ToolRun Openssl(std::vector<std::string> args) {
    args.insert(args.begin(), openssl_);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const fs::path out = Path(".out");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_adddup2(&fa, STDOUT_FILENO, STDERR_FILENO);
    posix_spawn_file_actions_addchdir_np(&fa, dir_.c_str());
    pid_t pid = -1;
    ToolRun r;
    int rc = ::posix_spawn(&pid, openssl_.c_str(), &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
      ADD_FAILURE() << "cannot run " << openssl_;
      return r;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    r.output = ReadFile(out);
    return r;
  }

  // Writes pub.pem, msg and sig for a key pair of ours; returns the signature.
  std::string SignWithOurKey(Suite suite) {
    auto pair = GenerateSigningKey(suite);
    EXPECT_TRUE(pair);
    auto signer = NewSigner(suite, pair->private_key_der);
    EXPECT_TRUE(signer);
    auto pem = PublicKeyPem(pair->public_key_der);
    EXPECT_TRUE(pem);
    auto signature = (*signer)->Sign(kMessage);
    EXPECT_TRUE(signature);
    WriteFile(Path("pub.pem"), pem.value_or(""));
    WriteFile(Path("msg"), kMessage);
    WriteFile(Path("sig"), signature.value_or(""));
    return signature.value_or("");
  }

  // `openssl pkeyutl -verify` of msg and sig under pub.pem.
  ToolRun OpensslVerify(Suite suite) {
    std::vector<std::string> args = {"pkeyutl", "-verify", "-pubin", "-inkey",   "pub.pem",
                                     "-rawin",  "-in",     "msg",    "-sigfile", "sig"};
    AddDigest(suite, &args);
    return Openssl(args);
  }

  static void AddDigest(Suite suite, std::vector<std::string>* args) {
    args->insert(args->end(), {"-digest", suite == Suite::kGm ? "sm3" : "sha256"});
    if (suite == Suite::kGm) {
      args->insert(args->end(), {"-pkeyopt", "distid:" + std::string(kSm2DefaultId)});
    }
  }

  // A key made by `openssl genpkey`, as PKCS#8 DER (key.der) and SPKI DER (pub.der); it signs
  // msg into sig with `openssl pkeyutl -sign`.
  void SignWithOpenssl(Suite suite) {
    std::vector<std::string> gen = {"genpkey", "-out", "key.pem", "-algorithm"};
    if (suite == Suite::kGm) {
      gen.push_back("SM2");
    } else {
      gen.insert(gen.end(), {"EC", "-pkeyopt", "ec_paramgen_curve:P-256"});
    }
    ASSERT_EQ(Openssl(gen).exit_code, 0);
    ASSERT_EQ(Openssl({"pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out",
                       "key.der"})
                  .exit_code,
              0);
    ASSERT_EQ(Openssl({"pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der"})
                  .exit_code,
              0);
    WriteFile(Path("msg"), kMessage);
    std::vector<std::string> sign = {"pkeyutl", "-sign", "-inkey", "key.pem", "-rawin",
                                     "-in",     "msg",   "-out",   "sig"};
    AddDigest(suite, &sign);
    ToolRun r = Openssl(sign);
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }

  void ExpectOurSignatureVerifiesWithOpenssl(Suite suite) {
    std::string signature = SignWithOurKey(suite);
    ToolRun ok = OpensslVerify(suite);
    EXPECT_TRUE(Verified(ok)) << ok.output;
    signature[signature.size() / 2] ^= 0x01;
    WriteFile(Path("sig"), signature);
    ToolRun tampered = OpensslVerify(suite);
    EXPECT_FALSE(Verified(tampered)) << tampered.output;
    EXPECT_NE(tampered.exit_code, 0);
  }

  void ExpectOpensslSignatureVerifiesWithOurs(Suite suite) {
    SignWithOpenssl(suite);
    auto verifier = NewVerifier(suite, ReadFile(Path("pub.der")));
    ASSERT_TRUE(verifier) << verifier.error().ToString();
    const std::string signature = ReadFile(Path("sig"));
    EXPECT_TRUE((*verifier)->Verify(signature, kMessage));
    EXPECT_FALSE((*verifier)->Verify(signature, std::string(kMessage) + "x"));
    // The PKCS#8 key openssl wrote is accepted by our Signer, and openssl verifies its output.
    auto signer = NewSigner(suite, Secret(ReadFile(Path("key.der"))));
    ASSERT_TRUE(signer) << signer.error().ToString();
    auto ours = (*signer)->Sign(kMessage);
    ASSERT_TRUE(ours);
    WriteFile(Path("sig"), *ours);
    ASSERT_EQ(Openssl({"pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"}).exit_code, 0);
    ToolRun r = OpensslVerify(suite);
    EXPECT_TRUE(Verified(r)) << r.output;
  }

  // Our digest of a random 1 MiB file and `openssl dgst -<name> -r`.
  void ExpectDigestMatchesOpensslDgst(Suite suite, const std::string& name) {
    std::mt19937_64 rng(99);
    std::string data((1 << 20) + 13, '\0');
    for (char& c : data) c = static_cast<char>(rng());
    WriteFile(Path("random.bin"), data);
    auto hasher = NewHasher(suite);
    ASSERT_TRUE(hasher);
    auto digest = (*hasher)->Hash(data);
    ASSERT_TRUE(digest);
    ToolRun r = Openssl({"dgst", "-" + name, "-r", "random.bin"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const std::string hex = cv::testing::ToHex(*digest);
    EXPECT_EQ(r.output.substr(0, hex.size()), hex) << r.output;
  }

  std::string openssl_;
  fs::path dir_;
};

TEST_F(OpensslCliTest, OurSm2SignatureVerifiesWithOpensslPkeyutlAndTamperedDoesNot) {
  ExpectOurSignatureVerifiesWithOpenssl(Suite::kGm);
}

TEST_F(OpensslCliTest, OurEcdsaP256SignatureVerifiesWithOpensslPkeyutlAndTamperedDoesNot) {
  ExpectOurSignatureVerifiesWithOpenssl(Suite::kIntl);
}

TEST_F(OpensslCliTest, OpensslSm2SignatureVerifiesWithOurVerifier) {
  ExpectOpensslSignatureVerifiesWithOurs(Suite::kGm);
}

TEST_F(OpensslCliTest, OpensslEcdsaP256SignatureVerifiesWithOurVerifier) {
  ExpectOpensslSignatureVerifiesWithOurs(Suite::kIntl);
}

// Our SM2 signatures are bound to the id 1234567812345678: under another id openssl refuses them.
TEST_F(OpensslCliTest, Sm2SignatureIsBoundToTheDefaultId) {
  SignWithOurKey(Suite::kGm);
  ToolRun r =
      Openssl({"pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-digest", "sm3",
               "-in", "msg", "-sigfile", "sig", "-pkeyopt", "distid:1234567812345679"});
  EXPECT_FALSE(Verified(r)) << r.output;
}

TEST_F(OpensslCliTest, Sm3OfARandomFileMatchesOpensslDgst) {
  ExpectDigestMatchesOpensslDgst(Suite::kGm, "sm3");
}

TEST_F(OpensslCliTest, Sha256OfARandomFileMatchesOpensslDgst) {
  ExpectDigestMatchesOpensslDgst(Suite::kIntl, "sha256");
}

}  // namespace
}  // namespace cv::crypto
