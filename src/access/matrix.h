// The permission matrix as text for people and JSON for tools: roles x actions with each action's
// description, the roles each role may grant, the separation-of-duties table and the decision
// rules (ACC-1, ACC-2; JR/T 0117 9.3 d: user permissions are reviewed regularly). Printed by
// `cvault access matrix`.
//
// Thread-safety: pure functions.
#ifndef CV_ACCESS_MATRIX_H_
#define CV_ACCESS_MATRIX_H_

#include <string>

#include "access/permission.h"

namespace cv::access {

// A fixed-width table, one line per action; ends with a newline.
std::string PermissionMatrixText(const PermissionTable& table = PermissionTable::Defaults());

// {"roles":[...], "actions":[...], "separation_of_duties":[...], "decision_rules":[...]},
// pretty-printed with two spaces.
std::string PermissionMatrixJson(const PermissionTable& table = PermissionTable::Defaults());

}  // namespace cv::access

#endif  // CV_ACCESS_MATRIX_H_
