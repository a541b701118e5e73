// Sample generator: plans the columns, then writes rows in blocks of kBlockRows, each block
// from its own seeded stream, through a buffered (and, for GBK, transcoding) sink.
#include "grading/sample_gen.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "grading/internal/sample_columns.h"
#include "grading/internal/sample_output.h"
#include "grading/internal/sample_values.h"

namespace cv::grading {
namespace {

using samplegen::PlannedColumn;
using samplegen::PlannedSample;
using samplegen::RowContext;

// Rows per independently seeded block: block b's stream is Mix64(seed ^ Mix64(b)), so any block
// can be generated on its own (and in parallel) with the same result.
constexpr std::uint64_t kBlockRows = 1024;
constexpr std::size_t kFlushBytes = 1 << 20;

// Buffers UTF-8 text and writes it in large chunks, transcoded to GB18030 when asked.
class Sink {
 public:
  static Result<Sink> New(SampleEncoding encoding, std::ostream* out) {
    Sink sink(out);
    if (encoding == SampleEncoding::kGbk) {
      auto encoder = samplegen::Gb18030Encoder::New();
      if (!encoder) return std::unexpected(encoder.error());
      sink.encoder_.emplace(std::move(*encoder));
    }
    sink.pending_.reserve(kFlushBytes + (64 << 10));
    return sink;
  }

  std::string* buffer() { return &pending_; }

  Status MaybeFlush() { return pending_.size() >= kFlushBytes ? Flush() : Ok(); }

  Status Flush() {
    std::string_view bytes = pending_;
    if (encoder_) {
      CV_RETURN_IF_ERROR(encoder_->Convert(pending_, &converted_));
      bytes = converted_;
    }
    out_->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    pending_.clear();
    if (!*out_) return Fail(ErrorCode::kInternal, "cannot write the sample output");
    return Ok();
  }

