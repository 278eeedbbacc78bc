#pragma once
// Roles on the wire (descope-api.md §6): {name, description, permissionNames, tenantId, ...}.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "model/resources.hpp"
#include "util/result.hpp"

namespace descope_mgmt::wire {

/// Reads one role object; `path` prefixes error messages.
util::Result<model::Role> role_from_json(const nlohmann::json& object,
                                         const std::string& path = "");

/// `GET /v1/mgmt/role/all` answer {"roles":[...]} -> roles.
util::Result<std::vector<model::Role>> parse_role_list(const nlohmann::json& body);

/// The raw object of the role (tenant_id, name) in a role/all answer; nullptr when absent.
const nlohmann::json* find_raw_role(const nlohmann::json& body, const std::string& tenant_id,
                                    const std::string& name);

/// `POST /v1/mgmt/role/create` body; "tenantId" only for tenant-scoped roles, "default" and
/// "private" only when declared.
nlohmann::json role_create_body(const model::Role& role);

/// `POST /v1/mgmt/role/update` body {name, newName, description, permissionNames, tenantId?}:
/// the whole record, since update replaces it. "default" and "private" are sent when declared and
/// otherwise copied from `live` (the role's current raw object), so that the replace keeps them.
nlohmann::json role_update_body(const std::string& name, const model::Role& role,
                                const nlohmann::json* live = nullptr);

/// `POST /v1/mgmt/role/delete` body {name, tenantId?}.
nlohmann::json role_delete_body(const std::string& name, const std::string& tenant_id);

}  // namespace descope_mgmt::wire
