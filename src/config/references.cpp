// Checks across declarations: duplicates, environment names, role references.
#include <fmt/format.h>

#include <algorithm>

#include "config/reference_index.hpp"
#include "config/value_checks.hpp"
#include "model/builtins.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::config {

ReferenceIndex::ReferenceIndex(const Config& c, const DeclNodes& n, const std::string& f,
                               diag::Diagnostics& d)
    : config(c), nodes(n), file(f), diags(d) {
    m_permissions.reserve(c.permissions.size());
    for (std::size_t i = 0; i < c.permissions.size(); ++i)
        m_permissions.emplace(c.permissions[i].permission.name, static_cast<int>(i));
    m_tenants.reserve(c.tenants.size());
    for (std::size_t i = 0; i < c.tenants.size(); ++i)
        m_tenants.emplace(c.tenants[i].tenant.id, static_cast<int>(i));
    for (std::size_t i = 0; i < c.roles.size(); ++i) {
        const auto& r = c.roles[i].role;
        m_roles[r.tenant_id].emplace(r.name, static_cast<int>(i));
    }
    for (const auto& e : c.environments)
        m_env_names.push_back(e.name);
}

namespace {
int lookup(const std::unordered_map<std::string_view, int>& m, std::string_view key) {
    auto it = m.find(key);
    return it == m.end() ? -1 : it->second;
}
}  // namespace

int ReferenceIndex::permission(std::string_view name) const {
    return lookup(m_permissions, name);
}
int ReferenceIndex::tenant(std::string_view id) const {
    return lookup(m_tenants, id);
}
int ReferenceIndex::role(std::string_view tenant_id, std::string_view name) const {
    auto it = m_roles.find(tenant_id);
    return it == m_roles.end() ? -1 : lookup(it->second, name);
}

const std::vector<std::string>& ReferenceIndex::tenant_ids() const {
    if (m_tenant_ids.empty())
        for (const auto& t : config.tenants)
            m_tenant_ids.push_back(t.tenant.id);
    return m_tenant_ids;
}

bool ReferenceIndex::declared_environment(const std::string& name) const {
    return std::find(m_env_names.begin(), m_env_names.end(), name) != m_env_names.end();
}

bool ReferenceIndex::selected(const EnvironmentSelection& s, const std::string& env) {
    return !s || std::find(s->begin(), s->end(), env) != s->end();
}

std::vector<std::string> ReferenceIndex::missing(const EnvironmentSelection& user,
                                                 const EnvironmentSelection& target) const {
    std::vector<std::string> out;
    if (!target) return out;
    for (const auto& env : m_env_names)
        if (selected(user, env) && !selected(target, env)) out.push_back(env);
    return out;
}

std::string ReferenceIndex::environments_phrase(const std::vector<std::string>& envs) {
    std::vector<std::string> quoted;
    for (const auto& e : envs)
        quoted.push_back("'" + e + "'");
    return (envs.size() == 1 ? "environment " : "environments ") + util::join(quoted, ", ");
}

std::vector<std::string> ReferenceIndex::suggest(const std::string& word,
                                                 const std::vector<std::string>& candidates,
                                                 std::string otherwise) {
    // An empty word stands for a value from the environment: no hint that could reveal it.
    if (auto m = word.empty() ? std::nullopt : util::closest_match(word, candidates))
        return {fmt::format("did you mean '{}'?", *m)};
    if (otherwise.empty()) return {};
    return {std::move(otherwise)};
}

std::string ReferenceIndex::label(const YamlNode& item, const char* key, const std::string& value) {
    const YamlNode* n = item.find(key);
    if (n != nullptr && !n->variables.empty()) return shown(*n);
    return "'" + value + "'";
}

std::string ReferenceIndex::tenant_label(std::size_t i) const {
    return label(*nodes.tenants[i], "id", config.tenants[i].tenant.id);
}

std::string ReferenceIndex::role_label(std::size_t i) const {
    return label(*nodes.roles[i], "name", config.roles[i].role.name);
}

void ReferenceIndex::error(const YamlNode& at, std::string message,
                           std::vector<std::string> notes) const {
    diags.error(at.location(file), std::move(message), std::move(notes));
}

