#include "wire/permission_wire.hpp"

#include <nlohmann/json.hpp>

#include "wire/json_reader.hpp"

namespace descope_mgmt::wire {

using nlohmann::json;

util::Result<model::Permission> permission_from_json(const json& object, const std::string& path) {
    ObjectReader r(object, path);
    model::Permission p;
    p.name = r.required_string("name");
    p.description = r.string("description");
    p.system_default = r.boolean("systemDefault");
    if (!r.ok()) return util::unexpected(r.error());
    return p;
}

util::Result<std::vector<model::Permission>> parse_permission_list(const json& body) {
    ObjectReader r(body, "");
    const json* list = r.required_array("permissions");
    if (!r.ok()) return util::unexpected(r.error());
    std::vector<model::Permission> out;
    out.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto p = permission_from_json((*list)[i], "permissions[" + std::to_string(i) + "]");
        if (!p) return util::unexpected(p.error());
        out.push_back(std::move(*p));
    }
    return out;
}

json permission_create_body(const model::Permission& p) {
    return json{{"name", p.name}, {"description", p.description}};
}

json permission_update_body(const std::string& name, const model::Permission& p) {
    return json{{"name", name}, {"newName", p.name}, {"description", p.description}};
}

json permission_delete_body(const std::string& name) {
    return json{{"name", name}};
}

}  // namespace descope_mgmt::wire
