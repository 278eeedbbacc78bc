#pragma once
// Checks of single config values (TextCheck functions for the definition table). Each returns
// why the text is invalid, as a hint that says how to fix it, or "" when it is valid. They never
// repeat the text: it may come from the environment.

#include <cstdint>
#include <string>
#include <string_view>

namespace descope_mgmt::config {

/// A self-provisioning domain: an RFC 1123 host name in lower case, at least two labels, no
/// scheme, port, path or wildcard.
std::string check_domain(std::string_view text);
/// A Descope project id: 'P' followed by 27 or more letters or digits. Descope's ids are 28 or
/// 32 characters today, and the Go SDK's tests use a 38-character one (go-sdk
/// `descope/api/client.go`, `client_test.go`), so no upper bound.
std::string check_project_id(std::string_view text);
/// A session duration "<number><s|m|h|d|w>" (model::parse_duration).
std::string check_duration(std::string_view text);
/// A refresh or session token lifetime: a duration of at least 3 minutes, Descope's floor
/// (terraform-provider-descope `internal/docs/docs.go`).
std::string check_token_lifetime(std::string_view text);
/// An inactivity timeout: a duration of at least 10 minutes, Descope's floor
/// (terraform-provider-descope `internal/models/settings/settings.go`).
std::string check_inactivity_timeout(std::string_view text);

/// Descope's floors, in seconds.
inline constexpr std::int64_t kMinTokenLifetimeSeconds = 3 * 60;
inline constexpr std::int64_t kMinInactivitySeconds = 10 * 60;
/// An API base URL: http(s)://host[:port][/path]; plain http only for loopback hosts.
std::string check_base_url(std::string_view text);
/// An environment name: lower-case letter, then letters, digits, '-' or '_'; not "all".
std::string check_environment_name(std::string_view text);
/// A resource id or name: no whitespace or control characters.
std::string check_identifier(std::string_view text);
/// The config format version: 1.
std::string check_version(std::string_view text);

/// The variable an environment's credential defaults to: DESCOPE_<ENV>_PROJECT_ID or
/// DESCOPE_<ENV>_MANAGEMENT_KEY (ENV upper-cased, '-' -> '_'). `what` is "PROJECT_ID" or
/// "MANAGEMENT_KEY".
std::string default_credential_variable(std::string_view environment, std::string_view what);

}  // namespace descope_mgmt::config
