#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

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

}  // namespace descope_mgmt::util
