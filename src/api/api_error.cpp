#include "api/api_error.hpp"

namespace descope_mgmt::api {

std::string ApiError::to_string() const {
    std::string out;
    if (!environment.empty()) out += environment + ": ";
    out += operation;
    if (!subject.empty()) out += " \"" + subject + "\"";
    out += ":";
    if (http_status) out += " " + std::to_string(http_status);
    if (!error_code.empty()) out += " " + error_code;
    if (!message.empty()) out += " " + message;
    if (cancelled) out += " (interrupted)";
    return out;
}

}  // namespace descope_mgmt::api
