#include "backup/config_export.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "backup/timestamp.hpp"
#include "model/builtins.hpp"
#include "plan/json_canonical.hpp"
#include "util/strings.hpp"
#include "util/version.hpp"

namespace descope_mgmt::backup {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// Characters a plain scalar may hold here: letters, digits and a few harmless signs (no ':',
/// '#', ',', brackets, quotes or anything YAML gives a meaning to). The first one is stricter.
bool safe_first(char c) {
    return is_letter(c) || is_digit(c) || c == '_' || c == '(' || c == '/';
}
bool safe_rest(char c) {
    return safe_first(c) || c == ' ' || c == '.' || c == '@' || c == ')' || c == '+' || c == '-';
}

/// Text a YAML 1.1 or 1.2 reader could take for a number: an optional sign, then a digit or a
/// '.' and a digit (1, 1.5, .5, 0x1F, 1e3...), or .inf / .nan.
bool number_like(std::string_view s) {
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
    if (!s.empty() && is_digit(s.front())) return true;
    if (s.size() > 1 && s.front() == '.' && is_digit(s[1])) return true;
    static const std::set<std::string_view> kSpecial = {".inf", ".Inf", ".INF",
                                                        ".nan", ".NaN", ".NAN"};
    return kSpecial.count(s) != 0;
}

/// Would a plain scalar with this text read back as something other than this string (null,
/// boolean, number in YAML 1.1 or 1.2), or break the YAML around it? (Hand-written rather than
/// std::regex, which GCC 12 warns about under the sanitizers.)
bool needs_quotes(const std::string& s) {
    static const std::set<std::string_view> kWords = {
        "null",  "Null", "NULL", "~",   "true", "True", "TRUE", "false", "False",
        "FALSE", "yes",  "Yes",  "YES", "no",   "No",   "NO",   "on",    "On",
        "ON",    "off",  "Off",  "OFF", "y",    "Y",    "n",    "N"};
    if (s.empty() || s.back() == ' ' || !safe_first(s.front())) return true;
    if (!std::all_of(s.begin() + 1, s.end(), safe_rest)) return true;
    if (number_like(s)) return true;
    return kWords.count(s) != 0;
}

std::string escape_substitution(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') out += '$';
        out += text[i];
    }
    return out;
}

std::string yaml_list(const std::vector<std::string>& items) {
    std::vector<std::string> quoted;
    for (const auto& i : items)
        quoted.push_back(yaml_scalar(i));
    std::string out = "[";  // appended: `"[" + std::string` trips GCC 12's false -Wrestrict at -O3
    return out.append(util::join(quoted, ", ")).append("]");
}

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

std::string attribute_yaml(const model::AttributeValue& value) {
    struct Visitor {
        std::string operator()(const std::string& s) const { return yaml_scalar(s); }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const {
            std::string text = fmt::format("{}", d);
            // A float must read back as a float: "2" would be the integer 2.
            if (text.find_first_of(".eE") == std::string::npos) text += ".0";
            return text;
        }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(const std::vector<std::string>& l) const { return yaml_list(l); }
    };
    return std::visit(Visitor{}, value);
}

/// The config form of a duration; nullopt when the config cannot express it (amount <= 0).
std::optional<std::string> duration_yaml(const model::Duration& d) {
    if (d.amount <= 0 || d.amount > std::numeric_limits<std::int32_t>::max()) return std::nullopt;
    return std::to_string(d.amount) + model::wire_name(d.unit).front();
}

