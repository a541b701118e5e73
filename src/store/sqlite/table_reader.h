// TableReader: streams the rows of tables in an SQLite database file, read-only, as text cells,
// for the grading scanner (`cvault scan sqlite:PATH[#table]`).
//
// Thread-safety: one reader per thread; a reader is not shared.
#ifndef CV_STORE_SQLITE_TABLE_READER_H_
#define CV_STORE_SQLITE_TABLE_READER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace cv::store::sqlite {

// One cell as text. NULL -> is_null; BLOB -> is_blob with `text` empty (bytes are not exposed).
struct Cell {
  std::string_view text;
  bool is_null = false;
  bool is_blob = false;
};

class TableReader {
 public:
  // Opens `path` read-only (SQLITE_OPEN_READONLY; the file is never modified or created).
  // Errors: kUnreadable when the file is missing or not an SQLite database.
  static Result<std::unique_ptr<TableReader>> Open(const std::string& path);
  ~TableReader();

  // User tables (not sqlite_*), in name order.
  Result<std::vector<std::string>> Tables() const;

  // Column names of `table`. kNotFound for an unknown table.
  Result<std::vector<std::string>> Columns(const std::string& table) const;

  // Calls `on_row` for every row of `table` (SELECT * in rowid order where there is one); stops
  // early and returns Ok when on_row returns false. Cells are valid only during the call.
  Status ForEachRow(const std::string& table,
                    const std::function<bool(std::span<const Cell>)>& on_row) const;

 private:
  TableReader() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cv::store::sqlite

#endif  // CV_STORE_SQLITE_TABLE_READER_H_
