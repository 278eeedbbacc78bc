#include "render/doctor_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "render/api_error_json.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::render {

using nlohmann::json;

const char* to_string(CredentialStatus status) {
    switch (status) {
        case CredentialStatus::accepted:
            return "accepted";
        case CredentialStatus::refused:
            return "refused";
        case CredentialStatus::not_set:
            return "not_set";
        case CredentialStatus::unreachable:
            return "unreachable";
    }
    return "not_set";
}

const char* to_string(KeyScope scope) {
    switch (scope) {
        case KeyScope::company:
            return "company";
        case KeyScope::project:
            return "project";
        case KeyScope::unknown:
            return "unknown";
        case KeyScope::not_checked:
            return "not_checked";
    }
    return "unknown";
}

bool DoctorReport::ok() const {
    if (interrupted) return false;
    return std::all_of(environments.begin(), environments.end(),
                       [](const DoctorEnvironment& e) { return e.problems.empty(); });
}

namespace {

enum class Mark { ok, fail, warn, info, skip };

/// Fixed-width status words rather than glyphs: they survive grep, logs and terminals
/// without UTF-8, and colour only adds to them.
std::string mark(const TextStyle& style, Mark m) {
    switch (m) {
        case Mark::ok:
            return colored(style, plan::Action::create, "ok  ");
        case Mark::fail:
            return colored(style, plan::Action::remove, "FAIL");
        case Mark::warn:
            return colored(style, plan::Action::update, "warn");
        case Mark::info:
            return "info";
        case Mark::skip:
            return dim(style, "--  ");
    }
    return "info";
}

// `text` holds names, URLs and server messages: escaped.
std::string line(const TextStyle& style, Mark m, std::string_view what, std::string_view text) {
    return fmt::format("  {}  {:<12} {}\n", mark(style, m), what, util::terminal_safe(text));
}

std::string joined(const std::vector<std::string>& items, std::size_t limit = 6) {
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < limit; ++i)
        out += (i ? ", " : "") + items[i];
    if (items.size() > limit) out += fmt::format(" (+{} more)", items.size() - limit);
    return out;
}

std::string credentials_text(const TextStyle& style, const DoctorEnvironment& e) {
    switch (e.credentials) {
        case CredentialStatus::accepted:
            return line(style, Mark::ok, "credentials", "accepted (permission list answered)");
        case CredentialStatus::refused:
            return line(style, Mark::fail, "credentials",
                        e.credentials_error ? fmt::format("refused by Descope (HTTP {})",
                                                          e.credentials_error->http_status)
                                            : std::string("refused by Descope"));
        case CredentialStatus::not_set:
            return line(style, Mark::fail, "credentials",
                        "not set: " + joined(e.credential_details));
        case CredentialStatus::unreachable:
            return line(style, Mark::fail, "credentials",
                        "not checked: " + joined(e.credential_details));
    }
    return {};
}

std::string scope_text(const TextStyle& style, const DoctorEnvironment& e) {
    switch (e.key_scope) {
        case KeyScope::company:
            return line(style, Mark::ok, "key scope",
                        "company key (not limited to specific projects; projects/list answered)");
        case KeyScope::project:
            return line(style, e.declared_project_name ? Mark::fail : Mark::ok, "key scope",
                        "project key (limited to specific projects; projects/list refused it)");
        case KeyScope::unknown:
            return line(style, Mark::warn, "key scope",
                        "unknown: " + (e.key_scope_error ? e.key_scope_error->to_string() : ""));
        case KeyScope::not_checked:
            return line(style, Mark::skip, "key scope", "not checked");
    }
    return {};
}

std::string objects_text(const char* noun, const DoctorObjects& o) {
    if (!o.checked) return fmt::format("{} ?/{}", noun, o.declared);
    return fmt::format("{} {}/{}", noun, o.declared - o.missing.size(), o.declared);
}

std::string declared_text(const TextStyle& style, const DoctorEnvironment& e) {
    struct Type {
        const char* plural;
        const char* singular;  // as in plan addresses: tenant:acme
        const DoctorObjects* objects;
    };
    const Type types[] = {{"tenants", "tenant", &e.tenants},
                          {"roles", "role", &e.roles},
                          {"permissions", "permission", &e.permissions},
                          {"flows", "flow", &e.flows}};
    std::vector<std::string> counts, missing;
    bool all_checked = true;
    for (const auto& t : types) {
        counts.push_back(objects_text(t.plural, *t.objects));
        all_checked = all_checked && t.objects->checked;
        for (const auto& key : t.objects->missing)
            missing.push_back(fmt::format("{}:{}", t.singular, key));
    }
    std::string out =
        line(style, all_checked ? Mark::ok : Mark::skip, "declared",
             joined(counts, 4) + (all_checked ? " found live" : " found live (? = not checked)"));
    // Missing objects are what a first apply is for: information, not a failure.
    if (!missing.empty())
        out += line(style, Mark::info, "", "not live yet (apply creates): " + joined(missing));
    return out;
}

