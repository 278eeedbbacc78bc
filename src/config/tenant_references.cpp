// Tenant references: parents (and cycles), default roles, and names unique per environment.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "config/reference_index.hpp"
#include "model/builtins.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::config {

namespace {

void check_parent(const ReferenceIndex& ix, std::size_t i) {
    const TenantDecl& d = ix.config.tenants[i];
    const std::string& parent = d.tenant.parent;
    if (parent.empty()) return;
    const YamlNode* node = ix.nodes.tenants[i]->find("parent");
    if (node == nullptr) return;
    if (parent == d.tenant.id)
        return ix.error(*node, fmt::format("tenant {} is its own parent", ix.tenant_label(i)));
    const int p = ix.tenant(parent);
    if (p < 0) {
        return ix.error(
            *node,
            fmt::format("tenant {} has undeclared parent {}", ix.tenant_label(i), shown(*node)),
            ReferenceIndex::suggest(node->variables.empty() ? parent : std::string(),
                                    ix.tenant_ids(), "declare the parent under 'tenants'"));
    }
    if (auto gone = ix.missing(d.environments, ix.config.tenants[p].environments); !gone.empty()) {
        ix.error(*node,
                 fmt::format("tenant {} has parent {}, which is not in {}", ix.tenant_label(i),
                             shown(*node), ReferenceIndex::environments_phrase(gone)),
                 {"a parent must exist wherever its children do: widen the parent's "
                  "'environments', or narrow the child's"});
    }
}

/// Reports each cycle of parent links once, at the tenant of the cycle declared first.
void check_cycles(const ReferenceIndex& ix) {
    const auto& tenants = ix.config.tenants;
    std::vector<int> parent(tenants.size(), -1);
    for (std::size_t i = 0; i < tenants.size(); ++i) {
        const int p = ix.tenant(tenants[i].tenant.parent);
        if (p >= 0 && static_cast<std::size_t>(p) != i) parent[i] = p;
    }
    enum State { unvisited, on_path, done };
    std::vector<State> state(tenants.size(), unvisited);
    for (std::size_t start = 0; start < tenants.size(); ++start) {
        std::vector<int> path;
        int cur = static_cast<int>(start);
        while (cur >= 0 && state[cur] == unvisited) {
            state[cur] = on_path;
            path.push_back(cur);
            cur = parent[cur];
        }
        if (cur >= 0 && state[cur] == on_path) {
            auto from = std::find(path.begin(), path.end(), cur);
            const int first = *std::min_element(from, path.end());
            std::vector<std::string> chain;
            int t = first;
            do {
                chain.push_back(ix.tenant_label(static_cast<std::size_t>(t)));
                t = parent[t];
            } while (t != first);
            chain.push_back(chain.front());
            const YamlNode* node = ix.nodes.tenants[first]->find("parent");
            ix.error(node != nullptr ? *node : *ix.nodes.tenants[first],
                     "tenant parents form a cycle: " + util::join(chain, " -> "),
                     {"a parent chain must end at a top-level tenant (one without 'parent')"});
        }
        for (int p : path)
            state[p] = done;
    }
}

class DefaultRoleChecker {
  public:
    explicit DefaultRoleChecker(const ReferenceIndex& ix) : m_ix(ix) {}

    void check(std::size_t i) {
        const TenantDecl& d = m_ix.config.tenants[i];
        const YamlNode& node = *m_ix.nodes.tenants[i];
        m_tenant = m_ix.tenant_label(i);
        // The tenant's own list counts where no override replaces it (as a role's permissions).
        const EnvironmentSelection own = m_ix.not_overridden(
            d.environments, d.overrides, [](const auto& o) { return o.default_roles.has_value(); });
        check_list(d, node.find("default_roles"), own, "");
        const YamlNode* overrides = node.find("overrides");
        if (overrides == nullptr) return;
        for (const auto& e : overrides->entries) {
            if (!m_ix.declared_environment(e.key)) continue;
            check_list(d, e.value.find("default_roles"), std::vector<std::string>{e.key},
                       fmt::format(" (override for '{}')", e.key));
        }
    }

