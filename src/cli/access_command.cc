// cvault access matrix [--json]: the declared role × action permission table, the separation-of-
// duties rules and the decision rules, readable by a person (ACC-1, ACC-2; issue #5 interface).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "access/matrix.h"
#include "cli/commands.h"

namespace cv::cli {

int AccessCommand(int argc, char** argv) {
  CLI::App app{"Identity and access control (ACC-1, ACC-2)", "cvault access"};
  app.require_subcommand(1);
  bool json = false;
  CLI::App* matrix = app.add_subcommand("matrix", "print the role x action permission table");
  matrix->add_flag("--json", json, "print JSON");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  const std::string text = json ? access::PermissionMatrixJson() : access::PermissionMatrixText();
  std::fputs(text.c_str(), stdout);
  if (!text.empty() && text.back() != '\n') std::fputc('\n', stdout);
  return kExitOk;
}

}  // namespace cv::cli
