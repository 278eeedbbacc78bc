#pragma once

#include <optional>
#include <string>

#include "diag/diagnostic.hpp"
#include "util/result.hpp"

namespace descope_mgmt::api {

/// An API failure as a value. Never holds the management key.
struct ApiError {
    std::string environment;  // "dev"
    /// "tenant create": the endpoint's name (JSON documents carry it as is); activity() says it
    /// in the user's words.
    std::string operation;
    std::string subject;     // "acme" (tenant id, role name...); may be empty
    int http_status = 0;     // 0 = no HTTP answer (connection error, timeout, bad body)
    std::string error_code;  // Descope errorCode, e.g. "E011002"; may be empty (never relied on)
    /// The server's errorMessage, else errorDescription (escaped and cut where it was read),
    /// else a transport reason or what went wrong locally; may be empty (a bodyless 503).
    std::string message;
    bool retryable = false;  // a transient kind of failure (429, 5xx, network, bad body)
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
    /// What to check when the key is refused (401/403), naming where this environment's key
    /// comes from, never the key: "check DESCOPE_PROD_MANAGEMENT_KEY: it is the key for prod's
    /// project P2..." (ClientOptions::credential_hint). Empty = none known.
    std::string credential_hint;

    /// `dev: creating tenant acme: HTTP 400 Bad Request: The name field is required (E011002)`,
    /// then "; " and the credential hint when the key was refused (hint()), and " (interrupted)"
    /// when cancelled. Every piece from the config or the server is escaped for the terminal.
    std::string to_string() const;
    /// The operation in the user's words, with its subject: "reading the tenants", "creating
    /// tenant acme", "deploying flow sign-up" (describe_operation()).
    std::string activity() const;
    /// The credential hint when it applies (a 401 or 403), else "". In the company-key case of
    /// projects/list it is offered as the other possible cause ("or, if the key is wrong: ...").
    std::string hint() const;
    bool is_not_found() const { return http_status == 404; }
    /// The key was refused: HTTP 401 or 403 (the status alone; never the server's codes or text).
    bool is_refused_key() const { return http_status == 401 || http_status == 403; }
};

/// An endpoint's operation name ("tenant create", see HttpDescopeApi) and subject in the user's
/// words: "creating tenant acme". An unknown operation is said as it is, with its subject.
std::string describe_operation(const std::string& operation, const std::string& subject);

/// "HTTP 401 Unauthorized" ("HTTP 599" for a status without a standard reason phrase).
std::string http_status_text(int status);

/// The error as a diagnostic (its to_string() as the message), for collections of problems
/// that mix API failures with others.
diag::Diagnostic to_diagnostic(const ApiError& error);

template <class T>
using ApiResult = util::Result<T, ApiError>;

}  // namespace descope_mgmt::api
