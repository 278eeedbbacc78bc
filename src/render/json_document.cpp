#include "render/json_document.hpp"

#include <nlohmann/json.hpp>

#include "util/version.hpp"

namespace descope_mgmt::render {

std::string json_document(const nlohmann::json& document) {
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

nlohmann::json with_envelope(nlohmann::json document, std::string_view command) {
    if (!document.is_object()) return document;
    if (!document.contains("command")) document["command"] = std::string(command);
    if (!document.contains("tool_version")) document["tool_version"] = std::string(util::kVersion);
    return document;
}

}  // namespace descope_mgmt::render
