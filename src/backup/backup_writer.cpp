#include "backup/backup_writer.hpp"

#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <system_error>

#include "backup/checksum.hpp"
#include "backup/resources_json.hpp"
#include "backup/timestamp.hpp"
#include "util/file.hpp"

namespace descope_mgmt::backup {

using nlohmann::json;

namespace {

// Invalid UTF-8 cannot be written as JSON; it is replaced with U+FFFD rather than failing a
// backup over one odd byte in a tenant name.
std::string dump(const json& value, int indent) {
    return value.dump(indent, ' ', false, json::error_handler_t::replace);
}

/// Creates `folder` and its missing parents with mode 0700 (backups are not for other users).
util::Result<void> make_private_folders(const std::filesystem::path& folder) {
    if (folder.empty()) return {};
    std::error_code ec;
    if (std::filesystem::is_directory(folder, ec)) return {};
    if (auto parent = make_private_folders(folder.parent_path()); !parent) return parent;
    if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST)
        return util::error(folder.string() +
                           ": cannot create folder: " + std::generic_category().message(errno));
    return {};
}

}  // namespace

std::string canonical_content(const json& document) {
    if (!document.is_object() || !document.contains("sha256")) return dump(document, -1);
    json copy = document;
    copy.erase("sha256");
    return dump(copy, -1);
}

util::Result<std::string> serialize_backup(const BackupMetadata& metadata,
                                           const model::LiveState& state) {
    auto resources = resources_to_json(state);
    if (!resources) return util::unexpected(resources.error());
    json document = {{"format", kFormatName},
                     {"format_version", metadata.format_version},
                     {"tool_version", metadata.tool_version},
                     {"environment", metadata.environment},
                     {"project_id", metadata.project_id},
                     {"created_at", format_iso8601(metadata.created_at)},
                     {"resources", std::move(*resources)}};
    // Hash what a reader will parse back, so that a replaced invalid byte hashes the same way.
    document = json::parse(dump(document, -1));
    document["sha256"] = sha256_hex(canonical_content(document));
    return dump(document, 2) + "\n";
}

util::Result<void> write_backup(const std::filesystem::path& path, const BackupMetadata& metadata,
                                const model::LiveState& state) {
    auto text = serialize_backup(metadata, state);
    if (!text) return util::unexpected(text.error());
    if (auto folder = make_private_folders(path.parent_path()); !folder) return folder;
    return util::write_file_atomically(path, *text, 0600);
}

}  // namespace descope_mgmt::backup
