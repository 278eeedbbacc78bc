#include "wire/role_wire.hpp"

#include <nlohmann/json.hpp>

#include "wire/json_reader.hpp"

namespace descope_mgmt::wire {

using nlohmann::json;

util::Result<model::Role> role_from_json(const json& object, const std::string& path) {
    ObjectReader r(object, path);
    model::Role role;
    role.name = r.required_string("name");
    role.description = r.string("description");
    role.tenant_id = r.string("tenantId");
    role.permissions = r.strings("permissionNames");
    role.is_default = r.boolean("default");
    role.is_private = r.boolean("private");
    if (!r.ok()) return util::unexpected(r.error());
    return role;
}

util::Result<std::vector<model::Role>> parse_role_list(const json& body) {
    ObjectReader r(body, "");
    const json* list = r.required_array("roles");
    if (!r.ok()) return util::unexpected(r.error());
    std::vector<model::Role> out;
    out.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto role = role_from_json((*list)[i], "roles[" + std::to_string(i) + "]");
        if (!role) return util::unexpected(role.error());
        out.push_back(std::move(*role));
    }
    return out;
}

const json* find_raw_role(const json& body, const std::string& tenant_id, const std::string& name) {
    if (!body.is_object()) return nullptr;
    auto list = body.find("roles");
    if (list == body.end() || !list->is_array()) return nullptr;
    for (const json& item : *list) {
        if (!item.is_object()) continue;
        auto n = item.find("name");
        auto t = item.find("tenantId");
        const bool name_ok = n != item.end() && n->is_string() && *n == name;
        const std::string scope = t != item.end() && t->is_string() ? t->get<std::string>() : "";
        if (name_ok && scope == tenant_id) return &item;
    }
    return nullptr;
}

json role_create_body(const model::Role& role) {
    json body{{"name", role.name},
              {"description", role.description},
              {"permissionNames", role.permissions}};
    if (!role.tenant_id.empty()) body["tenantId"] = role.tenant_id;
    if (role.is_default) body["default"] = *role.is_default;
    if (role.is_private) body["private"] = *role.is_private;
    return body;
}

json role_update_body(const std::string& name, const model::Role& role, const json* live) {
    json body{{"name", name},
              {"newName", role.name},
              {"description", role.description},
              {"permissionNames", role.permissions}};
    if (!role.tenant_id.empty()) body["tenantId"] = role.tenant_id;
    // Declared: sent. Left out of the config: the live value, since update replaces the record.
    auto keep = [&](const char* key, const std::optional<bool>& declared) {
        if (declared) {
            body[key] = *declared;
            return;
        }
        if (!live || !live->is_object()) return;
        auto it = live->find(key);
        if (it != live->end() && it->is_boolean()) body[key] = *it;
    };
    keep("default", role.is_default);
    keep("private", role.is_private);
    return body;
}

json role_delete_body(const std::string& name, const std::string& tenant_id) {
    json body{{"name", name}};
    if (!tenant_id.empty()) body["tenantId"] = tenant_id;
    return body;
}

}  // namespace descope_mgmt::wire
