// AuditOptions from the [audit] configuration section.
#include "audit/audit_log.h"

namespace cv::audit {

Result<AuditOptions> AuditOptionsFromConfig(const Config& config) {
  CV_RETURN_IF_ERROR(config.CheckKeys("audit", {"checkpoint_every", "checkpoint_seconds"}));
  AuditOptions options;
  CV_ASSIGN_OR_RETURN(const std::int64_t every,
                      config.Int("audit", "checkpoint_every", 1000, 1, 1'000'000));
  CV_ASSIGN_OR_RETURN(options.checkpoint_seconds,
                      config.Int("audit", "checkpoint_seconds", 60, 1, 86'400));
  options.checkpoint_every = static_cast<std::uint64_t>(every);
  return options;
}

}  // namespace cv::audit
