#include "render/validate_view.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "util/secret.hpp"
#include "util/strings.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::render {

using nlohmann::json;

namespace {

constexpr int kValidateFormatVersion = 1;

std::string summary_text(const ConfigSummary& s) {
    auto count = [](std::size_t n, const char* what) {
        return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
    };
    return fmt::format("{} ({}), {}, {}, {}, {}{}", count(s.environments.size(), "environment"),
                       util::join(s.environments, ", "), count(s.permissions, "permission"),
                       count(s.roles, "role"), count(s.tenants, "tenant"), count(s.flows, "flow"),
                       s.theme ? ", a theme" : "");
}

}  // namespace

json diagnostic_json(const diag::Diagnostic& d) {
    // The loader masked what it knows to be secret; a key pasted anywhere is masked here too.
    std::vector<std::string> notes;
    for (const auto& n : d.notes)
        notes.push_back(util::mask_management_keys(n));
    return {{"severity", std::string(diag::to_string(d.severity))},
            {"file", d.location.file},
            {"line", d.location.line},
            {"column", d.location.column},
            {"message", util::mask_management_keys(d.message)},
            {"notes", std::move(notes)}};
}

View validate_view(const ValidateResult& r) {
    json doc{{"format_version", kValidateFormatVersion},
             {"config", r.config_path},
             {"valid", r.valid()},
             {"error_count", r.diagnostics->error_count()},
             {"warning_count", r.diagnostics->warning_count()},
             {"diagnostics", json::array()},
             {"summary", nullptr}};
    for (const auto& d : r.diagnostics->items())
        doc["diagnostics"].push_back(diagnostic_json(d));
    std::string text;
    if (r.summary && r.valid()) {
        const ConfigSummary& s = *r.summary;
        doc["summary"] = {{"environments", s.environments},
                          {"permissions", s.permissions},
                          {"roles", s.roles},
                          {"tenants", s.tenants},
                          {"flows", s.flows},
                          {"theme", s.theme}};
        text = util::terminal_safe(fmt::format("{}: valid: {}", r.config_path, summary_text(s))) +
               "\n";
    }
    return make_view(std::move(text), std::move(doc));
}

}  // namespace descope_mgmt::render
