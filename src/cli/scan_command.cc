// cvault scan (placeholder until the scanner lands).
#include "cli/commands.h"
namespace cv::cli {
int ScanCommand(int, char**) { return kExitFailure; }
int GenSampleCommand(int, char**) { return kExitFailure; }
}  // namespace cv::cli
