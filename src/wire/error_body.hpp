#pragma once
// Descope's error body (descope-api.md §2.1):
// {"errorCode":"E011002","errorDescription":"...","errorMessage":"..."}.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace descope_mgmt::wire {

struct ErrorBody {
    std::string error_code;   // "" when the body has none
    std::string description;  // errorDescription
    std::string message;      // errorMessage

    /// What to show a user: errorMessage, else errorDescription, else "".
    std::string best_message() const { return !message.empty() ? message : description; }
};

/// Reads an error answer's body. Never fails: a body that is not JSON, or fields of the wrong
/// type, give empty fields (the HTTP status still tells what happened).
ErrorBody parse_error_body(std::string_view text);

}  // namespace descope_mgmt::wire