namespace {

/// The node of `key` in `item`, or the item itself (for a location).
const YamlNode& at_key(const YamlNode& item, const char* key) {
    const YamlNode* n = item.find(key);
    return n != nullptr ? *n : item;
}

/// `what` names the resource in messages: "tenant", "role", "flow"...
void check_environment_names(const ReferenceIndex& ix, const YamlNode& item, const char* what) {
    auto declared = [&ix] {
        return "declared environments: " + util::join(ix.environment_names(), ", ");
    };
    if (const YamlNode* list = item.find("environments");
        list && list->kind == YamlKind::sequence) {
        for (const auto& i : list->items) {
            // Invalid names were reported by the shape check already.
            if (!i.is_scalar() || i.unresolved || !check_environment_name(i.text).empty()) continue;
            if (ix.declared_environment(i.text)) continue;
            ix.error(i, fmt::format("unknown environment {} in 'environments'", shown(i)),
                     i.variables.empty()
                         ? ReferenceIndex::suggest(i.text, ix.environment_names(), declared())
                         : std::vector<std::string>{declared()});
        }
    }
    const YamlNode* overrides = item.find("overrides");
    if (overrides == nullptr) return;
    const EnvironmentSelection selection = texts_of(item.find("environments"));
    for (const auto& e : overrides->entries) {
        if (!check_environment_name(e.key).empty()) continue;
        if (!ix.declared_environment(e.key)) {
            ix.diags.error(e.location(ix.file),
                           fmt::format("unknown environment '{}' in 'overrides'", e.key),
                           ReferenceIndex::suggest(e.key, ix.environment_names(), declared()));
        } else if (!ReferenceIndex::selected(selection, e.key)) {
            ix.diags.warning(
                e.location(ix.file),
                fmt::format("override for environment '{}' is never used: the {} is not in "
                            "that environment",
                            e.key, what),
                {fmt::format("add it to the {}'s 'environments', or remove the override", what)});
        }
    }
}

/// `first_of(i)` is the index of the first declaration with the same key as declaration i;
/// `what_of(i)` names it in the message ("tenant id 'a'").
template <class First, class What>
void report_duplicates(const ReferenceIndex& ix, const std::vector<const YamlNode*>& nodes,
                       const char* key_name, First&& first_of, What&& what_of) {
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const int first = first_of(i);
        if (first < 0 || static_cast<std::size_t>(first) == i) continue;
        const YamlNode& earlier = at_key(*nodes[static_cast<std::size_t>(first)], key_name);
        ix.error(at_key(*nodes[i], key_name),
                 fmt::format("duplicate {} (first declared at line {})", what_of(i), earlier.line));
    }
}

}  // namespace

void check_declarations(const ReferenceIndex& ix) {
    const Config& c = ix.config;
    for (const auto* n : ix.nodes.permissions)
        check_environment_names(ix, *n, "permission");
    for (const auto* n : ix.nodes.roles)
        check_environment_names(ix, *n, "role");
    for (const auto* n : ix.nodes.tenants)
        check_environment_names(ix, *n, "tenant");
    for (const auto* n : ix.nodes.flows)
        check_environment_names(ix, *n, "flow");
    // The theme is in every environment: only its overrides' names are checked.
    if (ix.nodes.theme != nullptr) check_environment_names(ix, *ix.nodes.theme, "theme");

    report_duplicates(
        ix, ix.nodes.permissions, "name",
        [&](std::size_t i) { return ix.permission(c.permissions[i].permission.name); },
        [&](std::size_t i) {
            return "permission " + ReferenceIndex::label(*ix.nodes.permissions[i], "name",
                                                         c.permissions[i].permission.name);
        });
    report_duplicates(
        ix, ix.nodes.roles, "name",
        [&](std::size_t i) { return ix.role(c.roles[i].role.tenant_id, c.roles[i].role.name); },
        [&](std::size_t i) {
            const model::Role& r = c.roles[i].role;
            std::string what = "role " + ix.role_label(i);
            if (!r.tenant_id.empty())
                what += " of tenant " +
                        ReferenceIndex::label(*ix.nodes.roles[i], "tenant", r.tenant_id);
            return what;
        });
    report_duplicates(
        ix, ix.nodes.tenants, "id",
        [&](std::size_t i) { return ix.tenant(c.tenants[i].tenant.id); },
        [&](std::size_t i) { return "tenant id " + ix.tenant_label(i); });
    std::unordered_map<std::string_view, int> flows;
    for (std::size_t i = 0; i < c.flows.size(); ++i)
        flows.emplace(c.flows[i].flow.id, static_cast<int>(i));
    report_duplicates(
        ix, ix.nodes.flows, "id", [&](std::size_t i) { return flows.at(c.flows[i].flow.id); },
        [&](std::size_t i) {
            return "flow id " + ReferenceIndex::label(*ix.nodes.flows[i], "id", c.flows[i].flow.id);
        });
}

