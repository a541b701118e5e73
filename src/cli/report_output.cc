// The text summary of a masked credit report and its saved copies.
#include "cli/report_output.h"

#include <cstdio>

#include "common/file.h"
#include "credit/report.h"

namespace cv::cli {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

void PrintHeader(const json& answer) {
  const json& r = answer["report"];
  std::printf("report %s (audit leaf %llu)\n", Str(answer, "report_id").c_str(),
              static_cast<unsigned long long>(answer["audit"].value("leaf_index", 0ULL)));
  std::printf("issued %s to %s/%s, reason %s %s\n", Str(r, "issued_at").c_str(),
              Str(r["issued_to"], "institution").c_str(), Str(r["issued_to"], "user").c_str(),
              Str(r["reason"], "code").c_str(), Str(r["reason"], "name").c_str());
  if (r.contains("notice")) std::printf("notice: %s\n", Str(r, "notice").c_str());
}

// Every line of one section: its title with the count, then one line per entry.
template <typename LineFn>
void PrintSection(const json& report, const char* name, LineFn line) {
  const json& items = report.contains(name) ? report[name] : json::array();
  std::printf("%s (%zu):\n", name, items.size());
  for (const json& i : items) std::printf("  %s\n", line(i).c_str());
}

void PrintReport(const json& answer) {
  PrintHeader(answer);
  const json& r = answer["report"];
  PrintSection(r, "identity",
               [](const json& i) { return Str(i, "field") + ": " + Str(i, "value"); });
  PrintSection(r, "accounts", [](const json& a) {
    return Str(a, "institution") + " " + Str(a, "kind") + " " + Str(a, "account_id") + " " +
           Str(a, "status") + " balance " + Str(a, "balance") + " " + Str(a, "currency");
  });
  PrintSection(r, "adverse", [](const json& a) {
    return Str(a, "institution") + " " + Str(a, "kind") + " " + Str(a, "amount") + " from " +
           Str(a, "start_date");
  });
  PrintSection(r, "queries", [](const json& q) {
    return Str(q, "date") + " " + Str(q, "institution") + " " + Str(q, "reason") + " " +
           Str(q, "reason_name");
  });
}

}  // namespace

Status ShowAnswer(const ClientArgs& args, const ReportFiles& files, const json& answer) {
  if (!files.html.empty()) {
    CV_RETURN_IF_ERROR(WriteFileAtomic(files.html, credit::ReportHtml(answer), 0600));
  }
  if (!files.out.empty())
    CV_RETURN_IF_ERROR(WriteFileAtomic(files.out, answer.dump(2) + "\n", 0600));
  if (args.format == "json") {
    Print(args, answer);
  } else {
    PrintReport(answer);
  }
  return Ok();
}

}  // namespace cv::cli
