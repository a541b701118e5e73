// Actor: who is acting on an account or an institution — an authenticated user with the roles
// the store gives them, or the platform itself at bootstrap — and the agency's institution code.
//
// Thread-safety: a plain value type.
#ifndef CV_ACCESS_ACTOR_H_
#define CV_ACCESS_ACTOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "access/role.h"

namespace cv::access {

// The agency's own institution code. DO NOT CHANGE: stored in institutions and users.
inline constexpr std::string_view kAgencyInstitution = "AGENCY";

// Who is acting: an authenticated user (or the platform at bootstrap).
struct Actor {
  std::int64_t user_id = 0;
  std::string login;
  std::string institution;
  std::vector<Role> roles;
  std::string client;
};

}  // namespace cv::access

#endif  // CV_ACCESS_ACTOR_H_
