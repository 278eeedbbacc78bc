#include "model/builtins.hpp"

#include <algorithm>
#include <array>

namespace descope_mgmt::model {

namespace {

constexpr std::array<std::string_view, 1> kRoles{"Tenant Admin"};
constexpr std::array<std::string_view, 3> kPermissions{"SSO Admin", "User Admin", "Impersonate"};

bool contains(std::span<const std::string_view> names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

std::span<const std::string_view> builtin_role_names() {
    return kRoles;
}
std::span<const std::string_view> builtin_permission_names() {
    return kPermissions;
}

bool is_builtin_role_name(std::string_view name) {
    return contains(kRoles, name);
}
bool is_builtin_role(const Role& role) {
    return role.tenant_id.empty() && is_builtin_role_name(role.name);
}

bool is_builtin_permission_name(std::string_view name) {
    return contains(kPermissions, name);
}
bool is_builtin_permission(const Permission& permission) {
    return permission.system_default || is_builtin_permission_name(permission.name);
}

}  // namespace descope_mgmt::model
