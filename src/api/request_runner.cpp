#include "api/request_runner.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "util/secret.hpp"
#include "util/version.hpp"
#include "wire/error_body.hpp"
#include "wire/json_reader.hpp"

namespace descope_mgmt::api {

using nlohmann::json;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

namespace {

constexpr milliseconds kSleepStep{100};
constexpr milliseconds kLongWait{1000};  // rate-limit waits from here on are logged at -v

const char* reason_phrase(int status) {
    switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 409:
            return "Conflict";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return "";
    }
}

std::string seconds_text(milliseconds d) {
    return fmt::format("{:.1f} s", d.count() / 1000.0);
}

}  // namespace

RequestRunner::RequestRunner(ClientOptions options, std::shared_ptr<HttpTransport> transport,
                             std::shared_ptr<RateLimiter> limiter, util::Clock& clock)
    : m_options(std::move(options))
    , m_transport(std::move(transport))
    , m_limiter(std::move(limiter))
    , m_clock(clock)
    , m_rng(std::random_device{}()) {}

void RequestRunner::log(int level, const std::string& line) const {
    if (m_options.log) m_options.log(level, util::redact(line, m_options.management_key.reveal()));
}

ApiError RequestRunner::local_error(const RequestSpec& spec, std::string message) const {
    ApiError e;
    e.environment = m_options.environment;
    e.operation = spec.operation;
    e.subject = spec.subject;
    e.message = util::redact(std::move(message), m_options.management_key.reveal());
    return e;
}

double RequestRunner::next_jitter() {
    if (m_options.jitter) return m_options.jitter();
    std::lock_guard lock(m_rng_mutex);
    return std::uniform_real_distribution<double>(0.0, 1.0)(m_rng);
}

bool RequestRunner::sleep_until(util::Clock::time_point until) {
    while (true) {
        if (is_cancelled(m_options.cancel)) return false;
        const auto now = m_clock.now();
        if (now >= until) return true;
        m_clock.sleep_until(std::min(until, now + kSleepStep));
    }
}

void RequestRunner::ensure_license() {
    std::call_once(m_license_once, [this] {
        if (!m_options.fetch_license) {
            m_license_error = local_error({}, "the license handshake is switched off");
            return;
        }
        RequestSpec s;
        s.method = "GET";
        s.path = "/v1/mgmt/license";
        s.operation = "license load";
        s.retry = false;
        std::string tier;
        auto r = run_attempts(s, [&tier](const json& body) -> util::Result<void> {
            auto it = body.find("rateLimitTier");
            if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) {
                return util::error("rateLimitTier: missing or not a string");
            }
            tier = it->get<std::string>();
            return {};
        });
        if (r) {
            m_license = tier;
            log(2, fmt::format("license: {}: rate-limit tier {}", m_options.environment, tier));
        } else {
            m_license_error = r.error();
            log(1, fmt::format("license: {}: {}; requests go without x-descope-license",
                               m_options.environment, r.error().to_string()));
        }
    });
}

ApiResult<std::string> RequestRunner::license_tier() {
    ensure_license();
    if (m_license) return *m_license;
    return util::unexpected(*m_license_error);
}

HttpRequest RequestRunner::build_request(const RequestSpec& spec) const {
    HttpRequest r;
    r.method = spec.method;
    r.url = m_options.base_url + spec.path;
    const std::string& key = m_options.management_key.reveal();
    r.headers.emplace_back("Authorization",
                           "Bearer " + m_options.project_id + (key.empty() ? "" : ":" + key));
    r.headers.emplace_back("x-descope-project-id", m_options.project_id);
    if (m_license) r.headers.emplace_back("x-descope-license", *m_license);
    r.headers.emplace_back("User-Agent", std::string("descope-mgmt/") + util::kVersion);
    r.headers.emplace_back("Accept", "application/json");
    if (spec.body) {
        r.headers.emplace_back("Content-Type", "application/json");
        r.body = spec.body;
    }
    r.connect_timeout = m_options.connect_timeout;
    r.total_timeout = m_options.request_timeout;
    return r;
}

ApiResult<void> RequestRunner::run(const RequestSpec& spec, const AnswerReader& read) {
    ensure_license();
    return run_attempts(spec, read);
}

