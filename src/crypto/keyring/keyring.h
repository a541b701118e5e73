// Keyring: CreditVault's key hierarchy (CRY-3..5). A root key, kept only as custodian shares or
// passphrase-sealed, wraps versioned per-grade key-encryption keys (KEKs) and the blind-index,
// audit-hash, audit-signing and transport keys; each KEK wraps per-subject data keys; data keys
// encrypt fields. Every ciphertext names its key; formats are specified in docs/crypto.md.
//
// Thread-safety: a Keyring is thread-safe (its key tables are guarded by a mutex). Methods that
// take a store::Tx run inside the caller's transaction, so the caller can write its audit event in
// the same transaction (ARCHITECTURE: cross-cutting rules).
// Invariants:
//  1. The root key and every unwrapped key live only in zeroizing memory (CRY-6); none is ever
//     written to disk, a log or an error in clear.
//  2. New data keys are wrapped by their grade's primary KEK; older KEK versions stay loaded until
//     a rewrap has moved every data key off them, then they are retired (CRY-4).
//  3. A destroyed data key is in the destruction ledger before its row is deleted, and the ledger
//     is re-applied at every unseal, so a restored database cannot bring it back (CRY-5).
#ifndef CV_CRYPTO_KEYRING_KEYRING_H_
#define CV_CRYPTO_KEYRING_KEYRING_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "common/secret.h"
#include "crypto/aead.h"
#include "crypto/keyring/sealing.h"
#include "crypto/mac.h"
#include "crypto/signer.h"
#include "crypto/suite.h"
#include "store/store.h"

namespace cv::crypto::keyring {

// The category a key protects (JR/T 0171 C1/C2/C3). DO NOT CHANGE: stored in ciphertexts.
enum class KeyGrade : std::uint8_t { kC1 = 1, kC2 = 2, kC3 = 3 };
std::string_view KeyGradeName(KeyGrade grade);  // "C1".."C3"
Result<KeyGrade> ParseKeyGrade(std::string_view name);

// How `cvault init` seals the root key.
struct InitOptions {
  Suite suite = Suite::kGm;
  int custodians = 0;  // > 0: k-of-n shares
  int threshold = 0;
  std::optional<Secret> passphrase;  // set: single-node passphrase mode
  KdfParams kdf;
};

// What init hands back: the data directory id and, in share mode, one file text per custodian
// (numbered from 1), or in passphrase mode the sealed-root file text.
struct InitOutcome {
  std::string data_dir_id;
  std::vector<Secret> share_files;
  std::string sealed_root_file;
};

// What unsealing needs: share file texts (with their origins for errors), or the passphrase and
// the sealed-root file text.
struct UnsealInput {
  std::vector<std::pair<std::string, Secret>> shares;  // (origin, file text)
  std::optional<Secret> passphrase;
  std::string sealed_root_file;
};

// A subject's unwrapped data key for one grade: encrypts and decrypts that subject's fields.
// Thread-safety: immutable; safe to share.
// The material of a data key not yet stored: made by Keyring::PrepareDataKey on any thread (it
// needs no store), stored by Keyring::InsertDataKey. The key itself lives only inside `aead`
// (and wrapped under the grade's KEK in `wrapped`).
struct PreparedDataKey {
  std::string subject;
  KeyGrade grade = KeyGrade::kC2;
  int kek_version = 0;
  std::string wrapped;
  std::shared_ptr<const Aead> aead;
};

class DataKey {
 public:
  std::int64_t id() const { return id_; }
  KeyGrade grade() const { return grade_; }

  // header (11 bytes) || Aead(plaintext, ad = header || associated_data).
  [[nodiscard]] Result<std::string> Encrypt(std::string_view plaintext,
                                            std::string_view associated_data) const;
  // The generic kPermissionDenied "decryption failed" on any mismatch, including a ciphertext
  // made under another key.
  [[nodiscard]] Result<std::string> Decrypt(std::string_view ciphertext,
                                            std::string_view associated_data) const;

