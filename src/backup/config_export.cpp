#include "backup/config_export.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <type_traits>

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

// ---- One declaration, several environments ----------------------------------------------------

/// One field of a declaration in one environment.
struct DeclField {
    std::string key;
    /// The value as inline YAML, also when it is the default ("[]", "false", "{}"), so that
    /// environments compare field by field; "" = not managed there (a value the config cannot
    /// express, or a live value that a config leaves out to keep it).
    std::string value;
    /// Whether a declaration writes it: false at the default, which leaving it out gives.
    bool written = true;
    /// The block form a declaration writes instead of `key: value` ("" = the inline form),
    /// indented for a declaration's fields.
    std::string block;
    /// `overrides:` may set it (a tenant's parent may not).
    bool overridable = true;
    /// It may be the declaration's value, for every environment of the object (a parent that
    /// is not in all of them would not load).
    bool eligible = true;
};
using DeclFields = std::vector<DeclField>;

DeclField simple_field(std::string key, std::string value, bool written) {
    return DeclField{std::move(key), std::move(value), written, {}, true, true};
}

std::string inline_mapping(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::vector<std::string> parts;
    for (const auto& [k, v] : entries)
        parts.push_back(k + ": " + v);
    std::string out = "{";
    return out.append(util::join(parts, ", ")).append("}");
}

DeclField attributes_field(const model::CustomAttributes& attributes) {
    std::vector<std::pair<std::string, std::string>> entries;
    std::string block = "    custom_attributes:\n";
    for (const auto& [key, value] : attributes) {
        entries.emplace_back(yaml_scalar(key, false), attribute_yaml(value));
        block += fmt::format("      {}: {}\n", entries.back().first, entries.back().second);
    }
    return DeclField{"custom_attributes",
                     inline_mapping(entries),
                     !attributes.empty(),
                     std::move(block),
                     true,
                     true};
}

/// session_settings: "{}" when nothing is customised (left out: not managed, which keeps the
/// same nothing); "" with a note when a duration cannot be written.
DeclField settings_field(const model::Tenant& t, const std::string& label,
                         std::vector<std::string>& notes) {
    if (!t.session_settings || *t.session_settings == model::SessionSettings{})
        return simple_field("session_settings", "{}", false);
    const auto& s = *t.session_settings;
    std::vector<std::pair<std::string, std::string>> entries;
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
                "{}: {} is {} {}, which the config cannot express; its session settings are "
                "left out (not managed)",
                label, key, (*value)->amount, model::wire_name((*value)->unit)));
            return simple_field("session_settings", "", false);
        }
        entries.emplace_back(key, *text);
    }
    if (s.jit_disabled) entries.emplace_back("jit_disabled", "true");
    std::string block = "    session_settings:\n";
    for (const auto& [k, v] : entries)
        block += fmt::format("      {}: {}\n", k, v);
    return DeclField{
        "session_settings", inline_mapping(entries), true, std::move(block), true, true};
}

/// A list that a config may leave out to keep the live value: written when not empty.
DeclField kept_list_field(const char* key, const std::optional<std::vector<std::string>>& list) {
    const auto items = list ? sorted_unique(*list) : std::vector<std::string>{};
    return simple_field(key, yaml_list(items), !items.empty());
}

DeclFields tenant_fields(const model::Tenant& t, const std::string& label,
                         std::vector<std::string>& notes) {
    DeclFields f;
    f.push_back(simple_field("name", yaml_scalar(t.name), true));
    const auto domains = sorted_unique(t.self_provisioning_domains);
    f.push_back(simple_field("self_provisioning_domains", yaml_list(domains), !domains.empty()));
    f.push_back(attributes_field(t.custom_attributes));
    f.push_back(simple_field("enforce_sso", t.enforce_sso ? "true" : "false", t.enforce_sso));
    f.push_back(simple_field("disabled", t.disabled ? "true" : "false", t.disabled));
    f.push_back(DeclField{
        "parent", t.parent.empty() ? "" : yaml_scalar(t.parent), !t.parent.empty(), {}, false});
    const auto roles = sorted_unique(t.default_roles);
    f.push_back(simple_field("default_roles", yaml_list(roles), !roles.empty()));
    const std::string inheritance = t.role_inheritance == "none"       ? "none"
                                    : t.role_inheritance == "userOnly" ? "user_only"
                                                                       : "";
    f.push_back(simple_field("role_inheritance", inheritance, !inheritance.empty()));
    f.push_back(kept_list_field("enforce_sso_exclusions", t.enforce_sso_exclusions));
    f.push_back(kept_list_field("federated_app_ids", t.federated_app_ids));
    f.push_back(settings_field(t, label, notes));
    return f;
}

