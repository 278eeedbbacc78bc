#include "support/fake_descope_api.hpp"

#include <algorithm>

// Permissions, roles, flows, theme and project of FakeDescopeApi (tenants are in
// fake_descope_api.cpp).

namespace descope_mgmt::test {

using api::ApiError;
using api::ApiResult;

namespace {

std::string scoped(const std::string& tenant_id, const std::string& name) {
    return tenant_id.empty() ? name : tenant_id + "/" + name;
}

}  // namespace

// --- permissions ---

ApiResult<std::vector<model::Permission>> FakeDescopeApi::load_all_permissions() {
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(ApiOperation::load_all_permissions, "", lock))
        return fail<std::vector<model::Permission>>(*e);
    return m_permissions;
}

ApiResult<void> FakeDescopeApi::create_permission(const model::Permission& p) {
    constexpr auto op = ApiOperation::create_permission;
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(op, p.name, lock)) return fail<void>(*e);
    if (p.name.empty())
        return fail<void>(make_error(op, p.name, 400, "E011002", "The name field is required"));
    if (find_permission(p.name))
        return fail<void>(make_error(op, p.name, 409, "E011004", "permission already exists"));
    m_permissions.push_back(p);
    return {};
}

ApiResult<void> FakeDescopeApi::update_permission(const std::string& name,
                                                  const model::Permission& p) {
    constexpr auto op = ApiOperation::update_permission;
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(op, name, lock)) return fail<void>(*e);
    model::Permission* existing = find_permission(name);
    if (existing == nullptr)
        return fail<void>(make_error(op, name, 404, "E011004", "permission not found"));
    if (p.name != name) {
        if (find_permission(p.name))
            return fail<void>(make_error(op, name, 409, "E011004", "permission already exists"));
        for (auto& r : m_roles)
            std::replace(r.permissions.begin(), r.permissions.end(), name, p.name);
    }
    *existing = p;
    return {};
}

ApiResult<void> FakeDescopeApi::delete_permission(const std::string& name) {
    constexpr auto op = ApiOperation::delete_permission;
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(op, name, lock)) return fail<void>(*e);
    if (!find_permission(name))
        return fail<void>(make_error(op, name, 404, "E011004", "permission not found"));
    std::erase_if(m_permissions, [&](const model::Permission& p) { return p.name == name; });
    for (auto& r : m_roles)
        std::erase(r.permissions, name);
    return {};
}

// --- roles ---

ApiResult<std::vector<model::Role>> FakeDescopeApi::load_all_roles() {
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(ApiOperation::load_all_roles, "", lock))
        return fail<std::vector<model::Role>>(*e);
    return m_roles;
}

ApiResult<void> FakeDescopeApi::create_role(const model::Role& role) {
    constexpr auto op = ApiOperation::create_role;
    const std::string key = scoped(role.tenant_id, role.name);
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(op, key, lock)) return fail<void>(*e);
    if (role.name.empty())
        return fail<void>(make_error(op, key, 400, "E011002", "The name field is required"));
    if (!role.tenant_id.empty() && !find_tenant(role.tenant_id)) {
        return fail<void>(make_error(op, key, 400, "E011004", "unknown tenant " + role.tenant_id));
    }
    if (find_role(role.tenant_id, role.name))
        return fail<void>(make_error(op, key, 409, "E011004", "role already exists"));
    for (const auto& p : role.permissions) {
        if (!find_permission(p))
            return fail<void>(make_error(op, key, 400, "E011004", "unknown permission " + p));
    }
    m_roles.push_back(role);
    return {};
}

