#include "api/api_error.hpp"

namespace descope_mgmt::api {

std::string ApiError::to_string() const {
    // Appended piece by piece: `" " + std::string` trips GCC 12's false -Wrestrict at -O3.
    std::string out;
    if (!environment.empty()) out.append(environment).append(": ");
    out.append(operation);
    if (!subject.empty()) out.append(" \"").append(subject).append("\"");
    out.append(":");
    if (http_status) out.append(" ").append(std::to_string(http_status));
    if (!error_code.empty()) out.append(" ").append(error_code);
    if (!message.empty()) out.append(" ").append(message);
    if (cancelled) out.append(" (interrupted)");
    return out;
}

diag::Diagnostic to_diagnostic(const ApiError& error) {
    return {diag::Severity::error, {}, error.to_string(), {}};
}

}  // namespace descope_mgmt::api
