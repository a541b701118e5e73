// The provider's offline batch tools behind `cvault batch keygen|sign` (issue #7;
// docs/ingest_format.md, docs/credit_cli.md): a signing key pair, and the signed manifest of a
// records file, optionally with the records sealed to the platform's transport key.
//
// Thread-safety: pure functions over files; no shared state.
#ifndef CV_CLI_BATCH_SIGN_H_
#define CV_CLI_BATCH_SIGN_H_

#include <cstdint>
#include <string>

#include "common/result.h"

namespace cv::cli {

// DO NOT CHANGE: the `encryption.scheme` a sealed batch's manifest names (signed by providers).
inline constexpr char kBatchEnvelopeScheme[] = "cvault-envelope-v1";

struct BatchSignArgs {
  std::string institution;
  std::string batch_id;
  std::string records_path;
  std::string records_format;  // "jsonl" | "csv" | "" (from the file name: .csv is csv)
  std::string key_path;        // PKCS#8 DER, as `cvault batch keygen` writes it
  std::string suite = "gm";
  std::string seal_to;  // the platform's transport key (PEM); "" for a plaintext batch
  std::string out;      // the manifest file
};

struct BatchSignOutcome {
  std::uint64_t record_count = 0;
  std::string sealed_path;  // records_path + ".sealed" when sealed, else ""
};

// Counts the records, writes the signed manifest to args.out and, with args.seal_to, the armored
// envelope to records_path + ".sealed" (associated data "cvault-batch|<institution>|<batch id>",
// as the platform opens it) with the manifest's encryption naming the recipient key id.
[[nodiscard]] Result<BatchSignOutcome> SignBatch(const BatchSignArgs& args);

// A fresh signing key pair of `suite`: PKCS#8 DER to `private_path` (mode 0600) and the public
// key as PEM to `public_path` (0644), to register with the institution.
[[nodiscard]] Status GenerateBatchKey(const std::string& suite, const std::string& private_path,
                                      const std::string& public_path);

}  // namespace cv::cli

#endif  // CV_CLI_BATCH_SIGN_H_
