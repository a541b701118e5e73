// cvault: the CreditVault command line.
#include "cli/commands.h"

int main(int argc, char** argv) { return cv::cli::Main(argc, argv); }
