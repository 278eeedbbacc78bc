#pragma once
// How one environment's client behaves: identity, where requests go, timeouts, retries,
// cancellation and logging. Built by workspace/http_clients.cpp from the loaded config.

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "api/api_activity.hpp"
#include "api/cancellation.hpp"
#include "api/retry_policy.hpp"
#include "util/secret.hpp"

namespace descope_mgmt::api {

/// Receives log lines, already redacted: level 0 = retries and an environment that stopped
/// answering (shown by default), level 1 = long rate-limit waits and read-backs (-v), level 2 =
/// one line per HTTP request (-vv). Called from several threads; must be thread-safe.
using ApiLogSink = std::function<void(int level, const std::string& line)>;

struct ClientOptions {
    std::string environment;  // "dev": names the environment in errors and logs
    std::string project_id;
    util::Secret management_key;
    std::string base_url;  // resolved by resolve_base_url()
    /// What to check when Descope refuses the key (401/403): where this environment's key comes
    /// from (workspace::credential_hint). Copied into every ApiError; never the key.
    std::string credential_hint;
    RetryPolicy retry;
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds request_timeout{60'000};
    /// An answer body larger than this (after decompression) is refused: an endless or huge
    /// answer never fills the memory. DESCOPE_MGMT_MAX_RESPONSE_MB sets it for the CLI.
    std::size_t max_response_bytes = std::size_t{256} << 20;
    /// The environment is taken as gone once this many attempts in a row got no HTTP answer
    /// (no connection, a timeout, a connection lost, or a gateway saying the origin is down:
    /// 502, 504, 520-524, 530) and the first of them started `unreachable_after` ago or more.
    /// From then on no new request starts there: operations fail at once as not sent, and
    /// waiting retries give up. Any answer resets the count. 0 attempts = never.
    int unreachable_attempts = 5;
    std::chrono::milliseconds unreachable_after{10'000};
    /// Updates replace whole records; read the live record first and keep the fields this tool
    /// does not manage (tenant: roleInheritance, enforceSSOExclusions, federatedAppIds; tenant
    /// settings: domains, authType; role: default, private). Costs one read per update.
    bool preserve_unmanaged_fields = true;
    /// Fetch the rate-limit tier (`GET /v1/mgmt/license`) before the first request and send it
    /// as `x-descope-license` (RequestRunner::license_tier). The CLI turns it on; unit tests
    /// that count requests leave it off.
    bool fetch_license = false;
    const CancellationToken* cancel = nullptr;  // not owned; nullptr = never cancelled
    ApiLogSink log;                             // empty = no logs
    /// Hears every wait for the rate limit, every request sent and every retry (the progress
    /// line); empty = nobody listens.
    ApiActivitySink activity;
    /// Jitter samples in [0, 1); empty = a random generator. Tests inject a fixed sequence.
    std::function<double()> jitter;
};

}  // namespace descope_mgmt::api
