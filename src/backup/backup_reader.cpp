#include "backup/backup_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "backup/backup_writer.hpp"
#include "backup/checksum.hpp"
#include "backup/resources_json.hpp"
#include "backup/strict_reader.hpp"
#include "backup/timestamp.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::backup {

using nlohmann::json;

namespace {

util::Unexpected<BackupError> fail(BackupErrorKind kind, std::string message,
                                   std::vector<std::string> details = {}) {
    return util::unexpected(BackupError{kind, std::move(message), std::move(details), 0, 0});
}

/// 64 lower-case hex digits. (No std::regex: GCC 12 warns inside it under the sanitizers.)
bool is_sha256_hex(const std::string& text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

util::Result<json, BackupError> parse_json(std::string_view text, const std::string& source) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return fail(BackupErrorKind::syntax,
                    source + ": empty file: not a backup (or one whose writing never finished)");
    if (const auto too_deep = util::find_too_deep_json(text)) {
        const auto [line, column] = util::line_column(text, *too_deep);
        return util::unexpected(BackupError{
            BackupErrorKind::syntax,
            fmt::format("{}:{}:{}: invalid JSON: nested deeper than {} levels (not a backup)",
                        source, line, column, util::kMaxJsonDepth),
            {},
            line,
            column});
    }
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        // e.byte is 1-based and points at the last character read.
        const auto offset = e.byte == 0 ? 0 : e.byte - 1;
        const auto [line, column] = util::line_column(text, offset);
        std::string message = fmt::format("{}:{}:{}: invalid JSON: {}", source, line, column,
                                          util::json_parse_reason(e.what()));
        if (e.byte >= text.size())
            message += " (the file ends early: was it truncated or copied incompletely?)";
        return util::unexpected(BackupError{BackupErrorKind::syntax, message, {}, line, column});
    }
}

}  // namespace

std::string_view to_string(BackupErrorKind kind) {
    switch (kind) {
        case BackupErrorKind::io:
            return "io";
        case BackupErrorKind::syntax:
            return "syntax";
        case BackupErrorKind::format:
            return "format";
        case BackupErrorKind::version:
            return "version";
        case BackupErrorKind::schema:
            return "schema";
        case BackupErrorKind::checksum:
            return "checksum";
    }
    return "io";
}

BackupSummary summarize(const model::LiveState& state) {
    BackupSummary s;
    s.tenants = state.tenants.size();
    for (const auto& t : state.tenants)
        if (t.session_settings) ++s.tenants_with_settings;
    s.roles = state.roles.size();
    s.permissions = state.permissions.size();
    s.flows = state.flow_summaries.size();
    s.theme = state.theme.has_value();
    return s;
}

util::Result<Backup, BackupError> parse_backup(std::string_view text, const std::string& source) {
    auto parsed = parse_json(text, source);
    if (!parsed) return util::unexpected(parsed.error());
    const json& doc = *parsed;

    const auto format = doc.is_object() ? doc.find("format") : doc.end();
    if (!doc.is_object() || format == doc.end() || *format != kFormatName)
        return fail(BackupErrorKind::format,
                    fmt::format("{}: not a descope-mgmt backup (expected \"format\": \"{}\")",
                                source, kFormatName));
    const auto version = doc.find("format_version");
    if (version == doc.end() || !version->is_number_integer())
        return fail(BackupErrorKind::version,
                    source + ": format_version is missing or not an integer");
    const auto v = version->get<std::int64_t>();
    if (v > kFormatVersion)
        return fail(BackupErrorKind::version,
                    fmt::format("{}: backup format_version {} is newer than this descope-mgmt "
                                "reads (up to {}); use a newer descope-mgmt",
                                source, v, kFormatVersion));
    if (v < 1)
        return fail(BackupErrorKind::version,
                    fmt::format("{}: unsupported backup format_version {}", source, v));

    Problems problems;
    StrictReader r(doc, "", problems,
                   {"format", "format_version", "tool_version", "environment", "project_id",
                    "created_at", "resources", "sha256"});
    Backup backup;
    backup.metadata.format_version = static_cast<int>(v);
    backup.metadata.tool_version = r.string("tool_version").value_or("");
    backup.metadata.environment = r.string("environment").value_or("");
    backup.metadata.project_id = r.string("project_id").value_or("");
    if (doc.contains("environment") && backup.metadata.environment.empty())
        r.fail("environment", "must not be empty");
    if (doc.contains("project_id") && backup.metadata.project_id.empty())
        r.fail("project_id", "must not be empty");
    if (auto created = r.string("created_at")) {
        if (auto t = parse_iso8601(*created))
            backup.metadata.created_at = *t;
        else
            r.fail("created_at",
                   fmt::format("'{}' is not a UTC time (YYYY-MM-DDTHH:MM:SS.mmmZ)", *created));
    }
    if (auto sum = r.string("sha256")) {
        if (is_sha256_hex(*sum))
            backup.sha256 = *sum;
        else
            r.fail("sha256", "expected 64 lower-case hex digits");
    }
    if (const auto* resources = r.any("resources"))
        backup.state = resources_from_json(*resources, "resources", problems);
    backup.state.environment = backup.metadata.environment;

    if (problems.has_errors()) {
        const auto& items = problems.items();
        auto message = fmt::format("{}: not a valid backup: {}", source, items.front().message);
        if (items.size() > 1) message += fmt::format(" (and {} more)", items.size() - 1);
        std::vector<std::string> details;
        for (const auto& d : items)
            details.push_back(d.message);
        return fail(BackupErrorKind::schema, std::move(message), std::move(details));
    }

    const auto computed = sha256_hex(canonical_content(doc));
    if (computed != backup.sha256)
        return fail(BackupErrorKind::checksum,
                    fmt::format("{}: checksum mismatch: the content was changed after the backup "
                                "was written (recorded sha256 {}, content hashes to {})",
                                source, backup.sha256, computed));
    return backup;
}

util::Result<Backup, BackupError> read_backup(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return fail(BackupErrorKind::io,
                    path.string() + ": is a folder, not a backup file (name one of its files)");
    auto text = util::read_file(path);
    if (!text) return fail(BackupErrorKind::io, text.error().message);
    return parse_backup(*text, path.string());
}

util::Result<void> check_same_project(const Backup& backup, const std::string& project_id,
                                      const std::string& environment) {
    if (backup.metadata.project_id == project_id) return {};
    return util::error(fmt::format(
        "the backup was taken from project {} (environment '{}'), but environment '{}' is "
        "project {}; pass --allow-other-project to restore it there anyway",
        backup.metadata.project_id, backup.metadata.environment, environment, project_id));
}

}  // namespace descope_mgmt::backup
