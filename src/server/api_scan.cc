// POST /api/v1/scan: grade an uploaded dataset (CSV or JSON Lines) and answer its grading report
// (issue #6; GRD-1..4). The upload is written to a private scratch file (0600 in a 0700
// directory) only for the scan and removed before the answer, whatever happens.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "grading/report.h"
#include "grading/scanner.h"
#include "policy/policy.h"
#include "server/api.h"

namespace cv::server {
namespace {

// A scratch file that is removed when it goes out of scope.
class ScratchFile {
 public:
  static Result<ScratchFile> Write(const std::string& dir, std::string_view bytes) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
    std::string path = dir + "/upload-XXXXXX";
    const int fd = ::mkstemp(path.data());
    if (fd < 0) return Fail(ErrorCode::kInternal, "cannot create a scratch file");
    ScratchFile file(path);
    (void)::fchmod(fd, 0600);
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n <= 0) {
        ::close(fd);
        return Fail(ErrorCode::kInternal, "cannot write a scratch file");
      }
      done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return file;
  }
  ScratchFile(ScratchFile&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  ~ScratchFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  explicit ScratchFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace

Result<HttpResponse> Api::Scan(Call& call) {
  access::Resource own{call.session->institution, access::DataCategory::kNone, "", "",
                       std::nullopt};
  // The report's examples are masked by their column's rule: the mask obligation is discharged.
  CV_RETURN_IF_ERROR(
      Authorize(call, access::ActionId::kGradingScan, own, {access::Obligation::kMaskByGrade}));
  if (call.request.body.empty()) return Fail(ErrorCode::kInvalidArgument, "the upload is empty");
  CV_ASSIGN_OR_RETURN(const auto q, QueryParams(call.request.target));
  auto name = q.find("name");
  const std::string source = name != q.end() && !name->second.empty() && name->second.size() < 256
                                 ? name->second
                                 : "upload";
  CV_ASSIGN_OR_RETURN(const ScratchFile file,
                      ScratchFile::Write(options_.scratch_dir, call.request.body));
  grading::ScanOptions scan;
  scan.threads = 1;  // one request, one core: the server has other requests to serve
  const policy::Policy policy = policy::Policy::Defaults();
  CV_ASSIGN_OR_RETURN(std::vector<grading::GradingReport> reports,
                      grading::Scan(file.path(), scan, policy));
  nlohmann::json out = nlohmann::json::array();
  for (grading::GradingReport& r : reports) {
    r.source = source;  // never the scratch path
    out.push_back(nlohmann::json::parse(grading::RenderJson(r), nullptr, false));
  }
  return JsonResponse(200, {{"reports", out}});
}

}  // namespace cv::server
