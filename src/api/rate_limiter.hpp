#pragma once
// Client-side rate limiting: permission is taken BEFORE a request is sent, so workers never
// put requests on the wire that the server would answer with 429.
//
// Design: a sliding-window log with occupancy (a "token bucket" whose burst can never exceed
// the limit). A classic token bucket of capacity N refilled at N per T lets 2N requests through
// in the first T when it starts full; Descope counts requests per window, so that would earn
// 429s. Here each granted request holds one of N slots from the moment permission is granted
// until `per_seconds` after its answer arrived (release()). Hence:
//   * at most N grants in ANY window of length T, measured at grant time (the slot of grant i
//     is still held at grant i+N unless i's answer came at least T earlier);
//   * because a slot is held until T after the answer, and the server saw the request before
//     the answer, the server also never sees more than N requests of ours in any window of T,
//     whatever the network delay (a pure grant-time window could be squeezed by jitter);
//   * a full burst of N is allowed when the window is empty (fast interactive reads).
// pause_until() (after a 429) stops every grant of this limiter until the given time, so one
// 429 pauses all workers that share the bucket (one environment, or all of them with
// `rate_limit.scope: shared`).

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "api/cancellation.hpp"
#include "model/environment.hpp"
#include "util/clock.hpp"

namespace descope_mgmt::api {

class RateLimiter {
  public:
    using time_point = util::Clock::time_point;
    using duration = util::Clock::duration;

    /// A granted slot; give it back with release() when the request's answer has arrived.
    struct Permit {
        std::uint64_t id = 0;
        time_point granted_at{};
        duration waited{};  // time spent waiting for this permit
    };

    /// `limit.requests` per `limit.per_seconds` (each at least 1). The clock is not owned.
    RateLimiter(util::Clock& clock, model::RateLimit limit);

    /// Told, once, when acquire() has to wait: the earliest grant as things stand (nullopt when
    /// every slot waits for an answer in flight). Called without the limiter's lock held.
    using WaitObserver = std::function<void(std::optional<time_point> until)>;

    /// Blocks until a slot is free and no pause is active, then takes it. Returns nullopt when
    /// `cancel` is set before that. Waits in short steps so that cancellation is seen quickly.
    /// `on_wait`, when given, hears when it has to wait (the progress line's "waiting for the
    /// rate limit").
    std::optional<Permit> acquire(const CancellationToken* cancel = nullptr,
                                  const WaitObserver& on_wait = {});
    /// Takes a slot now if one is free and no pause is active (never blocks).
    std::optional<Permit> try_acquire();
    /// Marks the permit's request as answered now; its slot frees `per_seconds` later.
    void release(const Permit& permit);
    /// No grant before `until` (a 429's Retry-After). Extends, never shortens, a pause.
    void pause_until(time_point until);

    /// Calls `observer` (under the limiter's lock, so keep it short) at every grant; tests use
    /// it to prove that permission is taken before a request is sent.
    void set_grant_observer(std::function<void(const Permit&)> observer);

    /// The earliest time a grant could happen if nothing else changes (now when a slot is
    /// free); nullopt when every slot waits for an answer still in flight.
    std::optional<time_point> next_grant_time() const;
    model::RateLimit limit() const { return m_limit; }

  private:
    struct Slot {
        std::uint64_t id;
        std::optional<time_point> released_at;  // nullopt = answer still pending
    };
    /// Drops slots that freed before `now`; caller holds m_mutex.
    void prune(time_point now);
    std::optional<time_point> next_grant_locked(time_point now) const;
    Permit grant_locked(time_point now);

    util::Clock& m_clock;
    const model::RateLimit m_limit;
    const duration m_window;
    mutable std::mutex m_mutex;
    std::condition_variable m_released;
    std::deque<Slot> m_slots;
    std::optional<time_point> m_paused_until;
    std::uint64_t m_next_id = 1;
    std::function<void(const Permit&)> m_observer;
};

}  // namespace descope_mgmt::api
