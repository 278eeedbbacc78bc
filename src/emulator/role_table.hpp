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
    using TenantExists = std::function<bool(const std::string&)>;

    RoleTable(IdGenerator& ids, std::function<std::int64_t()> now_seconds);
    ~RoleTable();
    RoleTable(RoleTable&&) noexcept;
    RoleTable& operator=(RoleTable&&) noexcept;

    /// role/create: answers the stored role. A tenantId must satisfy `tenant_exists`.
    Reply create(const nlohmann::json& body, const TenantExists& tenant_exists);
    /// role/update (by id, or by name within tenantId): full replace, rename via newName.
    util::Result<RoleRename, StoreError> update(const nlohmann::json& body);
    /// role/delete (by id, or by name within tenantId).
    util::Result<RoleRename, StoreError> remove(const nlohmann::json& body);
    /// GET role/all: {"roles":[...]}, project and tenant roles, in creation order.
    Reply all() const;
    /// role/search: tenantIds (+ includeProjectRoles), roleNames, roleNameLike, roleIds,
    /// permissionNames, text; {"roles":[...]}.
    Reply search(const nlohmann::json& body) const;
    /// Whether `name` is a project role or a role of tenant `tenant_id`.
    bool visible_to_tenant(const std::string& tenant_id, const std::string& name) const;
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
};

}  // namespace descope_mgmt::emulator
