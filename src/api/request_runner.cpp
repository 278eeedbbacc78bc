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

/// A 2xx that carries a Descope error body (errorCode / errorMessage) is not an answer: read as
/// a list it would be an empty project. Seen behind proxies and gateways that rewrite statuses.
util::Result<void> error_in_success(const json& body) {
    if (!body.is_object()) return {};
    if (!body.contains("errorCode") && !body.contains("errorMessage") &&
        !body.contains("errorDescription")) {
        return {};
    }
    const wire::ErrorBody e = wire::parse_error_body(wire::to_text(body));
    std::string what = e.error_code;
    if (!e.best_message().empty()) what += (what.empty() ? "" : ": ") + e.best_message();
    return util::error("a success status carrying a Descope error" +
                       (what.empty() ? std::string() : " (" + what + ")"));
}

std::string seconds_text(milliseconds d) {
    return fmt::format("{:.1f} s", d.count() / 1000.0);
}

/// "99999 s (27 h 46 min)": long waits in words a person can weigh.
std::string duration_text(std::chrono::seconds d) {
    const auto s = d.count();
    if (s < 120) return fmt::format("{} s", s);
    if (s < 7200) return fmt::format("{} s ({} min)", s, s / 60);
    return fmt::format("{} s ({} h {} min)", s, s / 3600, (s % 3600) / 60);
}

/// A gateway's answer that Descope behind it is down: as good as no answer.
bool is_gateway_down(int status) {
    return status == 502 || status == 504 || (status >= 520 && status <= 524) || status == 530;
}

/// A redirect is never followed (the key would go with it): say where it points and what to do.
std::string redirect_message(const HttpResponse& resp, const std::string& key) {
    std::string to = util::redact(resp.header("location").value_or(""), key);
    for (char& c : to)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    if (to.size() > 300) to = to.substr(0, 300) + "...";
    return fmt::format(
        "the server answered with a redirect{}{}; descope-mgmt never follows redirects (the "
        "management key would go with them): set the environment's base_url to the address "
        "that answers",
        to.empty() ? "" : " to ", to);
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
    e.credential_hint = m_options.credential_hint;
    return e;
}

double RequestRunner::next_jitter() {
    if (m_options.jitter) return m_options.jitter();
    std::lock_guard lock(m_rng_mutex);
    return std::uniform_real_distribution<double>(0.0, 1.0)(m_rng);
}

RequestRunner::Sleep RequestRunner::sleep_until(util::Clock::time_point until) {
    while (true) {
        if (is_cancelled(m_options.cancel)) return Sleep::cancelled;
        if (unreachable_reason()) return Sleep::unreachable;
        const auto now = m_clock.now();
        if (now >= until) return Sleep::slept;
        m_clock.sleep_until(std::min(until, now + kSleepStep));
    }
}

void RequestRunner::notify(ApiActivity::Kind kind, std::optional<util::Clock::time_point> until,
                           bool pauses_bucket) const {
    if (!m_options.activity) return;
    ApiActivity a;
    a.kind = kind;
    a.environment = m_options.environment;
    a.bucket = m_limiter.get();
    a.limit = m_limiter->limit();
    a.until = until;
    a.pauses_bucket = pauses_bucket;
    m_options.activity(a);
}

void RequestRunner::note_attempt(bool answered, util::Clock::time_point started,
                                 const std::string& what) {
    if (m_options.unreachable_attempts <= 0) return;
    {
        std::lock_guard lock(m_health_mutex);
        if (m_gone) return;  // once gone, gone for this run
        if (answered) {
            m_unanswered = 0;
            return;
        }
        if (m_unanswered++ == 0) m_first_unanswered = started;
        m_last_unanswered = what;
    }
    unreachable_reason();  // may give the verdict now
}

std::optional<std::string> RequestRunner::unreachable_reason() {
    if (m_options.unreachable_attempts <= 0) return std::nullopt;
    std::string verdict;
    {
        std::lock_guard lock(m_health_mutex);
        if (m_gone) return m_gone;
        if (m_unanswered < m_options.unreachable_attempts) return std::nullopt;
        // Also checked while retries wait: the verdict comes on time, not at the next attempt.
        const auto span = duration_cast<milliseconds>(m_clock.now() - m_first_unanswered);
        if (span < m_options.unreachable_after) return std::nullopt;
        m_gone = fmt::format(
            "{} stopped answering ({} attempts in a row got no answer, the first "
            "{} ago; the last: {})",
            m_options.environment, m_unanswered, seconds_text(span), m_last_unanswered);
        verdict = *m_gone;
    }
    log(0, verdict + "; no further request goes to " + m_options.environment + " in this run");
    return verdict;
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
    r.fresh_connection = spec.safety == RequestSafety::create_without_key;
    r.max_response_bytes = m_options.max_response_bytes;
    return r;
}

ApiResult<void> RequestRunner::run(const RequestSpec& spec, const AnswerReader& read) {
    ensure_license();
    return run_attempts(spec, read);
}

