#pragma once
// Reading and verifying backup documents: JSON syntax (with line:col), format and version,
// schema (every field, type and unknown key), then the checksum. A truncated, edited or
// wrong-version file is refused with an error that says which of these failed and where.

#include <filesystem>
#include <string>
#include <string_view>

#include "backup/backup.hpp"
#include "util/result.hpp"

namespace descope_mgmt::backup {

/// Parses and verifies backup text; `source` names the file in error messages.
util::Result<Backup, BackupError> parse_backup(std::string_view text, const std::string& source);

/// Reads `path` and verifies it with parse_backup().
util::Result<Backup, BackupError> read_backup(const std::filesystem::path& path);

/// Succeeds when the backup was taken from `project_id`. Otherwise the error names both
/// projects, so that restoring prod's backup into staging never happens by accident; restore
/// lets the user override it explicitly.
util::Result<void> check_same_project(const Backup& backup, const std::string& project_id,
                                      const std::string& environment);

}  // namespace descope_mgmt::backup
