// BuildRecord: check order 1-5 of record_builder.h.
#include "credit/internal/record_builder.h"

#include <algorithm>

namespace cv::credit::internal {
namespace {

std::string Quoted(std::string_view field) { return "field \"" + std::string(field) + "\" "; }

FieldError Refuse(RecordErrorCode code, std::string_view field, std::string_view rule) {
  const std::string shown = ShownFieldName(field);
  return FieldError{code, shown, Quoted(shown) + std::string(rule)};
}

// Trims ASCII spaces, tabs, CR and LF at both ends.
std::string_view Trim(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

const RawField* FindRaw(const std::vector<RawField>& fields, std::string_view name) {
  auto it =
      std::find_if(fields.begin(), fields.end(), [&](const RawField& f) { return f.name == name; });
  return it == fields.end() ? nullptr : &*it;
}

bool Absent(const RawField* raw) {
  return raw == nullptr || raw->kind == RawKind::kAbsent ||
         (raw->kind == RawKind::kString && Trim(raw->text).empty());
}

// Step 1. Names the type and `type` fields carry are never prohibited (ingest_fields.h inv. 2).
std::optional<FieldError> FindProhibited(const std::vector<RawField>& fields) {
  for (const RawField& f : fields) {
    if (f.name == "type" || IsIngestFieldName(f.name)) continue;
    if (const grading::DataItem* item = ProhibitedItemFor(f.name)) {
      return Refuse(RecordErrorCode::kProhibitedItem, f.name,
                    "names the prohibited item " + std::string(item->id) +
                        " (Reg Art.14, GRD-4): it must not be collected");
    }
  }
  return std::nullopt;
}

// Step 2.
std::expected<RecordType, FieldError> FindType(const std::vector<RawField>& fields) {
  const RawField* raw = FindRaw(fields, "type");
  if (Absent(raw))
    return std::unexpected(Refuse(RecordErrorCode::kMissingField, "type", "is required"));
  std::optional<RecordType> type =
      raw->kind == RawKind::kString ? ParseRecordType(Trim(raw->text)) : std::nullopt;
  if (!type) {
    return std::unexpected(Refuse(RecordErrorCode::kUnknownType, "type",
                                  "must be identity, account, repayment or adverse"));
  }
  return *type;
}

// Step 3.
std::optional<FieldError> FindUnknown(RecordType type, const std::vector<RawField>& fields) {
  for (const RawField& f : fields) {
    if (f.name == "type" || FindField(type, f.name) != nullptr) continue;
    return Refuse(RecordErrorCode::kUnknownField, f.name,
                  "is not a field of a " + std::string(RecordTypeWireName(type)) + " record");
  }
  return std::nullopt;
}

// Step 4 for one field: the normalized value, nullopt when absent and optional.
std::expected<std::optional<std::string>, FieldError> CheckOne(const IngestField& field,
                                                               const RawField* raw,
                                                               const CheckContext& context) {
  if (Absent(raw)) {
    if (field.required)
      return std::unexpected(Refuse(RecordErrorCode::kMissingField, field.name, "is required"));
    return std::optional<std::string>();
  }
  const bool number_ok = field.rule == FieldRule::kAmount && raw->kind == RawKind::kNumber;
  if (raw->kind != RawKind::kString && !number_ok) {
    return std::unexpected(Refuse(RecordErrorCode::kInvalidValue, field.name,
                                  "must be a JSON string (amounts: a string or a number)"));
  }
  Checked<std::string> v = CheckValue(field, Trim(raw->text), context);
  if (!v) return std::unexpected(Refuse(v.error().code, field.name, v.error().message));
  return std::optional<std::string>(std::move(*v));
}

// Step 4 for every field of `type`.
std::expected<FieldValues, FieldError> CheckAll(RecordType type,
                                                const std::vector<RawField>& fields,
                                                int today_ymd) {
  FieldValues out{type, {}};
  CheckContext context{today_ymd, {}};
  for (const IngestField& field : FieldsOf(type)) {
    auto v = CheckOne(field, FindRaw(fields, field.name), context);
    if (!v) return std::unexpected(std::move(v.error()));
    out.values.push_back(std::move(*v));
    if (field.rule == FieldRule::kIdType) context.id_type = *out.values.back();
  }
  return out;
}

RecordError ToRecordError(std::uint64_t line, std::optional<RecordType> type, FieldError e) {
  return RecordError{line, type ? std::string(RecordTypeWireName(*type)) : std::string(), e.code,
                     std::move(e.field), std::move(e.message)};
}

}  // namespace

const std::string* FieldValues::Get(std::string_view name) const {
  std::span<const IngestField> fields = FieldsOf(type);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return values[i] ? &*values[i] : nullptr;
  }
  return nullptr;
}

std::variant<Record, RecordError> BuildRecord(std::uint64_t line,
                                              const std::vector<RawField>& fields, int today_ymd) {
  std::expected<RecordType, FieldError> type = FindType(fields);
  const std::optional<RecordType> known = type ? std::optional(*type) : std::nullopt;
  if (auto e = FindProhibited(fields)) return ToRecordError(line, known, std::move(*e));
  if (!type) return ToRecordError(line, known, std::move(type.error()));
  if (auto e = FindUnknown(*type, fields)) return ToRecordError(line, known, std::move(*e));
  std::expected<FieldValues, FieldError> values = CheckAll(*type, fields, today_ymd);
  if (!values) return ToRecordError(line, known, std::move(values.error()));
  if (auto e = CrossCheck(*values)) return ToRecordError(line, known, std::move(*e));
  return AssembleRecord(*values);
}

}  // namespace cv::credit::internal
