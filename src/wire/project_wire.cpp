#include "wire/project_wire.hpp"

#include <nlohmann/json.hpp>

#include "wire/json_reader.hpp"

namespace descope_mgmt::wire {

using nlohmann::json;

util::Result<std::vector<model::ProjectInfo>> parse_project_list(const json& body) {
    ObjectReader r(body, "");
    const json* list = r.required_array("projects");
    if (!r.ok()) return util::unexpected(r.error());
    std::vector<model::ProjectInfo> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        ObjectReader p((*list)[i], "projects[" + std::to_string(i) + "]");
        model::ProjectInfo info;
        info.id = p.required_string("id");
        info.name = p.string("name");
        info.environment = p.string("environment");
        info.tags = p.strings("tags");
        if (!p.ok()) return util::unexpected(p.error());
        out.push_back(std::move(info));
    }
    return out;
}

json project_name_body(const std::string& name) {
    return json{{"name", name}};
}

}  // namespace descope_mgmt::wire