DeclFields role_fields(const model::Role& r) {
    const bool is_default = r.is_default.value_or(false);
    const bool is_private = r.is_private.value_or(false);
    const auto permissions = sorted_unique(r.permissions);
    return {simple_field("description", yaml_scalar(r.description), !r.description.empty()),
            simple_field("permissions", yaml_list(permissions), !permissions.empty()),
            simple_field("default", is_default ? "true" : "false", is_default),
            simple_field("private", is_private ? "true" : "false", is_private)};
}

DeclFields permission_fields(const model::Permission& p) {
    return {simple_field("description", yaml_scalar(p.description), !p.description.empty())};
}

/// The index (into `values`, where set) of the value most environments have; the first such
/// environment's on a tie. nullopt when no environment has one.
template <class T, class Same>
std::optional<std::size_t> most_common(const std::vector<std::optional<T>>& values, Same same) {
    std::optional<std::size_t> best;
    std::size_t best_count = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!values[i]) continue;
        std::size_t count = 0;
        for (const auto& v : values)
            if (v && same(*v, *values[i])) ++count;
        if (count > best_count) {
            best = i;
            best_count = count;
        }
    }
    return best;
}

/// `    environments: [a, b]` when not every environment has the object; "" otherwise.
std::string environments_line(const std::vector<bool>& present,
                              const std::vector<std::string>& names) {
    std::vector<std::string> in;
    for (std::size_t i = 0; i < present.size(); ++i)
        if (present[i]) in.push_back(names[i]);
    if (in.size() == names.size()) return {};
    return fmt::format("    environments: {}\n", yaml_list(in));
}

/// The fields, `environments:` and `overrides:` of one object declared in several
/// environments (`per_env[i]` = its fields in environment i; nullopt = not there). Each field
/// takes the value most environments have; the others get overrides. A field not managed in
/// some environment (value "") stays out of the declaration, so that nothing is imposed there.
std::string declaration_body(const std::vector<std::optional<DeclFields>>& per_env,
                             const std::vector<std::string>& names, const std::string& label,
                             std::vector<std::string>& notes) {
    const auto first =
        most_common(per_env, [](const DeclFields&, const DeclFields&) { return true; });
    if (!first) return {};
    const std::size_t count = per_env[*first]->size();
    std::vector<std::string> base(count);
    std::string out;
    for (std::size_t k = 0; k < count; ++k) {
        std::vector<std::optional<std::string>> values(per_env.size());
        bool unmanaged_somewhere = false;
        for (std::size_t e = 0; e < per_env.size(); ++e) {
            if (!per_env[e] || !(*per_env[e])[k].eligible) continue;
            values[e] = (*per_env[e])[k].value;
            unmanaged_somewhere = unmanaged_somewhere || values[e]->empty();
        }
        const auto chosen = most_common(values, std::equal_to<>());
        if (!chosen) {  // no environment's value may be the declaration's: none is written
            base[k] = "";
            continue;
        }
        const DeclField& field = (*per_env[*chosen])[k];
        const bool overridable = field.overridable;
        if (unmanaged_somewhere && overridable) {
            base[k] = "";
            continue;
        }
        base[k] = field.value;
        if (!field.written || field.value.empty()) continue;
        out +=
            field.block.empty() ? fmt::format("    {}: {}\n", field.key, field.value) : field.block;
    }
    std::vector<bool> present;
    for (const auto& f : per_env)
        present.push_back(f.has_value());
    out += environments_line(present, names);

    std::string overrides;
    for (std::size_t e = 0; e < per_env.size(); ++e) {
        if (!per_env[e]) continue;
        std::string set;
        for (std::size_t k = 0; k < count; ++k) {
            const DeclField& field = (*per_env[e])[k];
            if (field.value == base[k]) continue;
            if (!field.overridable) {
                notes.push_back(fmt::format(
                    "{}: its {} is {} in {}, but the config's is {} (the config cannot override "
                    "a {}): `plan -e {}` replaces the tenant there (deletes and re-creates it); "
                    "change its {} in {} or the config before applying there",
                    label, field.key, field.value.empty() ? "none" : field.value, names[e],
                    base[k].empty() ? "none" : base[k], field.key, names[e], field.key, names[e]));
                continue;
            }
            if (field.value.empty()) continue;  // not managed here, nor in the declaration
            set += fmt::format("        {}: {}\n", field.key, field.value);
        }
        if (!set.empty()) overrides += fmt::format("      {}:\n{}", names[e], set);
    }
    if (!overrides.empty()) out += "    overrides:\n" + overrides;
    return out;
}