std::string project_name_text(const TextStyle& style, const DoctorEnvironment& e) {
    if (!e.declared_project_name) return {};
    std::string text = fmt::format("\"{}\" declared", *e.declared_project_name);
    if (e.live_project_name) text += fmt::format("; live: \"{}\"", *e.live_project_name);
    if (e.key_scope == KeyScope::project) text += "; this key cannot read it (see below)";
    const bool failing = e.key_scope != KeyScope::company || !e.live_project_name;
    return line(style, failing ? Mark::fail : Mark::ok, "project name", text);
}

std::string license_text(const TextStyle& style, const DoctorEnvironment& e) {
    if (e.license_tier)
        return line(style, Mark::ok, "license", "rate-limit tier " + *e.license_tier);
    // Never fatal: requests then go without x-descope-license, as the SDKs do.
    return line(style, Mark::warn, "license",
                "tier unknown (" + (e.license_error ? e.license_error->to_string() : "") +
                    "); requests go without x-descope-license");
}

std::string rate_limit_text(const TextStyle& style, const DoctorEnvironment& e) {
    return line(
        style, Mark::info, "rate limit",
        fmt::format(
            "{} requests / {} s, {}", e.rate_limit.requests, e.rate_limit.per_seconds,
            e.rate_limit_shared
                ? "one bucket shared by every environment (defaults.rate_limit)"
                : "this environment's own bucket (defaults.rate_limit.scope: environment)"));
}

std::string base_url_text(const TextStyle& style, const DoctorEnvironment& e) {
    if (e.base_url.empty()) return line(style, Mark::skip, "base URL", "not resolved");
    const char* source = e.base_url_source == "DESCOPE_BASE_URL" ? "from DESCOPE_BASE_URL"
                         : e.base_url_source == "config"         ? "from the config's base_url"
                                                                 : "derived from the project id";
    const std::string region =
        e.region.empty() ? "default US host" : fmt::format("project id region {}", e.region);
    return line(style, Mark::info, "base URL",
                fmt::format("{} ({}; {})", e.base_url, source, region));
}

std::string builtins_text(const TextStyle& style, const DoctorEnvironment& e) {
    if (!e.builtins_checked) return line(style, Mark::skip, "built-ins", "not checked");
    std::vector<std::string> found = e.builtin_roles_found;
    found.insert(found.end(), e.builtin_permissions_found.begin(),
                 e.builtin_permissions_found.end());
    std::vector<std::string> missing = e.builtin_roles_missing;
    missing.insert(missing.end(), e.builtin_permissions_missing.begin(),
                   e.builtin_permissions_missing.end());
    std::string text = found.empty() ? "none found" : "found " + joined(found);
    if (!missing.empty()) text += "; missing " + joined(missing);
    // A missing built-in only matters when the config refers to it (then it is a problem).
    return line(style, missing.empty() ? Mark::ok : Mark::warn, "built-ins", text);
}

std::string problems_text(const TextStyle& style, const DoctorEnvironment& e) {
    std::string out;
    for (const auto& p : e.problems) {
        const std::string who = p.commands == std::vector<std::string>{"all"}
                                    ? "every command that talks to Descope"
                                    : joined(p.commands, 10);
        out += fmt::format("  {}  {} would fail: {}\n", mark(style, Mark::fail),
                           util::terminal_safe(who), util::terminal_safe(p.reason));
        if (!p.hint.empty())
            out += fmt::format("        {} {}\n", dim(style, "hint:"), util::terminal_safe(p.hint));
    }
    return out;
}

std::string environment_text(const DoctorEnvironment& e, const TextStyle& style) {
    std::string out =
        bold(style, e.name) +
        (e.project_id.empty() ? std::string()
                              : fmt::format("  (project {})", util::terminal_safe(e.project_id))) +
        "\n";
    out += credentials_text(style, e);
    out += scope_text(style, e);
    out += project_name_text(style, e);
    if (e.credentials == CredentialStatus::accepted || e.license_tier)
        out += license_text(style, e);
    out += rate_limit_text(style, e);
    out += base_url_text(style, e);
    out += builtins_text(style, e);
    out += declared_text(style, e);
    out += problems_text(style, e);
    return out;
}

