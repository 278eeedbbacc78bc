#pragma once
// Runs one API operation's HTTP request for one environment: takes rate-limit permission
// first, sends, classifies the answer, retries per RetryPolicy (a 429 pauses the whole bucket),
// logs (-vv: one line per request; -v: retries and long waits) with the key redacted, and
// counts stats. Thread-safe: several workers may run requests at once.

#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <random>
#include <string>

#include "api/api_error.hpp"
#include "api/api_stats.hpp"
#include "api/client_options.hpp"
#include "api/http_transport.hpp"
#include "api/rate_limiter.hpp"
#include "api/retry_policy.hpp"
#include "util/clock.hpp"

namespace descope_mgmt::api {

struct RequestSpec {
    const char* method = "GET";
    std::string path;                 // "/v1/mgmt/tenant?id=acme" (query already encoded)
    std::optional<std::string> body;  // JSON text for POST
    RequestSafety safety = RequestSafety::read;
    std::string operation;  // "tenant create": names the operation in errors and logs
    std::string subject;    // "acme"; may be empty
    bool retry = true;      // false: one attempt, whatever the answer (the license handshake)
};

/// Reads a 2xx answer's JSON body into the caller's result; an error means the body does not
/// have the expected shape (treated as a malformed answer: retried for reads).
using AnswerReader = std::function<util::Result<void>(const nlohmann::json& body)>;

class RequestRunner {
  public:
    RequestRunner(ClientOptions options, std::shared_ptr<HttpTransport> transport,
                  std::shared_ptr<RateLimiter> limiter, util::Clock& clock);

    /// Performs the request until it succeeds or may not be retried. A 2xx body must be JSON
    /// (void writes answer {}), and with `read` set, JSON that `read` accepts; anything else is
    /// a malformed (not JSON: retried) or unexpected (not mappable: not retried) answer.
    /// With options().fetch_license, the first request of this runner is preceded by the
    /// license handshake (see license_tier()).
    ApiResult<void> run(const RequestSpec& spec, const AnswerReader& read = {});

    /// The project's rate-limit tier from `GET /v1/mgmt/license`, fetched once (one attempt, no
    /// retry) before the first request and then sent as `x-descope-license` on every request,
    /// as Descope's SDKs do so that the right rate-limit bucket applies (R9, docs/real-service.md).
    /// The error when the handshake failed or was not made; a failure is never fatal: requests
    /// then go without the header.
    ApiResult<std::string> license_tier();

    /// Logs `line` at `level` (1 = -v, 2 = -vv) after redacting the key.
    void log(int level, const std::string& line) const;
    /// An error for `spec` that did not come from an HTTP answer (e.g. a bad document).
    ApiError local_error(const RequestSpec& spec, std::string message) const;

    const ClientOptions& options() const { return m_options; }
    ApiStatsSnapshot stats() const { return m_stats.snapshot(); }

  private:
    ApiResult<void> run_attempts(const RequestSpec& spec, const AnswerReader& read);
    void ensure_license();
    HttpRequest build_request(const RequestSpec& spec) const;
    double next_jitter();
    enum class Sleep { slept, cancelled, unreachable };
    /// Sleeps until `until` in short steps; stops early on cancellation or when the
    /// environment is taken as gone.
    Sleep sleep_until(util::Clock::time_point until);

    /// Whether this environment still answers (ClientOptions::unreachable_attempts): each
    /// attempt reports whether an HTTP answer came; the first verdict of "gone" is logged once.
    void note_attempt(bool answered, util::Clock::time_point started, const std::string& what);
    /// Why no request may start here any more; nullopt while the environment answers.
    std::optional<std::string> unreachable_reason();
    /// Tells ClientOptions::activity, when set.
    void notify(ApiActivity::Kind kind, std::optional<util::Clock::time_point> until = {},
                bool pauses_bucket = false) const;

    ClientOptions m_options;
    std::shared_ptr<HttpTransport> m_transport;
    std::shared_ptr<RateLimiter> m_limiter;
    util::Clock& m_clock;
    ApiStats m_stats;
    std::mutex m_rng_mutex;
    std::mt19937_64 m_rng;
    mutable std::mutex m_health_mutex;
    int m_unanswered = 0;  // attempts in a row with no HTTP answer
    util::Clock::time_point m_first_unanswered{};
    std::string m_last_unanswered;      // what the last unanswered attempt got
    std::optional<std::string> m_gone;  // set once: why the environment is taken as gone
    std::once_flag m_license_once;
    std::optional<std::string> m_license;  // set once, inside m_license_once
    std::optional<ApiError> m_license_error;
};

}  // namespace descope_mgmt::api
