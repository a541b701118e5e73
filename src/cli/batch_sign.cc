// Signing and sealing a provider batch offline (docs/ingest_format.md 1, docs/crypto.md
// "Envelope encryption").
#include "cli/batch_sign.h"

#include <nlohmann/json.hpp>
#include <string_view>

#include "common/file.h"
#include "common/hex.h"
#include "common/secret.h"
#include "credit/batch_format.h"
#include "credit/batch_signing.h"
#include "credit/ingest.h"
#include "crypto/envelope.h"
#include "crypto/signer.h"
#include "crypto/suite.h"

namespace cv::cli {
namespace {

constexpr std::size_t kMaxKeyFileBytes = 16 << 10;

Result<credit::BatchFormat> RecordsFormat(const BatchSignArgs& args) {
  std::string name = args.records_format;
  if (name.empty()) {
    const std::string& p = args.records_path;
    name = p.size() >= 4 && p.compare(p.size() - 4, 4, ".csv") == 0 ? "csv" : "jsonl";
  }
  if (name == "jsonl") return credit::BatchFormat::kJsonl;
  if (name == "csv") return credit::BatchFormat::kCsv;
  return Fail(ErrorCode::kInvalidArgument, "--records-format must be jsonl or csv");
}

// The private key file, read into zeroizing memory (the plain copy is wiped).
Result<Secret> ReadPrivateKey(const std::string& path) {
  CV_ASSIGN_OR_RETURN(std::string bytes, ReadSmallFile(path, kMaxKeyFileBytes));
  Secret key(bytes);
  SecureZero(bytes.data(), bytes.size());
  return key;
}

// The armored envelope of `records` for the transport key in `pem_path`, and the manifest's
// encryption object naming it.
Result<std::pair<std::string, nlohmann::json>> Seal(const BatchSignArgs& args,
                                                    std::string_view records) {
  CV_ASSIGN_OR_RETURN(const std::string pem, ReadSmallFile(args.seal_to, kMaxKeyFileBytes));
  CV_ASSIGN_OR_RETURN(const crypto::ParsedPublicKey key, crypto::ParsePublicKeyPem(pem));
  CV_ASSIGN_OR_RETURN(const std::string key_id, crypto::RecipientKeyId(key.der));
  // The associated data binds the envelope to this batch (src/credit/ingest.cc Prepare).
  const std::string ad = "cvault-batch|" + args.institution + "|" + args.batch_id;
  CV_ASSIGN_OR_RETURN(const std::string sealed, crypto::SealToPublicKey(key.der, records, ad));
  nlohmann::json encryption = {{"scheme", kBatchEnvelopeScheme},
                               {"recipient_key_id", HexEncode(key_id)}};
  return std::make_pair(crypto::ArmorSealed(sealed), std::move(encryption));
}

}  // namespace

Result<BatchSignOutcome> SignBatch(const BatchSignArgs& args) {
  CV_ASSIGN_OR_RETURN(const crypto::Suite suite, crypto::ParseSuite(args.suite));
  CV_ASSIGN_OR_RETURN(const credit::BatchFormat format, RecordsFormat(args));
  CV_ASSIGN_OR_RETURN(const std::string records,
                      ReadSmallFile(args.records_path, credit::IngestOptions{}.max_records_bytes));
  CV_ASSIGN_OR_RETURN(const Secret key, ReadPrivateKey(args.key_path));
  credit::BatchToSign batch{args.institution, args.batch_id, format, 0, std::nullopt};
  CV_ASSIGN_OR_RETURN(batch.record_count, credit::CountRecords(records, format));
  BatchSignOutcome outcome{batch.record_count, ""};
  if (!args.seal_to.empty()) {
    CV_ASSIGN_OR_RETURN(auto sealed, Seal(args, records));
    batch.encryption = std::move(sealed.second);
    outcome.sealed_path = args.records_path + ".sealed";
    CV_RETURN_IF_ERROR(WriteFileAtomic(outcome.sealed_path, sealed.first, 0644));
  }
  // The digest covers the plaintext records (docs/ingest_format.md 1, invariant 3).
  CV_ASSIGN_OR_RETURN(const std::string manifest,
                      credit::SignedManifest(batch, records, suite, key));
  CV_RETURN_IF_ERROR(WriteFileAtomic(args.out, manifest + "\n", 0644));
  return outcome;
}

Status GenerateBatchKey(const std::string& suite_name, const std::string& private_path,
                        const std::string& public_path) {
  CV_ASSIGN_OR_RETURN(const crypto::Suite suite, crypto::ParseSuite(suite_name));
  CV_ASSIGN_OR_RETURN(const crypto::SigningKeyPair pair, crypto::GenerateSigningKey(suite));
  CV_ASSIGN_OR_RETURN(const std::string pem, crypto::PublicKeyPem(pair.public_key_der));
  CV_RETURN_IF_ERROR(
      WriteFileAtomic(private_path, pair.private_key_der.View(SecretAccess::Get()), 0600));
  return WriteFileAtomic(public_path, pem, 0644);
}

}  // namespace cv::cli