/// What one environment's value of a document (a flow, the theme) gives: its canonical text.
struct DocumentFiles {
    std::string file;       // the `file:` line
    std::string overrides;  // the `overrides:` lines ("" = the same everywhere)
    std::vector<ExportedFile> files;
};

/// The file lines of a document declared in several environments (`texts[i]` its canonical
/// text in environment i; nullopt = not there): the text most environments have in
/// `folder/name`, each other one in `folder/ENV/name`.
DocumentFiles document_files(const std::vector<std::optional<std::string>>& texts,
                             const std::vector<std::string>& names,
                             const std::filesystem::path& folder, const std::string& name,
                             const char* indent) {
    DocumentFiles out;
    const auto base = most_common(texts, std::equal_to<>());
    if (!base) return out;
    const std::filesystem::path base_path = folder / name;
    out.file = fmt::format("{}file: {}\n", indent, yaml_scalar(base_path.string()));
    out.files.push_back({base_path, *texts[*base]});
    std::string overrides;
    for (std::size_t e = 0; e < texts.size(); ++e) {
        if (!texts[e] || *texts[e] == *texts[*base]) continue;
        const std::filesystem::path path = folder / names[e] / name;
        overrides +=
            fmt::format("{}  {}: {{ file: {} }}\n", indent, names[e], yaml_scalar(path.string()));
        out.files.push_back({path, *texts[e]});
    }
    if (!overrides.empty()) out.overrides = fmt::format("{}overrides:\n{}", indent, overrides);
    return out;
}

std::string environment_variable(const std::string& environment, const char* what) {
    std::string variable = util::to_upper(environment);
    std::replace(variable.begin(), variable.end(), '-', '_');
    return fmt::format("DESCOPE_{}_{}", variable, what);
}

/// The notes as comment lines ("" when none): what `plan` will still show.
std::string notes_comment(const std::vector<std::string>& notes) {
    if (notes.empty()) return {};
    std::string out = "# Except what the config cannot express (plan shows it):\n";
    for (std::string note : notes) {
        std::replace(note.begin(), note.end(), '\n', ' ');
        std::replace(note.begin(), note.end(), '\r', ' ');
        out += "#   - " + note + "\n";
    }
    return out;
}

std::string header(const std::vector<ExportedEnvironment>& envs, const ExportOptions& options,
                   const std::vector<std::string>& notes) {
    std::string out;
    if (!options.schema_file.empty())
        out += fmt::format("# yaml-language-server: $schema=./{}\n", options.schema_file);
    if (envs.size() == 1) {
        const auto& e = envs.front();
        return out +
               fmt::format(
                   "# Written by `descope-mgmt export-config` (descope-mgmt {})\n"
                   "# from environment {} (project {}) at {}.\n"
                   "# `descope-mgmt plan -e {}` with this file shows no changes. The "
                   "management key\n"
                   "# is read from ${{{}}}; it is never written here.\n",
                   util::kVersion, e.name, e.project_id, format_iso8601(options.exported_at),
                   e.name,
                   e.management_key_variable.empty()
                       ? environment_variable(e.name, "MANAGEMENT_KEY")
                       : e.management_key_variable) +
               notes_comment(notes);
    }
    std::vector<std::string> from;
    for (const auto& e : envs)
        from.push_back(fmt::format("#   {} (project {})\n", e.name, e.project_id));
    return out +
           fmt::format(
               "# Written by `descope-mgmt export-config` (descope-mgmt {}) at {}\n"
               "# from these environments:\n{}"
               "# What is the same everywhere is written once; `environments:` says where\n"
               "# an object exists when not everywhere, `overrides:` what differs.\n"
               "# `descope-mgmt plan` with this file shows no changes in any of them. The\n"
               "# management keys are read from the process environment (below); they are\n"
               "# never written here.\n",
               util::kVersion, format_iso8601(options.exported_at), util::join(from, "")) +
           notes_comment(notes);
}

