// The keyring's custody status as the JSON that `cvault keys status --json` prints and
// `GET /api/v1/keys/status` answers: versions, states and counts, never key material (CRY-3).
#ifndef CV_REPORT_KEYRING_STATUS_H_
#define CV_REPORT_KEYRING_STATUS_H_

#include <nlohmann/json.hpp>

#include "crypto/keyring/keyring.h"

namespace cv::report {

nlohmann::json KeyringStatusJson(const crypto::keyring::KeyringStatus& status);

}  // namespace cv::report

#endif  // CV_REPORT_KEYRING_STATUS_H_