json objects_json(const DoctorObjects& o) {
    return {{"declared", o.declared},
            {"checked", o.checked},
            {"found", o.checked ? json(o.declared - o.missing.size()) : json(nullptr)},
            {"missing", o.missing}};
}

json error_or_null(const std::optional<api::ApiError>& e) {
    return e ? api_error_json(*e) : json(nullptr);
}

json optional_string(const std::optional<std::string>& s) {
    return s ? json(*s) : json(nullptr);
}

json environment_json(const DoctorEnvironment& e) {
    json problems = json::array();
    for (const auto& p : e.problems)
        problems.push_back(
            {{"code", p.code}, {"commands", p.commands}, {"reason", p.reason}, {"hint", p.hint}});
    return {
        {"name", e.name},
        {"project_id", e.project_id},
        {"ok", e.problems.empty()},
        {"credentials",
         {{"status", to_string(e.credentials)},
          {"details", e.credential_details},
          {"error", error_or_null(e.credentials_error)}}},
        {"key_scope",
         {{"scope", to_string(e.key_scope)}, {"error", error_or_null(e.key_scope_error)}}},
        {"license",
         {{"tier", optional_string(e.license_tier)}, {"error", error_or_null(e.license_error)}}},
        {"rate_limit",
         {{"requests", e.rate_limit.requests},
          {"per_seconds", e.rate_limit.per_seconds},
          {"scope", e.rate_limit_shared ? "shared" : "environment"}}},
        {"base_url",
         {{"url", e.base_url.empty() ? json(nullptr) : json(e.base_url)},
          {"source", e.base_url_source},
          {"region", e.region.empty() ? json(nullptr) : json(e.region)}}},
        {"builtins",
         {{"checked", e.builtins_checked},
          {"roles", {{"found", e.builtin_roles_found}, {"missing", e.builtin_roles_missing}}},
          {"permissions",
           {{"found", e.builtin_permissions_found}, {"missing", e.builtin_permissions_missing}}}}},
        {"declared",
         {{"tenants", objects_json(e.tenants)},
          {"roles", objects_json(e.roles)},
          {"permissions", objects_json(e.permissions)},
          {"flows", objects_json(e.flows)}}},
        {"project_name",
         {{"declared", optional_string(e.declared_project_name)},
          {"live", optional_string(e.live_project_name)}}},
        {"api_calls", e.api_calls},
        {"problems", std::move(problems)},
    };
}

std::size_t ready_count(const DoctorReport& report) {
    return static_cast<std::size_t>(
        std::count_if(report.environments.begin(), report.environments.end(),
                      [](const DoctorEnvironment& e) { return e.problems.empty(); }));
}

}  // namespace

std::string doctor_text(const DoctorReport& report, const TextStyle& style) {
    std::string out;
    std::vector<std::string> failing;
    for (const auto& e : report.environments) {
        if (!out.empty()) out += "\n";
        out += environment_text(e, style);
        if (!e.problems.empty())
            failing.push_back(fmt::format("{} ({} problem{})", util::terminal_safe(e.name),
                                          e.problems.size(), e.problems.size() == 1 ? "" : "s"));
    }
    const std::size_t n = report.environments.size();
    out += fmt::format("\ndoctor: {} of {} environment{} ready", ready_count(report), n,
                       n == 1 ? "" : "s");
    if (report.interrupted) out += "; interrupted before every check ran";
    out += failing.empty() ? "; nothing would fail\n"
                           : "; would fail in " + joined(failing, 20) + "\n";
    return out;
}

json doctor_to_json(const DoctorReport& report) {
    json envs = json::array();
    std::size_t problems = 0;
    for (const auto& e : report.environments) {
        envs.push_back(environment_json(e));
        problems += e.problems.size();
    }
    return {{"format_version", kDoctorFormatVersion},
            {"command", "doctor"},
            {"ok", report.ok()},
            {"interrupted", report.interrupted},
            {"summary",
             {{"environments", report.environments.size()},
              {"ready", ready_count(report)},
              {"problems", problems}}},
            {"environments", std::move(envs)}};
}

View doctor_view(const DoctorReport& report, const TextStyle& style) {
    return make_view(doctor_text(report, style), doctor_to_json(report));
}

}  // namespace descope_mgmt::render