std::string environment_entry(const ExportedEnvironment& e) {
    std::string out = fmt::format("  {}:\n    project_id: {}\n", e.name, yaml_scalar(e.project_id));
    if (!e.management_key_variable.empty())
        out += fmt::format("    management_key: ${{{}}}\n", e.management_key_variable);
    if (e.is_protected) out += "    protected: true\n";
    if (!e.base_url.empty()) out += fmt::format("    base_url: {}\n", yaml_scalar(e.base_url));
    if (!e.live->project_name.empty())
        out += fmt::format("    project_name: {}\n", yaml_scalar(e.live->project_name));
    return out;
}

/// Every key of `T` found in any environment, sorted, each with its value per environment.
template <class T, class Key>
std::map<std::invoke_result_t<Key, const T&>, std::vector<const T*>> by_key(
    const std::vector<ExportedEnvironment>& envs, const std::vector<T> model::LiveState::*member,
    Key key, bool (*skip)(const T&)) {
    std::map<std::invoke_result_t<Key, const T&>, std::vector<const T*>> out;
    for (std::size_t e = 0; e < envs.size(); ++e)
        for (const T& item : envs[e].live->*member) {
            if (skip(item)) continue;
            auto& slot = out[key(item)];
            slot.resize(envs.size(), nullptr);
            slot[e] = &item;
        }
    return out;
}

bool builtin_permission(const model::Permission& p) {
    return model::is_builtin_permission(p);
}
bool builtin_role(const model::Role& r) {
    return model::is_builtin_role(r);
}
bool every_tenant_exported(const model::Tenant&) {
    return false;
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
    ExportedEnvironment env;
    env.name = source.environment;
    env.project_id = source.project_id;
    env.live = &live;
    ExportOptions options;
    options.exported_at = source.exported_at;
    return export_config(std::vector<ExportedEnvironment>{env}, options);
}

