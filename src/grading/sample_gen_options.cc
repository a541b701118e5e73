// Names of the sample generator's options, as the command line spells them.
#include <string>

#include "grading/sample_gen.h"

namespace cv::grading {
namespace {

template <typename E>
struct Named {
  std::string_view name;
  E value;
};

constexpr Named<SampleFormat> kFormats[] = {{"csv", SampleFormat::kCsv},
                                            {"jsonl", SampleFormat::kJsonl}};
constexpr Named<SampleEncoding> kEncodings[] = {{"utf-8", SampleEncoding::kUtf8},
                                                {"utf-8-bom", SampleEncoding::kUtf8Bom},
                                                {"gbk", SampleEncoding::kGbk}};
constexpr Named<SampleHeaders> kHeaders[] = {{"zh", SampleHeaders::kZh},
                                             {"en", SampleHeaders::kEn},
                                             {"mixed", SampleHeaders::kMixed},
                                             {"none", SampleHeaders::kNone}};

template <typename E, std::size_t N>
Result<E> ParseNamed(const Named<E> (&table)[N], std::string_view what, std::string_view name) {
  std::string choices;
  for (const auto& entry : table) {
    if (entry.name == name) return entry.value;
    choices += choices.empty() ? "" : "|";
    choices += entry.name;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "unknown " + std::string(what) + " '" + std::string(name) + "' (" + choices + ")");
}

template <typename E, std::size_t N>
std::string_view NameOf(const Named<E> (&table)[N], E value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return "?";
}

}  // namespace

Result<SampleFormat> ParseSampleFormat(std::string_view name) {
  return ParseNamed(kFormats, "format", name);
}
Result<SampleEncoding> ParseSampleEncoding(std::string_view name) {
  return ParseNamed(kEncodings, "encoding", name);
}
Result<SampleHeaders> ParseSampleHeaders(std::string_view name) {
  return ParseNamed(kHeaders, "header style", name);
}

Result<char> ParseSampleDelimiter(std::string_view text) {
  if (text == "\\t" || text == "tab") return '\t';
  if (text.size() == 1 && std::string_view(",;|\t").find(text[0]) != std::string_view::npos) {
    return text[0];
  }
  return Fail(ErrorCode::kInvalidArgument,
              "unsupported delimiter '" + std::string(text) + "' (one of , ; | \\t)");
}

std::string_view SampleFormatName(SampleFormat f) { return NameOf(kFormats, f); }
std::string_view SampleEncodingName(SampleEncoding e) { return NameOf(kEncodings, e); }
std::string_view SampleHeadersName(SampleHeaders h) { return NameOf(kHeaders, h); }

}  // namespace cv::grading
