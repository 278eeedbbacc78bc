#pragma once
// The tool's ClientFactory: HttpDescopeApi over one libcurl transport, one rate limiter per
// environment (or one shared by all with `rate_limit.scope: shared`), retries with the
// configured waits, and logs to a sink by verbosity (-v retries and waits, -vv every HTTP
// request; the key is always redacted).

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "api/cancellation.hpp"
#include "api/client_options.hpp"
#include "workspace/workspace.hpp"

namespace descope_mgmt::workspace {

struct HttpClientSettings {
    const api::CancellationToken* cancel = nullptr;
    api::ApiLogSink log;  // empty = no logs
    /// Every client's waits, requests and retries (the progress line); empty = none.
    api::ApiActivitySink activity;
    int verbosity = 0;
    /// Replaces the retry waits (DESCOPE_MGMT_RETRY_BACKOFF); empty list = no retries.
    std::optional<std::vector<std::chrono::milliseconds>> backoff;
    /// Replaces the answer size cap (DESCOPE_MGMT_MAX_RESPONSE_MB).
    std::optional<std::size_t> max_response_bytes;
};

std::unique_ptr<ClientFactory> http_client_factory(HttpClientSettings settings);

}  // namespace descope_mgmt::workspace