util::Result<ExportedConfig> export_config(const std::vector<ExportedEnvironment>& envs,
                                           const ExportOptions& options) {
    ExportedConfig result;
    std::vector<std::string> names;
    for (const auto& e : envs)
        names.push_back(e.name);
    const bool several = envs.size() > 1;
    auto label = [&](const std::string& what, std::size_t e) {
        return several ? fmt::format("{} in {}", what, names[e]) : what;
    };

    std::string y = "version: 1\n\nenvironments:\n";
    for (const auto& e : envs)
        y += environment_entry(e);

    // Descope's built-ins exist in every project and are never deleted (R5): a config refers to
    // them without declaring them.
    const auto permissions = by_key(
        envs, &model::LiveState::permissions, [](const model::Permission& p) { return p.name; },
        &builtin_permission);
    if (!permissions.empty()) y += "\npermissions:\n";
    for (const auto& [name, per_env] : permissions) {
        std::vector<std::optional<DeclFields>> fields(envs.size());
        for (std::size_t e = 0; e < envs.size(); ++e)
            if (per_env[e]) fields[e] = permission_fields(*per_env[e]);
        y += fmt::format("  - name: {}\n", yaml_scalar(name));
        y += declaration_body(fields, names, fmt::format("permission '{}'", name), result.notes);
    }

    const auto roles = by_key(
        envs, &model::LiveState::roles,
        [](const model::Role& r) { return std::make_pair(r.tenant_id, r.name); }, &builtin_role);
    if (!roles.empty()) y += "\nroles:\n";
    for (const auto& [key, per_env] : roles) {
        std::vector<std::optional<DeclFields>> fields(envs.size());
        for (std::size_t e = 0; e < envs.size(); ++e)
            if (per_env[e]) fields[e] = role_fields(*per_env[e]);
        y += fmt::format("  - name: {}\n", yaml_scalar(key.second));
        if (!key.first.empty()) y += fmt::format("    tenant: {}\n", yaml_scalar(key.first));
        y += declaration_body(fields, names, fmt::format("role '{}'", key.second), result.notes);
    }

    const auto tenants = by_key(
        envs, &model::LiveState::tenants, [](const model::Tenant& t) { return t.id; },
        &every_tenant_exported);
    if (!tenants.empty()) y += "\ntenants:\n";
    for (const auto& [id, per_env] : tenants) {
        std::vector<std::optional<DeclFields>> fields(envs.size());
        const std::string what = fmt::format("tenant '{}'", id);
        for (std::size_t e = 0; e < envs.size(); ++e)
            if (per_env[e]) fields[e] = tenant_fields(*per_env[e], label(what, e), result.notes);
        // A parent may be the declaration's only if it is wherever this tenant is.
        for (std::size_t e = 0; e < envs.size(); ++e) {
            if (!per_env[e] || per_env[e]->parent.empty()) continue;
            const auto parent = tenants.find(per_env[e]->parent);
            for (std::size_t other = 0; other < envs.size(); ++other)
                if (per_env[other] && (parent == tenants.end() || !parent->second[other]))
                    for (auto& field : *fields[e])
                        if (!field.overridable) field.eligible = false;
        }
        y += fmt::format("  - id: {}\n", yaml_scalar(id));
        y += declaration_body(fields, names, what, result.notes);
    }

    std::vector<ExportedFile> documents;
    std::map<std::string, std::vector<std::optional<std::string>>> flow_texts;
    for (std::size_t e = 0; e < envs.size(); ++e) {
        for (const auto& [id, flow] : envs[e].live->flows) {
            auto text = plan::canonical_pretty_json(flow.document, plan::JsonDocumentKind::flow);
            if (!text)
                return util::error(fmt::format("{}: the exported document is not JSON: {}",
                                               label(fmt::format("flow '{}'", id), e),
                                               text.error().to_string()));
            auto& slot = flow_texts[id];
            slot.resize(envs.size());
            slot[e] = std::move(*text);
        }
    }
    std::vector<std::string> flow_ids;
    for (const auto& entry : flow_texts)
        flow_ids.push_back(entry.first);
    const std::vector<std::string> flow_files = flow_file_names(flow_ids);
    std::size_t flow_index = 0;
    if (!flow_texts.empty()) y += "\nflows:\n";
    for (const auto& [id, texts] : flow_texts) {
        auto files = document_files(texts, names, "flows", flow_files[flow_index++], "    ");
        std::vector<bool> present;
        for (const auto& t : texts)
            present.push_back(t.has_value());
        y += fmt::format("  - id: {}\n", yaml_scalar(id)) + files.file +
             environments_line(present, names) + files.overrides;
        for (auto& f : files.files)
            documents.push_back(std::move(f));
    }

    std::vector<std::optional<std::string>> themes(envs.size());
    for (std::size_t e = 0; e < envs.size(); ++e) {
        if (!envs[e].live->theme) continue;
        auto text = plan::canonical_pretty_json(envs[e].live->theme->document,
                                                plan::JsonDocumentKind::theme);
        if (!text)
            return util::error(label("theme", e) +
                               ": the exported document is not JSON: " + text.error().to_string());
        themes[e] = std::move(*text);
    }
    auto theme = document_files(themes, names, "themes", "theme.json", "  ");
    if (!theme.files.empty()) {
        y += "\ntheme:\n" + theme.file + theme.overrides;
        for (std::size_t e = 0; e < envs.size(); ++e)
            if (!themes[e])
                result.notes.push_back(fmt::format(
                    "{} has no theme; the config's theme is deployed there by apply", names[e]));
        for (auto& f : theme.files)
            documents.push_back(std::move(f));
    }
    result.files.push_back({"descope.yaml", header(envs, options, result.notes) + y});
    for (auto& d : documents)
        result.files.push_back(std::move(d));
    return result;
}

}  // namespace descope_mgmt::backup
