#include "wire/error_body.hpp"

#include <nlohmann/json.hpp>

#include "wire/json_reader.hpp"

namespace descope_mgmt::wire {

using nlohmann::json;

ErrorBody parse_error_body(std::string_view text) {
    ErrorBody out;
    auto body = parse_json(text);
    if (!body || !body->is_object()) return out;
    auto field = [&](const char* key) -> std::string {
        auto it = body->find(key);
        return it != body->end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    out.error_code = field("errorCode");
    out.description = field("errorDescription");
    out.message = field("errorMessage");
    return out;
}

}  // namespace descope_mgmt::wire
