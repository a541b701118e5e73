// The keyring's custody status as JSON (never key material).
#include "report/keyring_status.h"

namespace cv::report {

nlohmann::json KeyringStatusJson(const crypto::keyring::KeyringStatus& s) {
  nlohmann::json j = {{"data_dir_id", s.data_dir_id},
                      {"suite", s.suite},
                      {"seal_mode", s.seal_mode},
                      {"threshold", s.threshold},
                      {"custodians", s.custodians},
                      {"versions", nlohmann::json::array()},
                      {"destroyed_data_keys", s.destroyed_data_keys},
                      {"rewrap_jobs", nlohmann::json::array()}};
  for (const auto& v : s.versions) {
    j["versions"].push_back({{"purpose", v.purpose},
                             {"grade", v.grade},
                             {"version", v.version},
                             {"state", v.state},
                             {"data_keys", v.data_keys},
                             {"created_at", v.created_at},
                             {"retired_at", v.retired_at}});
  }
  for (const auto& job : s.rewrap_jobs) {
    j["rewrap_jobs"].push_back({{"id", job.id},
                                {"grade", job.grade},
                                {"target_version", job.target_version},
                                {"state", job.state},
                                {"done", job.done},
                                {"total", job.total}});
  }
  return j;
}

}  // namespace cv::report
