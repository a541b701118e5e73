// Logging setup.
#include "common/log.h"

#include <fmt/format.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace cv::log {

Status Init(const Config& config) {
  CV_RETURN_IF_ERROR(config.CheckKeys("log", {"level", "file"}));
  auto level_name = config.String("log", "level", "warn");
  if (!level_name) return std::unexpected(level_name.error());
  auto file = config.String("log", "file", "");
  if (!file) return std::unexpected(file.error());
  spdlog::level::level_enum level = spdlog::level::from_str(*level_name);
  if (level == spdlog::level::off && *level_name != "off") {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("log.level '{}' is not a level", *level_name));
  }
  std::shared_ptr<spdlog::logger> logger;
  spdlog::drop("cvault");
  try {
    logger = file->empty() ? spdlog::stderr_logger_mt("cvault")
                           : spdlog::basic_logger_mt("cvault", *file);
  } catch (const spdlog::spdlog_ex& e) {
    return Fail(ErrorCode::kUnreadable, fmt::format("cannot open log: {}", e.what()));
  }
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  logger->set_level(level);
  spdlog::set_default_logger(logger);
  return Ok();
}

void SetLevel(spdlog::level::level_enum level) { spdlog::set_level(level); }

}  // namespace cv::log
