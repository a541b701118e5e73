// cvault gen-sample: writes a labeled synthetic dataset (grading/sample_gen.h) to a file or
// stdout, and its labels as JSON.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "grading/sample_gen.h"

namespace cv::cli {
namespace {

using grading::SampleOptions;

struct GenSampleArgs {
  std::uint64_t rows = 0;
  std::uint64_t seed = 0;
  std::string out;
  std::string labels;
  std::string encoding = "utf-8";
  std::string headers = "zh";
  std::string format = "csv";
  std::string delimiter = ",";
  std::string line_ending = "crlf";
  std::vector<std::string> columns;
  bool list_columns = false;
};

void AddOptions(CLI::App* app, GenSampleArgs* a) {
  app->add_option("--rows", a->rows, "number of data rows")->required();
  app->add_option("--seed", a->seed, "seed; the same seed gives the same bytes")->required();
  app->add_option("--out", a->out, "output file (default: stdout)");
  app->add_option("--labels", a->labels, "write the column labels (JSON) to this file");
  app->add_option("--encoding", a->encoding, "utf-8 | utf-8-bom | gbk")->capture_default_str();
  app->add_option("--headers", a->headers, "zh | en | mixed | none")->capture_default_str();
  app->add_option("--format", a->format, "csv | jsonl")->capture_default_str();
  app->add_option("--delimiter", a->delimiter, "CSV delimiter: , ; | \\t")->capture_default_str();
  app->add_option("--line-ending", a->line_ending, "CSV record end: crlf | lf")
      ->capture_default_str();
  app->add_option("--columns", a->columns,
                  "comma-separated column kinds or type ids ('none' = all decoys, 'default')")
      ->delimiter(',');
  app->add_flag("--list-columns", a->list_columns, "list the column kinds and exit");
}

// Fills `o` from the parsed arguments; false (after printing why) on a bad value.
bool ToOptions(const GenSampleArgs& a, SampleOptions* o) {
  o->rows = a.rows;
  o->seed = a.seed;
  o->columns = a.columns;
  auto format = grading::ParseSampleFormat(a.format);
  auto encoding = grading::ParseSampleEncoding(a.encoding);
  auto headers = grading::ParseSampleHeaders(a.headers);
  auto delimiter = grading::ParseSampleDelimiter(a.delimiter);
  for (const Error* e :
       {format ? nullptr : &format.error(), encoding ? nullptr : &encoding.error(),
        headers ? nullptr : &headers.error(), delimiter ? nullptr : &delimiter.error()}) {
    if (e != nullptr) {
      std::fprintf(stderr, "cvault gen-sample: %s\n", e->message().c_str());
      return false;
    }
  }
  if (a.line_ending != "crlf" && a.line_ending != "lf") {
    std::fprintf(stderr, "cvault gen-sample: --line-ending must be crlf or lf\n");
    return false;
  }
  o->format = *format;
  o->encoding = *encoding;
  o->headers = *headers;
  o->delimiter = *delimiter;
  o->crlf = a.line_ending == "crlf";
  return true;
}

void ListColumns() {
  std::printf("%-18s %-20s %-8s %-8s %s\n", "kind", "type", "default", "headless", "headers");
  for (const grading::SampleColumnInfo& k : grading::SampleColumnKinds()) {
    std::printf("%-18.*s %-20.*s %-8s %-8s %.*s / %.*s\n", static_cast<int>(k.kind.size()),
                k.kind.data(), static_cast<int>(k.type.size()), k.type.data(),
                k.in_default ? "yes" : "no", k.values_decide ? "yes" : "no",
                static_cast<int>(k.header_zh.size()), k.header_zh.data(),
                static_cast<int>(k.header_en.size()), k.header_en.data());
  }
}

int ExitCodeFor(const Error& e) {
  std::fprintf(stderr, "cvault gen-sample: %s\n", e.ToString().c_str());
  return e.code() == ErrorCode::kInvalidArgument ? kExitUsage : kExitFailure;
}

int Generate(const SampleOptions& o, const GenSampleArgs& a) {
  std::ofstream file;
  if (!a.out.empty()) {
    file.open(a.out, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::fprintf(stderr, "cvault gen-sample: cannot open '%s' for writing\n", a.out.c_str());
      return kExitBadInput;
    }
  }
  std::ostream& data = a.out.empty() ? std::cout : file;
  std::vector<grading::ColumnLabel> labels;
  if (auto st = grading::GenerateSample(o, data, &labels); !st) return ExitCodeFor(st.error());
  data.flush();
  if (!data) return ExitCodeFor(Error(ErrorCode::kInternal, "cannot write the output"));
  if (a.labels.empty()) return kExitOk;
  std::ofstream labels_file(a.labels, std::ios::binary | std::ios::trunc);
  labels_file << grading::SampleLabelsJson(o, labels);
  labels_file.flush();
  if (!labels_file) {
    std::fprintf(stderr, "cvault gen-sample: cannot write labels to '%s'\n", a.labels.c_str());
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace

int GenSampleCommand(int argc, char** argv) {
  CLI::App app{"Generate a labeled synthetic credit dataset (CSV or JSON Lines).",
               "cvault gen-sample"};
  GenSampleArgs args;
  AddOptions(&app, &args);
  // --list-columns needs neither --rows nor --seed.
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--list-columns") {
      ListColumns();
      return kExitOk;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  SampleOptions options;
  if (!ToOptions(args, &options)) return kExitUsage;
  return Generate(options, args);
}

}  // namespace cv::cli
