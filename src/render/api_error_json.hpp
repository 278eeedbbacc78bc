#pragma once
// An API error as JSON, as the --output json documents of the read commands show it (flow
// list/export, theme export, tenant/role/permission list).

#include <nlohmann/json_fwd.hpp>

#include "api/api_error.hpp"

namespace descope_mgmt::render {

/// operation, message, text (ApiError::to_string), http_status and error_code (null when the
/// request got no answer), retryable, interrupted.
nlohmann::json api_error_json(const api::ApiError& error);

}  // namespace descope_mgmt::render