ApiResult<void> RequestRunner::run_attempts(const RequestSpec& spec, const AnswerReader& read) {
    const HttpRequest request = build_request(spec);
    const std::string& key = m_options.management_key.reveal();
    const int max_attempts = static_cast<int>(m_options.retry.backoff.size()) + 1;
    ApiError last = local_error(spec, "");
    bool maybe_applied = false;
    int retries = 0;

    auto fail = [&](ApiError e, int attempts) -> ApiResult<void> {
        e.attempts = attempts;
        e.may_have_applied = maybe_applied && spec.safety != RequestSafety::read;
        m_stats.add_failure();
        return util::unexpected(std::move(e));
    };

    for (int attempt = 1;; ++attempt) {
        auto permit = m_limiter->acquire(m_options.cancel);
        if (!permit) {
            ApiError e = attempt == 1 ? local_error(spec, "not started") : last;
            e.cancelled = true;
            e.attempts = attempt - 1;
            e.may_have_applied = maybe_applied && spec.safety != RequestSafety::read;
            m_stats.add_failure();
            return util::unexpected(std::move(e));
        }
        const auto waited = duration_cast<milliseconds>(permit->waited);
        m_stats.add_rate_limit_wait(waited);
        if (waited >= kLongWait) {
            log(1,
                fmt::format("rate limit: {} {} {}: waited {} for permission", m_options.environment,
                            spec.method, spec.path, seconds_text(waited)));
        }

        const auto started = m_clock.now();
        auto answer = m_transport->send(request);
        const auto ms = duration_cast<milliseconds>(m_clock.now() - started).count();
        m_limiter->release(*permit);
        m_stats.add_call();

        AttemptOutcome outcome;
        ApiError error = local_error(spec, "");
        if (!answer) {
            outcome.kind = AttemptOutcome::Kind::transport_error;
            outcome.transport = answer.error().kind;
            error.message = std::string(to_string(answer.error().kind)) + ": " +
                            util::redact(answer.error().message, key);
            error.retryable = outcome.transport == TransportErrorKind::connect_failed ||
                              outcome.transport == TransportErrorKind::timeout ||
                              outcome.transport == TransportErrorKind::connection_lost;
            log(2,
                fmt::format("http: {} {} {} -> {} ({} ms, attempt {})", m_options.environment,
                            spec.method, spec.path, to_string(answer.error().kind), ms, attempt));
        } else {
            const HttpResponse& resp = *answer;
            log(2, fmt::format("http: {} {} {} -> {} ({} ms, attempt {})", m_options.environment,
                               spec.method, spec.path, resp.status, ms, attempt));
            if (resp.status >= 200 && resp.status < 300) {
                // Even a void write must answer JSON ({}): a mangled 2xx says nothing about
                // whether the write happened, so it is treated like a lost answer.
                auto body = wire::parse_json(resp.body);
                if (!body) {
                    outcome.kind = AttemptOutcome::Kind::malformed_body;
                    outcome.status = resp.status;
                    error.message = fmt::format("malformed answer (HTTP {}): {}", resp.status,
                                                util::redact(body.error().message, key));
                    error.retryable = true;
                } else {
                    util::Result<void> accepted = read ? read(*body) : util::Result<void>();
                    if (accepted) return {};
                    // JSON that does not map (an unknown unit, a list that is not a list):
                    // named, never retried.
                    outcome.kind = AttemptOutcome::Kind::unexpected_answer;
                    outcome.status = resp.status;
                    error.message = fmt::format("unexpected answer (HTTP {}): {}", resp.status,
                                                util::redact(accepted.error().message, key));
                    error.retryable = false;
                }
            } else {
                outcome.kind = AttemptOutcome::Kind::http_error;
                outcome.status = resp.status;
                outcome.retry_after_seconds = parse_retry_after(resp.header("retry-after"));
                const wire::ErrorBody body = wire::parse_error_body(resp.body);
                error.http_status = resp.status;
                error.error_code = body.error_code;
                error.message = util::terminal_safe(util::redact(body.best_message(), key),
                                                    util::kMaxServerMessageBytes);
                if (error.message.empty()) error.message = reason_phrase(resp.status);
                error.retry_after_seconds = outcome.retry_after_seconds;
                error.retryable = is_retryable_status(resp.status);
                if (resp.status == 429) m_stats.add_429();
            }
        }
        if (may_have_been_applied(outcome)) maybe_applied = true;
        last = error;

        RetryDecision d =
            decide_retry(m_options.retry, spec.safety, outcome, retries, next_jitter());
        if (d.retry && !spec.retry) d = RetryDecision{false, {}, false, false, "one attempt only"};
        if (!d.retry) {
            if (error.retryable && attempt > 1) {
                log(1, fmt::format("retry: {}: giving up: {}", error.to_string(), d.reason));
            }
            return fail(std::move(error), attempt);
        }
        ++retries;
        m_stats.add_retry();
        const auto until = m_clock.now() + d.delay;
        // Every worker of this bucket waits, not just this one; the wait is counted as
        // rate-limit wait by the next acquire().
        if (d.pause_bucket) m_limiter->pause_until(until);
        log(1, fmt::format("retry: {}: attempt {}/{} in {}{}{}", error.to_string(), attempt + 1,
                           max_attempts, seconds_text(d.delay),
                           d.from_retry_after ? " (Retry-After)" : "",
                           d.pause_bucket ? "; rate-limit bucket paused" : ""));
        if (!d.pause_bucket) {
            const auto before = m_clock.now();
            const bool slept = sleep_until(until);
            m_stats.add_backoff_wait(duration_cast<milliseconds>(m_clock.now() - before));
            if (!slept) {
                ApiError e = last;
                e.cancelled = true;
                e.attempts = attempt;
                e.may_have_applied = maybe_applied && spec.safety != RequestSafety::read;
                m_stats.add_failure();
                return util::unexpected(std::move(e));
            }
        }
    }
}

}  // namespace descope_mgmt::api
