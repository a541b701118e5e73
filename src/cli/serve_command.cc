// cvault serve --data DIR [--listen HOST:PORT] [--cert F --key F] [--client-ca F]
//              [--share F]... [--passphrase-file F]
// Runs the HTTPS API server (issue #6 interface; DO NOT CHANGE flags): unseals the keyring, then
// serves until SIGTERM, and writes a final audit checkpoint.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "cli/vault_access.h"
#include "common/clock.h"
#include "common/config.h"
#include "server/api.h"
#include "server/listener.h"
#include "server/server_config.h"
#include "server/tls.h"

namespace cv::cli {
namespace {

struct ServeArgs {
  std::string data;
  std::string listen;
  std::string cert;
  std::string key;
  std::string client_ca;
  UnsealFlags unseal;
};

Result<server::ServerConfig> LoadServerConfig(const store::DataDir& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir.config_path(), ec)) {
    return server::ServerConfigFromConfig(Config());
  }
  CV_ASSIGN_OR_RETURN(const Config config, Config::Load(dir.config_path()));
  return server::ServerConfigFromConfig(config);
}

// The TLS files: the operator's, or a self-signed pair made once in the data directory.
Result<server::TlsFiles> TlsFilesFor(const ServeArgs& args, const store::DataDir& dir) {
  server::TlsFiles files;
  files.client_ca_pem = args.client_ca;
  if (!args.cert.empty() || !args.key.empty()) {
    if (args.cert.empty() || args.key.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "--cert and --key go together");
    }
    files.cert_pem = args.cert;
    files.key_pem = args.key;
    return files;
  }
  CV_ASSIGN_OR_RETURN(const server::SelfSigned self,
                      server::EnsureSelfSignedCertificate(dir.root()));
  std::printf("self-signed certificate %s\nSHA-256 fingerprint %s\n", self.cert_path.c_str(),
              self.fingerprint_sha256.c_str());
  files.cert_pem = self.cert_path;
  files.key_pem = self.key_path;
  return files;
}

Status ServerEvent(Vault& vault, std::string action, std::string detail) {
  CV_ASSIGN_OR_RETURN(auto tx, vault.store->Begin());
  audit::Event e = CliEvent(std::move(action), "server", "api");
  e.reason = std::move(detail);
  CV_RETURN_IF_ERROR(AuditInTx(vault, *tx, e));
  return tx->Commit();
}

Status Serve(const ServeArgs& args) {
  CV_ASSIGN_OR_RETURN(Vault vault, OpenAndUnseal(args.data, args.unseal));
  CV_ASSIGN_OR_RETURN(server::ServerConfig config, LoadServerConfig(vault.dir));
  if (!args.listen.empty()) CV_RETURN_IF_ERROR(server::ParseListen(args.listen, config.listener));
  CV_ASSIGN_OR_RETURN(const server::TlsFiles files, TlsFilesFor(args, vault.dir));
  CV_ASSIGN_OR_RETURN(auto tls, server::MakeServerTlsContext(files));
  server::ApiDeps deps{*vault.store,
                       *vault.keyring,
                       *vault.audit,
                       SystemClock::Get(),
                       config.passwords,
                       config.sessions,
                       access::LockoutPolicy{},
                       config.authorizer};
  config.api.scratch_dir = vault.dir.root() + "/scratch";  // 0700, inside the data directory
  CV_ASSIGN_OR_RETURN(auto api, server::Api::Create(deps, config.api));
  CV_ASSIGN_OR_RETURN(auto listener, server::Listener::Start(config.listener, *tls, *api));
  const std::string where = config.listener.address + ":" + std::to_string(listener->port());
  CV_RETURN_IF_ERROR(ServerEvent(vault, "server.start", "listening on " + where));
  std::printf("listening on https://%s\n", where.c_str());
  std::fflush(stdout);
  listener->Run();
  // Graceful stop: every request in flight has been answered; seal the log's state with a
  // signed checkpoint (AUD-2).
  CV_RETURN_IF_ERROR(ServerEvent(vault, "server.stop", "signal"));
  std::printf("stopped\n");
  return Ok();
}

}  // namespace

int ServeCommand(int argc, char** argv) {
  CLI::App app{"Run the HTTPS API server", "cvault serve"};
  ServeArgs args;
  app.add_option("--data", args.data, "the data directory")->required();
  app.add_option("--listen", args.listen, "HOST:PORT (default 127.0.0.1:8443; port 0: any)");
  app.add_option("--cert", args.cert, "server certificate (PEM); default: self-signed");
  app.add_option("--key", args.key, "server private key (PEM)");
  app.add_option("--client-ca", args.client_ca, "CA for client certificates (mutual TLS)");
  AddUnsealOptions(app, args.unseal);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (Status s = Serve(args); !s) {
    PrintError("serve", s.error());
    return ExitCodeFor(s.error());
  }
  return kExitOk;
}

}  // namespace cv::cli
