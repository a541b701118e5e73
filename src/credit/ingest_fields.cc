// The field table's look-ups and the catalog items behind each field.
#include "credit/ingest_fields.h"

#include <algorithm>

namespace cv::credit {

std::string_view RecordTypeWireName(RecordType type) {
  switch (type) {
    case RecordType::kIdentity:
      return "identity";
    case RecordType::kAccount:
      return "account";
    case RecordType::kRepayment:
      return "repayment";
    case RecordType::kAdverse:
      return "adverse";
  }
  return "identity";
}

std::optional<RecordType> ParseRecordType(std::string_view name) {
  for (RecordType t : {RecordType::kIdentity, RecordType::kAccount, RecordType::kRepayment,
                       RecordType::kAdverse}) {
    if (RecordTypeWireName(t) == name) return t;
  }
  return std::nullopt;
}

std::span<const IngestField> FieldsOf(RecordType type) {
  std::span<const IngestField> all(kIngestFields);
  auto first =
      std::find_if(all.begin(), all.end(), [&](const IngestField& f) { return f.type == type; });
  auto last = std::find_if(first, all.end(), [&](const IngestField& f) { return f.type != type; });
  return {first, last};
}

const IngestField* FindField(RecordType type, std::string_view name) {
  for (const IngestField& f : FieldsOf(type)) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool IsIngestFieldName(std::string_view name) {
  return std::any_of(std::begin(kIngestFields), std::end(kIngestFields),
                     [&](const IngestField& f) { return f.name == name; });
}

grading::ItemType FieldItem(RecordType type, std::string_view field, std::string_view id_type,
                            std::size_t id_number_size) {
  const IngestField* f = FindField(type, field);
  if (f == nullptr) return grading::ItemType::kNone;
  if (f->rule != FieldRule::kIdNumber) return f->item;
  if (id_type == "passport") return grading::ItemType::kPassport;
  return id_number_size == 15 ? grading::ItemType::kResidentId15 : grading::ItemType::kResidentId;
}

const grading::DataItem& FieldGrade(RecordType type, std::string_view field,
                                    std::string_view id_type, std::size_t id_number_size) {
  return grading::Catalog::Default().Get(FieldItem(type, field, id_type, id_number_size));
}

const grading::DataItem* ProhibitedItemFor(std::string_view name) {
  const grading::Catalog& catalog = grading::Catalog::Default();
  for (const grading::HeaderMatch& m : catalog.MatchHeader(name)) {
    const grading::DataItem& item = catalog.Get(m.type);
    if (item.prohibited) return &item;
  }
  return nullptr;
}

}  // namespace cv::credit
