// File helpers for private on-disk state: atomic whole-file writes, bounded reads, private
// directories. Used by the data directory (store/) and the key files (crypto/).
//
// Thread-safety: free functions without shared state; safe to call from any thread.
// Invariant: error messages name paths and the OS error, never file contents.
#ifndef CV_COMMON_FILE_H_
#define CV_COMMON_FILE_H_

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace cv {

// Replaces `path` with `bytes` so that a crash leaves either the old or the new file, never a mix:
// writes a temporary file in the same directory (O_CREAT|O_EXCL, then chmod to exactly `mode`
// whatever the umask), fsyncs it, renames it over `path`, then fsyncs the directory.
// Errors: kResourceExhausted when the disk is full, kPermissionDenied, otherwise kInternal.
[[nodiscard]] Status WriteFileAtomic(const std::string& path, std::string_view bytes,
                                     mode_t mode = 0600);

// The whole content of the regular file `path`.
// Errors: kUnreadable when it is missing, not a regular file or cannot be read;
// kResourceExhausted when it is larger than `max_bytes`.
[[nodiscard]] Result<std::string> ReadSmallFile(const std::string& path, std::size_t max_bytes);

// Creates directory `path` and any missing parents, each with exactly `mode` (umask-independent).
// Existing directories are left as they are. Errors: kFailedPrecondition when a component exists
// and is not a directory, kPermissionDenied, otherwise kInternal.
[[nodiscard]] Status CreateDirectories(const std::string& path, mode_t mode = 0700);

// Flushes the directory entry list of `dir` to disk (after a create, rename or unlink in it).
[[nodiscard]] Status SyncDirectory(const std::string& dir);

}  // namespace cv

#endif  // CV_COMMON_FILE_H_
