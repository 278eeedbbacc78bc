#include "api/api_error.hpp"

#include "util/terminal_text.hpp"

namespace descope_mgmt::api {

std::string ApiError::to_string() const {
    // Appended piece by piece: `" " + std::string` trips GCC 12's false -Wrestrict at -O3.
    // The pieces come from the config and the server: escaped, for the terminal this goes to.
    // A server's message was cut where it was read (kMaxServerMessageBytes); the cap here is
    // for the other sources, and above that one, so that a cut message is not cut again.
    std::string out;
    if (!environment.empty()) out.append(util::terminal_safe(environment)).append(": ");
    out.append(operation);
    if (!subject.empty()) out.append(" \"").append(util::terminal_safe(subject)).append("\"");
    out.append(":");
    if (http_status) out.append(" ").append(std::to_string(http_status));
    if (!error_code.empty())
        out.append(" ").append(util::terminal_safe(error_code, util::kMaxServerMessageBytes));
    if (!message.empty())
        out.append(" ").append(util::terminal_safe(message, 4 * util::kMaxServerMessageBytes));
    if (cancelled) out.append(" (interrupted)");
    return out;
}

diag::Diagnostic to_diagnostic(const ApiError& error) {
    return {diag::Severity::error, {}, error.to_string(), {}};
}

}  // namespace descope_mgmt::api
