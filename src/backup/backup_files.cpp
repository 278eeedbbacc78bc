#include "backup/backup_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <system_error>

#include "backup/backup_writer.hpp"
#include "backup/timestamp.hpp"

namespace descope_mgmt::backup {

namespace fs = std::filesystem;

namespace {
constexpr std::string_view kSuffix = ".json";
}  // namespace

std::string backup_file_name(const std::string& environment, Timestamp taken) {
    return fmt::format("{}-{}{}", environment, format_file_stamp(taken), kSuffix);
}

util::Result<void> check_file_name_part(const std::string& environment) {
    const bool control = std::any_of(environment.begin(), environment.end(),
                                     [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    if (environment.empty() || environment.front() == '.' ||
        environment.find('/') != std::string::npos || control)
        return util::error(
            fmt::format("environment name '{}' cannot be used in a backup file name", environment));
    return {};
}

std::vector<BackupFile> list_backups(const fs::path& folder, const std::string& environment) {
    std::vector<BackupFile> found;
    std::error_code ec;
    const std::string prefix = environment + "-";
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= prefix.size() + kSuffix.size() || name.rfind(prefix, 0) != 0 ||
            !name.ends_with(kSuffix))
            continue;
        const auto stamp = std::string_view(name).substr(
            prefix.size(), name.size() - prefix.size() - kSuffix.size());
        const auto taken = parse_file_stamp(stamp);
        if (!taken || !it->is_regular_file(ec)) continue;
        found.push_back({it->path(), *taken});
    }
    std::sort(found.begin(), found.end(), [](const BackupFile& a, const BackupFile& b) {
        return a.taken != b.taken ? a.taken < b.taken : a.path < b.path;
    });
    return found;
}

std::vector<fs::path> sweep_stale_temporary_files(const fs::path& folder,
                                                  const std::string& environment) {
    std::vector<fs::path> deleted;
    const std::string prefix = "." + environment + "-";
    const std::string marker = std::string(kSuffix) + ".tmp-";
    const auto now = fs::file_time_type::clock::now();
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const auto at = name.rfind(marker);
        if (name.rfind(prefix, 0) != 0 || at == std::string::npos || at < prefix.size()) continue;
        if (!parse_file_stamp(std::string_view(name).substr(prefix.size(), at - prefix.size())))
            continue;
        std::error_code file_ec;
        if (!it->is_regular_file(file_ec)) continue;
        const auto written = fs::last_write_time(it->path(), file_ec);
        if (file_ec || now - written < kStaleTemporaryAge) continue;
        if (fs::remove(it->path(), file_ec) && !file_ec) deleted.push_back(it->path());
    }
    std::sort(deleted.begin(), deleted.end());
    return deleted;
}

util::Result<std::vector<fs::path>> rotate_backups(const fs::path& folder,
                                                   const std::string& environment,
                                                   std::size_t keep) {
    if (keep == 0) return util::error("the number of backups to keep must be at least 1");
    const auto backups = list_backups(folder, environment);
    std::vector<fs::path> deleted = sweep_stale_temporary_files(folder, environment);
    if (backups.size() <= keep) return deleted;
    for (std::size_t i = 0; i < backups.size() - keep; ++i) {
        std::error_code ec;
        fs::remove(backups[i].path, ec);
        if (ec)
            return util::error(fmt::format("{}: cannot delete old backup: {}",
                                           backups[i].path.string(), ec.message()));
        deleted.push_back(backups[i].path);
    }
    return deleted;
}

util::Result<fs::path> write_new_backup(const fs::path& folder, BackupMetadata metadata,
                                        const model::LiveState& state) {
    if (auto ok = check_file_name_part(metadata.environment); !ok)
        return util::unexpected(ok.error());
    fs::path path = folder / backup_file_name(metadata.environment, metadata.created_at);
    std::error_code ec;
    // Two backups of one environment within a millisecond must not overwrite each other.
    for (int attempt = 0; fs::exists(path, ec); ++attempt) {
        if (attempt == 1000) return util::error(path.string() + ": a backup with this name exists");
        metadata.created_at += std::chrono::milliseconds(1);
        path = folder / backup_file_name(metadata.environment, metadata.created_at);
    }
    if (auto written = write_backup(path, metadata, state); !written)
        return util::unexpected(written.error());
    return path;
}

}  // namespace descope_mgmt::backup