ApiResult<void> RequestRunner::run_attempts(const RequestSpec& spec, const AnswerReader& read) {
    const HttpRequest request = build_request(spec);
    const std::string& key = m_options.management_key.reveal();
    const int max_retries = static_cast<int>(m_options.retry.backoff.size());
    ApiError last = local_error(spec, "");
    bool maybe_applied = false;
    int retries = 0;

    auto fail = [&](ApiError e, int attempts) -> ApiResult<void> {
        e.attempts = attempts;
        e.may_have_applied = maybe_applied && spec.safety != RequestSafety::read;
        m_stats.add_failure();
        return util::unexpected(std::move(e));
    };
    // The environment stopped answering: nothing more is sent there (ClientOptions).
    auto give_up_unreachable = [&](int attempt, const std::string& why) {
        if (attempt == 1) {
            ApiError e = local_error(spec, "not sent: " + why);
            e.not_sent = true;
            e.retryable = true;
            return fail(std::move(e), 0);
        }
        ApiError e = last;
        e.message += (e.message.empty() ? "not retried: " : "; not retried: ") + why;
        return fail(std::move(e), attempt - 1);
    };

    for (int attempt = 1;; ++attempt) {
        if (auto why = unreachable_reason()) return give_up_unreachable(attempt, *why);
        bool waited_for_bucket = false;
        auto permit = m_limiter->acquire(
            m_options.cancel, [this, &waited_for_bucket](std::optional<util::Clock::time_point> t) {
                waited_for_bucket = true;
                notify(ApiActivity::Kind::waiting, t);
            });
        if (waited_for_bucket) notify(ApiActivity::Kind::waited);
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
        if (auto why = unreachable_reason()) {
            m_limiter->release(*permit);
            return give_up_unreachable(attempt, *why);
        }

        notify(ApiActivity::Kind::sent);
        const auto started = m_clock.now();
        auto answer = m_transport->send(request);
        const auto ms = duration_cast<milliseconds>(m_clock.now() - started).count();
        m_limiter->release(*permit);
        m_stats.add_call();

        AttemptOutcome outcome;
        ApiError error = local_error(spec, "");
        bool answered = true;  // by Descope, not just a gateway in front of it
        if (!answer) {
            outcome.kind = AttemptOutcome::Kind::transport_error;
            outcome.transport = answer.error().kind;
            error.message = std::string(to_string(answer.error().kind)) + ": " +
                            util::redact(answer.error().message, key);
            error.retryable = is_retryable(outcome.transport);
            answered = !(outcome.transport == TransportErrorKind::connect_failed ||
                         outcome.transport == TransportErrorKind::timeout ||
                         outcome.transport == TransportErrorKind::connection_lost);
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
                    util::Result<void> accepted = error_in_success(*body);
                    if (accepted && read) accepted = read(*body);
                    if (accepted) {
                        note_attempt(true, started, "");
                        return {};
                    }
                    // JSON that does not map (an unknown unit, a list that is not a list):
                    // named, never retried.
                    outcome.kind = AttemptOutcome::Kind::unexpected_answer;
                    outcome.status = resp.status;
                    // It may quote the server (an error body's message): escaped and cut.
                    error.message =
                        fmt::format("unexpected answer (HTTP {}): {}", resp.status,
                                    util::terminal_safe(util::redact(accepted.error().message, key),
                                                        util::kMaxServerMessageBytes));
                    error.retryable = false;
                }
            } else {
                outcome.kind = AttemptOutcome::Kind::http_error;
                outcome.status = resp.status;
                outcome.retry_after_seconds = parse_retry_after(resp.header("retry-after"));
                const wire::ErrorBody body = wire::parse_error_body(resp.body);
                error.http_status = resp.status;
                error.error_code = body.error_code;
                // The server's own words only: to_string() names the status.
                error.message = util::terminal_safe(util::redact(body.best_message(), key),
                                                    util::kMaxServerMessageBytes);
                if (resp.status >= 300 && resp.status < 400) {
                    error.message = redirect_message(resp, key);
                }
                error.retry_after_seconds = outcome.retry_after_seconds;
                error.retryable = is_retryable_status(resp.status);
                if (resp.status == 429) m_stats.add_429();
                answered = !is_gateway_down(resp.status);
            }
        }
        if (may_have_been_applied(outcome)) maybe_applied = true;
        note_attempt(answered, started,
                     error.message.empty() ? http_status_text(error.http_status) : error.message);

        RetryDecision d =
            decide_retry(m_options.retry, spec.safety, outcome, retries, next_jitter());
        if (d.retry && !spec.retry) {
            d = RetryDecision{};
            d.reason = "one attempt only";
        }
        if (d.retry_after_too_long && error.retry_after_seconds) {
            error.message += fmt::format(
                "{}Descope asks to wait {} before the next request, longer than the {} s this "
                "tool waits: run it again later",
                error.message.empty() ? "" : "; ",
                duration_text(std::chrono::seconds(*error.retry_after_seconds)),
                m_options.retry.max_retry_after.count());
            error.retryable = false;  // not now: retry_after_seconds says when
        }
        last = error;
        if (d.retry) {
            // Given up on just now: no retry line for a retry that will not come.
            if (auto why = unreachable_reason()) return give_up_unreachable(attempt + 1, *why);
        }
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
        notify(ApiActivity::Kind::retry, until, d.pause_bucket);
        // Shown by default (level 0): a run that waits says why.
        log(0,
            fmt::format("{}: retrying in {} ({}/{}){}{}", error.to_string(), seconds_text(d.delay),
                        retries, max_retries, d.from_retry_after ? ", as Retry-After asks" : "",
                        d.pause_bucket ? "; this rate-limit bucket waits too" : ""));
        if (!d.pause_bucket) {
            const auto before = m_clock.now();
            const Sleep slept = sleep_until(until);
            m_stats.add_backoff_wait(duration_cast<milliseconds>(m_clock.now() - before));
            if (slept == Sleep::cancelled) {
                ApiError e = last;
                e.cancelled = true;
                e.attempts = attempt;
                e.may_have_applied = maybe_applied && spec.safety != RequestSafety::read;
                m_stats.add_failure();
                return util::unexpected(std::move(e));
            }
            // Sleep::unreachable: the next turn of the loop gives up.
        }
    }
}

}  // namespace descope_mgmt::api
