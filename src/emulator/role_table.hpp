#pragma once
// A project's roles and permissions (descope-api.md §6). Roles are keyed by (tenantId, name):
// names are unique per scope. A role's permissionNames must name existing permissions; renaming
// or deleting a permission is reflected in every role.

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "emulator/id_generator.hpp"
#include "emulator/visibility_lag.hpp"
#include "emulator/wire_schema.hpp"

namespace descope_mgmt::emulator {

/// What happened to a role's name, so tenants' defaultRoles can follow it.
struct RoleRename {
    std::string tenant_id;  // "" = project-scoped role
    std::string from;
    std::string to;  // "" = the role was deleted
};

class RoleTable {
  public:
    /// Passes a role's tenantId, or says why not (unknown, or not visible yet).
    using TenantCheck = std::function<util::Result<void, StoreError>(const std::string&)>;

    /// `lag` hides new roles and permissions for a while (R7); it must outlive the table.
    RoleTable(IdGenerator& ids, std::function<std::int64_t()> now_seconds, VisibilityLag& lag);
    ~RoleTable();
    RoleTable(RoleTable&&) noexcept;
    RoleTable& operator=(RoleTable&&) noexcept;

    /// Adds Descope's built-ins (R5): the permissions SSO Admin, User Admin and Impersonate
    /// (systemDefault true) and the project role Tenant Admin holding them. For a new project.
    void seed_builtins();

    /// role/create: answers the stored role. A tenantId must pass `check_tenant`; a permission
    /// that does not exist is invalid, one created within the lag is not found.
    Reply create(const nlohmann::json& body, const TenantCheck& check_tenant);
    /// role/update (by id, or by name within tenantId): full replace, rename via newName.
    util::Result<RoleRename, StoreError> update(const nlohmann::json& body);
    /// role/delete (by id, or by name within tenantId).
    util::Result<RoleRename, StoreError> remove(const nlohmann::json& body);
    /// GET role/all: {"roles":[...]}, project and tenant roles, in creation order.
    Reply all() const;
    /// role/search: tenantIds (+ includeProjectRoles), roleNames, roleNameLike, roleIds,
    /// permissionNames, text; {"roles":[...]}.
    Reply search(const nlohmann::json& body) const;
    /// Passes when `name` is a project role or a role of tenant `tenant_id`, visible yet; else
    /// invalid_argument (no such role) or not_found (created within the lag).
    util::Result<void, StoreError> check_default_role(const std::string& tenant_id,
                                                      const std::string& name) const;
    /// Drops the roles scoped to any of `tenant_ids` (their tenants were deleted).
    void remove_tenant_scopes(const std::vector<std::string>& tenant_ids);

    Reply create_permission(const nlohmann::json& body);
    Reply update_permission(const nlohmann::json& body);
    Reply remove_permission(const nlohmann::json& body);
    /// GET permission/all: {"permissions":[...]} in creation order.
    Reply all_permissions() const;

    /// {"roles":[...],"permissions":[...]} for the state file, and back (replaces the content).
    nlohmann::json to_json() const;
    util::Result<void, StoreError> load_json(const nlohmann::json& data);

  private:
    struct Rows;
    std::unique_ptr<Rows> m_rows;
    IdGenerator* m_ids;
    std::function<std::int64_t()> m_now_seconds;
    VisibilityLag* m_lag;
};

}  // namespace descope_mgmt::emulator
