#pragma once
// Internal to the diff engine (differ*.cpp): the working state of one diff() call.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/state.hpp"
#include "plan/change_graph.hpp"
#include "plan/differ.hpp"

namespace descope_mgmt::plan::detail {

class Differ {
  public:
    Differ(const model::DesiredState& desired, const model::LiveState& live,
           const PlanOptions& options);

    util::Result<EnvironmentPlan, diag::Diagnostics> run();

  private:
    using Id = ChangeGraph::Id;

    // differ.cpp
    void plan_project();
    void plan_permissions();
    bool prunes(model::PruneType t) const { return m_options.prune.count(t) > 0; }
    void problem(std::string message) { m_problems.push_back(std::move(message)); }
    // (collected as text; run() turns them into diagnostics naming the environment)
    void note_unmanaged(std::size_t count, const char* what, const char* prune_type,
                        const std::vector<std::string>& examples);
    // differ_flows.cpp
    void plan_flows();
    void plan_theme();
    // differ_tenants.cpp
    void plan_tenants();
    void plan_tenant_deletions();
    void order_tenant_names();
    /// A problem when `t`'s settings would turn custom token lifetimes on without both of them.
    void check_session_lifetimes(const model::Tenant& t, const model::Tenant* live);
    void plan_tenant_parts();
    // differ_roles.cpp
    void plan_roles();
    void plan_role_deletions();
    void order_releases();
    /// The role a tenant's default role name refers to: the tenant's own role of that name,
    /// else the project role; nullopt when neither is declared nor live.
    std::optional<std::string> resolve_default_role(const std::string& tenant_id,
                                                    const std::string& name) const;

    bool tenant_recreated(const std::string& id) const;  // created or replaced in this plan
    bool tenant_deleted(const std::string& id) const;

    const model::DesiredState& m_desired;
    const model::LiveState& m_live;
    const PlanOptions& m_options;
    ChangeGraph m_graph;
    std::vector<std::string> m_problems;
    std::vector<std::string> m_notes;

    std::map<std::string, const model::Permission*> m_live_permissions;
    std::map<std::string, const model::Permission*> m_desired_permissions;
    std::map<std::string, const model::Role*> m_live_roles;  // by role_key
    std::map<std::string, const model::Role*> m_desired_roles;
    std::map<std::string, const model::Tenant*> m_live_tenants;
    std::map<std::string, const model::Tenant*> m_desired_tenants;

    // Change ids by key, for the edges between resources.
    std::map<std::string, Id> m_permission_changes;
    std::map<std::string, Id> m_role_changes;
    std::map<std::string, Id> m_tenant_changes;
    std::map<std::string, Id> m_default_roles_changes;
};

}  // namespace descope_mgmt::plan::detail
