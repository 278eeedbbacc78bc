#pragma once

#include <optional>
#include <string>

#include "util/result.hpp"

namespace descope_mgmt::api {

/// An API failure as a value. Never holds the management key.
struct ApiError {
    std::string environment;  // "dev"
    std::string operation;    // "tenant create"
    std::string subject;      // "acme" (tenant id, role name...); may be empty
    int http_status = 0;      // 0 = no HTTP answer (connection error, timeout, bad body)
    std::string error_code;   // Descope errorCode, e.g. "E011002"; may be empty
    std::string message;      // errorMessage, else errorDescription, else a transport reason
    bool retryable = false;
    std::optional<int> retry_after_seconds;

    /// `dev: tenant create "acme": 400 E011002 The name field is required`
    std::string to_string() const;
    bool is_not_found() const { return http_status == 404; }
};

template <class T>
using ApiResult = util::Result<T, ApiError>;

}  // namespace descope_mgmt::api
