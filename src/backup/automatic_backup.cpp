#include "backup/automatic_backup.hpp"

#include <fmt/format.h>

#include <charconv>

#include "backup/backup_writer.hpp"
#include "util/version.hpp"

namespace descope_mgmt::backup {

util::Result<AutomaticBackupOptions> automatic_backup_options(
    const std::filesystem::path& config_file, const model::BackupDefaults& configured,
    EnvironmentLookup lookup) {
    AutomaticBackupOptions o;
    // Next to the config; "descope.yaml" alone gives ".descope-mgmt/backups", not "./...".
    // (An absolute configured dir stays as it is: operator/ drops the left side.)
    o.root = config_file.parent_path() /
             (configured.dir ? std::filesystem::path(*configured.dir) : kDefaultBackupRoot);
    if (configured.keep) o.keep = static_cast<std::size_t>(*configured.keep);
    if (auto dir = lookup("DESCOPE_MGMT_BACKUP_DIR"); dir && !dir->empty()) o.root = *dir;
    if (auto keep = lookup("DESCOPE_MGMT_BACKUP_KEEP"); keep && !keep->empty()) {
        std::size_t n = 0;
        const auto [end, ec] = std::from_chars(keep->data(), keep->data() + keep->size(), n);
        if (ec != std::errc() || end != keep->data() + keep->size() || n == 0)
            return util::error(fmt::format(
                "DESCOPE_MGMT_BACKUP_KEEP must be a whole number of at least 1, not '{}'", *keep));
        o.keep = n;
    }
    if (auto on = lookup("DESCOPE_MGMT_BACKUP"); on && !on->empty()) {
        if (*on == "off")
            o.enabled = false;
        else if (*on != "on")
            return util::error(fmt::format(
                "DESCOPE_MGMT_BACKUP must be 'off' (skip the automatic backups of this run) or "
                "'on', not '{}'",
                *on));
    }
    return o;
}

std::filesystem::path automatic_backup_folder(const AutomaticBackupOptions& options,
                                              const std::string& environment) {
    return options.root / environment;
}

util::Result<TakenBackup> write_taken_backup(const BackupSource& source,
                                             const model::LiveState& state,
                                             std::vector<std::string> notes,
                                             const std::filesystem::path& folder, bool stable_name,
                                             Timestamp now) {
    if (auto ok = check_file_name_part(source.environment); !ok)
        return util::unexpected(ok.error());
    BackupMetadata metadata;
    metadata.tool_version = util::kVersion;
    metadata.environment = source.environment;
    metadata.project_id = source.project_id;
    metadata.created_at = now;
    TakenBackup taken;
    taken.summary = summarize(state);
    taken.notes = std::move(notes);
    if (stable_name) {
        taken.path = folder / (source.environment + ".json");
        if (auto w = write_backup(taken.path, metadata, state); !w)
            return util::error(
                fmt::format("{}: backup not written: {}", source.environment, w.error().message));
        return taken;
    }
    auto path = write_new_backup(folder, metadata, state);
    if (!path)
        return util::error(
            fmt::format("{}: backup not written: {}", source.environment, path.error().message));
    taken.path = *path;
    return taken;
}

util::Result<TakenBackup> keep_automatic_backup(const BackupSource& source,
                                                const model::LiveState& state,
                                                std::vector<std::string> notes,
                                                const AutomaticBackupOptions& options,
                                                Timestamp now) {
    const auto folder = automatic_backup_folder(options, source.environment);
    auto taken = write_taken_backup(source, state, std::move(notes), folder, false, now);
    if (!taken) return taken;
    auto rotated = rotate_backups(folder, source.environment, options.keep);
    // The backup exists, so the apply may go on; only the clean-up failed.
    if (!rotated)
        taken->warning = fmt::format("{}: old backups in {} not deleted: {}", source.environment,
                                     folder.string(), rotated.error().message);
    else
        taken->rotated_out = std::move(*rotated);
    return taken;
}

util::Result<TakenBackup> backup_not_taken(const BackupSource& source, const api::ApiError& error) {
    return util::error(
        fmt::format("{}: backup not taken: {}", source.environment, error.to_string()));
}

namespace {

struct ReadForBackup {
    model::LiveState state;
    std::vector<std::string> notes;
};

util::Result<ReadForBackup> read_for_backup(api::DescopeApi& api, const BackupSource& source,
                                            const SnapshotOptions& snapshot,
                                            const plan::TaskRunner& run) {
    if (auto ok = check_file_name_part(source.environment); !ok)
        return util::unexpected(ok.error());
    ReadForBackup read;
    auto state = read_snapshot(api, source.environment, snapshot, run, &read.notes);
    if (!state) return util::unexpected(backup_not_taken(source, state.error()).error());
    read.state = std::move(*state);
    return read;
}

}  // namespace

util::Result<TakenBackup> take_backup(api::DescopeApi& api, const BackupSource& source,
                                      const SnapshotOptions& snapshot,
                                      const std::filesystem::path& folder, bool stable_name,
                                      const plan::TaskRunner& run, Timestamp now) {
    auto read = read_for_backup(api, source, snapshot, run);
    if (!read) return util::unexpected(read.error());
    return write_taken_backup(source, read->state, std::move(read->notes), folder, stable_name,
                              now);
}

util::Result<TakenBackup> take_automatic_backup(api::DescopeApi& api, const BackupSource& source,
                                                const SnapshotOptions& snapshot,
                                                const AutomaticBackupOptions& options,
                                                const plan::TaskRunner& run, Timestamp now) {
    auto read = read_for_backup(api, source, snapshot, run);
    if (!read) return util::unexpected(read.error());
    return keep_automatic_backup(source, read->state, std::move(read->notes), options, now);
}

}  // namespace descope_mgmt::backup
