// Store: the one interface to CreditVault's database, with transactions and typed rows, so that
// services never talk to SQLite (or, later, PostgreSQL) directly.
//
// SQL convention (both backends):
//  1. Parameters are numbered placeholders `?1, ?2, ...`, one Value per number, in order. The
//     SQLite backend binds them as written; a PostgreSQL backend rewrites `?N` to `$N` before
//     preparing. Anonymous `?` and named `:x`/`@x`/`$x` placeholders are refused.
//  2. Values are always bound, never spliced into the SQL text: error messages quote the first
//     ~60 characters of the SQL but never a bound value (values may be personal data).
//  3. One statement per Exec/Query call; multi-statement text (schema migrations) goes through
//     Tx::ExecScript, which takes no parameters.
//  4. New rows' ids: Tx::Insert (one INSERT, then LastInsertId) on hot write paths; SQLite's
//     `INSERT ... RETURNING id` copies its rows into an ephemeral table first, which measured as
//     most of the cost of a small insert (bench/README.md, "Credit core"). RETURNING with QueryOne
//     remains fine elsewhere.
//
// Thread-safety: a Store is thread-safe. A Tx belongs to the thread that began it and must not be
// shared. See the backend's header for how transactions are scheduled (the SQLite backend
// serializes them).
#ifndef CV_STORE_STORE_H_
#define CV_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"
#include "store/migration.h"

namespace cv::store {

// Binary-safe bytes for a BLOB column (may contain NUL bytes).
struct Bytes {
  std::string data;
  friend bool operator==(const Bytes&, const Bytes&) = default;
};

// One SQL value: NULL, INTEGER, REAL, TEXT (UTF-8) or BLOB.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Bytes>;

inline Value Null() { return std::monostate{}; }
inline Value Int(std::int64_t v) { return v; }
inline Value Text(std::string_view v) { return std::string(v); }
inline Value Blob(std::string_view v) { return Bytes{std::string(v)}; }

// One result row: the values of a query's columns, by 0-based index.
// Thread-safety: a value type; const use is safe from several threads.
class Row {
 public:
  Row(std::vector<Value> values, std::shared_ptr<const std::vector<std::string>> names);

  int size() const { return static_cast<int>(values_.size()); }
  // True when column `i` is NULL; an index out of range counts as NULL.
  bool IsNull(int i) const;
  // The value of column `i` as the type named. Errors: kInvalidArgument for an index out of range,
  // kInternal when the column holds another type (NULL included). Messages name the column, never
  // the value.
  [[nodiscard]] Result<std::int64_t> Int(int i) const;
  [[nodiscard]] Result<double> Real(int i) const;
  [[nodiscard]] Result<std::string> Text(int i) const;
  [[nodiscard]] Result<std::string> Blob(int i) const;
  // REQUIRES: 0 <= i < size().
  const Value& value(int i) const { return values_[static_cast<std::size_t>(i)]; }
  // The column's name as the query gave it; "" when out of range.
  std::string_view name(int i) const;

 private:
  // Ok when `i` is in range and holds a T; else the error described above.
  template <typename T>
  Result<const T*> Get(int i, std::string_view expected) const;

  std::vector<Value> values_;
  std::shared_ptr<const std::vector<std::string>> names_;
};

enum class TxMode {
  kRead,   // Sees one consistent snapshot; statements that write are refused.
  kWrite,  // Holds the write lock from Begin on, so it cannot fail later for lock contention.
};

// A database transaction.
// Thread-safety: not thread-safe. REQUIRES: used and destroyed by the thread that began it.
// Invariants:
//  1. Destroying a Tx that was not committed rolls it back.
//  2. After Commit (successful or not) or after an error that ended the transaction, every call
//     fails with kFailedPrecondition.
//  3. A failed statement (e.g. a constraint violation) changes nothing; the Tx stays usable.
//  4. Commit releases what the Tx holds (the SQLite backend's connection), so a committed Tx may
//     stay in scope while its thread begins another or calls Store::Flush().
class Tx {
 public:
  // Called for each row; return false to stop early, an error to abort (it is propagated).
  using RowFn = std::function<Result<bool>(const Row&)>;

