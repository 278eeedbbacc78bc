#pragma once
// Descope's built-in roles and permissions (docs/real-service.md, R5): every project starts with
// the role "Tenant Admin" and the permissions "SSO Admin", "User Admin" and "Impersonate"
// (docs.descope.com/role-based-access-control, "Preconfigured Roles and Permissions"); the live
// permissions answer systemDefault: true. A config may refer to them without declaring them, and
// they are never deleted, not even with --prune.

#include <span>
#include <string>
#include <string_view>

#include "model/resources.hpp"

namespace descope_mgmt::model {

/// The project-level role names every Descope project is created with.
std::span<const std::string_view> builtin_role_names();
/// The permission names every Descope project is created with.
std::span<const std::string_view> builtin_permission_names();

/// A project-level role with a built-in name.
bool is_builtin_role(const Role& role);
bool is_builtin_role_name(std::string_view name);
/// A permission the live service marks systemDefault, or one with a built-in name.
bool is_builtin_permission(const Permission& permission);
bool is_builtin_permission_name(std::string_view name);

}  // namespace descope_mgmt::model
