#include "render/view.hpp"

#include <nlohmann/json.hpp>

#include "render/api_error_json.hpp"

namespace descope_mgmt::render {

View make_view(std::string text, nlohmann::json document) {
    return {std::move(text), std::make_shared<const nlohmann::json>(std::move(document))};
}

void add_read_status(nlohmann::json& entry, const EnvironmentRead& read) {
    entry["name"] = read.environment;
    entry["project_id"] = read.project_id;
    if (read.ok()) {
        entry["status"] = "ok";
        return;
    }
    entry["status"] = read.status == api::TaskStatus::not_started ? "not_started"
                      : read.interrupted                          ? "interrupted"
                                                                  : "error";
    if (read.error) entry["error"] = api_error_json(*read.error);
}

}  // namespace descope_mgmt::render
