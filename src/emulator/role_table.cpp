#include "emulator/role_table.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace descope_mgmt::emulator {

namespace {

using nlohmann::json;
using FT = FieldType;

constexpr FieldSpec kRoleFields[] = {
    {"id", FT::string},           {"name", FT::string},
    {"description", FT::string},  {"permissionNames", FT::string_list},
    {"createdTime", FT::integer}, {"tenantId", FT::string},
    {"default", FT::boolean},     {"private", FT::boolean},
};
// What role/update replaces (name and tenantId identify the role).
constexpr FieldSpec kRoleUpdateFields[] = {
    {"description", FT::string},
    {"permissionNames", FT::string_list},
    {"default", FT::boolean},
    {"private", FT::boolean},
};
constexpr FieldSpec kPermissionFields[] = {
    {"name", FT::string}, {"description", FT::string}, {"systemDefault", FT::boolean}};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool contains(const std::vector<std::string>& list, const json& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

struct RoleTable::Rows {
    std::vector<json> roles;        // creation order
    std::vector<json> permissions;  // creation order

    json* find_role(const std::string& id, const std::string& tenant_id, const std::string& name) {
        for (auto& r : roles) {
            if (!id.empty() ? r["id"] == id : (r["tenantId"] == tenant_id && r["name"] == name)) {
                return &r;
            }
        }
        return nullptr;
    }
    json* find_permission(const std::string& name) {
        for (auto& p : permissions) {
            if (p["name"] == name) return &p;
        }
        return nullptr;
    }
    util::Result<void, StoreError> check_permissions(const json& names) {
        for (const auto& n : names) {
            if (find_permission(n) == nullptr) {
                return fail(ErrorKind::invalid_argument,
                            "Permission '" + n.get<std::string>() + "' does not exist");
            }
        }
        return {};
    }
    // Finds the role a role/update or role/delete body names (by id, or name within tenantId).
    util::Result<json*, StoreError> target(const json& body) {
        auto id = string_field(body, "id");
        auto name = string_field(body, "name");
        auto tenant = string_field(body, "tenantId");
        if (!id) return util::unexpected(id.error());
        if (!name) return util::unexpected(name.error());
        if (!tenant) return util::unexpected(tenant.error());
        if (id->empty() && name->empty()) return missing("name");
        json* role = find_role(*id, *tenant, *name);
        if (role == nullptr) {
            return fail(ErrorKind::not_found,
                        "Role '" + (id->empty() ? *name : *id) + "' not found");
        }
        return role;
    }
};

RoleTable::RoleTable(IdGenerator& ids, std::function<std::int64_t()> now_seconds)
    : m_rows(std::make_unique<Rows>()), m_ids(&ids), m_now_seconds(std::move(now_seconds)) {}
RoleTable::~RoleTable() = default;
RoleTable::RoleTable(RoleTable&&) noexcept = default;
RoleTable& RoleTable::operator=(RoleTable&&) noexcept = default;

Reply RoleTable::create(const json& body, const TenantExists& tenant_exists) {
    auto role = normalize(body, kRoleFields);
    if (!role) return util::unexpected(role.error());
    json& r = *role;
    const std::string name = r["name"];
    const std::string tenant = r["tenantId"];
    if (name.empty()) return missing("name");
    if (!tenant.empty() && !tenant_exists(tenant)) {
        return fail(ErrorKind::invalid_argument, "Tenant '" + tenant + "' does not exist");
    }
    if (m_rows->find_role("", tenant, name) != nullptr) {
        return fail(ErrorKind::duplicate, "Role '" + name + "' already exists");
    }
    if (auto ok = m_rows->check_permissions(r["permissionNames"]); !ok) {
        return util::unexpected(ok.error());
    }
    r["id"] = m_ids->next('R');
    r["createdTime"] = m_now_seconds();
    m_rows->roles.push_back(r);
    return r;
}

util::Result<RoleRename, StoreError> RoleTable::update(const json& body) {
    auto role = m_rows->target(body);
    if (!role) return util::unexpected(role.error());
    auto new_name = string_field(body, "newName");
    if (!new_name) return util::unexpected(new_name.error());
    if (new_name->empty()) return missing("newName");
    auto request = normalize(body, kRoleUpdateFields);
    if (!request) return util::unexpected(request.error());
    json& r = **role;
    RoleRename rename{r["tenantId"], r["name"], *new_name};
    if (rename.from != rename.to && m_rows->find_role("", rename.tenant_id, rename.to) != nullptr) {
        return fail(ErrorKind::duplicate, "Role '" + rename.to + "' already exists");
    }
    if (auto ok = m_rows->check_permissions((*request)["permissionNames"]); !ok) {
        return util::unexpected(ok.error());
    }
    for (const auto& field : kRoleUpdateFields)
        r[field.name] = (*request)[field.name];
    r["name"] = rename.to;
    return rename;
}

util::Result<RoleRename, StoreError> RoleTable::remove(const json& body) {
    auto role = m_rows->target(body);
    if (!role) return util::unexpected(role.error());
    RoleRename rename{(**role)["tenantId"], (**role)["name"], ""};
    auto& roles = m_rows->roles;
    roles.erase(roles.begin() + (*role - roles.data()));
    return rename;
}

Reply RoleTable::all() const {
    return json{{"roles", m_rows->roles}};
}

Reply RoleTable::search(const json& body) const {
    auto tenant_ids = string_list_field(body, "tenantIds");
    auto names = string_list_field(body, "roleNames");
    auto ids = string_list_field(body, "roleIds");
    auto permissions = string_list_field(body, "permissionNames");
    auto like = string_field(body, "roleNameLike");
    auto text = string_field(body, "text");
    for (const StoreError* e :
         {tenant_ids ? nullptr : &tenant_ids.error(), names ? nullptr : &names.error(),
          ids ? nullptr : &ids.error(), permissions ? nullptr : &permissions.error(),
          like ? nullptr : &like.error(), text ? nullptr : &text.error()}) {
        if (e != nullptr) return util::unexpected(*e);
    }
    const bool include_project_roles = body.value("includeProjectRoles", false) == true;
    json out = json::array();
    for (const auto& r : m_rows->roles) {
        if (!tenant_ids->empty()) {
            const bool project_role = r["tenantId"] == "";
            if (!contains(*tenant_ids, r["tenantId"]) && !(project_role && include_project_roles)) {
                continue;
            }
        }
        if (!names->empty() && !contains(*names, r["name"])) continue;
        if (!ids->empty() && !contains(*ids, r["id"])) continue;
        if (!like->empty() && lower(r["name"]).find(lower(*like)) == std::string::npos) continue;
        if (!text->empty() && lower(r["name"]).find(lower(*text)) == std::string::npos &&
            lower(r["description"]).find(lower(*text)) == std::string::npos) {
            continue;
        }
        if (!permissions->empty() &&
            std::none_of(r["permissionNames"].begin(), r["permissionNames"].end(),
                         [&](const json& p) { return contains(*permissions, p); })) {
            continue;
        }
        out.push_back(r);
    }
    return json{{"roles", std::move(out)}};
}

bool RoleTable::visible_to_tenant(const std::string& tenant_id, const std::string& name) const {
    return std::any_of(m_rows->roles.begin(), m_rows->roles.end(), [&](const json& r) {
        return r["name"] == name && (r["tenantId"] == "" || r["tenantId"] == tenant_id);
    });
}

void RoleTable::remove_tenant_scopes(const std::vector<std::string>& tenant_ids) {
    auto& roles = m_rows->roles;
    roles.erase(std::remove_if(roles.begin(), roles.end(),
                               [&](const json& r) { return contains(tenant_ids, r["tenantId"]); }),
                roles.end());
}

Reply RoleTable::create_permission(const json& body) {
    auto permission = normalize(body, kPermissionFields);
    if (!permission) return util::unexpected(permission.error());
    const std::string name = (*permission)["name"];
    if (name.empty()) return missing("name");
    if (m_rows->find_permission(name) != nullptr) {
        return fail(ErrorKind::duplicate, "Permission '" + name + "' already exists");
    }
    (*permission)["systemDefault"] = false;
    m_rows->permissions.push_back(std::move(*permission));
    return json::object();
}

Reply RoleTable::update_permission(const json& body) {
    auto name = string_field(body, "name");
    auto new_name = string_field(body, "newName");
    auto description = string_field(body, "description");
    if (!name) return util::unexpected(name.error());
    if (!new_name) return util::unexpected(new_name.error());
    if (!description) return util::unexpected(description.error());
    if (name->empty()) return missing("name");
    if (new_name->empty()) return missing("newName");
    json* permission = m_rows->find_permission(*name);
    if (permission == nullptr)
        return fail(ErrorKind::not_found, "Permission '" + *name + "' not found");
    if (*new_name != *name && m_rows->find_permission(*new_name) != nullptr) {
        return fail(ErrorKind::duplicate, "Permission '" + *new_name + "' already exists");
    }
    (*permission)["name"] = *new_name;
    (*permission)["description"] = *description;
    for (auto& r : m_rows->roles) {
        for (auto& p : r["permissionNames"]) {
            if (p == *name) p = *new_name;
        }
    }
    return json::object();
}

Reply RoleTable::remove_permission(const json& body) {
    auto name = string_field(body, "name");
    if (!name) return util::unexpected(name.error());
    if (name->empty()) return missing("name");
    auto& permissions = m_rows->permissions;
    json* permission = m_rows->find_permission(*name);
    if (permission == nullptr)
        return fail(ErrorKind::not_found, "Permission '" + *name + "' not found");
    permissions.erase(permissions.begin() + (permission - permissions.data()));
    for (auto& r : m_rows->roles) {
        auto& list = r["permissionNames"];
        list.erase(std::remove(list.begin(), list.end(), json(*name)), list.end());
    }
    return json::object();
}

Reply RoleTable::all_permissions() const {
    return json{{"permissions", m_rows->permissions}};
}

json RoleTable::to_json() const {
    return json{{"roles", m_rows->roles}, {"permissions", m_rows->permissions}};
}

util::Result<void, StoreError> RoleTable::load_json(const json& data) {
    Rows rows;
    if (!data.is_object()) return fail(ErrorKind::bad_request, "roles must be an object");
    for (const auto& r : data.value("roles", json::array())) {
        auto role = normalize(r, kRoleFields);
        if (!role) return util::unexpected(role.error());
        rows.roles.push_back(std::move(*role));
    }
    for (const auto& p : data.value("permissions", json::array())) {
        auto permission = normalize(p, kPermissionFields);
        if (!permission) return util::unexpected(permission.error());
        rows.permissions.push_back(std::move(*permission));
    }
    *m_rows = std::move(rows);
    return {};
}

}  // namespace descope_mgmt::emulator
