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

json error_body_to_json(const ErrorBody& e) {
    return json{{"errorCode", e.error_code},
                {"errorDescription", e.description},
                {"errorMessage", e.message}};
}

}  // namespace descope_mgmt::wire
