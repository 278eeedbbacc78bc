#include "render/view.hpp"

#include <nlohmann/json.hpp>

#include "render/api_error_json.hpp"
#include "render/json_document.hpp"

namespace descope_mgmt::render {

View make_view(std::string text, nlohmann::json document) {
    return {std::move(text), std::make_shared<const nlohmann::json>(std::move(document))};
}

View failure_view(int exit_code, const std::vector<std::string>& errors) {
    return make_view(
        {}, {{"format_version", 1}, {"ok", false}, {"exit_code", exit_code}, {"errors", errors}});
}

std::string document_text(const View& view, std::string_view command) {
    return json_document(with_envelope(*view.document, command));
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
