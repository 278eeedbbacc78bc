#pragma once

#include <optional>
#include <string>

#include "diag/diagnostic.hpp"
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
    bool retryable = false;   // a transient kind of failure (429, 5xx, network, bad body)
    std::optional<int> retry_after_seconds;
    /// The write may have taken effect although it reports failure (an attempt got no answer
    /// or a 5xx): re-read before assuming either way.
    bool may_have_applied = false;
    /// Stopped by cancellation (Ctrl-C) before the operation could finish or be retried.
    bool cancelled = false;
    /// Never sent: the environment had stopped answering (ClientOptions::unreachable_attempts),
    /// so the operation did not start. A task that fails so is reported `not_started`.
    bool not_sent = false;
    int attempts = 0;  // HTTP requests made for this operation
    /// The key was refused by an endpoint that needs a company-level management key
    /// (projects/list, for the project name), although it may work for everything else.
    bool needs_company_key = false;

    /// `dev: tenant create "acme": 400 E011002 The name field is required`
    /// (plus " (interrupted)" when cancelled).
    std::string to_string() const;
    bool is_not_found() const { return http_status == 404; }
};

/// The error as a diagnostic (its to_string() as the message), for collections of problems
/// that mix API failures with others.
diag::Diagnostic to_diagnostic(const ApiError& error);

template <class T>
using ApiResult = util::Result<T, ApiError>;

}  // namespace descope_mgmt::api
