// File helpers over POSIX calls: open/fsync/rename for atomic writes, fstat-bounded reads.
#include "common/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace cv {
namespace {

// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now and reports the result (close can report a delayed write error).
  int Close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

ErrorCode CodeForErrno(int err) {
  switch (err) {
    case ENOSPC:
    case EDQUOT:
      return ErrorCode::kResourceExhausted;
    case EACCES:
    case EPERM:
    case EROFS:
      return ErrorCode::kPermissionDenied;
    case ENOENT:
      return ErrorCode::kNotFound;
    default:
      return ErrorCode::kInternal;
  }
}

// An Error for the failed call `what` on `path`, from errno.
std::unexpected<Error> ErrnoError(const std::string& what, const std::string& path) {
  const int err = errno;
  return Fail(CodeForErrno(err), what + " " + path + ": " + std::strerror(err));
}

std::string DirectoryOf(const std::string& path) {
  const std::string parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

// A temporary name beside `path`, unique within this process and (by pid) across processes.
std::string TempNameFor(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError("cannot write", path);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return Ok();
}

// Writes, chmods and fsyncs the new file `tmp`; the caller renames it into place.
Status WriteTemp(const std::string& tmp, std::string_view bytes, mode_t mode) {
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode));
  if (fd.get() < 0) return ErrnoError("cannot create", tmp);
  if (::fchmod(fd.get(), mode) != 0) return ErrnoError("cannot chmod", tmp);
  CV_RETURN_IF_ERROR(WriteAll(fd.get(), bytes, tmp));
  if (::fsync(fd.get()) != 0) return ErrnoError("cannot fsync", tmp);
  if (fd.Close() != 0) return ErrnoError("cannot close", tmp);
  return Ok();
}

}  // namespace

Status WriteFileAtomic(const std::string& path, std::string_view bytes, mode_t mode) {
  const std::string tmp = TempNameFor(path);
  auto written = WriteTemp(tmp, bytes, mode);
  if (written && ::rename(tmp.c_str(), path.c_str()) != 0) {
    written = ErrnoError("cannot rename " + tmp + " to", path);
  }
  if (!written) {
    ::unlink(tmp.c_str());  // Best effort; the temporary never replaced anything.
    return written;
  }
  return SyncDirectory(DirectoryOf(path));
}

Result<std::string> ReadSmallFile(const std::string& path, std::size_t max_bytes) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    return Fail(ErrorCode::kUnreadable, "cannot open " + path + ": " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return Fail(ErrorCode::kUnreadable, "cannot read " + path + ": not a regular file");
  }
  const auto too_big = [&] {
    return Fail(ErrorCode::kResourceExhausted,
                path + " is larger than " + std::to_string(max_bytes) + " bytes");
  };
  if (static_cast<std::size_t>(st.st_size) > max_bytes) return too_big();
  // One byte more than fstat promised, so that a file that grew since is noticed.
  std::string out(static_cast<std::size_t>(st.st_size) + 1, '\0');
  std::size_t used = 0;
  while (used < out.size()) {
    const ssize_t n = ::read(fd.get(), out.data() + used, out.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return Fail(ErrorCode::kUnreadable, "cannot read " + path + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  if (used == out.size()) {
    return Fail(ErrorCode::kUnreadable, "cannot read " + path + ": it changed while being read");
  }
  out.resize(used);
  return out;
}

Status CreateDirectories(const std::string& path, mode_t mode) {
  std::filesystem::path prefix;
  for (const auto& part : std::filesystem::path(path)) {
    prefix /= part;
    const std::string dir = prefix.string();
    if (::mkdir(dir.c_str(), mode) == 0) {
      if (::chmod(dir.c_str(), mode) != 0) return ErrnoError("cannot chmod", dir);
      continue;
    }
    if (errno != EEXIST) return ErrnoError("cannot create directory", dir);
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) return ErrnoError("cannot stat", dir);
    if (!S_ISDIR(st.st_mode)) {
      return Fail(ErrorCode::kFailedPrecondition, dir + " exists and is not a directory");
    }
  }
  return Ok();
}

Status SyncDirectory(const std::string& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError("cannot open directory", dir);
  if (::fsync(fd.get()) != 0) return ErrnoError("cannot fsync directory", dir);
  return Ok();
}

}  // namespace cv
