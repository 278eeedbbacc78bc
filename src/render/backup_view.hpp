#pragma once
// What `backup`, `backup verify`, `restore` and `export-config` show about backups: a short
// text description and the JSON documents (docs/backup.md, "JSON output"). Formatting only.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "backup/backup.hpp"
#include "render/view.hpp"
#include "util/result.hpp"

namespace descope_mgmt::render {

/// Version of the JSON documents below (not of the backup format).
inline constexpr int kReportFormatVersion = 1;

/// Lines describing a valid backup: environment, project, time, checksum, counts.
std::string describe_backup_text(const std::filesystem::path& path, const backup::Backup& backup);

/// "3 tenants (1 with session settings), 2 roles, 5 permissions, 2 flows, theme".
std::string describe_counts(const backup::BackupSummary& summary);

/// `backup verify`: text describe_backup_text() (nothing for a refused file: the error says
/// it); JSON {"format_version": 1, "file", "valid", "backup" | "error"}.
View verify_view(const std::filesystem::path& path,
                 const util::Result<backup::Backup, backup::BackupError>& result);

/// One environment's backup, taken or not.
struct BackupTaken {
    EnvironmentRead read;  // status succeeded = written
    std::string error;     // when not taken: the message (a read or a write failure)
    std::filesystem::path file;
    backup::BackupSummary summary;
    std::vector<std::string> notes;
};

/// `backup`: text "ENV: backup written to FILE" and the counts per environment written; JSON
/// {"format_version": 1, "environments": [{name, project_id, status, file, counts, notes?,
/// error?}]}.
View backup_taken_view(const std::vector<BackupTaken>& backups);

/// What `export-config` wrote.
struct ExportedEnvironmentSummary {
    std::string environment;
    std::string project_id;
    backup::BackupSummary summary;
};

struct ConfigExported {
    std::filesystem::path config_file;                     // DIR/descope.yaml
    std::vector<ExportedEnvironmentSummary> environments;  // in the config's order
    std::vector<std::string> files;                        // every file written, the config first
    std::vector<std::string> notes;
    /// The plan command to run next ("descope-mgmt -c DIR/descope.yaml plan").
    std::string plan_command;
    /// No note and nothing the round-trip check found: `plan` shows no changes.
    bool clean = true;
    /// The other files written with the config, each "PATH (what it is for)".
    std::vector<std::string> also_written;
};

/// Text: one environment: "ENV: wrote FILE: counts"; several: "wrote FILE: N environments" and
/// a line of counts per environment; then the plan command to run next. JSON
/// {"format_version": 1, "environments": [{"environment", "project_id", "counts"}], "files",
/// "notes"}, plus "environment", "project_id" and "counts" when there is one environment.
View config_exported_view(const ConfigExported& exported);

}  // namespace descope_mgmt::render
