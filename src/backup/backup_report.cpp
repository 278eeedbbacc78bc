#include "backup/backup_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "backup/timestamp.hpp"

namespace descope_mgmt::backup {

using nlohmann::json;

namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
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
            {"counts",
             {{"tenants", s.tenants},
              {"tenants_with_session_settings", s.tenants_with_settings},
              {"roles", s.roles},
              {"permissions", s.permissions},
              {"flows", s.flows},
              {"theme", s.theme}}}};
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
    return fmt::format(
        "{}: valid backup (format {}, written by descope-mgmt {})\n"
        "  environment  {}\n"
        "  project      {}{}\n"
        "  taken at     {}\n"
        "  sha256       {}\n"
        "  contains     {}\n",
        path.string(), b.metadata.format_version, b.metadata.tool_version, b.metadata.environment,
        b.metadata.project_id,
        b.state.project_name.empty() ? "" : fmt::format(" ({})", b.state.project_name),
        format_iso8601(b.metadata.created_at), b.sha256, describe_counts(summarize(b.state)));
}

std::string verify_report_json(const std::filesystem::path& path,
                               const util::Result<Backup, BackupError>& result) {
    json doc = {{"format_version", kReportFormatVersion},
                {"command", "backup verify"},
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
    return doc.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace descope_mgmt::backup
