#include "render/drift_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "render/plan_json.hpp"
#include "render/plan_text.hpp"

#include "util/terminal_text.hpp"
#include "util/version.hpp"

namespace descope_mgmt::render {

using nlohmann::json;
using plan::DriftEnvironment;
using plan::DriftReport;
using plan::DriftRow;
using plan::DriftStatus;

namespace {

const char* ansi(DriftStatus s) {
    switch (s) {
        case DriftStatus::differs:
            return "\033[33m";  // yellow, like "~" in a plan
        case DriftStatus::missing:
            return "\033[32m";  // green: apply would create it
        case DriftStatus::extra:
            return "\033[31m";  // red: not in the config
        default:
            return "";
    }
}

bool quiet_row(const DriftRow& row) {
    return std::all_of(row.cells.begin(), row.cells.end(), [](DriftStatus s) {
        return s == DriftStatus::in_sync || s == DriftStatus::absent;
    });
}

std::string summary(const DriftEnvironment& e) {
    const std::string name = util::terminal_safe(e.name);
    std::string line =
        e.drift ? fmt::format("{}: drift: {} differ{}, {} missing, {} extra ({} in sync)", name,
                              e.differs, e.differs == 1 ? "s" : "", e.missing, e.extra, e.in_sync)
                : fmt::format("{}: no drift ({} in sync{})", name, e.in_sync,
                              e.extra > 0 ? fmt::format(", {} extra not counted", e.extra) : "");
    if (e.unmanaged_tenants > 0)
        line += fmt::format("; {} tenant{} not in the config (not drift: tenants are not pruned)",
                            e.unmanaged_tenants, e.unmanaged_tenants == 1 ? "" : "s");
    return line;
}

}  // namespace

std::string drift_matrix_text(const plan::DriftReport& report, const DriftTextOptions& options) {
    std::vector<const DriftRow*> shown;
    for (const auto& row : report.rows)
        if (options.all_rows || !quiet_row(row)) shown.push_back(&row);

    std::string out;
    if (!shown.empty()) {
        // Addresses and names come from the config and the server: escaped before measured.
        std::vector<std::string> addresses;
        std::size_t first = std::string_view("RESOURCE").size();
        for (const auto* row : shown) {
            addresses.push_back(util::terminal_safe(row->address));
            first = std::max(first, addresses.back().size());
        }
        std::vector<std::string> names;
        std::vector<std::size_t> widths;
        for (const auto& e : report.environments) {
            names.push_back(util::terminal_safe(e.name));
            widths.push_back(
                std::max<std::size_t>(names.back().size(), 7));  // "differs", "missing"
        }
        for (const auto* row : shown)
            for (std::size_t i = 0; i < widths.size(); ++i)
                widths[i] = std::max(widths[i], to_string(row->cells[i]).size());
        std::string header = fmt::format("{:<{}}", "RESOURCE", first);
        for (std::size_t i = 0; i < widths.size(); ++i)
            header += fmt::format("  {:<{}}", names[i], widths[i]);
        while (!header.empty() && header.back() == ' ')
            header.pop_back();
        out += header + "\n";
        for (std::size_t r = 0; r < shown.size(); ++r) {
            const DriftRow* row = shown[r];
            std::string line = fmt::format("{:<{}}", addresses[r], first);
            for (std::size_t i = 0; i < widths.size(); ++i) {
                const DriftStatus s = row->cells[i];
                const std::string cell = fmt::format("{:<{}}", to_string(s), widths[i]);
                const bool paint = options.color && *ansi(s) != '\0';
                line += "  " + (paint ? std::string(ansi(s)) + cell + "\033[0m" : cell);
            }
            while (!line.empty() && line.back() == ' ')
                line.pop_back();
            out += line + "\n";
        }
        const std::size_t hidden = report.rows.size() - shown.size();
        if (hidden > 0)
            out += fmt::format(
                "({} resource{} in sync wherever declared not shown; --all shows "
                "them)\n",
                hidden, hidden == 1 ? "" : "s");
        out += std::string(kDriftLegend) + "\n\n";
    }
    for (const auto& e : report.environments)
        out += summary(e) + "\n";
    return out;
}

std::string unpruned_extras_text(const plan::DriftEnvironment& env, bool counted) {
    std::string out;
    for (const auto& address : env.unpruned_extras) {
        const auto colon = address.find(':');
        const std::string type = address.substr(0, colon);
        out += fmt::format("  ? {} {}  (live, not in the config{}; --prune {}s would delete it)\n",
                           type,
                           util::terminal_safe(colon == std::string::npos
                                                   ? std::string_view()
                                                   : std::string_view(address).substr(colon + 1)),
                           counted ? "" : ", not counted", type);
    }
    return out;
}

json drift_to_json(const plan::DriftReport& report) {
    json envs = json::array();
    for (const auto& e : report.environments) {
        json plan_doc = environment_plan_to_json(e.plan);
        envs.push_back({{"name", e.name},
                        {"status", "ok"},
                        {"changes", std::move(plan_doc["changes"])},
                        {"notes", std::move(plan_doc["notes"])},
                        {"project_id", e.project_id},
                        {"drift", e.drift},
                        {"counts",
                         {{"in_sync", e.in_sync},
                          {"differs", e.differs},
                          {"missing", e.missing},
                          {"extra", e.extra},
                          {"unmanaged_tenants", e.unmanaged_tenants}}}});
    }
    json rows = json::array();
    for (const auto& row : report.rows) {
        json status = json::object();
        for (std::size_t i = 0; i < row.cells.size(); ++i)
            status[report.environments[i].name] = json_word(row.cells[i]);
        const auto colon = row.address.find(':');
        rows.push_back({{"address", row.address},
                        {"type", row.address.substr(0, colon)},
                        {"key", colon == std::string::npos ? "" : row.address.substr(colon + 1)},
                        {"status", std::move(status)}});
    }
    return {{"format_version", kDriftFormatVersion},
            {"tool_version", util::kVersion},
            {"command", "drift"},
            {"drift", report.has_drift()},
            {"environments", std::move(envs)},
            {"resources", std::move(rows)}};
}

View drift_view(const plan::DriftReport& report, const DriftTextOptions& options, bool count_extra,
                const std::vector<EnvironmentRead>& unread) {
    std::string text = drift_matrix_text(report, options);
    json document = drift_to_json(report);
    for (const EnvironmentRead& read : unread) {
        text += fmt::format("{}: not compared: {} (see the error above)\n",
                            util::terminal_safe(read.environment),
                            read.error ? read.error->activity() + " failed"
                                       : std::string("its live state could not be read"));
        json entry = json::object();
        add_read_status(entry, read);
        document["environments"].push_back(std::move(entry));
    }
    const TextStyle style{options.color};
    for (const auto& e : report.environments) {
        if (!e.drift && e.unpruned_extras.empty()) continue;
        text += "\n" + render_plan_text(e.plan, style);
        text += unpruned_extras_text(e, count_extra);
    }
    return make_view(std::move(text), std::move(document));
}

}  // namespace descope_mgmt::render
