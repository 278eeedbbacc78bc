#pragma once
// When to try a request again and how long to wait first. Pure functions of their inputs (the
// jitter comes in as a number), so every rule is unit-tested without a clock or a network.
//
// Retried: HTTP 429, 500, 502, 503, 504, 520-524, 530; timeouts and connection failures; a
// 2xx whose body is not JSON or does not decode (a corrupt gzip stream). Not retried: a 2xx with
// JSON the client cannot map (an "unexpected answer": the same question gets the same answer).
// Waits follow `backoff` (1, 2, 4, 8, 16 s by default) stretched by up to `jitter`, except that a
// Retry-After header always wins. Writes are retried only when repeating them is safe (see
// RequestSafety): a malformed 2xx answer to a write tells nothing about whether the write happened
// (a proxy, or the emulator's `malformed` fault, may send one without it), so it is handled like a
// lost answer: idempotent writes are repeated, keyed creates are repeated and confirmed by
// read-back, and a create without an id is reported as possibly applied.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "api/http_transport.hpp"

namespace descope_mgmt::api {

struct RetryPolicy {
    /// Wait before retry 1, 2, ...; its length is the number of retries.
    std::vector<std::chrono::milliseconds> backoff{std::chrono::seconds(1), std::chrono::seconds(2),
                                                   std::chrono::seconds(4), std::chrono::seconds(8),
                                                   std::chrono::seconds(16)};
    /// A backoff wait b becomes b * (1 + jitter * u), u uniform in [0, 1): never shorter than b,
    /// so that workers retrying together spread out.
    double jitter = 0.5;
    /// A Retry-After longer than this is not waited for: the request fails with that error.
    std::chrono::seconds max_retry_after{300};
};

/// What repeating a request could do.
enum class RequestSafety {
    read,                // GET and read-only POSTs: always safe
    idempotent_write,    // update/replace/upsert/delete: the same body twice = same state
    create_with_key,     // create with a client-chosen key (tenant id, role/permission name):
                         // a repeat may answer "already exists" (see HttpDescopeApi)
    create_without_key,  // the server picks the id: a repeat could create a second object
};

/// One attempt's outcome, as far as retrying cares.
struct AttemptOutcome {
    /// malformed_body: a 2xx whose body is not JSON (retried like a lost answer);
    /// unexpected_answer: a 2xx with JSON the client cannot map (never retried).
    enum class Kind { http_error, transport_error, malformed_body, unexpected_answer };
    Kind kind = Kind::http_error;
    int status = 0;  // http_error (and malformed_body: the 2xx status)
    TransportErrorKind transport = TransportErrorKind::other;
    std::optional<int> retry_after_seconds;
};

struct RetryDecision {
    bool retry = false;
    std::chrono::milliseconds delay{0};
    bool from_retry_after = false;      // delay is the server's Retry-After
    bool pause_bucket = false;          // a 429: pause the whole rate-limit bucket for `delay`
    bool retry_after_too_long = false;  // not retried: Retry-After > RetryPolicy::max_retry_after
    std::string reason;                 // why not retried (for -v logs), or what is retried
};

/// True for the transport errors worth another attempt: no connection, a timeout, a connection
/// lost, a damaged (undecodable) answer.
bool is_retryable(TransportErrorKind kind);

/// True for 429, 500, 502, 503, 504, 520-524 and 530.
bool is_retryable_status(int status);

/// True unless the outcome proves the server did not act on the request (a 4xx such as 429,
/// or a connection that failed before anything was sent).
bool may_have_been_applied(const AttemptOutcome& outcome);

/// Backoff wait before retry number `retries_done + 1`, stretched by `jitter_sample` in [0, 1).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retries_done,
                                        double jitter_sample);

/// Parses a Retry-After header (delta-seconds); nullopt when absent or not a number.
std::optional<int> parse_retry_after(const std::optional<std::string>& header);

/// Decides whether to retry after `outcome`, given how many retries were already made.
RetryDecision decide_retry(const RetryPolicy& policy, RequestSafety safety,
                           const AttemptOutcome& outcome, int retries_done, double jitter_sample);

}  // namespace descope_mgmt::api
