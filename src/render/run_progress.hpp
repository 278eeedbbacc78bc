#pragma once
// The state behind the progress line (docs/cli.md, "Progress"): how far a run's reads or
// changes are in each environment, whether a rate-limit bucket holds them back and until when,
// the retries so far, and an ETA from the buckets' rates and the requests left. Fed by events
// from any thread (the live reader's, the apply engine's, the API clients') and read with a
// clock; it never prints and knows nothing of terminals: cli/progress_display.* shows what
// line() says.

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/api_activity.hpp"
#include "util/clock.hpp"

namespace descope_mgmt::render {

class RunProgress {
  public:
    using time_point = util::Clock::time_point;

    /// The clock is not owned.
    explicit RunProgress(const util::Clock& clock);

    /// Starts the reading phase of `environments`: no read of any is known yet.
    void begin_reads(const std::vector<std::string>& environments);
    /// `count` more reads of `environment` are known, one request each; `last_round`: no more
    /// will come. Until every environment's last round is known there is no ETA (the second
    /// round of a read is known only once the first has listed what exists).
    void reads_planned(const std::string& environment, std::size_t count, bool last_round);
    /// A read of `environment` ended, however.
    void read_done(const std::string& environment);

    struct Changes {
        std::string environment;
        std::size_t changes = 0;   // that are not no-ops
        std::size_t requests = 0;  // what they are expected to cost (apply::expected_requests)
    };
    /// Starts the changing phase. `one_at_a_time`: the environments are changed one after the
    /// other, so the ETA adds up the time each bucket needs; otherwise side by side (the
    /// longest).
    void begin_apply(const std::vector<Changes>& environments, bool one_at_a_time);
    enum class Outcome { succeeded, failed, skipped };
    /// A change of `environment`, expected to cost `requests`, ended.
    void change_done(const std::string& environment, std::size_t requests, Outcome outcome);

    /// The phase is over: line() is empty until the next one begins.
    void end_phase();
    bool active() const;

    /// What a client did, at any time: between phases too, since what was sent a moment ago
    /// still fills its bucket's window.
    void on_api(const api::ApiActivity& activity);

    /// "applying changes: dev 12/40  prod 0/40; waiting for the rate limit (resumes in 12 s);
    /// 3 retries; ETA 1 min 5 s", "reading live state: dev 3/7  prod 5/5"; empty between
    /// phases. Environment names are made terminal-safe. When that is longer than `max_width`
    /// bytes, shorter forms keep the clauses: "applying: dev 12/40  prod 0/40; ...", then
    /// "applying: 12/80 in 2 environments; ..." (which may still be longer).
    std::string line(std::size_t max_width = std::string::npos) const;
    /// How long the phase should still take, rounded up to the second: from each bucket's rate,
    /// what it sent in its last window, a 429's pause, and the requests left of the environments
    /// that use it; or from the pace seen so far when that is slower (requests that take long to
    /// answer). nullopt when nothing is left, or it cannot be told yet (a read whose last round
    /// is not known, an environment whose bucket has not been heard from).
    std::optional<std::chrono::seconds> eta() const;

  private:
    struct Environment {
        std::string name;
        std::size_t done = 0;
        std::size_t total = 0;
        std::size_t failed = 0;
        std::size_t skipped = 0;
        std::size_t requests_left = 0;
        bool last_round = true;  // reads: the last round is known
    };
    struct Bucket {
        model::RateLimit limit;
        std::deque<time_point> sent;  // this window's requests, oldest first
        std::optional<time_point> paused_until;
        int waiting = 0;  // requests waiting for a slot now
        std::optional<time_point> wait_until;
        std::optional<time_point> last_held;  // when a request of it last waited
    };
    enum class Phase { none, reads, changes };

    Environment* find(const std::string& name);
    const Bucket* bucket_of(const std::string& environment) const;
    std::optional<std::chrono::seconds> eta_locked(time_point now) const;
    /// The requests of the bucket's current window (at most its limit: the newest ones).
    static std::size_t held(const Bucket& b, time_point now);
    /// The bucket's window holds as many requests as it allows: it, not the server, sets the
    /// pace.
    static bool window_full(const Bucket& b, time_point now);
    /// When the `calls`-th request from now would get its slot, if no other came.
    static time_point grant_time(const Bucket& b, std::size_t calls, time_point now);
    std::vector<std::string> wait_clauses(time_point now) const;

    const util::Clock& m_clock;
    mutable std::mutex m_mutex;
    Phase m_phase = Phase::none;
    bool m_one_at_a_time = false;
    std::vector<Environment> m_environments;
    time_point m_phase_start{};
    std::size_t m_sent_in_phase = 0;
    int m_retries = 0;
    std::map<const void*, Bucket> m_buckets;
    std::map<std::string, const void*> m_bucket_of;
};

/// "12 s", "1 min", "1 min 5 s", "2 h 3 min".
std::string duration_words(std::chrono::seconds d);

}  // namespace descope_mgmt::render
