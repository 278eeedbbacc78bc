#pragma once
// Taking a backup of a live environment and writing it: what `backup` does for each selected
// environment, and what `apply` does before the first change to an environment (then keeping
// only the newest N backups of that environment).

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "api/descope_api.hpp"
#include "backup/backup.hpp"
#include "backup/backup_files.hpp"
#include "backup/live_snapshot.hpp"
#include "backup/timestamp.hpp"
#include "model/environment.hpp"
#include "plan/live_reader.hpp"
#include "util/result.hpp"

namespace descope_mgmt::backup {

/// Where `apply` keeps its automatic backups and how many.
struct AutomaticBackupOptions {
    bool enabled = true;
    /// Backups of environment ENV go to root/ENV/.
    std::filesystem::path root = kDefaultBackupRoot;
    /// Newest backups kept per environment (>= 1); older ones are deleted after each backup.
    std::size_t keep = kDefaultBackupsKept;
};

/// Reads a variable of the process environment (injectable for tests).
using EnvironmentLookup = std::optional<std::string> (*)(const std::string& name);

/// The automatic-backup options of a run. root = $DESCOPE_MGMT_BACKUP_DIR when set (relative to
/// the current folder), else the config's `defaults.backups.dir` (relative to the config file's
/// folder), else `.descope-mgmt/backups` next to the config file; keep =
/// $DESCOPE_MGMT_BACKUP_KEEP when set (a whole number >= 1, else an error naming the variable),
/// else `defaults.backups.keep`, else kDefaultBackupsKept; $DESCOPE_MGMT_BACKUP=off disables
/// them for this run (`on` is the default; anything else is an error).
util::Result<AutomaticBackupOptions> automatic_backup_options(
    const std::filesystem::path& config_file, const model::BackupDefaults& configured,
    EnvironmentLookup lookup);

/// The folder of `environment`'s automatic backups: root/ENV.
std::filesystem::path automatic_backup_folder(const AutomaticBackupOptions& options,
                                              const std::string& environment);

/// What was written.
struct TakenBackup {
    std::filesystem::path path;
    BackupSummary summary;
    /// Old backups deleted by rotation (automatic backups only).
    std::vector<std::filesystem::path> rotated_out;
    /// Set when the backup was written but rotation failed (show it; not a reason to stop).
    std::string warning;
    /// What the backup could not hold and why (e.g. the project name with a project key).
    std::vector<std::string> notes;
};

/// Which project a backup is taken from. Deliberately not model::Environment: the management
/// key must never reach the backup code.
struct BackupSource {
    std::string environment;
    std::string project_id;
};

/// Reads a snapshot of `source` through `api` and writes it to `folder` as
/// ENV-TIME.json (or ENV.json when `stable_name`, replacing the previous one). The error names
/// the environment and what failed (the API read or the write).
util::Result<TakenBackup> take_backup(api::DescopeApi& api, const BackupSource& source,
                                      const SnapshotOptions& snapshot,
                                      const std::filesystem::path& folder, bool stable_name = false,
                                      const plan::TaskRunner& run = plan::run_sequentially,
                                      Timestamp now = now_utc());

/// The backup `apply` takes before it changes `source`: take_backup() into
/// automatic_backup_folder(), then rotation down to options.keep. A failure means apply must not
/// change this environment (the caller says how to skip the backup explicitly).
util::Result<TakenBackup> take_automatic_backup(
    api::DescopeApi& api, const BackupSource& source, const SnapshotOptions& snapshot,
    const AutomaticBackupOptions& options, const plan::TaskRunner& run = plan::run_sequentially,
    Timestamp now = now_utc());

/// The writing half of take_backup(), for a state already read (the CLI reads every environment
/// in one executor run, plan::read_live_all with ReadScope::whole_project).
util::Result<TakenBackup> write_taken_backup(const BackupSource& source,
                                             const model::LiveState& state,
                                             std::vector<std::string> notes,
                                             const std::filesystem::path& folder,
                                             bool stable_name = false, Timestamp now = now_utc());

/// The writing half of take_automatic_backup(): write_taken_backup() into
/// automatic_backup_folder(), then rotation.
util::Result<TakenBackup> keep_automatic_backup(const BackupSource& source,
                                                const model::LiveState& state,
                                                std::vector<std::string> notes,
                                                const AutomaticBackupOptions& options,
                                                Timestamp now = now_utc());

/// The error of a backup whose read failed: "ENV: backup not taken: ...".
util::Result<TakenBackup> backup_not_taken(const BackupSource& source, const api::ApiError& error);

}  // namespace descope_mgmt::backup
