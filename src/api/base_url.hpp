#pragma once
// Where an environment's requests go (descope-api.md §1.1). The default comes from the project
// id exactly as the SDKs derive it; an explicit base URL (DESCOPE_BASE_URL or the config's
// base_url) replaces it. Plain http:// is allowed for loopback hosts only (the emulator).

#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace descope_mgmt::api {

/// "https://api.descope.com", or "https://api.<region>.descope.com" for ids of 32 characters
/// or more, where region = id[1..5) (e.g. "Puse1..." -> use1).
std::string default_base_url(std::string_view project_id);

/// True for 127.0.0.1, ::1 (also written [::1]) and localhost (any case).
bool is_loopback_host(std::string_view host);

/// The base URL requests use: `explicit_url` when set, else default_base_url(project_id).
/// A `<region>` placeholder in `explicit_url` becomes "<region>." or "" as in the Node SDK;
/// trailing slashes are stripped and a path prefix is kept. Errors (naming the URL) for: no
/// http/https scheme, no host, user:password@ in the URL, a query or fragment, and http:// to
/// a host that is not loopback.
util::Result<std::string> resolve_base_url(std::string_view project_id,
                                           const std::optional<std::string>& explicit_url);

}  // namespace descope_mgmt::api