/// The session_settings block of a tenant, or "" when there is nothing to manage (settings not
/// customised) or it cannot be expressed (then a note says so).
std::string settings_yaml(const model::Tenant& t, std::vector<std::string>& notes) {
    if (!t.session_settings || *t.session_settings == model::SessionSettings{}) return {};
    const auto& s = *t.session_settings;
    std::string out = "    session_settings:\n";
    const std::pair<const char*, const std::optional<model::Duration>*> durations[] = {
        {"refresh_token_expiration", &s.refresh_token_expiration},
        {"session_token_expiration", &s.session_token_expiration},
        {"stepup_token_expiration", &s.stepup_token_expiration},
        {"inactivity_timeout", &s.inactivity_timeout}};
    for (const auto& [key, value] : durations) {
        if (!*value) continue;
        const auto text = duration_yaml(**value);
        if (!text) {
            notes.push_back(fmt::format(
                "tenant '{}': {} is {} {}, which the config cannot express; its session "
                "settings are left out (not managed)",
                t.id, key, (*value)->amount, model::wire_name((*value)->unit)));
            return {};
        }
        out += fmt::format("      {}: {}\n", key, *text);
    }
    if (s.jit_disabled) out += "      jit_disabled: true\n";
    return out;
}

std::string tenant_yaml(const model::Tenant& t, std::vector<std::string>& notes) {
    std::string out =
        fmt::format("  - id: {}\n    name: {}\n", yaml_scalar(t.id), yaml_scalar(t.name));
    if (!t.self_provisioning_domains.empty())
        out += fmt::format("    self_provisioning_domains: {}\n",
                           yaml_list(sorted_unique(t.self_provisioning_domains)));
    if (!t.custom_attributes.empty()) {
        out += "    custom_attributes:\n";
        for (const auto& [key, value] : t.custom_attributes)
            out += fmt::format("      {}: {}\n", yaml_scalar(key, false), attribute_yaml(value));
    }
    if (t.enforce_sso) out += "    enforce_sso: true\n";
    if (t.disabled) out += "    disabled: true\n";
    if (!t.parent.empty()) out += fmt::format("    parent: {}\n", yaml_scalar(t.parent));
    if (!t.default_roles.empty())
        out += fmt::format("    default_roles: {}\n", yaml_list(sorted_unique(t.default_roles)));
    if (t.role_inheritance == "none") out += "    role_inheritance: none\n";
    if (t.role_inheritance == "userOnly") out += "    role_inheritance: user_only\n";
    if (t.enforce_sso_exclusions && !t.enforce_sso_exclusions->empty())
        out += fmt::format("    enforce_sso_exclusions: {}\n",
                           yaml_list(sorted_unique(*t.enforce_sso_exclusions)));
    if (t.federated_app_ids && !t.federated_app_ids->empty())
        out += fmt::format("    federated_app_ids: {}\n",
                           yaml_list(sorted_unique(*t.federated_app_ids)));
    out += settings_yaml(t, notes);
    return out;
}

template <class T, class Key>
std::vector<T> sorted_by(std::vector<T> items, Key key) {
    std::sort(items.begin(), items.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
    return items;
}

}  // namespace

