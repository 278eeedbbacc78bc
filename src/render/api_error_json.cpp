#include "render/api_error_json.hpp"

#include <nlohmann/json.hpp>

namespace descope_mgmt::render {

nlohmann::json api_error_json(const api::ApiError& e) {
    using nlohmann::json;
    json j{{"operation", e.operation},
           {"message", e.message},
           {"text", e.to_string()},
           {"retryable", e.retryable},
           {"interrupted", e.cancelled}};
    j["http_status"] = e.http_status ? json(e.http_status) : json(nullptr);
    j["error_code"] = e.error_code.empty() ? json(nullptr) : json(e.error_code);
    // What to check when the key was refused (the variable it comes from); null otherwise.
    const std::string hint = e.hint();
    j["hint"] = hint.empty() ? json(nullptr) : json(hint);
    return j;
}

}  // namespace descope_mgmt::render
