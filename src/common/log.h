// Logging: spdlog, configured once; a Secret cannot be formatted into a log line.
//
// Thread-safety: Init() before starting threads; the log calls themselves are thread-safe.
// Invariant: no formatter for cv::Secret exists, so `CV_LOG_INFO("{}", secret)` does not compile
// (see log_test.cc). Personal data values are masked by their producers before they get here.
#ifndef CV_COMMON_LOG_H_
#define CV_COMMON_LOG_H_

#include <spdlog/spdlog.h>

#include <string>

#include "common/config.h"
#include "common/result.h"

namespace cv::log {

// Sets level ("trace".."off") and sink (stderr, or `file` when non-empty) from [log] in config.
Status Init(const Config& config);

// Directly set the level; used by --verbose/--quiet.
void SetLevel(spdlog::level::level_enum level);

}  // namespace cv::log

#define CV_LOG_DEBUG(...) SPDLOG_DEBUG(__VA_ARGS__)
#define CV_LOG_INFO(...) SPDLOG_INFO(__VA_ARGS__)
#define CV_LOG_WARN(...) SPDLOG_WARN(__VA_ARGS__)
#define CV_LOG_ERROR(...) SPDLOG_ERROR(__VA_ARGS__)

#endif  // CV_COMMON_LOG_H_
