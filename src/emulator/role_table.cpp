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
    const VisibilityLag* lag = nullptr;

    bool shown_role(const json& r) const {
        return lag->visible(VisibilityLag::role(r["id"].get<std::string>()));
    }
    bool shown_permission(const json& p) const {
        return lag->visible(VisibilityLag::permission(p["name"].get<std::string>()));
    }

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
            const json* p = find_permission(n);
            if (p == nullptr) {
                return fail(ErrorKind::invalid_argument,
                            "Permission '" + n.get<std::string>() + "' does not exist");
            }
            if (!shown_permission(*p)) {
                return fail(ErrorKind::not_found,
                            "Permission '" + n.get<std::string>() + "' not found");
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
        if (role == nullptr || !shown_role(*role)) {
            return fail(ErrorKind::not_found,
                        "Role '" + (id->empty() ? *name : *id) + "' not found");
        }
        return role;
    }
};

RoleTable::RoleTable(IdGenerator& ids, std::function<std::int64_t()> now_seconds,
                     VisibilityLag& lag)
    : m_rows(std::make_unique<Rows>())
    , m_ids(&ids)
    , m_now_seconds(std::move(now_seconds))
    , m_lag(&lag) {
    m_rows->lag = m_lag;
}
RoleTable::~RoleTable() = default;
RoleTable::RoleTable(RoleTable&&) noexcept = default;
RoleTable& RoleTable::operator=(RoleTable&&) noexcept = default;

void RoleTable::seed_builtins() {
    // docs.descope.com/role-based-access-control: Tenant Admin "ha[s] the following required
    // permissions: SSO Admin permission, User Admin permission, Impersonate permission". The
    // descriptions are not published, so they are left empty.
    const json names = {"SSO Admin", "User Admin", "Impersonate"};
    for (const auto& name : names) {
        m_rows->permissions.push_back(
            {{"name", name}, {"description", ""}, {"systemDefault", true}});
    }
    json role = *normalize(json::object(), kRoleFields);
    role["id"] = m_ids->next('R');
    role["name"] = "Tenant Admin";
    role["permissionNames"] = names;
    role["createdTime"] = m_now_seconds();
    m_rows->roles.push_back(std::move(role));
}

Reply RoleTable::create(const json& body, const TenantCheck& check_tenant) {
    auto role = normalize(body, kRoleFields);
    if (!role) return util::unexpected(role.error());
    json& r = *role;
    const std::string name = r["name"];
    const std::string tenant = r["tenantId"];
    if (name.empty()) return missing("name");
    if (!tenant.empty()) {
        if (auto ok = check_tenant(tenant); !ok) return util::unexpected(ok.error());
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
    m_lag->created(VisibilityLag::role(r["id"]));
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
    m_lag->forget(VisibilityLag::role((**role)["id"]));
    auto& roles = m_rows->roles;
    roles.erase(roles.begin() + (*role - roles.data()));
    return rename;
}

Reply RoleTable::all() const {
    json out = json::array();
    for (const auto& r : m_rows->roles) {
        if (m_rows->shown_role(r)) out.push_back(r);
    }
    return json{{"roles", std::move(out)}};
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
        if (!m_rows->shown_role(r)) continue;
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

util::Result<void, StoreError> RoleTable::check_default_role(const std::string& tenant_id,
                                                             const std::string& name) const {
    bool hidden = false;
    for (const auto& r : m_rows->roles) {
        if (r["name"] != name || (r["tenantId"] != "" && r["tenantId"] != tenant_id)) continue;
        if (m_rows->shown_role(r)) return {};
        hidden = true;
    }
    if (hidden) return fail(ErrorKind::not_found, "Role '" + name + "' not found");
    return fail(ErrorKind::invalid_argument, "Role '" + name + "' does not exist");
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
    (*permission)["systemDefault"] = false;  // only the built-ins are system defaults (R5)
    m_rows->permissions.push_back(std::move(*permission));
    m_lag->created(VisibilityLag::permission(name));
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
    if (permission == nullptr || !m_rows->shown_permission(*permission))
        return fail(ErrorKind::not_found, "Permission '" + *name + "' not found");
    if (*new_name != *name && m_rows->find_permission(*new_name) != nullptr) {
        return fail(ErrorKind::duplicate, "Permission '" + *new_name + "' already exists");
    }
    (*permission)["name"] = *new_name;
    (*permission)["description"] = *description;
    m_lag->renamed(VisibilityLag::permission(*name), VisibilityLag::permission(*new_name));
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
    if (permission == nullptr || !m_rows->shown_permission(*permission))
        return fail(ErrorKind::not_found, "Permission '" + *name + "' not found");
    m_lag->forget(VisibilityLag::permission(*name));
    permissions.erase(permissions.begin() + (permission - permissions.data()));
    for (auto& r : m_rows->roles) {
        auto& list = r["permissionNames"];
        list.erase(std::remove(list.begin(), list.end(), json(*name)), list.end());
    }
    return json::object();
}

Reply RoleTable::all_permissions() const {
    json out = json::array();
    for (const auto& p : m_rows->permissions) {
        if (m_rows->shown_permission(p)) out.push_back(p);
    }
    return json{{"permissions", std::move(out)}};
}

json RoleTable::to_json() const {
    return json{{"roles", m_rows->roles}, {"permissions", m_rows->permissions}};
}

util::Result<void, StoreError> RoleTable::load_json(const json& data) {
    Rows rows;
    rows.lag = m_lag;
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
