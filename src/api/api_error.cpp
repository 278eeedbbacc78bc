#include "api/api_error.hpp"

#include <array>
#include <string_view>
#include <utility>

#include "util/terminal_text.hpp"

namespace descope_mgmt::api {

namespace {

/// Each operation an HttpDescopeApi method names (and FakeDescopeApi's, which are the same), in
/// the user's words. "{}" stands for the subject; without one, " {}" is left out.
constexpr std::array<std::pair<std::string_view, std::string_view>, 26> kActivities = {{
    {"tenant list", "reading the tenants"},
    {"tenant load", "reading tenant {}"},
    {"tenant create", "creating tenant {}"},
    {"tenant update", "updating tenant {}"},
    {"tenant delete", "deleting tenant {}"},
    {"tenant settings load", "reading the session settings of tenant {}"},
    {"tenant settings update", "updating the session settings of tenant {}"},
    {"tenant default roles update", "setting the default roles of tenant {}"},
    {"permission list", "reading the permissions"},
    {"permission create", "creating permission {}"},
    {"permission update", "updating permission {}"},
    {"permission delete", "deleting permission {}"},
    {"role list", "reading the roles"},
    {"role create", "creating role {}"},
    {"role update", "updating role {}"},
    {"role delete", "deleting role {}"},
    {"flow list", "listing the flows"},
    {"flow export", "reading flow {}"},
    {"flow import", "deploying flow {}"},
    {"flow delete", "deleting flow {}"},
    {"theme export", "reading the theme"},
    {"theme import", "deploying the theme"},
    {"project list", "listing the company's projects"},
    {"project name load", "reading the project name"},
    {"project name update", "renaming the project to {}"},
    {"license load", "reading the rate-limit tier (license)"},
}};

/// The subject as typed when it is one plain word ("acme", "acme/auditor"), else quoted (a
/// tenant created without an id is named by its name: "No id"). Escaped either way.
std::string shown_subject(const std::string& subject) {
    bool plain = true;
    for (unsigned char c : subject) {
        const bool word =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            std::string_view("-_.:/@,").find(static_cast<char>(c)) != std::string_view::npos;
        if (!word) plain = false;
    }
    const std::string safe = util::terminal_safe(subject);
    return plain ? safe : "\"" + safe + "\"";
}

const char* reason_phrase(int status) {
    switch (status) {
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 303:
            return "See Other";
        case 307:
            return "Temporary Redirect";
        case 308:
            return "Permanent Redirect";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 413:
            return "Payload Too Large";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Entity";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return "";
    }
}

}  // namespace

std::string describe_operation(const std::string& operation, const std::string& subject) {
    for (const auto& [name, words] : kActivities) {
        if (name != operation) continue;
        std::string out(words);
        const auto at = out.find("{}");
        if (at == std::string::npos) return out;
        if (subject.empty()) return out.erase(at - 1, 3);  // " {}"
        return out.replace(at, 2, shown_subject(subject));
    }
    std::string out = util::terminal_safe(operation);
    if (!subject.empty()) out.append(" \"").append(util::terminal_safe(subject)).append("\"");
    return out;
}

std::string http_status_text(int status) {
    std::string out = "HTTP " + std::to_string(status);
    if (const char* phrase = reason_phrase(status); *phrase != '\0') out.append(" ").append(phrase);
    return out;
}

std::string ApiError::activity() const {
    return describe_operation(operation, subject);
}

std::string ApiError::hint() const {
    if (!is_refused_key() || credential_hint.empty()) return {};
    // projects/list refuses a key limited to some projects although it works everywhere else:
    // its message says so (load_project_name). A wrong key is refused there too, and the status
    // cannot tell the two apart: both are said.
    if (needs_company_key) return "or, if the key is wrong: " + credential_hint;
    return credential_hint;
}

std::string ApiError::to_string() const {
    // Appended piece by piece: `" " + std::string` trips GCC 12's false -Wrestrict at -O3.
    // The pieces come from the config and the server: escaped, for the terminal this goes to.
    // A server's message was cut where it was read (kMaxServerMessageBytes); the cap here is
    // for the other sources, and above that one, so that a cut message is not cut again.
    std::string out;
    if (!environment.empty()) out.append(util::terminal_safe(environment)).append(": ");
    out.append(activity());
    out.append(":");
    if (http_status) out.append(" ").append(http_status_text(http_status));
    if (!message.empty()) {
        if (http_status) out.append(":");
        out.append(" ").append(util::terminal_safe(message, 4 * util::kMaxServerMessageBytes));
    }
    if (!error_code.empty()) {
        out.append(" (")
            .append(util::terminal_safe(error_code, util::kMaxServerMessageBytes))
            .append(")");
    }
    if (const std::string h = hint(); !h.empty()) out.append("; ").append(util::terminal_safe(h));
    if (cancelled) out.append(" (interrupted)");
    return out;
}

diag::Diagnostic to_diagnostic(const ApiError& error) {
    return {diag::Severity::error, {}, error.to_string(), {}};
}

}  // namespace descope_mgmt::api
