#include "plan/differ.hpp"

#include <fmt/format.h>

#include "model/builtins.hpp"
#include "plan/differ_impl.hpp"
#include "plan/field_diff.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::plan {

namespace detail {

Differ::Differ(const model::DesiredState& desired, const model::LiveState& live,
               const PlanOptions& options)
    : m_desired(desired), m_live(live), m_options(options) {
    for (const auto& p : live.permissions)
        m_live_permissions.emplace(p.name, &p);
    for (const auto& p : desired.permissions)
        m_desired_permissions.emplace(p.name, &p);
    for (const auto& r : live.roles)
        m_live_roles.emplace(role_key(r), &r);
    for (const auto& r : desired.roles)
        m_desired_roles.emplace(role_key(r), &r);
    for (const auto& t : live.tenants)
        m_live_tenants.emplace(t.id, &t);
    for (const auto& t : desired.tenants)
        m_desired_tenants.emplace(t.id, &t);
}

util::Result<EnvironmentPlan, diag::Diagnostics> Differ::run() {
    plan_project();
    plan_permissions();
    plan_tenants();  // before roles: tenant-scoped roles need to know their tenant's fate
    plan_tenant_deletions();
    order_tenant_names();
    plan_roles();
    plan_tenant_parts();  // default roles need the role changes
    plan_role_deletions();
    order_releases();
    plan_flows();  // no dependencies on other resources
    plan_theme();

    diag::Diagnostics problems;
    for (const auto& p : m_problems)
        problems.error(fmt::format("{}: {}", m_desired.environment, p));
    if (problems.has_errors()) return util::unexpected(std::move(problems));
    auto ordered = m_graph.take_ordered();
    if (!ordered) {
        problems.error(fmt::format("{}: {}", m_desired.environment, ordered.error().message));
        return util::unexpected(std::move(problems));
    }
    EnvironmentPlan plan;
    plan.environment = m_desired.environment;
    plan.changes = select_targets(std::move(*ordered), m_options.targets);
    if (m_options.targets.empty()) plan.notes = std::move(m_notes);
    return plan;
}

void Differ::plan_project() {
    if (!m_desired.project_name) return;
    Change c;
    c.kind = ResourceKind::project;
    c.key = "name";
    c.live = ProjectName{m_live.project_name};
    if (*m_desired.project_name != m_live.project_name) {
        c.action = Action::update;
        c.desired = ProjectName{*m_desired.project_name};
        c.fields.push_back({"name", m_live.project_name, *m_desired.project_name});
    }
    m_graph.add(std::move(c));
}

void Differ::plan_permissions() {
    for (const model::Permission& p : m_desired.permissions) {
        Change c;
        c.kind = ResourceKind::permission;
        c.key = p.name;
        const auto live = m_live_permissions.find(p.name);
        if (live == m_live_permissions.end()) {
            c.action = Action::create;
            c.desired = p;
            c.fields = permission_fields(nullptr, p);
        } else {
            c.live = *live->second;
            c.fields = permission_fields(live->second, p);
            if (!c.fields.empty()) {
                c.action = Action::update;
                c.desired = p;
            }
        }
        m_permission_changes[p.name] = m_graph.add(std::move(c));
    }
    // Permissions that a declared role uses are kept even when undeclared.
    std::set<std::string> used;
    for (const model::Role& r : m_desired.roles)
        used.insert(r.permissions.begin(), r.permissions.end());
    std::vector<std::string> unmanaged;
    for (const model::Permission& p : m_live.permissions) {
        if (m_desired_permissions.count(p.name) || used.count(p.name)) continue;
        // Descope's built-ins (R5) belong to Descope: never pruned, never "unmanaged".
        if (model::is_builtin_permission(p)) continue;
        if (!prunes(model::PruneType::permissions)) {
            unmanaged.push_back(p.name);
            continue;
        }
        Change c;
        c.action = Action::remove;
        c.kind = ResourceKind::permission;
        c.key = p.name;
        c.live = p;
        m_permission_changes[p.name] = m_graph.add(std::move(c));
    }
    note_unmanaged(unmanaged.size(), "permission", "permissions", unmanaged);
}

void Differ::note_unmanaged(std::size_t count, const char* what, const char* prune_type,
                            const std::vector<std::string>& examples) {
    if (count == 0) return;
    std::vector<std::string> shown(examples.begin(),
                                   examples.begin() + std::min<std::size_t>(examples.size(), 5));
    std::string list = util::join(shown, ", ");
    if (examples.size() > shown.size()) list += ", ...";
    m_notes.push_back(
        fmt::format("{} {}{} not in the config {} left alone ({}); --prune {} would delete {}",
                    count, what, count == 1 ? "" : "s", count == 1 ? "is" : "are", list, prune_type,
                    count == 1 ? "it" : "them"));
}

bool Differ::tenant_recreated(const std::string& id) const {
    const auto it = m_tenant_changes.find(id);
    if (it == m_tenant_changes.end()) return false;
    const Action a = m_graph.at(it->second).action;
    return a == Action::create || a == Action::replace;
}

bool Differ::tenant_deleted(const std::string& id) const {
    const auto it = m_tenant_changes.find(id);
    return it != m_tenant_changes.end() && m_graph.at(it->second).action == Action::remove;
}

}  // namespace detail

util::Result<EnvironmentPlan, diag::Diagnostics> diff(const model::DesiredState& desired,
                                                      const model::LiveState& live,
                                                      const PlanOptions& options) {
    return detail::Differ(desired, live, options).run();
}

util::Result<void> check_max_deletes(const EnvironmentPlan& plan, std::size_t max_deletes) {
    const std::size_t n = plan.deletions();
    if (n <= max_deletes) return {};
    std::vector<std::string> names;
    for (const Change& c : plan.changes) {
        if (c.action == Action::remove || c.action == Action::replace) names.push_back(c.address());
    }
    if (names.size() > 10) {
        names.resize(10);
        names.emplace_back("...");
    }
    return util::error(fmt::format(
        "{}: the plan deletes {} object{} ({}), more than --max-deletes {}; nothing was changed",
        plan.environment, n, n == 1 ? "" : "s", util::join(names, ", "), max_deletes));
}

std::vector<std::string> target_addresses(const model::DesiredState& desired,
                                          const model::LiveState& live) {
    std::set<std::string> out;
    if (desired.project_name) out.insert("project");
    for (const auto& p : desired.permissions)
        out.insert("permission:" + p.name);
    for (const auto& p : live.permissions)
        out.insert("permission:" + p.name);
    for (const auto& r : desired.roles)
        out.insert("role:" + role_key(r));
    for (const auto& r : live.roles)
        out.insert("role:" + role_key(r));
    for (const auto& t : desired.tenants)
        out.insert("tenant:" + t.id);
    for (const auto& t : live.tenants)
        out.insert("tenant:" + t.id);
    for (const auto& f : desired.flows)
        out.insert("flow:" + f.id);
    if (desired.theme) out.insert("theme");
    return {out.begin(), out.end()};
}

}  // namespace descope_mgmt::plan
