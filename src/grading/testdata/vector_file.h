// Test-only vector helpers for the grading tests: the generic FileTest loader of
// common/testing/vector_file.h, plus the grading testdata directory and the shared JSON vectors.
// Thread-compatible; test code only.
#ifndef CV_GRADING_TESTDATA_VECTOR_FILE_H_
#define CV_GRADING_TESTDATA_VECTOR_FILE_H_

#include <gtest/gtest.h>

#include "common/testing/vector_file.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cv::grading::testing {

using cv::testing::ForEachVector;
using cv::testing::ParseVectors;
using cv::testing::VectorBlock;

// Path of a file in src/grading/testdata.
inline std::string TestDataPath(std::string_view file) {
  return std::string(CV_SOURCE_DIR) + "/src/grading/testdata/" + std::string(file);
}

// A JSON vector file from ../shared/vectors (each names its source inside); an empty object and a
// test failure when it cannot be read.
inline nlohmann::json LoadSharedVectors(const std::string& file) {
  std::ifstream in(std::string(CV_SHARED_DIR) + "/vectors/" + file);
  EXPECT_TRUE(in) << "cannot open shared vectors " << file;
  return in ? nlohmann::json::parse(in) : nlohmann::json::object();
}

}  // namespace cv::grading::testing

#endif  // CV_GRADING_TESTDATA_VECTOR_FILE_H_
