// HttpDescopeApi: permissions and roles (descope-api.md §6).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "api/http_api_internal.hpp"
#include "api/http_descope_api.hpp"
#include "wire/permission_wire.hpp"
#include "wire/role_wire.hpp"

namespace descope_mgmt::api {

using internal::make_spec;
using internal::same_set;
using internal::take;
using nlohmann::json;

namespace {

const model::Permission* find_permission(const std::vector<model::Permission>& all,
                                         const std::string& name) {
    for (const auto& p : all)
        if (p.name == name) return &p;
    return nullptr;
}

const model::Role* find_role(const std::vector<model::Role>& all, const std::string& tenant_id,
                             const std::string& name) {
    for (const auto& r : all)
        if (r.name == name && r.tenant_id == tenant_id) return &r;
    return nullptr;
}

bool role_matches(const model::Role& sent, const model::Role& live) {
    return live.description == sent.description && same_set(live.permissions, sent.permissions);
}

std::string role_subject(const std::string& name, const std::string& tenant_id) {
    return tenant_id.empty() ? name : tenant_id + "/" + name;
}

}  // namespace

ApiResult<std::vector<model::Permission>> HttpDescopeApi::load_all_permissions() {
    std::vector<model::Permission> out;
    auto r = m_runner.run(
        make_spec("GET", "/v1/mgmt/permission/all", RequestSafety::read, "permission list", ""),
        [&out](const json& body) { return take(wire::parse_permission_list(body), out); });
    if (!r) return util::unexpected(r.error());
    return out;
}

ApiResult<void> HttpDescopeApi::create_permission(const model::Permission& permission) {
    const json body = wire::permission_create_body(permission);
    auto r =
        m_runner.run(make_spec("POST", "/v1/mgmt/permission/create", RequestSafety::create_with_key,
                               "permission create", permission.name, &body));
    if (!r && confirm_applied(r.error(), "permission create \"" + permission.name + "\"", [&] {
            auto all = load_all_permissions();
            const model::Permission* live = all ? find_permission(*all, permission.name) : nullptr;
            return live && live->description == permission.description;
        })) {
        return {};
    }
    return r;
}

ApiResult<void> HttpDescopeApi::update_permission(const std::string& name,
                                                  const model::Permission& permission) {
    const json body = wire::permission_update_body(name, permission);
    auto r =
        m_runner.run(make_spec("POST", "/v1/mgmt/permission/update",
                               RequestSafety::idempotent_write, "permission update", name, &body));
    // A rename repeated after a lost answer finds the old name gone (404).
    if (!r && name != permission.name &&
        confirm_applied(r.error(), "permission update \"" + name + "\"", [&] {
            auto all = load_all_permissions();
            if (!all || find_permission(*all, name)) return false;
            const model::Permission* live = find_permission(*all, permission.name);
            return live && live->description == permission.description;
        })) {
        return {};
    }
    return r;
}

ApiResult<void> HttpDescopeApi::delete_permission(const std::string& name) {
    const json body = wire::permission_delete_body(name);
    auto r =
        m_runner.run(make_spec("POST", "/v1/mgmt/permission/delete",
                               RequestSafety::idempotent_write, "permission delete", name, &body));
    if (!r && confirm_applied(r.error(), "permission delete \"" + name + "\"", [&] {
            auto all = load_all_permissions();
            return all && find_permission(*all, name) == nullptr;
        })) {
        return {};
    }
    return r;
}

ApiResult<std::vector<model::Role>> HttpDescopeApi::load_all_roles() {
    std::vector<model::Role> out;
    auto r =
        m_runner.run(make_spec("GET", "/v1/mgmt/role/all", RequestSafety::read, "role list", ""),
                     [&out](const json& body) { return take(wire::parse_role_list(body), out); });
    if (!r) return util::unexpected(r.error());
    return out;
}

ApiResult<void> HttpDescopeApi::create_role(const model::Role& role) {
    const json body = wire::role_create_body(role);
    const std::string subject = role_subject(role.name, role.tenant_id);
    // The create answer (a role object) adds nothing: a JSON 2xx means created.
    auto r = m_runner.run(make_spec("POST", "/v1/mgmt/role/create", RequestSafety::create_with_key,
                                    "role create", subject, &body));
    if (!r && confirm_applied(r.error(), "role create \"" + subject + "\"", [&] {
            auto all = load_all_roles();
            const model::Role* live = all ? find_role(*all, role.tenant_id, role.name) : nullptr;
            return live && role_matches(role, *live);
        })) {
        return {};
    }
    return r;
}

ApiResult<void> HttpDescopeApi::update_role(const std::string& name, const model::Role& role) {
    const std::string subject = role_subject(name, role.tenant_id);
    std::optional<json> live;
    if (m_runner.options().preserve_unmanaged_fields) {
        auto all = run_json(
            make_spec("GET", "/v1/mgmt/role/all", RequestSafety::read, "role update", subject));
        if (!all) return util::unexpected(all.error());
        if (const json* raw = wire::find_raw_role(*all, role.tenant_id, name)) live = *raw;
    }
    const json body = wire::role_update_body(name, role, live ? &*live : nullptr);
    auto r = m_runner.run(make_spec("POST", "/v1/mgmt/role/update", RequestSafety::idempotent_write,
                                    "role update", subject, &body));
    if (!r && name != role.name &&
        confirm_applied(r.error(), "role update \"" + subject + "\"", [&] {
            auto all = load_all_roles();
            if (!all || find_role(*all, role.tenant_id, name)) return false;
            const model::Role* now = find_role(*all, role.tenant_id, role.name);
            return now && role_matches(role, *now);
        })) {
        return {};
    }
    return r;
}

ApiResult<void> HttpDescopeApi::delete_role(const std::string& name, const std::string& tenant_id) {
    const json body = wire::role_delete_body(name, tenant_id);
    const std::string subject = role_subject(name, tenant_id);
    auto r = m_runner.run(make_spec("POST", "/v1/mgmt/role/delete", RequestSafety::idempotent_write,
                                    "role delete", subject, &body));
    if (!r && confirm_applied(r.error(), "role delete \"" + subject + "\"", [&] {
            auto all = load_all_roles();
            return all && find_role(*all, tenant_id, name) == nullptr;
        })) {
        return {};
    }
    return r;
}

}  // namespace descope_mgmt::api
