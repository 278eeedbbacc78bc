// The role part of the diff engine, and the edges that release objects before they are deleted.

#include <fmt/format.h>

#include <algorithm>

#include "model/builtins.hpp"
#include "plan/differ_impl.hpp"
#include "plan/field_diff.hpp"

namespace descope_mgmt::plan::detail {

std::optional<std::string> Differ::resolve_default_role(const std::string& tenant_id,
                                                        const std::string& name) const {
    const std::string scoped = role_key(tenant_id, name);
    if (m_desired_roles.count(scoped)) return scoped;
    if (!tenant_recreated(tenant_id) && m_live_roles.count(scoped)) return scoped;
    if (m_desired_roles.count(name) || m_live_roles.count(name)) return name;
    return std::nullopt;
}

void Differ::plan_roles() {
    for (const model::Role& r : m_desired.roles) {
        const std::string key = role_key(r);
        if (!r.tenant_id.empty() && !m_desired_tenants.count(r.tenant_id) &&
            !m_live_tenants.count(r.tenant_id)) {
            problem(fmt::format(
                "role {}: tenant \"{}\" is neither declared for this environment nor present in "
                "the project",
                key, r.tenant_id));
        }
        std::vector<Id> permission_creates;
        for (const std::string& p : r.permissions) {
            if (!m_desired_permissions.count(p) && !m_live_permissions.count(p)) {
                problem(fmt::format(
                    "role {}: permission \"{}\" is neither declared for this environment nor "
                    "present in the project",
                    key, p));
                continue;
            }
            const auto pc = m_permission_changes.find(p);
            if (pc != m_permission_changes.end() &&
                m_graph.at(pc->second).action == Action::create) {
                permission_creates.push_back(pc->second);
            }
        }
        const bool recreated = !r.tenant_id.empty() && tenant_recreated(r.tenant_id);
        const auto live_it = m_live_roles.find(key);
        const model::Role* live =
            recreated || live_it == m_live_roles.end() ? nullptr : live_it->second;
        Change c;
        c.kind = ResourceKind::role;
        c.key = key;
        if (live == nullptr) {
            c.action = Action::create;
            c.desired = r;
            c.fields = role_fields(nullptr, r);
        } else {
            c.live = *live;
            c.fields = role_fields(live, r);
            if (!c.fields.empty()) {
                c.action = Action::update;
                c.desired = r;
            }
        }
        const Id id = m_graph.add(std::move(c));
        m_role_changes[key] = id;
        if (recreated) m_graph.depend(id, m_tenant_changes[r.tenant_id]);
        for (Id p : permission_creates)
            m_graph.depend(id, p);
    }
}

void Differ::plan_role_deletions() {
    // Roles named as default roles by declared tenants are kept even when undeclared.
    std::set<std::string> referenced;
    for (const model::Tenant& t : m_desired.tenants) {
        for (const std::string& name : t.default_roles) {
            if (auto key = resolve_default_role(t.id, name)) referenced.insert(*key);
        }
    }
    std::vector<std::string> unmanaged;
    for (const model::Role& l : m_live.roles) {
        const std::string key = role_key(l);
        if (m_desired_roles.count(key) || referenced.count(key)) continue;
        // Descope's built-in role (R5) belongs to Descope: never pruned, never "unmanaged".
        if (model::is_builtin_role(l)) continue;
        // Roles of undeclared tenants belong to those tenants; roles of a replaced tenant go
        // away with it.
        if (!l.tenant_id.empty() &&
            (!m_desired_tenants.count(l.tenant_id) || tenant_recreated(l.tenant_id))) {
            continue;
        }
        if (!prunes(model::PruneType::roles)) {
            unmanaged.push_back(key);
            continue;
        }
        Change c;
        c.action = Action::remove;
        c.kind = ResourceKind::role;
        c.key = key;
        c.live = l;
        m_role_changes[key] = m_graph.add(std::move(c));
    }
    note_unmanaged(unmanaged.size(), "role", "roles", unmanaged);
}

void Differ::order_releases() {
    auto is_removed = [this](const std::map<std::string, Id>& changes, const std::string& key) {
        const auto it = changes.find(key);
        return it != changes.end() && m_graph.at(it->second).action == Action::remove;
    };
    // Deleting a role removes its name from the default roles of every tenant that can see it
    // (every tenant, for a project role). So a tenant that drops the role releases it before the
    // delete, and a tenant that still names that name (its own role of the same name, say) sets
    // its default roles after the delete, even when they look right now.
    for (const auto& [key, role_change] : m_role_changes) {
        const Change& rc = m_graph.at(role_change);
        if (rc.action != Action::remove || !rc.live) continue;
        const model::Role& gone = std::get<model::Role>(*rc.live);
        for (const model::Tenant& t : m_desired.tenants) {
            if (!gone.tenant_id.empty() && gone.tenant_id != t.id) continue;
            const auto dr = m_default_roles_changes.find(t.id);
            if (dr == m_default_roles_changes.end()) continue;
            const auto& wanted = t.default_roles;
            if (std::find(wanted.begin(), wanted.end(), gone.name) != wanted.end()) {
                Change& c = m_graph.change(dr->second);
                if (c.action == Action::no_op) {
                    c.action = Action::update;
                    c.desired = t;
                    c.reason = fmt::format(
                        "deleting role {} removes \"{}\" from the default roles of the tenants "
                        "that see it, so they are set again afterwards",
                        key, gone.name);
                }
                m_graph.depend(dr->second, role_change);
            } else if (m_graph.at(dr->second).action == Action::update) {
                m_graph.depend(role_change, dr->second);
            }
        }
    }
    // A role stops using a permission before the permission is deleted.
    for (const auto& [key, change_id] : m_role_changes) {
        const Change& c = m_graph.at(change_id);
        if ((c.action != Action::update && c.action != Action::remove) || !c.live) continue;
        for (const std::string& p : std::get<model::Role>(*c.live).permissions) {
            if (is_removed(m_permission_changes, p)) {
                m_graph.depend(m_permission_changes[p], change_id);
            }
        }
    }
}

}  // namespace descope_mgmt::plan::detail