ApiResult<void> FakeDescopeApi::update_role(const std::string& name, const model::Role& role) {
    constexpr auto op = ApiOperation::update_role;
    const std::string key = scoped(role.tenant_id, name);
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(op, key, lock)) return fail<void>(*e);
    model::Role* existing = find_role(role.tenant_id, name);
    if (existing == nullptr)
        return fail<void>(make_error(op, key, 404, "E011004", "role not found"));
    if (role.name != name && find_role(role.tenant_id, role.name)) {
        return fail<void>(make_error(op, key, 409, "E011004", "role already exists"));
    }
    for (const auto& p : role.permissions) {
        if (!find_permission(p))
            return fail<void>(make_error(op, key, 400, "E011004", "unknown permission " + p));
    }
    *existing = role;  // full replace
    return {};
}

ApiResult<void> FakeDescopeApi::delete_role(const std::string& name, const std::string& tenant_id) {
    constexpr auto op = ApiOperation::delete_role;
    const std::string key = scoped(tenant_id, name);
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(op, key, lock)) return fail<void>(*e);
    if (!find_role(tenant_id, name))
        return fail<void>(make_error(op, key, 404, "E011004", "role not found"));
    std::erase_if(m_roles,
                  [&](const model::Role& r) { return r.tenant_id == tenant_id && r.name == name; });
    for (auto& t : m_tenants) {
        if (tenant_id.empty() || t.id == tenant_id) std::erase(t.default_roles, name);
    }
    return {};
}

// --- flows, theme, project ---

ApiResult<std::vector<model::FlowSummary>> FakeDescopeApi::list_flows() {
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(ApiOperation::list_flows, "", lock))
        return fail<std::vector<model::FlowSummary>>(*e);
    std::vector<model::FlowSummary> out;
    for (const auto& f : m_flows)
        out.push_back({f.id, f.id, "", false});
    return out;
}

ApiResult<model::Flow> FakeDescopeApi::export_flow(const std::string& id) {
    constexpr auto op = ApiOperation::export_flow;
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(op, id, lock)) return fail<model::Flow>(*e);
    for (const auto& f : m_flows) {
        if (f.id == id) return f;
    }
    return fail<model::Flow>(make_error(op, id, 400, "E011003", "Failed getting flow"));
}

ApiResult<void> FakeDescopeApi::import_flow(const model::Flow& flow) {
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(ApiOperation::import_flow, flow.id, lock)) return fail<void>(*e);
    std::erase_if(m_flows, [&](const model::Flow& f) { return f.id == flow.id; });
    m_flows.push_back(flow);
    return {};
}

ApiResult<void> FakeDescopeApi::delete_flows(const std::vector<std::string>& ids) {
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(ApiOperation::delete_flows, "", lock)) return fail<void>(*e);
    std::erase_if(m_flows, [&](const model::Flow& f) {
        return std::find(ids.begin(), ids.end(), f.id) != ids.end();
    });
    return {};
}

ApiResult<model::Theme> FakeDescopeApi::export_theme() {
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(ApiOperation::export_theme, "", lock)) return fail<model::Theme>(*e);
    return m_theme.value_or(model::Theme{R"({"theme":{}})"});
}

ApiResult<void> FakeDescopeApi::import_theme(const model::Theme& theme) {
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(ApiOperation::import_theme, "", lock)) return fail<void>(*e);
    m_theme = theme;
    return {};
}

ApiResult<std::vector<model::ProjectInfo>> FakeDescopeApi::list_projects() {
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(ApiOperation::list_projects, "", lock))
        return fail<std::vector<model::ProjectInfo>>(*e);
    return std::vector<model::ProjectInfo>{{m_project_id, m_project_name, "", {}}};
}

ApiResult<std::string> FakeDescopeApi::load_project_name() {
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(ApiOperation::load_project_name, "", lock)) return fail<std::string>(*e);
    return m_project_name;
}

ApiResult<void> FakeDescopeApi::update_project_name(const std::string& name) {
    constexpr auto op = ApiOperation::update_project_name;
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(op, name, lock)) return fail<void>(*e);
    if (name.empty())
        return fail<void>(make_error(op, "", 400, "E011002", "The name field is required"));
    m_project_name = name;
    return {};
}

}  // namespace descope_mgmt::test
