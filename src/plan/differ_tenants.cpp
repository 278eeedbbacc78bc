// The tenant part of the diff engine: tenants, their deletions and name order, and the
// separate session-settings and default-roles changes.

#include <fmt/format.h>

#include "plan/differ_impl.hpp"
#include "plan/field_diff.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::plan::detail {

void Differ::plan_tenants() {
    std::map<std::string, std::vector<std::string>> live_children;
    for (const model::Tenant& t : m_live.tenants) {
        if (!t.parent.empty()) live_children[t.parent].push_back(t.id);
    }
    for (const model::Tenant& t : m_desired.tenants) {
        if (!t.parent.empty()) {
            if (t.parent == t.id) {
                problem(fmt::format("tenant {}: a tenant cannot be its own parent", t.id));
            } else if (!m_desired_tenants.count(t.parent) && !m_live_tenants.count(t.parent)) {
                problem(fmt::format(
                    "tenant {}: parent \"{}\" is neither declared for this environment nor "
                    "present in the project",
                    t.id, t.parent));
            }
        }
        Change c;
        c.kind = ResourceKind::tenant;
        c.key = t.id;
        const auto live = m_live_tenants.find(t.id);
        if (live == m_live_tenants.end()) {
            c.action = Action::create;
            c.desired = t;
            c.fields = tenant_fields(nullptr, t);
        } else {
            const model::Tenant& l = *live->second;
            c.live = l;
            c.fields = tenant_fields(&l, t);
            if (l.parent != t.parent) {
                c.action = Action::replace;
                c.desired = t;
                c.reason = fmt::format(
                    "parent changes from \"{}\" to \"{}\" and Descope sets a tenant's parent only "
                    "when it is created: the tenant is deleted and created again, and loses its "
                    "users' memberships, its roles and its settings",
                    l.parent, t.parent);
                const auto children = live_children.find(t.id);
                if (children != live_children.end()) {
                    problem(fmt::format(
                        "tenant {}: its parent changes from \"{}\" to \"{}\", which needs the "
                        "tenant deleted and created again, but it has child tenants ({}); move or "
                        "delete them first",
                        t.id, l.parent, t.parent, util::join(children->second, ", ")));
                }
            } else if (!c.fields.empty()) {
                c.action = Action::update;
                c.desired = t;
            }
        }
        m_tenant_changes[t.id] = m_graph.add(std::move(c));
    }
    // Parents before children.
    for (const model::Tenant& t : m_desired.tenants) {
        if (!t.parent.empty() && tenant_recreated(t.parent)) {
            m_graph.depend(m_tenant_changes[t.id], m_tenant_changes[t.parent]);
        }
    }
}

void Differ::plan_tenant_deletions() {
    // Undeclared tenants that declared objects refer to are kept, with their ancestors (a parent
    // cannot be deleted while it has children).
    std::set<std::string> kept;
    auto keep_with_ancestors = [&](std::string id) {
        // Declared tenants will have their declared parent; undeclared ones keep their live one.
        while (!id.empty() && kept.insert(id).second) {
            if (const auto d = m_desired_tenants.find(id); d != m_desired_tenants.end()) {
                id = d->second->parent;
            } else if (const auto l = m_live_tenants.find(id); l != m_live_tenants.end()) {
                id = l->second->parent;
            } else {
                break;
            }
        }
    };
    for (const model::Tenant& t : m_desired.tenants)
        keep_with_ancestors(t.parent);
    for (const model::Role& r : m_desired.roles)
        keep_with_ancestors(r.tenant_id);

    std::vector<std::string> unmanaged;
    for (const model::Tenant& l : m_live.tenants) {
        if (m_desired_tenants.count(l.id)) continue;
        if (kept.count(l.id) && prunes(model::PruneType::tenants)) {
            m_notes.push_back(fmt::format(
                "tenant {} is not in the config but is kept: declared objects refer to it", l.id));
            continue;
        }
        if (!prunes(model::PruneType::tenants)) {
            unmanaged.push_back(l.id);
            continue;
        }
        Change c;
        c.action = Action::remove;
        c.kind = ResourceKind::tenant;
        c.key = l.id;
        c.live = l;
        m_tenant_changes[l.id] = m_graph.add(std::move(c));
    }
    // Children before parents: a child that is deleted, or replaced to move under another
    // parent, must be gone before its live parent is deleted.
    for (const model::Tenant& l : m_live.tenants) {
        if (l.parent.empty() || !tenant_deleted(l.parent)) continue;
        const auto child = m_tenant_changes.find(l.id);
        if (child == m_tenant_changes.end()) continue;
        const Action a = m_graph.at(child->second).action;
        if (a == Action::remove || a == Action::replace) {
            m_graph.depend(m_tenant_changes[l.parent], child->second);
        }
    }
    note_unmanaged(unmanaged.size(), "tenant", "tenants", unmanaged);
}

