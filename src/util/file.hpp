#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace descope_mgmt::util {

/// Reads a whole file. The error names the path and the system's reason.
Result<std::string> read_file(const std::filesystem::path& path);

/// Writes `content` to `path` atomically: a temporary file in the same folder, fsync, rename,
/// then fsync of the folder. A reader never sees a partial file under `path`. `mode` is the
/// permission of the new file (e.g. 0600 for backups).
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
