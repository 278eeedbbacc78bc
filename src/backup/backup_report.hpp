#pragma once
// What `backup verify` (and later `backup`/`restore`) print about a backup file: a short text
// description and a JSON document (docs/backup.md, "JSON output"). Formatting only.

#include <filesystem>
#include <string>

#include "backup/backup.hpp"
#include "util/result.hpp"

namespace descope_mgmt::backup {

/// Version of the JSON documents below (not of the backup format).
inline constexpr int kReportFormatVersion = 1;

/// Lines describing a valid backup: environment, project, time, checksum, counts.
std::string describe_backup_text(const std::filesystem::path& path, const Backup& backup);

/// "3 tenants (1 with session settings), 2 roles, 5 permissions, 2 flows, theme".
std::string describe_counts(const BackupSummary& summary);

/// The `backup verify --output json` document for a verified or refused file, one line with a
/// trailing newline.
std::string verify_report_json(const std::filesystem::path& path,
                               const util::Result<Backup, BackupError>& result);

}  // namespace descope_mgmt::backup