void Differ::order_tenant_names() {
    // Tenant names are unique in a project: a tenant that takes a name another tenant holds now
    // must wait until that one is deleted or renamed.
    std::map<std::string, std::string> holder_of;
    for (const model::Tenant& l : m_live.tenants)
        holder_of[l.name] = l.id;
    for (const model::Tenant& t : m_desired.tenants) {
        const Id id = m_tenant_changes[t.id];
        if (m_graph.at(id).action == Action::no_op) continue;
        const auto h = holder_of.find(t.name);
        if (h == holder_of.end() || h->second == t.id) continue;
        const std::string& holder = h->second;
        const auto desired_holder = m_desired_tenants.find(holder);
        if (tenant_deleted(holder)) {
            m_graph.depend(id, m_tenant_changes[holder]);
        } else if (desired_holder != m_desired_tenants.end()) {
            if (desired_holder->second->name == t.name) {
                problem(fmt::format("tenants {} and {} are both named \"{}\"; names are unique",
                                    t.id, holder, t.name));
            } else {
                m_graph.depend(id, m_tenant_changes[holder]);
            }
        } else {
            problem(fmt::format(
                "tenant {}: the name \"{}\" is used by tenant {}, which is not in the config; "
                "rename one of them or delete {} (--prune tenants)",
                t.id, t.name, holder, holder));
        }
    }
}

void Differ::check_session_lifetimes(const model::Tenant& t, const model::Tenant* live) {
    // The settings POST replaces the whole record and turns custom token lifetimes on as soon
    // as one is sent; the lifetimes the config leaves out are sent as they are live. When they
    // are off live there is nothing to send for them, and a zero is refused (R3,
    // docs/real-service.md).
    const model::SessionSettings& d = *t.session_settings;
    const bool turns_on =
        d.refresh_token_expiration || d.session_token_expiration || d.stepup_token_expiration;
    const model::SessionSettings* l =
        live && live->session_settings ? &*live->session_settings : nullptr;
    const bool on_live = l && (l->refresh_token_expiration || l->session_token_expiration ||
                               l->stepup_token_expiration);
    if (!turns_on || on_live) return;
    std::vector<std::string> missing;
    if (!d.refresh_token_expiration) missing.emplace_back("refresh_token_expiration");
    if (!d.session_token_expiration) missing.emplace_back("session_token_expiration");
    if (missing.empty()) return;
    problem(fmt::format(
        "tenant {}: session_settings: custom token lifetimes are off for this tenant in Descope, "
        "and turning them on needs both; declare {}",
        t.id, util::join(missing, " and ")));
}

void Differ::plan_tenant_parts() {
    for (const model::Tenant& t : m_desired.tenants) {
        const Id tenant_change = m_tenant_changes[t.id];
        const bool recreated = tenant_recreated(t.id);
        const auto live_it = m_live_tenants.find(t.id);
        const model::Tenant* live =
            recreated || live_it == m_live_tenants.end() ? nullptr : live_it->second;

        if (t.session_settings) {
            Change c;
            c.kind = ResourceKind::tenant_settings;
            c.key = t.id;
            if (live == nullptr) {
                c.fields = session_settings_fields(nullptr, *t.session_settings);
                if (!c.fields.empty()) c.action = Action::create;
            } else {
                const model::SessionSettings defaults;
                c.live = *live;
                c.fields = session_settings_fields(
                    live->session_settings ? &*live->session_settings : &defaults,
                    *t.session_settings);
                if (!c.fields.empty()) c.action = Action::update;
            }
            if (c.action != Action::no_op) {
                c.desired = t;
                check_session_lifetimes(t, live);
            }
            // A new tenant starts with Descope's defaults: nothing to show when they match.
            if (live != nullptr || c.action != Action::no_op) {
                const Id id = m_graph.add(std::move(c));
                m_graph.depend(id, tenant_change);
            }
        }

        std::vector<Id> role_creates;
        for (const std::string& name : t.default_roles) {
            const auto key = resolve_default_role(t.id, name);
            if (!key) {
                problem(fmt::format(
                    "tenant {}: default role \"{}\" is neither declared for this environment nor "
                    "present in the project",
                    t.id, name));
                continue;
            }
            const auto rc = m_role_changes.find(*key);
            if (rc != m_role_changes.end() && m_graph.at(rc->second).action == Action::create) {
                role_creates.push_back(rc->second);
            }
        }
        Change c;
        c.kind = ResourceKind::tenant_default_roles;
        c.key = t.id;
        if (live == nullptr) {
            if (t.default_roles.empty()) continue;
            c.action = Action::create;
            c.fields = default_roles_fields(nullptr, t.default_roles);
        } else {
            c.live = *live;
            c.fields = default_roles_fields(&live->default_roles, t.default_roles);
            if (!c.fields.empty()) {
                c.action = Action::update;
            } else if (t.default_roles.empty()) {
                continue;
            }
        }
        if (c.action != Action::no_op) c.desired = t;
        const Id id = m_graph.add(std::move(c));
        m_default_roles_changes[t.id] = id;
        m_graph.depend(id, tenant_change);
        for (Id r : role_creates)
            m_graph.depend(id, r);
    }
}

}  // namespace descope_mgmt::plan::detail
