// The audit event of an action by an Actor (who, from where, when), for the credit services.
//
// Thread-safety: pure function.
#ifndef CV_CREDIT_INTERNAL_ACTOR_EVENT_H_
#define CV_CREDIT_INTERNAL_ACTOR_EVENT_H_

#include <string_view>

#include "access/actor.h"
#include "audit/event.h"
#include "common/clock.h"

namespace cv::credit::internal {

inline audit::Event ActorEvent(const access::Actor& by, TimePoint now, std::string_view action,
                               std::string_view object_type, std::string_view object_id) {
  audit::Event e;
  e.time = now;
  e.actor_user = by.login.empty() ? "system" : by.login;
  e.actor_institution = by.institution;
  e.client_address = by.client.empty() ? "cli" : by.client;
  e.action = action;
  e.object_type = object_type;
  e.object_id = object_id;
  return e;
}

}  // namespace cv::credit::internal

#endif  // CV_CREDIT_INTERNAL_ACTOR_EVENT_H_
