// Ingest::Prepared: a verified batch on its way to being applied (ingest.cc, ingest_apply.cc).
//
// Thread-safety: owned by one Submit call.
#ifndef CV_CREDIT_INTERNAL_INGEST_PREPARED_H_
#define CV_CREDIT_INTERNAL_INGEST_PREPARED_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "credit/batch_format.h"
#include "credit/batch_parse.h"
#include "credit/ingest.h"
#include "credit/internal/parsed_lines.h"

namespace cv::credit {

// The manifest, the records in clear, their parsed lines and the batch row.
struct Ingest::Prepared {
  Manifest manifest;
  std::string records;
  std::unique_ptr<internal::ParsedLines> lines;  // parsed while applied (parsed_lines.h)
  std::int64_t batch_row = 0;
  std::int64_t next_line = 1;  // lines before it were applied by an earlier submission
  TimePoint now;
};

}  // namespace cv::credit

#endif  // CV_CREDIT_INTERNAL_INGEST_PREPARED_H_
