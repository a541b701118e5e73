// Row access, the Tx conveniences built on the two backend primitives, and the URL dispatch.
#include "store/store.h"

#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace cv::store {
namespace {

constexpr std::string_view kSqliteScheme = "sqlite:";

// The type name of the value held, for error messages (never the value itself).
std::string_view TypeName(const Value& v) {
  constexpr std::string_view kNames[] = {"NULL", "INTEGER", "REAL", "TEXT", "BLOB"};
  return kNames[v.index()];
}

std::span<const Value> AsSpan(std::initializer_list<Value> params) {
  return {params.begin(), params.size()};
}

}  // namespace

Row::Row(std::vector<Value> values, std::shared_ptr<const std::vector<std::string>> names)
    : values_(std::move(values)), names_(std::move(names)) {}

bool Row::IsNull(int i) const {
  return i < 0 || i >= size() || std::holds_alternative<std::monostate>(value(i));
}

std::string_view Row::name(int i) const {
  if (names_ == nullptr || i < 0 || i >= static_cast<int>(names_->size())) return {};
  return (*names_)[static_cast<std::size_t>(i)];
}

template <typename T>
Result<const T*> Row::Get(int i, std::string_view expected) const {
  if (i < 0 || i >= size()) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("column {} out of range (the row has {})", i, size()));
  }
  if (const T* v = std::get_if<T>(&value(i))) return v;
  return Fail(ErrorCode::kInternal, fmt::format("column {} ({}) is {}, expected {}", i, name(i),
                                                TypeName(value(i)), expected));
}

Result<std::int64_t> Row::Int(int i) const {
  auto v = Get<std::int64_t>(i, "INTEGER");
  if (!v) return std::unexpected(v.error());
  return **v;
}

Result<double> Row::Real(int i) const {
  auto v = Get<double>(i, "REAL");
  if (!v) return std::unexpected(v.error());
  return **v;
}

Result<std::string> Row::Text(int i) const {
  auto v = Get<std::string>(i, "TEXT");
  if (!v) return std::unexpected(v.error());
  return **v;
}

Result<std::string> Row::Blob(int i) const {
  auto v = Get<Bytes>(i, "BLOB");
  if (!v) return std::unexpected(v.error());
  return (*v)->data;
}

Result<std::int64_t> Tx::Exec(std::string_view sql, std::initializer_list<Value> params) {
  return DoExec(sql, AsSpan(params));
}

Result<std::int64_t> Tx::Exec(std::string_view sql, std::span<const Value> params) {
  return DoExec(sql, params);
}

Result<std::optional<std::int64_t>> Tx::Insert(std::string_view sql,
                                               std::initializer_list<Value> params) {
  CV_ASSIGN_OR_RETURN(std::int64_t changed, DoExec(sql, AsSpan(params)));
  if (changed == 0) return std::optional<std::int64_t>();
  if (changed != 1) return Fail(ErrorCode::kInternal, "Insert changed more than one row");
  CV_ASSIGN_OR_RETURN(std::int64_t id, LastInsertId());
  return std::optional<std::int64_t>(id);
}

Result<std::vector<Row>> Tx::Query(std::string_view sql, std::initializer_list<Value> params) {
  return Query(sql, AsSpan(params));
}

Result<std::vector<Row>> Tx::Query(std::string_view sql, std::span<const Value> params) {
  std::vector<Row> rows;
  CV_RETURN_IF_ERROR(DoForEach(sql, params, [&](const Row& row) -> Result<bool> {
    rows.push_back(row);
    return true;
  }));
  return rows;
}

Result<std::optional<Row>> Tx::QueryOne(std::string_view sql, std::initializer_list<Value> params) {
  return QueryOne(sql, AsSpan(params));
}

Result<std::optional<Row>> Tx::QueryOne(std::string_view sql, std::span<const Value> params) {
  std::optional<Row> only;
  bool several = false;
  CV_RETURN_IF_ERROR(DoForEach(sql, params, [&](const Row& row) -> Result<bool> {
    several = only.has_value();
    if (!several) only = row;
    return !several;
  }));
  if (several) return Fail(ErrorCode::kInternal, "query returned more than one row");
  return only;
}

Status Tx::ForEach(std::string_view sql, std::initializer_list<Value> params, const RowFn& fn) {
  return DoForEach(sql, AsSpan(params), fn);
}

Status Tx::ForEach(std::string_view sql, std::span<const Value> params, const RowFn& fn) {
  return DoForEach(sql, params, fn);
}

Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options) {
  const std::string& url = options.url;
  if (url.starts_with(kSqliteScheme)) {
    return sqlite::OpenSqliteStore(url.substr(kSqliteScheme.size()), options);
  }
  if (url.starts_with("postgres:") || url.starts_with("postgresql:")) {
    return Fail(ErrorCode::kUnsupported, "the PostgreSQL store backend is not built yet");
  }
  // The URL itself is not echoed: a database URL may carry a password.
  const std::size_t colon = url.find(':');
  if (colon == std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "the store URL has no scheme (expected sqlite:PATH)");
  }
  const std::string scheme = url.substr(0, std::min<std::size_t>(colon, 16));
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown store URL scheme \"{}\" (expected sqlite:PATH)", scheme));
}

}  // namespace cv::store
