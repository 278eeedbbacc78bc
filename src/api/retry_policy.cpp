#include "api/retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace descope_mgmt::api {

const char* to_string(TransportErrorKind kind) {
    switch (kind) {
        case TransportErrorKind::connect_failed:
            return "connect failed";
        case TransportErrorKind::timeout:
            return "timeout";
        case TransportErrorKind::connection_lost:
            return "connection lost";
        case TransportErrorKind::undecodable:
            return "undecodable answer";
        case TransportErrorKind::too_large:
            return "answer too large";
        case TransportErrorKind::tls:
            return "TLS error";
        case TransportErrorKind::invalid_request:
            return "invalid request";
        case TransportErrorKind::other:
            return "transport error";
    }
    return "transport error";
}

bool is_retryable(TransportErrorKind kind) {
    return kind == TransportErrorKind::connect_failed || kind == TransportErrorKind::timeout ||
           kind == TransportErrorKind::connection_lost || kind == TransportErrorKind::undecodable;
}

bool is_retryable_status(int status) {
    switch (status) {
        case 429:
        case 500:
        case 502:
        case 503:
        case 504:
        case 530:
            return true;
        default:
            return status >= 520 && status <= 524;
    }
}

bool may_have_been_applied(const AttemptOutcome& o) {
    // A 4xx (429 included) is the server refusing the request; a 5xx may come from a gateway
    // after the backend acted on it.
    if (o.kind == AttemptOutcome::Kind::http_error && o.status < 500) return false;
    if (o.kind == AttemptOutcome::Kind::transport_error &&
        o.transport == TransportErrorKind::connect_failed) {
        return false;
    }
    return true;
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retries_done,
                                        double jitter_sample) {
    if (policy.backoff.empty()) return std::chrono::milliseconds(0);
    const std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(std::max(0, retries_done)),
                                                policy.backoff.size() - 1);
    const double u = std::clamp(jitter_sample, 0.0, 1.0);
    const double base = static_cast<double>(policy.backoff[i].count());
    return std::chrono::milliseconds(
        static_cast<std::int64_t>(std::floor(base * (1.0 + std::max(0.0, policy.jitter) * u))));
}

std::optional<int> parse_retry_after(const std::optional<std::string>& header) {
    if (!header) return std::nullopt;
    std::string_view v = *header;
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
        v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) {
        v.remove_suffix(1);
    }
    int seconds = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
    if (ec != std::errc() || end != v.data() + v.size() || v.empty() || seconds < 0) {
        return std::nullopt;  // an HTTP-date or garbage: fall back to the backoff
    }
    return seconds;
}

RetryDecision decide_retry(const RetryPolicy& policy, RequestSafety safety, const AttemptOutcome& o,
                           int retries_done, double jitter_sample) {
    RetryDecision d;
    bool retryable = false;
    switch (o.kind) {
        case AttemptOutcome::Kind::http_error:
            retryable = is_retryable_status(o.status);
            if (!retryable) d.reason = "HTTP " + std::to_string(o.status) + " is not retried";
            break;
        case AttemptOutcome::Kind::transport_error:
            retryable = is_retryable(o.transport);
            if (!retryable) d.reason = std::string(to_string(o.transport)) + " is not retried";
            break;
        case AttemptOutcome::Kind::malformed_body:
            // The answer is unreadable, not a refusal: like a lost answer (see the header).
            retryable = true;
            break;
        case AttemptOutcome::Kind::unexpected_answer:
            // Well-formed JSON the client cannot map (an unknown unit, say): asking again gets
            // the same answer, so it is reported at once.
            d.reason = "an unexpected answer is not retried";
            break;
    }
    if (!retryable) return d;
    if (safety == RequestSafety::create_without_key && may_have_been_applied(o)) {
        d.reason = "a create without an id may have been applied; not repeated";
        return d;
    }
    if (retries_done >= static_cast<int>(policy.backoff.size())) {
        d.reason = "gave up after " + std::to_string(retries_done) + " retries";
        return d;
    }
    const bool is_429 = o.kind == AttemptOutcome::Kind::http_error && o.status == 429;
    if (o.retry_after_seconds) {
        const auto wait = std::chrono::seconds(*o.retry_after_seconds);
        if (wait > policy.max_retry_after) {
            d.reason = "Retry-After " + std::to_string(*o.retry_after_seconds) +
                       " s exceeds the limit of " + std::to_string(policy.max_retry_after.count()) +
                       " s";
            d.retry_after_too_long = true;
            return d;
        }
        d.delay = std::chrono::duration_cast<std::chrono::milliseconds>(wait);
        d.from_retry_after = true;
    } else {
        d.delay = backoff_delay(policy, retries_done, jitter_sample);
    }
    d.retry = true;
    d.pause_bucket = is_429;
    d.reason = "retrying";
    return d;
}

}  // namespace descope_mgmt::api
