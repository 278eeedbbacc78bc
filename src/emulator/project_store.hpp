#pragma once
// One emulated Descope project: its tenants, roles, permissions, flows and theme, with the
// semantics of the management API and none of the HTTP. Operations that touch several tables
// (deleting a tenant drops its roles; renaming a role renames it in defaultRoles) live here;
// single-table operations are reached through tenants(), roles() and flows().
// Not thread-safe: the server serialises access.

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "emulator/flow_table.hpp"
#include "emulator/id_generator.hpp"
#include "emulator/role_table.hpp"
#include "emulator/tenant_table.hpp"
#include "emulator/visibility_lag.hpp"
#include "emulator/wire_schema.hpp"
#include "util/clock.hpp"

namespace descope_mgmt::emulator {

struct StoreOptions {
    /// Wall-clock time in epoch seconds (createdTime, modifiedTime); defaults to the system clock.
    std::function<std::int64_t()> now_seconds;
    /// Seeds the generated tenant and role ids.
    std::uint64_t seed = 0;
    /// R7 (--visibility-lag-ms): new tenants, roles and permissions stay hidden for this long,
    /// timed by `clock` (which must outlive the store). No clock or 0 ms: no lag.
    util::Clock* clock = nullptr;
    std::chrono::milliseconds visibility_lag{0};
    /// R4, R11: tenant custom attributes and --delete-parent.
    TenantPolicy tenants;
    /// R5 (--bare): start without Descope's built-in role and permissions.
    bool bare = false;
};

class ProjectStore {
  public:
    ProjectStore(std::string id, std::string name, StoreOptions options = {});
    ProjectStore(const ProjectStore&) = delete;
    ProjectStore& operator=(const ProjectStore&) = delete;

    const std::string& id() const { return m_id; }
    const std::string& name() const { return m_name; }

    TenantTable& tenants() { return m_tenants; }
    const TenantTable& tenants() const { return m_tenants; }
    RoleTable& roles() { return m_roles; }
    const RoleTable& roles() const { return m_roles; }
    FlowTable& flows() { return m_flows; }
    const FlowTable& flows() const { return m_flows; }

    /// tenant/delete: also drops the roles scoped to every deleted tenant.
    Reply delete_tenant(const nlohmann::json& body);
    /// tenant/updateDefaultRoles: each role must be a project role or one of that tenant's.
    Reply update_default_roles(const nlohmann::json& body);
    /// role/create: a tenantId must name an existing tenant (visible yet, R7).
    Reply create_role(const nlohmann::json& body);
    /// role/update: a rename is reflected in tenants' defaultRoles.
    Reply update_role(const nlohmann::json& body);
    /// role/delete: the role leaves tenants' defaultRoles.
    Reply delete_role(const nlohmann::json& body);

    /// project/update/name {"name"} -> {}.
    Reply update_name(const nlohmann::json& body);
    /// project/update/tags {"tags"} -> {}.
    Reply update_tags(const nlohmann::json& body);
    /// The entry for projects/list: {"id","name","environment","tags"}.
    nlohmann::json project_info() const;

    /// Everything except the key, for the state file; load_json replaces the content with a
    /// document to_json produced (the id is not changed): a project read from a state file has
    /// the built-ins the file has, no more.
    nlohmann::json to_json() const;
    util::Result<void, StoreError> load_json(const nlohmann::json& data);

  private:
    std::string m_id;
    std::string m_name;
    std::vector<std::string> m_tags;
    IdGenerator m_ids;
    VisibilityLag m_lag;
    TenantTable m_tenants;
    RoleTable m_roles;
    FlowTable m_flows;
};

}  // namespace descope_mgmt::emulator
