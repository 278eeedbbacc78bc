#pragma once
// Project-level calls on the wire (descope-api.md §5): projects/list and project/update/name.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "model/resources.hpp"
#include "util/result.hpp"

namespace descope_mgmt::wire {

/// `POST /v1/mgmt/projects/list` answer {"projects":[{id,name,environment,tags}]} -> projects.
util::Result<std::vector<model::ProjectInfo>> parse_project_list(const nlohmann::json& body);

/// `POST /v1/mgmt/project/update/name` body {"name"}.
nlohmann::json project_name_body(const std::string& name);

}  // namespace descope_mgmt::wire
