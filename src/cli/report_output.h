// How `cvault query` and `cvault report` show a query answer (docs/credit_cli.md): the answer's
// JSON, or a text summary of the masked report, and the optional saved copies (JSON, HTML).
//
// Thread-safety: not thread-safe (writes to stdout).
#ifndef CV_CLI_REPORT_OUTPUT_H_
#define CV_CLI_REPORT_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "cli/remote.h"
#include "common/result.h"

namespace cv::cli {

struct ReportFiles {
  std::string html;  // the printable report, "" for none
  std::string out;   // the whole answer as JSON (for `cvault report verify`), "" for none
};

// Writes the requested files (0600: the report is personal data, though masked), then prints the
// answer: one JSON line (--format json) or the text summary.
[[nodiscard]] Status ShowAnswer(const ClientArgs& args, const ReportFiles& files,
                                const nlohmann::json& answer);

}  // namespace cv::cli

#endif  // CV_CLI_REPORT_OUTPUT_H_
