#include "render/backup_view.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "backup/timestamp.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::render {

using namespace descope_mgmt::backup;

using nlohmann::json;

namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

json counts_object(const BackupSummary& s) {
    return {{"tenants", s.tenants}, {"tenants_with_session_settings", s.tenants_with_settings},
            {"roles", s.roles},     {"permissions", s.permissions},
            {"flows", s.flows},     {"theme", s.theme}};
}

json summary_object(const std::filesystem::path& path, const Backup& b) {
    const auto s = summarize(b.state);
    return {{"file", path.string()},
            {"format_version", b.metadata.format_version},
            {"tool_version", b.metadata.tool_version},
            {"environment", b.metadata.environment},
            {"project_id", b.metadata.project_id},
            {"project_name", b.state.project_name},
            {"created_at", format_iso8601(b.metadata.created_at)},
            {"sha256", b.sha256},
            {"counts", counts_object(s)}};
}

}  // namespace

std::string describe_counts(const BackupSummary& s) {
    return fmt::format("{} ({} with session settings), {}, {}, {}, {}",
                       plural(s.tenants, "tenant", "tenants"), s.tenants_with_settings,
                       plural(s.roles, "role", "roles"),
                       plural(s.permissions, "permission", "permissions"),
                       plural(s.flows, "flow", "flows"), s.theme ? "theme" : "no theme");
}

std::string describe_backup_text(const std::filesystem::path& path, const Backup& b) {
    // The fields come from a file that may have been edited by hand: escaped.
    const auto safe = [](std::string_view s) { return util::terminal_safe(s); };
    return fmt::format(
        "{}: valid backup (format {}, written by descope-mgmt {})\n"
        "  environment  {}\n"
        "  project      {}{}\n"
        "  taken at     {}\n"
        "  sha256       {}\n"
        "  contains     {}\n",
        safe(path.string()), b.metadata.format_version, safe(b.metadata.tool_version),
        safe(b.metadata.environment), safe(b.metadata.project_id),
        b.state.project_name.empty() ? "" : fmt::format(" ({})", safe(b.state.project_name)),
        format_iso8601(b.metadata.created_at), b.sha256, describe_counts(summarize(b.state)));
}

View verify_view(const std::filesystem::path& path,
                 const util::Result<Backup, BackupError>& result) {
    json doc = {{"format_version", kReportFormatVersion},
                {"file", path.string()},
                {"valid", result.has_value()}};
    if (result) {
        doc["backup"] = summary_object(path, *result);
    } else {
        const auto& e = result.error();
        doc["error"] = {{"kind", to_string(e.kind)},
                        {"message", e.message},
                        {"details", e.details},
                        {"line", e.line},
                        {"column", e.column}};
    }
    return make_view(result ? describe_backup_text(path, *result) : std::string(), std::move(doc));
}

View backup_taken_view(const std::vector<BackupTaken>& backups) {
    json envs = json::array();
    std::string text;
    for (const BackupTaken& b : backups) {
        json e = json::object();
        add_read_status(e, b.read);
        if (b.read.ok()) {
            e["file"] = b.file.string();
            e["counts"] = counts_object(b.summary);
            if (!b.notes.empty()) e["notes"] = b.notes;
            text += fmt::format("{}: backup written to {}\n  {}\n",
                                util::terminal_safe(b.read.environment),
                                util::terminal_safe(b.file.string()), describe_counts(b.summary));
        } else {
            e["error"] = b.error;
        }
        envs.push_back(std::move(e));
    }
    return make_view(std::move(text),
                     {{"format_version", kReportFormatVersion}, {"environments", std::move(envs)}});
}

View config_exported_view(const ConfigExported& e) {
    const std::string file = util::terminal_safe(e.config_file.string());
    const std::string plan_command = util::terminal_safe(e.plan_command);
    const std::string expect =
        e.clean ? "shows no changes" : "shows only what the warnings above name";
    std::string text;
    std::string next;
    nlohmann::json environments = nlohmann::json::array();
    for (const auto& env : e.environments)
        environments.push_back({{"environment", env.environment},
                                {"project_id", env.project_id},
                                {"counts", counts_object(env.summary)}});
    nlohmann::json doc = {{"format_version", kReportFormatVersion},
                          {"environments", std::move(environments)},
                          {"files", e.files},
                          {"notes", e.notes}};
    if (e.environments.size() == 1) {
        const auto& only = e.environments.front();
        const std::string environment = util::terminal_safe(only.environment);
        text = fmt::format("{}: wrote {}: {}\n", environment, file, describe_counts(only.summary));
        next = fmt::format("next: {} -e {}   ({})\n", plan_command, environment, expect);
        doc["environment"] = only.environment;
        doc["project_id"] = only.project_id;
        doc["counts"] = counts_object(only.summary);
    } else {
        text = fmt::format("wrote {}: {} environments, {} files\n", file, e.environments.size(),
                           e.files.size() - e.also_written.size());
        for (const auto& env : e.environments)
            text += fmt::format("  {}: {}\n", util::terminal_safe(env.environment),
                                describe_counts(env.summary));
    }
    for (const auto& also : e.also_written)
        text += fmt::format("also wrote {}\n", util::terminal_safe(also));
    if (e.environments.size() > 1)
        next = fmt::format("next: {}   ({}{})\n", plan_command, expect,
                           e.clean ? " in any of them" : "");
    text += next;
    return make_view(std::move(text), std::move(doc));
}

}  // namespace descope_mgmt::render
