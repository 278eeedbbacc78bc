#include "render/json_document.hpp"

#include <nlohmann/json.hpp>

namespace descope_mgmt::render {

std::string json_document(const nlohmann::json& document) {
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace descope_mgmt::render