  private:
    void check_list(const TenantDecl& d, const YamlNode* list, const EnvironmentSelection& where,
                    const std::string& suffix) {
        if (list == nullptr || list->kind != YamlKind::sequence) return;
        for (const auto& item : list->items) {
            if (!item.is_scalar() || item.unresolved || item.text.empty()) continue;
            int r = m_ix.role(d.tenant.id, item.text);
            const bool tenant_scoped = r >= 0;
            if (r < 0) r = m_ix.role("", item.text);
            if (r < 0) {
                // Descope's built-in project role (Tenant Admin) exists in every project.
                if (!model::is_builtin_role_name(item.text)) unknown(d, item, suffix);
                continue;
            }
            if (auto gone = m_ix.missing(where, m_ix.config.roles[r].environments); !gone.empty()) {
                m_ix.error(
                    item,
                    fmt::format("tenant {} has default role {}{}, which is not in {}", m_tenant,
                                shown(item), suffix, ReferenceIndex::environments_phrase(gone)),
                    {"add the environments to the role's 'environments'"});
            }
            if (tenant_scoped) warn_tenant_scoped(item, suffix);
        }
    }

    /// Unconfirmed rather than wrong: every SDK documents default roles as project-level roles
    /// (go-sdk descope/sdk/mgmt.go UpdateDefaultRoles, node-sdk README, python-sdk tenant.py).
    void warn_tenant_scoped(const YamlNode& item, const std::string& suffix) {
        m_ix.diags.warning(
            item.location(m_ix.file),
            fmt::format("default role {} of tenant {}{} is a tenant-scoped role", shown(item),
                        m_tenant, suffix),
            {"Descope documents default roles as project-level roles; it may refuse or ignore a "
             "tenant-scoped one",
             "to be safe, make it a project role (remove its 'tenant:')"});
    }

    void unknown(const TenantDecl& d, const YamlNode& item, const std::string& suffix) {
        std::vector<std::string> usable;
        const RoleDecl* elsewhere = nullptr;
        for (const auto& r : m_ix.config.roles) {
            if (r.role.tenant_id.empty() || r.role.tenant_id == d.tenant.id) {
                usable.push_back(r.role.name);
            } else if (r.role.name == item.text && elsewhere == nullptr) {
                elsewhere = &r;
            }
        }
        for (std::string_view b : model::builtin_role_names())
            usable.emplace_back(b);
        if (elsewhere != nullptr) {
            return m_ix.error(item,
                              fmt::format("default role {} of tenant {}{} belongs to tenant {}",
                                          shown(item), m_tenant, suffix,
                                          m_ix.tenant_label(static_cast<std::size_t>(std::max(
                                              0, m_ix.tenant(elsewhere->role.tenant_id))))),
                              {"a tenant's default roles are project roles or its own roles"});
        }
        m_ix.error(
            item,
            fmt::format("tenant {} has undeclared default role {}{}", m_tenant, shown(item),
                        suffix),
            item.variables.empty()
                ? ReferenceIndex::suggest(item.text, usable, "declare the role under 'roles'")
                : std::vector<std::string>{"declare the role under 'roles'"});
    }

    const ReferenceIndex& m_ix;
    std::string m_tenant;  // label of the tenant being checked
};

/// Descope rejects two tenants with the same name in a project: check each environment, after
/// overrides, and report each clashing pair once.
void check_unique_names(const ReferenceIndex& ix) {
    const auto& tenants = ix.config.tenants;
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::string>> clashes;
    for (const auto& env : ix.environment_names()) {
        std::unordered_map<std::string_view, std::size_t> by_name;
        by_name.reserve(tenants.size());
        for (std::size_t i = 0; i < tenants.size(); ++i) {
            const TenantDecl& d = tenants[i];
            if (!ReferenceIndex::selected(d.environments, env)) continue;
            if (ix.tenant(d.tenant.id) != static_cast<int>(i)) continue;  // duplicate id
            std::string_view name = d.tenant.name;
            if (auto o = d.overrides.find(env); o != d.overrides.end() && o->second.name)
                name = *o->second.name;
            if (name.empty()) continue;
            auto [it, fresh] = by_name.emplace(name, i);
            if (!fresh) clashes[{it->second, i}].push_back(env);
        }
    }
    for (const auto& [pair, envs] : clashes) {
        const YamlNode& node = *ix.nodes.tenants[pair.second];
        const YamlNode* name = node.find("name");
        ix.error(
            name != nullptr ? *name : node,
            fmt::format("tenants {} and {} have the same name in {}", ix.tenant_label(pair.first),
                        ix.tenant_label(pair.second), ReferenceIndex::environments_phrase(envs)),
            {"Descope requires tenant names to be unique in a project"});
    }
}

}  // namespace

void check_tenant_references(const ReferenceIndex& ix) {
    DefaultRoleChecker roles(ix);
    for (std::size_t i = 0; i < ix.config.tenants.size(); ++i) {
        check_parent(ix, i);
        roles.check(i);
    }
    check_cycles(ix);
    check_unique_names(ix);
}

}  // namespace descope_mgmt::config
