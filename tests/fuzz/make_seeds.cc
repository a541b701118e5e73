// make_seeds: writes the generated part of the fuzz seed corpora (valid inputs that need the
// library or a key to produce) under tests/fuzz/corpus/<fuzzer>/gen-*. The hand-written seeds
// beside them are edited directly. Run from the source root after a format change:
//
//   ./build/fuzz_make_seeds tests/fuzz/corpus
//
// Shares, salts and signatures are random, so each run writes different (equally valid) bytes.
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "audit/checkpoint.h"
#include "audit/event.h"
#include "audit/merkle.h"
#include "audit/proof_json.h"
#include "common/secret.h"
#include "crypto/aead.h"
#include "crypto/hasher.h"
#include "crypto/keyring/internal/keyring_impl.h"
#include "crypto/keyring/sealing.h"
#include "crypto/keyring/shamir.h"
#include "crypto/signer.h"
#include "tests/fuzz/fuzz_support.h"

namespace cv::fuzz {
namespace {

std::filesystem::path g_root;

// Aborts with the error: a seed that cannot be made is a broken generator.
template <typename T>
T Must(Result<T> result) {
  if (!result) {
    std::fprintf(stderr, "make_seeds: %s\n", result.error().ToString().c_str());
    std::exit(1);
  }
  return std::move(*result);
}

void Write(const std::string& fuzzer, const std::string& name, std::string_view bytes) {
  const std::filesystem::path dir = g_root / fuzzer;
  std::filesystem::create_directories(dir);
  std::ofstream(dir / ("gen-" + name), std::ios::binary) << bytes;
}

void ShareSeeds() {
  const Secret root(std::string(32, '\x5a'));
  for (auto [suite, n, k] : {std::tuple{crypto::Suite::kGm, 5, 3}, {crypto::Suite::kIntl, 2, 2}}) {
    std::vector<crypto::keyring::Share> shares = Must(crypto::keyring::SplitSecret(root, n, k));
    crypto::keyring::ShareFile file{std::string(kSealDataDirId), suite, k, n,
                                    std::move(shares.back())};
    const Secret text = Must(crypto::keyring::FormatShareFile(file));
    const std::string name = std::string(crypto::SuiteName(suite)) + "-share.txt";
    Write("share_file", name, text.View(SecretAccess::Get()));
    Write("key_file", name, text.View(SecretAccess::Get()));
  }
}

// A sealed root at the lowest Argon2id cost libsodium takes (t=1, m=8 KiB), below the floor
// SealWithPassphrase enforces, so the key file fuzzer can open it on every run. Same layout and
// associated data as sealing.cc.
std::string CheapSealedRoot() {
  if (sodium_init() < 0) std::exit(1);
  const std::string salt(crypto_pwhash_SALTBYTES, '\x11');
  Secret key = Secret::Zeroed(crypto::AeadKeySize(crypto::Suite::kIntl));
  if (crypto_pwhash(key.Mutable(SecretAccess::Get()), key.size(), kSealPassphrase.data(),
                    kSealPassphrase.size(), reinterpret_cast<const unsigned char*>(salt.data()), 1,
                    8 * 1024, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    std::exit(1);
  }
  auto aead = Must(crypto::NewAead(crypto::Suite::kIntl, key));
  const std::string sealed = Must(aead->Encrypt(
      std::string(32, '\x5a'), "cvault-sealed-root v1|" + std::string(kSealDataDirId)));
  return "# CreditVault sealed root key (passphrase mode). Useless without the passphrase.\n"
         "cvault-sealed-root: v1\ndata-dir-id: " +
         std::string(kSealDataDirId) +
         "\nsuite: intl\nkdf: argon2id\nkdf-iterations: 1\nkdf-memory-kib: 8\nsalt: " +
         crypto::keyring::HexEncode(salt) + "\nsealed: " + crypto::keyring::HexEncode(sealed) +
         "\n";
}

void SealedSeeds() {
  Write("key_file", "sealed-cheap.txt", CheapSealedRoot());
  const Secret root(std::string(16, '\x5a'));
  const std::string real = Must(crypto::keyring::SealWithPassphrase(
      root, Secret(kSealPassphrase), crypto::Suite::kGm, kSealDataDirId,
      crypto::keyring::KdfParams{2, crypto::keyring::kMinKdfMemoryKib}));
  Write("key_file", "sealed-gm.txt", real);
}

void AuditEntrySeeds() {
  auto hash = [](std::string_view) -> Result<std::string> { return std::string(32, '\xab'); };
  audit::Event plain;
  plain.time = TimePoint(std::chrono::microseconds(1700000000123456));
  plain.actor_user = "system";
  plain.client_address = "cli";
  plain.action = "keys.rotate";
  plain.object_type = "kek";
  plain.object_id = "C3/2";
  Write("audit_entry", "plain.json", Must(audit::EncodeEntry(plain, 0, hash)));
  audit::Event query = plain;
  query.actor_user = "u-1001";
  query.actor_institution = "B0001";
  query.client_address = "203.0.113.7";
  query.action = "credit.query";
  query.result = audit::Outcome::kDenied;
  query.reason = "consent expired \"2024\"\t\\ 张三";
  query.Add("purpose", "loan").Add("zz", "").AddPersonal("id_number", "110101199003074514");
  Write("audit_entry", "query.json",
        Must(audit::EncodeEntry(query, 18446744073709551615ull, hash)));
  // The encoder fuzzer reads lines: actor, institution, client, action, type, id, reason, details.
  Write("audit_entry", "lines.txt",
        "u-1\nB0001\n::1\nscan.run\nfile\nx.csv\n\npurpose=audit\nname~Zhang San\n");
}

std::vector<std::string> LeafHashes(const audit::TreeHasher& hasher, int n) {
  std::vector<std::string> leaves;
  for (int i = 0; i < n; ++i) leaves.push_back(Must(hasher.HashLeaf("entry " + std::to_string(i))));
  return leaves;
}

void ProofSeeds() {
  for (crypto::Suite suite : {crypto::Suite::kGm, crypto::Suite::kIntl}) {
    auto hasher = Must(crypto::NewHasher(suite));
    const audit::TreeHasher tree(*hasher);
    audit::MemoryNodeStore store;
    const std::vector<std::string> leaves = LeafHashes(tree, 13);
    for (std::size_t i = 0; i < leaves.size(); ++i) {
      store.Apply(Must(audit::NodesForAppend(tree, i, leaves[i], store)));
    }
    const std::string name(audit::TreeHashName(suite));
    audit::InclusionProofBundle inclusion{name,
                                          5,
                                          13,
                                          leaves[5],
                                          Must(audit::RootHash(tree, 13, store)),
                                          Must(audit::InclusionProof(tree, 5, 13, store))};
    Write("proof_json", name + "-inclusion.json",
          Must(audit::InclusionProofToJson(inclusion)).dump(2));
    audit::ConsistencyProofBundle consistency{name,
                                              7,
                                              13,
                                              Must(audit::RootHash(tree, 7, store)),
                                              Must(audit::RootHash(tree, 13, store)),
                                              Must(audit::ConsistencyProof(tree, 7, 13, store))};
    Write("proof_json", name + "-consistency.json",
          Must(audit::ConsistencyProofToJson(consistency)).dump());
  }
}

void CheckpointSeeds() {
  const audit::Checkpoint checkpoint{"creditvault.example/audit", 13, std::string(32, '\x5a')};
  std::string signatures;
  std::string text;
  for (auto [suite, private_hex, public_hex] :
       {std::tuple{crypto::Suite::kGm, kGmPrivateDerHex, kGmPublicDerHex},
        {crypto::Suite::kIntl, kIntlPrivateDerHex, kIntlPublicDerHex}}) {
    const std::string public_der = FromHex(public_hex);
    auto signer = Must(crypto::NewSigner(suite, Secret(FromHex(private_hex))));
    const std::string note =
        Must(audit::SignCheckpoint(checkpoint, kNoteKeyName, *signer, public_der, suite));
    Write("checkpoint", std::string(crypto::SuiteName(suite)) + ".note", note);
    text = Must(audit::CheckpointText(checkpoint));
    signatures += note.substr(text.size() + 1);
  }
  // Both keys' signatures and one of an unknown key, which verifiers skip.
  Write("checkpoint", "both.note",
        text + "\n\xE2\x80\x94 other.example/key AAAAAAECAwQ=\n" + signatures);
}

void LedgerSeeds() {
  const std::string path = (g_root / "ledger" / "gen-three-entries.ledger").string();
  std::filesystem::create_directories(g_root / "ledger");
  std::filesystem::remove(path);
  const std::vector<crypto::keyring::LedgerEntry> entries = {
      {"2024-05-01T08:00:00Z", 1, "C3", "customer:110101199003074514"},
      {"2024-05-01T08:00:01Z", 2, "C2", "x"},
      {"2024-05-02T09:30:00Z", 9223372036854775807, "C1", std::string("\0\xff\n", 3)}};
  if (!crypto::keyring::AppendLedger(path, {entries[0]})) std::exit(1);
  if (!crypto::keyring::AppendLedger(path, {entries[1], entries[2]})) std::exit(1);
}

}  // namespace
}  // namespace cv::fuzz

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_ROOT (tests/fuzz/corpus)\n", argv[0]);
    return 2;
  }
  cv::fuzz::g_root = argv[1];
  cv::fuzz::ShareSeeds();
  cv::fuzz::SealedSeeds();
  cv::fuzz::AuditEntrySeeds();
  cv::fuzz::ProofSeeds();
  cv::fuzz::CheckpointSeeds();
  cv::fuzz::LedgerSeeds();
  std::printf("seeds written under %s\n", argv[1]);
  return 0;
}