std::string yaml_scalar(const std::string& text, bool value) {
    const std::string s = value ? escape_substitution(text) : text;
    if (!needs_quotes(s)) return s;
    // A JSON string is a valid YAML double-quoted scalar (same escapes).
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string flow_file_name(const std::string& flow_id) {
    std::string name;
    for (char c : flow_id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        name += ok ? c : '_';
    }
    if (name.empty() || name.front() == '.') name.insert(0, "flow");
    return name + ".json";
}

std::vector<std::string> flow_file_names(const std::vector<std::string>& flow_ids) {
    std::vector<std::string> names;
    std::set<std::string> used;
    for (const std::string& id : flow_ids) {
        std::string name = flow_file_name(id);
        for (int n = 2; used.count(name); ++n)
            name = flow_file_name(id + "-" + std::to_string(n));
        used.insert(name);
        names.push_back(std::move(name));
    }
    return names;
}

util::Result<ExportedConfig> export_config(const model::LiveState& live,
                                           const ExportSource& source) {
    ExportedConfig result;
    std::string variable = util::to_upper(source.environment);
    std::replace(variable.begin(), variable.end(), '-', '_');
    std::string y = fmt::format(
        "# Written by `descope-mgmt export-config` (descope-mgmt {})\n"
        "# from environment {} (project {}) at {}.\n"
        "# `descope-mgmt plan -e {}` with this file shows no changes. The management key\n"
        "# is read from ${{DESCOPE_{}_MANAGEMENT_KEY}}; it is never written here.\n"
        "version: 1\n\nenvironments:\n  {}:\n    project_id: {}\n",
        util::kVersion, source.environment, source.project_id, format_iso8601(source.exported_at),
        source.environment, variable, source.environment, yaml_scalar(source.project_id));
    if (!live.project_name.empty())
        y += fmt::format("    project_name: {}\n", yaml_scalar(live.project_name));

    // Descope's built-ins exist in every project and are never deleted (R5): a config refers to
    // them without declaring them.
    std::vector<model::Permission> own_permissions;
    for (const auto& p : live.permissions)
        if (!model::is_builtin_permission(p)) own_permissions.push_back(p);
    std::vector<model::Role> own_roles;
    for (const auto& r : live.roles)
        if (!model::is_builtin_role(r)) own_roles.push_back(r);
    const auto permissions =
        sorted_by(own_permissions, [](const model::Permission& p) { return p.name; });
    if (!permissions.empty()) y += "\npermissions:\n";
    for (const auto& p : permissions) {
        y += fmt::format("  - name: {}\n", yaml_scalar(p.name));
        if (!p.description.empty())
            y += fmt::format("    description: {}\n", yaml_scalar(p.description));
    }

    const auto roles = sorted_by(
        own_roles, [](const model::Role& r) { return std::make_pair(r.tenant_id, r.name); });
    if (!roles.empty()) y += "\nroles:\n";
    for (const auto& r : roles) {
        y += fmt::format("  - name: {}\n", yaml_scalar(r.name));
        if (!r.tenant_id.empty()) y += fmt::format("    tenant: {}\n", yaml_scalar(r.tenant_id));
        if (!r.description.empty())
            y += fmt::format("    description: {}\n", yaml_scalar(r.description));
        if (!r.permissions.empty())
            y += fmt::format("    permissions: {}\n", yaml_list(sorted_unique(r.permissions)));
        if (r.is_default.value_or(false)) y += "    default: true\n";
        if (r.is_private.value_or(false)) y += "    private: true\n";
    }

    // Parents before children reads better; the loader does not mind the order.
    const auto tenants = sorted_by(live.tenants, [](const model::Tenant& t) { return t.id; });
    if (!tenants.empty()) y += "\ntenants:\n";
    for (const auto& t : tenants)
        y += tenant_yaml(t, result.notes);

    std::vector<ExportedFile> documents;
    std::vector<std::string> flow_ids;
    for (const auto& entry : live.flows)
        flow_ids.push_back(entry.first);
    const std::vector<std::string> flow_files = flow_file_names(flow_ids);
    std::size_t flow_index = 0;
    if (!live.flows.empty()) y += "\nflows:\n";
    for (const auto& [id, flow] : live.flows) {
        auto text = plan::canonical_pretty_json(flow.document, plan::JsonDocumentKind::flow);
        if (!text)
            return util::error(fmt::format("flow '{}': the exported document is not JSON: {}", id,
                                           text.error().to_string()));
        const std::filesystem::path path =
            std::filesystem::path("flows") / flow_files[flow_index++];
        y += fmt::format("  - id: {}\n    file: {}\n", yaml_scalar(id), yaml_scalar(path.string()));
        documents.push_back({path, std::move(*text)});
    }
    if (live.theme) {
        auto text =
            plan::canonical_pretty_json(live.theme->document, plan::JsonDocumentKind::theme);
        if (!text)
            return util::error("theme: the exported document is not JSON: " +
                               text.error().to_string());
        y += "\ntheme:\n  file: themes/theme.json\n";
        documents.push_back({"themes/theme.json", std::move(*text)});
    }
    result.files.push_back({"descope.yaml", std::move(y)});
    for (auto& d : documents)
        result.files.push_back(std::move(d));
    return result;
}

}  // namespace descope_mgmt::backup
