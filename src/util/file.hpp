#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace descope_mgmt::util {

/// The most this tool reads from one file (configs, flow files, backups): 256 MiB.
inline constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;

/// A regular file's bytes. A folder, FIFO, device or socket is refused at once (a FIFO is never
/// waited on), and so is a file larger than `max_bytes`; every error names the path.
Result<std::string> read_file(const std::filesystem::path& path,
                              std::size_t max_bytes = kMaxInputBytes);

/// Writes `content` to `path` atomically: a temporary file in the same folder, fsync, rename,
/// then fsync of the folder. A reader never sees a partial file under `path`. `mode` is the
/// permission of the new file (e.g. 0600 for backups). Only a regular file (or nothing) at
/// `path` is replaced: a device, FIFO, socket or folder there is an error.
Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                   unsigned mode = 0644);

enum class FileOutcome { created, updated, unchanged };

/// "created", "updated", "unchanged".
const char* to_string(FileOutcome outcome);

/// Writes `content` to `path` atomically (creating missing parent folders), unless the file
/// already holds exactly `content`: then it is left alone (its time stamp too). The error
/// names the path.
Result<FileOutcome> write_file_if_changed(const std::filesystem::path& path,
                                          std::string_view content);

/// One file of write_folder_atomically(): a path relative to the folder, and its bytes.
struct FolderFile {
    std::filesystem::path path;
    std::string_view content;
};

struct FolderWritten {
    /// Temporary folders of earlier runs that were killed before they finished, removed after
    /// this one succeeded.
    std::vector<std::filesystem::path> removed_leftovers;
};

/// Writes `files` (0644 each, missing sub-folders created) under `dir` so that an interrupted
/// or failed run leaves nothing half-made:
/// * `dir` does not exist: every file is written and fsynced in a temporary sibling folder
///   `.NAME.partial-XXXXXX` (0700 while it is written), which is then renamed to `dir` (0755):
///   `dir` appears complete or not at all.
/// * `dir` is an existing folder: every file is first written and fsynced in a temporary folder
///   `dir/.partial-XXXXXX`, then each is renamed into place in the order given (put the file
///   that refers to the others last). A path that holds anything but a regular file (a folder,
///   device, FIFO...) is an error before anything is moved.
/// `stop` is asked before each file and before anything is renamed into place: when it says
/// yes, the temporary folder is removed and the result is an error ("interrupted"). On every
/// error the temporary folder is removed. A temporary folder left by a killed run never blocks
/// a later one (each run makes its own); after a success, the leftovers of `dir` (same names,
/// owned by this user) are removed and listed. Errors name the path.
Result<FolderWritten> write_folder_atomically(const std::filesystem::path& dir,
                                              const std::vector<FolderFile>& files,
                                              const std::function<bool()>& stop = {});

}  // namespace descope_mgmt::util