  virtual ~Tx() = default;
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

  // Runs one statement; returns the number of rows it changed (0 for a statement that only reads).
  [[nodiscard]] Result<std::int64_t> Exec(std::string_view sql,
                                          std::initializer_list<Value> params = {});
  [[nodiscard]] Result<std::int64_t> Exec(std::string_view sql, std::span<const Value> params);

  // Runs one INSERT (possibly `ON CONFLICT ... DO NOTHING`) and returns the new row's id, or
  // nullopt when it inserted nothing. REQUIRES: `sql` inserts at most one row.
  [[nodiscard]] Result<std::optional<std::int64_t>> Insert(std::string_view sql,
                                                           std::initializer_list<Value> params);

  // All rows of one query.
  [[nodiscard]] Result<std::vector<Row>> Query(std::string_view sql,
                                               std::initializer_list<Value> params = {});
  [[nodiscard]] Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params);

  // The only row of one query, or nullopt when there is none. kInternal when there are several.
  [[nodiscard]] Result<std::optional<Row>> QueryOne(std::string_view sql,
                                                    std::initializer_list<Value> params = {});
  [[nodiscard]] Result<std::optional<Row>> QueryOne(std::string_view sql,
                                                    std::span<const Value> params);

  // Streams the rows of one query to `fn` without holding them all in memory.
  [[nodiscard]] Status ForEach(std::string_view sql, std::initializer_list<Value> params,
                               const RowFn& fn);
  [[nodiscard]] Status ForEach(std::string_view sql, std::span<const Value> params,
                               const RowFn& fn);

  // Runs several statements separated by ';', without parameters. For schema migrations.
  [[nodiscard]] virtual Status ExecScript(std::string_view sql) = 0;

  // The rowid of the last row inserted in this transaction (see convention 4 above).
  [[nodiscard]] virtual Result<std::int64_t> LastInsertId() = 0;

  // Makes the transaction's changes durable (see the backend's durability settings).
  // kFailedPrecondition when called from inside this Tx's ForEach callback.
  [[nodiscard]] virtual Status Commit() = 0;

  virtual TxMode mode() const = 0;

 protected:
  Tx() = default;

  virtual Result<std::int64_t> DoExec(std::string_view sql, std::span<const Value> params) = 0;
  virtual Status DoForEach(std::string_view sql, std::span<const Value> params,
                           const RowFn& fn) = 0;
};

struct StoreOptions {
  std::string url{};  // "sqlite:/path/to/cvault.db"; later "postgres:..."
  bool create_if_missing = false;
  const std::vector<Migration>* migrations = nullptr;  // nullptr: store::Migrations().
};

// A database: hands out transactions. Opening it applies pending schema migrations.
// Thread-safety: thread-safe.
class Store {
 public:
  virtual ~Store() = default;

  // Starts a transaction. A thread may hold only one Tx per Store at a time: a second Begin on
  // the same thread fails with kFailedPrecondition instead of deadlocking.
  // REQUIRES: the Tx is destroyed before the Store.
  [[nodiscard]] virtual Result<std::unique_ptr<Tx>> Begin(TxMode mode = TxMode::kWrite) = 0;

  // The highest applied migration version (0 for an empty database).
  [[nodiscard]] virtual Result<int> SchemaVersion() = 0;

  // "sqlite" or "postgres".
  virtual std::string_view Backend() const = 0;

  // Pushes committed data out of any log into the main database so that deleted (shredded) data
  // no longer lingers there: SQLite checkpoints and truncates its WAL. May be a no-op elsewhere.
  [[nodiscard]] virtual Status Flush() = 0;
};

// Opens the store named by options.url and applies pending migrations.
// Errors: kInvalidArgument for an unknown URL scheme; kUnsupported for "postgres:" (not built
// yet); kNotFound when the database is missing and !create_if_missing; kFailedPrecondition when
// the database's schema does not match the migrations (see migration.h).
[[nodiscard]] Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options);

}  // namespace cv::store

#endif  // CV_STORE_STORE_H_