 private:
  friend class Keyring;
  DataKey(std::int64_t id, KeyGrade grade, Suite suite, std::shared_ptr<const Aead> aead);

  std::int64_t id_;
  KeyGrade grade_;
  std::string header_;
  std::shared_ptr<const Aead> aead_;
};

// The data key id written in a field ciphertext's header; kMalformed when it has none.
[[nodiscard]] Result<std::int64_t> FieldKeyId(std::string_view ciphertext);

struct KeyVersionStatus {
  std::string purpose;  // kek, blind_index, audit_hash, audit_signing, transport
  std::string grade;    // C1..C3 for kek
  int version = 0;
  std::string state;  // primary, active, retired
  std::int64_t data_keys = 0;
  std::string created_at;
  std::string retired_at;
};

struct RewrapJobStatus {
  std::int64_t id = 0;
  std::string grade;
  int target_version = 0;
  std::string state;  // running, done
  std::int64_t done = 0;
  std::int64_t total = 0;
};

struct KeyringStatus {
  std::string data_dir_id;
  std::string suite;
  std::string seal_mode;  // shares or passphrase
  int threshold = 0;
  int custodians = 0;
  std::vector<KeyVersionStatus> versions;
  std::int64_t destroyed_data_keys = 0;
  std::vector<RewrapJobStatus> rewrap_jobs;
};

struct RewrapProgress {
  KeyGrade grade = KeyGrade::kC1;
  int target_version = 0;
  std::int64_t done = 0;
  std::int64_t total = 0;
  bool finished = false;
  std::vector<int> retired_versions;
};

class Keyring {
 public:
  // Creates every key of a new data directory inside `tx` and writes nothing else: the caller
  // writes the returned share files or sealed root. REQUIRES: an empty keyring in `tx`'s
  // database, else kFailedPrecondition.
  [[nodiscard]] static Result<InitOutcome> Initialize(store::Tx& tx, const InitOptions& options,
                                                      const Clock& clock);

  // Rebuilds the root from `input`, verifies it, loads the keys and re-applies the destruction
  // ledger at `ledger_path`. Runs the crypto power-on self-test first. Errors:
  // kFailedPrecondition for too few shares, shares of another data directory, or a duplicate;
  // kPermissionDenied when the material does not unseal this data directory.
  [[nodiscard]] static Result<std::unique_ptr<Keyring>> Unseal(store::Store& store,
                                                               const UnsealInput& input,
                                                               std::string ledger_path,
                                                               const Clock& clock);

  // As Unseal, inside the caller's write transaction (e.g. right after Initialize, so init and its
  // audit event commit together). The ledger is re-applied in `tx`; the caller flushes the store
  // after commit when reapplied_destructions() > 0.
  [[nodiscard]] static Result<std::unique_ptr<Keyring>> UnsealWithin(store::Tx& tx,
                                                                     const UnsealInput& input,
                                                                     std::string ledger_path,
                                                                     const Clock& clock);

  // The keyring's state, readable without unsealing.
  [[nodiscard]] static Result<KeyringStatus> ReadStatus(store::Tx& tx);

  ~Keyring();

  Suite suite() const { return suite_; }
  const std::string& data_dir_id() const { return data_dir_id_; }
  // Data keys the last unseal destroyed again from the ledger (a restored database).
  int reapplied_destructions() const { return reapplied_destructions_; }

