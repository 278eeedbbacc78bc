#pragma once
// Permissions on the wire (descope-api.md §6): {name, description, systemDefault}.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "model/resources.hpp"
#include "util/result.hpp"

namespace descope_mgmt::wire {

/// Reads one permission object; `path` prefixes error messages.
util::Result<model::Permission> permission_from_json(const nlohmann::json& object,
                                                     const std::string& path = "");

/// `GET /v1/mgmt/permission/all` answer {"permissions":[...]} -> permissions.
util::Result<std::vector<model::Permission>> parse_permission_list(const nlohmann::json& body);

/// `POST /v1/mgmt/permission/create` body {name, description}.
nlohmann::json permission_create_body(const model::Permission& permission);

/// `POST /v1/mgmt/permission/update` body {name, newName, description} (replaces the record).
nlohmann::json permission_update_body(const std::string& name, const model::Permission& permission);

/// `POST /v1/mgmt/permission/delete` body {name}.
nlohmann::json permission_delete_body(const std::string& name);

}  // namespace descope_mgmt::wire