 private:
  explicit Sink(std::ostream* out) : out_(out) {}
  std::ostream* out_;
  std::optional<samplegen::Gb18030Encoder> encoder_;
  std::string pending_;
  std::string converted_;
};

// Appends one cell's value; false when the cell is left empty (missing data).
bool GenerateCell(const PlannedColumn& c, RowContext& ctx, std::string* out) {
  int blank = c.kind->blank_permille;
  if (blank > 0 && ctx.rng.Permille(blank)) return false;
  c.kind->gen(ctx, c.style, out);
  return true;
}

void AppendCsvHeader(const PlannedSample& plan, const SampleOptions& o, std::string* buf) {
  for (std::size_t i = 0; i < plan.columns.size(); ++i) {
    if (i > 0) buf->push_back(o.delimiter);
    std::size_t start = buf->size();
    buf->append(plan.columns[i].key);
    samplegen::QuoteCsvFieldInPlace(buf, start, o.delimiter);
  }
  buf->append(o.crlf ? "\r\n" : "\n");
}

void AppendCsvRow(const PlannedSample& plan, const SampleOptions& o, RowContext& ctx,
                  std::string* buf) {
  for (std::size_t i = 0; i < plan.columns.size(); ++i) {
    if (i > 0) buf->push_back(o.delimiter);
    std::size_t start = buf->size();
    if (GenerateCell(plan.columns[i], ctx, buf)) {
      samplegen::QuoteCsvFieldInPlace(buf, start, o.delimiter);
    }
  }
  buf->append(o.crlf ? "\r\n" : "\n");
}

// {"seq":1,"customer":{"name":"张伟",...},...}: a group's fields are contiguous (see plan).
void AppendJsonRow(const PlannedSample& plan, RowContext& ctx, std::string* value,
                   std::string* buf) {
  int group = 0;
  bool comma = false;
  buf->push_back('{');
  for (const PlannedColumn& c : plan.columns) {
    if (c.group != group) {
      if (group != 0) buf->push_back('}');
      comma = comma || group != 0;
      group = c.group;
      if (group != 0) {
        if (comma) buf->push_back(',');
        samplegen::AppendJsonString(plan.group_keys[group], buf);
        buf->append(":{");
        comma = false;
      }
    }
    if (comma) buf->push_back(',');
    comma = true;
    samplegen::AppendJsonString(c.key, buf);
    buf->push_back(':');
    value->clear();
    if (!GenerateCell(c, ctx, value)) {
      buf->append("null");
    } else if (c.kind->json_number && samplegen::IsJsonNumber(*value)) {
      buf->append(*value);
    } else {
      samplegen::AppendJsonString(*value, buf);
    }
  }
  if (group != 0) buf->push_back('}');
  buf->append("}\n");
}

Status WriteRows(const PlannedSample& plan, const SampleOptions& o, Sink* sink) {
  RowContext ctx(0);
  std::string value;
  for (std::uint64_t block = 0; block * kBlockRows < o.rows; ++block) {
    ctx.rng.Reseed(samplegen::Mix64(o.seed ^ samplegen::Mix64(block)));
    std::uint64_t end = std::min(o.rows, (block + 1) * kBlockRows);
    for (ctx.row = block * kBlockRows; ctx.row < end; ++ctx.row) {
      samplegen::NewPerson(&ctx);
      if (o.format == SampleFormat::kCsv) {
        AppendCsvRow(plan, o, ctx, sink->buffer());
      } else {
        AppendJsonRow(plan, ctx, &value, sink->buffer());
      }
    }
    CV_RETURN_IF_ERROR(sink->MaybeFlush());
  }
  return Ok();
}

Status CheckOptions(const SampleOptions& o) {
  if (o.format == SampleFormat::kCsv) {
    auto d = ParseSampleDelimiter(std::string_view(&o.delimiter, 1));
    if (!d) return std::unexpected(d.error());
  }
  return Ok();
}

}  // namespace

std::vector<SampleColumnInfo> SampleColumnKinds() {
  std::vector<SampleColumnInfo> out;
  for (const samplegen::ColumnKind& k : samplegen::AllColumnKinds()) {
    out.push_back({k.kind, k.type, k.header_zh, k.header_en, k.in_default, k.values_decide});
  }
  return out;
}

Result<std::vector<ColumnLabel>> PlanSample(const SampleOptions& options) {
  CV_RETURN_IF_ERROR(CheckOptions(options));
  auto plan = samplegen::PlanColumns(options);
  if (!plan) return std::unexpected(plan.error());
  std::vector<ColumnLabel> labels;
  for (const PlannedColumn& c : plan->columns) labels.push_back(c.label);
  return labels;
}

Status GenerateSample(const SampleOptions& options, std::ostream& data,
                      std::vector<ColumnLabel>* labels) {
  CV_RETURN_IF_ERROR(CheckOptions(options));
  auto plan = samplegen::PlanColumns(options);
  if (!plan) return std::unexpected(plan.error());
  auto sink = Sink::New(options.encoding, &data);
  if (!sink) return std::unexpected(sink.error());
  if (options.encoding == SampleEncoding::kUtf8Bom) sink->buffer()->append("\xEF\xBB\xBF");
  bool header_row = options.format == SampleFormat::kCsv && options.headers != SampleHeaders::kNone;
  if (header_row) AppendCsvHeader(*plan, options, sink->buffer());
  CV_RETURN_IF_ERROR(WriteRows(*plan, options, &*sink));
  CV_RETURN_IF_ERROR(sink->Flush());
  if (labels != nullptr) {
    labels->clear();
    for (const PlannedColumn& c : plan->columns) labels->push_back(c.label);
  }
  return Ok();
}

std::string SampleLabelsJson(const SampleOptions& options, const std::vector<ColumnLabel>& labels) {
  nlohmann::ordered_json j;
  j["seed"] = options.seed;
  j["rows"] = options.rows;
  j["format"] = SampleFormatName(options.format);
  j["encoding"] = SampleEncodingName(options.encoding);
  j["headers"] = SampleHeadersName(options.headers);
  if (options.format == SampleFormat::kCsv) j["delimiter"] = std::string(1, options.delimiter);
  j["columns"] = nlohmann::ordered_json::array();
  for (const ColumnLabel& l : labels) {
    j["columns"].push_back(
        {{"index", l.index}, {"name", l.name}, {"type", l.type}, {"kind", l.kind}});
  }
  return j.dump(2) + "\n";
}

}  // namespace cv::grading