  // The subject's data key for `grade`, created (under the grade's primary KEK) if missing.
  // `subject` is the subject's reference (a blind index), never a clear identifier.
  [[nodiscard]] Result<DataKey> DataKeyFor(store::Tx& tx, std::string_view subject, KeyGrade grade);
  // As DataKeyFor for a subject known to have no key of `grade` yet (created in this
  // transaction): skips the look-up. kConflict (the UNIQUE (subject, grade) constraint) if it
  // had one after all, never a second key.
  [[nodiscard]] Result<DataKey> NewDataKey(store::Tx& tx, std::string_view subject, KeyGrade grade);
  // NewDataKey in two steps, so the first (random key, wrap under the grade's primary KEK, cipher
  // set-up) can run ahead on another thread: thread-safe, no store. If the primary KEK rotates
  // in between, the key is wrapped under the version that was primary when prepared (still
  // active, and rewrapped by the rotation's job like any other).
  [[nodiscard]] Result<PreparedDataKey> PrepareDataKey(std::string_view subject,
                                                       KeyGrade grade) const;
  // Stores prepared material as the subject's key (as NewDataKey: kConflict if it has one).
  [[nodiscard]] Result<DataKey> InsertDataKey(store::Tx& tx, PreparedDataKey prepared);
  // The data key `key_id`. kNotFound "data key N was destroyed" after crypto-shredding.
  [[nodiscard]] Result<DataKey> OpenDataKey(store::Tx& tx, std::int64_t key_id);
  // Convenience: opens the key named in the ciphertext and decrypts.
  [[nodiscard]] Result<std::string> DecryptField(store::Tx& tx, std::string_view ciphertext,
                                                 std::string_view associated_data);

  // Keyed hashes for exact-match look-up of encrypted identifiers, and for audit fields.
  [[nodiscard]] Result<std::string> BlindIndex(std::string_view normalized_identifier) const;
  [[nodiscard]] Result<std::string> AuditHash(std::string_view value) const;
  // The audit checkpoint signer and its public key (SubjectPublicKeyInfo DER).
  const Signer& audit_signer() const { return *audit_signer_; }
  const std::string& audit_public_key() const { return audit_public_key_; }

  // Issue #7 (JR/T 0117 9.4.1 b): the platform's transport key pair, to which providers seal data
  // batches (crypto/envelope.h): SM2 for gm, P-256 for intl, its private key wrapped by the root
  // as purpose "transport", as the audit signing key is. Data directories made before it have
  // none: the first call creates it in `tx`, which must then be a write transaction (else
  // kFailedPrecondition); the key commits with `tx`. Returns the "BEGIN PUBLIC KEY" PEM.
  [[nodiscard]] Result<std::string> TransportPublicKeyPem(store::Tx& tx);
  // Opens an envelope sealed to the transport key (crypto::OpenSealed's errors: kMalformed for a
  // garbled header, else the generic "decryption failed"). kFailedPrecondition when there is no
  // transport key yet.
  [[nodiscard]] Result<std::string> OpenTransport(store::Tx& tx, std::string_view sealed,
                                                  std::string_view associated_data);

  // CRY-4: a new primary KEK version for `grade`; returns its number. Old versions stay readable.
  [[nodiscard]] Result<int> Rotate(store::Tx& tx, KeyGrade grade);
  // CRY-4: moves up to `batch` data keys of `grade` onto the primary KEK in one transaction of
  // `store` and records the progress, so an interrupted rewrap resumes where it stopped. When no
  // data key is left on an older version, those versions are retired (their wrapped copies
  // erased) and the store flushed.
  // `before_commit`, when set, runs in the batch's transaction (to write its audit event).
  [[nodiscard]] Result<RewrapProgress> RewrapStep(
      store::Store& store, KeyGrade grade, std::size_t batch,
      const std::function<Status(store::Tx&, const RewrapProgress&)>& before_commit = {});

  // CRY-5: destroys every data key of `subject`, making all their encrypted fields unreadable.
  // The destruction is appended to the ledger before the rows are deleted. Returns how many keys
  // were destroyed. Call store.Flush() after commit to purge the WAL.
  [[nodiscard]] Result<int> DestroySubject(store::Tx& tx, std::string_view subject,
                                           std::string_view reason);

  // Opaque state, defined in internal/keyring_impl.h.
  struct Impl;

 private:
  explicit Keyring(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
  Suite suite_;
  std::string data_dir_id_;
  std::unique_ptr<Signer> audit_signer_;
  std::string audit_public_key_;
  int reapplied_destructions_ = 0;
};

}  // namespace cv::crypto::keyring

#endif  // CV_CRYPTO_KEYRING_KEYRING_H_
