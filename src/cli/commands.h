// The cvault command table: one entry per command group, each in its own file.
#ifndef CV_CLI_COMMANDS_H_
#define CV_CLI_COMMANDS_H_

namespace cv::cli {

// Exit codes shared by all commands. DO NOT CHANGE: scripts depend on them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitBadInput = 3;

int Main(int argc, char** argv);

// Command groups.
int ScanCommand(int argc, char** argv);
int GenSampleCommand(int argc, char** argv);
int InitCommand(int argc, char** argv);
int DemoCommand(int argc, char** argv);
int DemoLoadCommand(int argc, char** argv);  // `cvault demo load`, dispatched by DemoCommand
int KeysCommand(int argc, char** argv);
int AuditCommand(int argc, char** argv);
int AccessCommand(int argc, char** argv);
int CryptoCommand(int argc, char** argv);
int ServeCommand(int argc, char** argv);
int LoginCommand(int argc, char** argv);
int LogoutCommand(int argc, char** argv);
int RemoteCommand(int argc, char** argv);
int ConsentCommand(int argc, char** argv);
int BatchCommand(int argc, char** argv);
int QueryCommand(int argc, char** argv);
int ReportCommand(int argc, char** argv);

}  // namespace cv::cli

#endif  // CV_CLI_COMMANDS_H_