namespace {

/// The permission names of role `i` in `perms` (its own list or an override's): declared, or
/// Descope's built-ins, and in every environment of `where`.
void check_role_permissions(const ReferenceIndex& ix, std::size_t i, const YamlNode* perms,
                            const EnvironmentSelection& where,
                            const std::vector<std::string>& permission_names) {
    if (perms == nullptr || perms->kind != YamlKind::sequence) return;
    const Config& c = ix.config;
    for (const auto& item : perms->items) {
        if (!item.is_scalar() || item.unresolved || item.text.empty()) continue;
        const int p = ix.permission(item.text);
        if (p < 0 && model::is_builtin_permission_name(item.text)) continue;
        if (p < 0) {
            ix.error(
                item,
                fmt::format("role {} uses undeclared permission {}", ix.role_label(i), shown(item)),
                ReferenceIndex::suggest(item.variables.empty() ? item.text : std::string(),
                                        permission_names, "declare it under 'permissions'"));
        } else if (auto gone = ix.missing(where, c.permissions[p].environments); !gone.empty()) {
            ix.error(item,
                     fmt::format("role {} uses permission {}, which is not in {}", ix.role_label(i),
                                 shown(item), ReferenceIndex::environments_phrase(gone)),
                     {"add the environments to the permission's 'environments', or limit "
                      "the role's"});
        }
    }
}

}  // namespace

void check_role_references(const ReferenceIndex& ix) {
    const Config& c = ix.config;
    std::vector<std::string> permission_names;
    for (const auto& p : c.permissions)
        permission_names.push_back(p.permission.name);
    // Descope's built-ins exist in every project: usable undeclared, and offered as hints.
    for (std::string_view b : model::builtin_permission_names())
        permission_names.emplace_back(b);
    std::vector<std::string> tenant_ids;
    for (const auto& t : c.tenants)
        tenant_ids.push_back(t.tenant.id);

    for (std::size_t i = 0; i < c.roles.size(); ++i) {
        const RoleDecl& r = c.roles[i];
        const YamlNode& node = *ix.nodes.roles[i];
        if (!r.role.tenant_id.empty()) {
            const int t = ix.tenant(r.role.tenant_id);
            if (t < 0) {
                ix.error(
                    at_key(node, "tenant"),
                    fmt::format("role {} is scoped to undeclared tenant {}", ix.role_label(i),
                                ReferenceIndex::label(node, "tenant", r.role.tenant_id)),
                    ReferenceIndex::suggest(
                        at_key(node, "tenant").variables.empty() ? r.role.tenant_id : std::string(),
                        ix.tenant_ids(), "declare the tenant under 'tenants'"));
            } else if (auto gone = ix.missing(r.environments, c.tenants[t].environments);
                       !gone.empty()) {
                ix.error(at_key(node, "tenant"),
                         fmt::format("role {} is scoped to tenant {}, which is not in {}",
                                     ix.role_label(i), ix.tenant_label(static_cast<std::size_t>(t)),
                                     ReferenceIndex::environments_phrase(gone)),
                         {"limit the role's 'environments' to the tenant's"});
            }
        }
        // The role's own list counts where no override replaces it.
        const EnvironmentSelection own = ix.not_overridden(
            r.environments, r.overrides, [](const auto& o) { return o.permissions.has_value(); });
        check_role_permissions(ix, i, node.find("permissions"), own, permission_names);
        // An override's list replaces the role's in its environment: checked there only.
        const YamlNode* overrides = node.find("overrides");
        if (overrides == nullptr || overrides->kind != YamlKind::mapping) continue;
        for (const auto& e : overrides->entries) {
            if (e.value.kind != YamlKind::mapping || !ix.declared_environment(e.key)) continue;
            // An override the role never uses (a warning already) needs only declared names.
            const EnvironmentSelection where =
                ReferenceIndex::selected(r.environments, e.key)
                    ? EnvironmentSelection(std::vector<std::string>{e.key})
                    : EnvironmentSelection(std::vector<std::string>{});
            check_role_permissions(ix, i, e.value.find("permissions"), where, permission_names);
        }
    }
}

void check_references(const Config& config, const DeclNodes& nodes, const std::string& file,
                      diag::Diagnostics& diags) {
    const ReferenceIndex index(config, nodes, file, diags);
    check_declarations(index);
    check_role_references(index);
    check_tenant_references(index);
}

}  // namespace descope_mgmt::config
