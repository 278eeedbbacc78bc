#pragma once
// Where backups live: file names `<env>-<YYYYMMDDTHHMMSS.mmmZ>.json` (time order = name order),
// one folder per environment for automatic backups (default `.descope-mgmt/backups/<env>/`),
// and rotation that keeps the newest N. Only files with exactly that name shape are ever
// listed or deleted; anything else in the folder is left alone.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "backup/backup.hpp"
#include "util/result.hpp"

namespace descope_mgmt::backup {

/// The default root of automatic backups, relative to the working directory.
inline constexpr const char* kDefaultBackupRoot = ".descope-mgmt/backups";
/// How many automatic backups per environment are kept by default.
inline constexpr std::size_t kDefaultBackupsKept = 10;

struct BackupFile {
    std::filesystem::path path;
    Timestamp taken{};

    bool operator==(const BackupFile&) const = default;
};

/// "<env>-<YYYYMMDDTHHMMSS.mmmZ>.json".
std::string backup_file_name(const std::string& environment, Timestamp taken);

/// Succeeds when `environment` can be part of a file name (non-empty, no '/', not starting
/// with '.', no control characters).
util::Result<void> check_file_name_part(const std::string& environment);

/// The backups of `environment` in `folder`, oldest first. A missing folder has none.
std::vector<BackupFile> list_backups(const std::filesystem::path& folder,
                                     const std::string& environment);

/// How old a temporary file of a backup writer must be before it counts as left behind by a
/// writer that was killed (a live writer finishes within seconds).
inline constexpr std::chrono::hours kStaleTemporaryAge{1};

/// Deletes the temporary files that writers of `environment`'s backups killed mid-write left
/// in `folder` (hidden ".ENV-TIME.json.tmp-N", kStaleTemporaryAge old or more); returns them.
std::vector<std::filesystem::path> sweep_stale_temporary_files(const std::filesystem::path& folder,
                                                               const std::string& environment);

/// Deletes the oldest backups of `environment` in `folder` so that at most `keep` (>= 1)
/// remain (and sweep_stale_temporary_files()), and returns the deleted paths: the stale
/// temporary files, then the backups, oldest first.
util::Result<std::vector<std::filesystem::path>> rotate_backups(const std::filesystem::path& folder,
                                                                const std::string& environment,
                                                                std::size_t keep);

/// Writes a backup into `folder` (created 0700 when missing) under backup_file_name() of its
/// environment and time; if that name is taken, the time is moved on by a millisecond until
/// it is free (in the document too). Returns the path written.
util::Result<std::filesystem::path> write_new_backup(const std::filesystem::path& folder,
                                                     BackupMetadata metadata,
                                                     const model::LiveState& state);

}  // namespace descope_mgmt::backup
