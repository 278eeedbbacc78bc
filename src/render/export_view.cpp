#include "render/export_view.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "render/api_error_json.hpp"
#include "render/table.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::render {

using nlohmann::json;

namespace {

constexpr int kExportFormatVersion = 1;

std::string outcome_counts(const std::vector<ExportedFile>& files) {
    std::size_t n[3] = {0, 0, 0};
    for (const auto& f : files)
        ++n[static_cast<int>(f.outcome)];
    std::string out;
    for (const auto o :
         {util::FileOutcome::created, util::FileOutcome::updated, util::FileOutcome::unchanged}) {
        if (n[static_cast<int>(o)] == 0) continue;
        out += fmt::format("{}{} {}", out.empty() ? "" : ", ", n[static_cast<int>(o)],
                           util::to_string(o));
    }
    return out;
}

std::string export_text(const ExportReport& r) {
    std::string out;
    if (r.dir) {
        const std::string counts = outcome_counts(r.files);
        out += fmt::format("{}: exported {} of {} flow{} to {}{}\n",
                           util::terminal_safe(r.environment), r.files.size(), r.attempted,
                           r.attempted == 1 ? "" : "s", util::terminal_safe(*r.dir),
                           counts.empty() ? "" : " (" + counts + ")");
        std::vector<std::vector<std::string>> rows;
        for (const auto& f : r.files)
            rows.push_back({util::to_string(f.outcome), f.path.string()});
        return out + format_table(rows);
    }
    for (const auto& f : r.files) {
        out +=
            fmt::format("{}: {}{}{} -> {} ({}, {} bytes)\n", util::terminal_safe(r.environment),
                        f.type, f.id.empty() ? "" : " ", util::terminal_safe(f.id),
                        util::terminal_safe(f.path.string()), util::to_string(f.outcome), f.bytes);
    }
    return out;
}

}  // namespace

View export_view(const ExportReport& r) {
    json files = json::array();
    for (const auto& f : r.files) {
        json j{{"type", f.type},
               {"path", f.path.string()},
               {"bytes", f.bytes},
               {"result", util::to_string(f.outcome)}};
        if (!f.id.empty()) j["id"] = f.id;
        files.push_back(std::move(j));
    }
    json errors = json::array();
    for (const auto& e : r.errors) {
        json j{{"kind", e.kind}, {"text", e.text}};
        if (!e.id.empty()) j["id"] = e.id;
        if (e.api_error) j["api_error"] = api_error_json(*e.api_error);
        errors.push_back(std::move(j));
    }
    json doc{{"format_version", kExportFormatVersion},
             {"environment", r.environment},
             {"project_id", r.project_id},
             {"status", r.interrupted    ? "interrupted"
                        : errors.empty() ? "ok"
                                         : "error"},
             {"files", std::move(files)},
             {"errors", std::move(errors)}};
    if (r.dir) doc["dir"] = *r.dir;
    return make_view(export_text(r), std::move(doc));
}

}  // namespace descope_mgmt::render
