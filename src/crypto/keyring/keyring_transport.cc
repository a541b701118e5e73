// The platform's transport key pair (issue #7): created on first use, wrapped by the root like
// the audit signing key, and used to open envelopes providers seal to it.
#include "crypto/envelope.h"
#include "crypto/keyring/internal/keyring_impl.h"

namespace cv::crypto::keyring {
namespace {

using TransportKey = Keyring::Impl::TransportKey;

constexpr int kTransportVersion = 1;  // No rotation yet: one version, always primary.

std::string TransportAd(const Keyring::Impl& impl) {
  return RootWrapAd(impl.data_dir_id, kPurposeTransport, "", kTransportVersion);
}

// Caches the unwrapped pair under the row it came from.
Result<std::shared_ptr<const TransportKey>> Remember(Keyring::Impl& impl, std::string wrapped,
                                                     Secret private_der) {
  CV_ASSIGN_OR_RETURN(std::string public_der, PublicKeyOfPrivate(private_der));
  auto key = std::make_shared<const TransportKey>(
      TransportKey{std::move(wrapped), std::move(private_der), std::move(public_der)});
  std::lock_guard lock(impl.mu);
  impl.transport = key;
  return key;
}

Result<std::shared_ptr<const TransportKey>> Create(store::Tx& tx, Keyring::Impl& impl) {
  if (tx.mode() != store::TxMode::kWrite) {
    return Fail(ErrorCode::kFailedPrecondition,
                "the transport key does not exist yet; creating it needs a write transaction");
  }
  CV_ASSIGN_OR_RETURN(SigningKeyPair pair, GenerateSigningKey(impl.suite));
  CV_ASSIGN_OR_RETURN(
      std::string wrapped,
      impl.root->Encrypt(pair.private_key_der.View(SecretAccess::Get()), TransportAd(impl)));
  CV_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO key_versions (purpose, grade, version, state, wrapped, created_at) "
              "VALUES (?1, '', ?2, 'primary', ?3, ?4)",
              {store::Text(kPurposeTransport), store::Int(kTransportVersion), store::Blob(wrapped),
               store::Text(FormatRfc3339(impl.clock->Now()))}));
  return Remember(impl, std::move(wrapped), std::move(pair.private_key_der));
}

// The transport key as `tx` sees it: read from its row on every call (so a key created in a
// transaction that rolled back is never used), unwrapped once per row. Created when missing and
// `create` is set.
Result<std::shared_ptr<const TransportKey>> Transport(store::Tx& tx, Keyring::Impl& impl,
                                                      bool create) {
  CV_ASSIGN_OR_RETURN(auto row,
                      tx.QueryOne("SELECT wrapped FROM key_versions WHERE purpose = ?1 "
                                  "AND grade = '' AND version = ?2 AND state = 'primary'",
                                  {store::Text(kPurposeTransport), store::Int(kTransportVersion)}));
  if (!row && create) return Create(tx, impl);
  if (!row) {
    return Fail(ErrorCode::kFailedPrecondition,
                "the platform has no transport key yet (it is made when its public key is first "
                "requested)");
  }
  CV_ASSIGN_OR_RETURN(std::string wrapped, row->Blob(0));
  {
    std::lock_guard lock(impl.mu);
    if (impl.transport && impl.transport->wrapped == wrapped) return impl.transport;
  }
  auto key = impl.root->DecryptSecret(wrapped, TransportAd(impl));
  if (!key) return Fail(ErrorCode::kMalformed, "wrapped key transport v1 does not open");
  return Remember(impl, std::move(wrapped), std::move(*key));
}

}  // namespace

Result<std::string> Keyring::TransportPublicKeyPem(store::Tx& tx) {
  CV_ASSIGN_OR_RETURN(auto key, Transport(tx, *impl_, /*create=*/true));
  return PublicKeyPem(key->public_der);
}

Result<std::string> Keyring::OpenTransport(store::Tx& tx, std::string_view sealed,
                                           std::string_view associated_data) {
  CV_ASSIGN_OR_RETURN(auto key, Transport(tx, *impl_, /*create=*/false));
  return OpenSealed(key->private_der, sealed, associated_data);
}

}  // namespace cv::crypto::keyring
