#include "api/rate_limiter.hpp"

#include <algorithm>
#include <chrono>

namespace descope_mgmt::api {

namespace {
/// Longest single wait, so that cancellation and new releases are noticed promptly.
constexpr std::chrono::milliseconds kWaitStep{100};
}  // namespace

RateLimiter::RateLimiter(util::Clock& clock, model::RateLimit limit)
    : m_clock(clock)
    , m_limit{std::max(1, limit.requests), std::max(1, limit.per_seconds)}
    , m_window(std::chrono::seconds(m_limit.per_seconds)) {}

void RateLimiter::prune(time_point now) {
    std::erase_if(m_slots, [&](const Slot& s) {
        return s.released_at.has_value() && *s.released_at + m_window <= now;
    });
}

std::optional<RateLimiter::time_point> RateLimiter::next_grant_locked(time_point now) const {
    time_point earliest = now;
    if (m_paused_until && *m_paused_until > earliest) earliest = *m_paused_until;
    if (m_slots.size() < static_cast<std::size_t>(m_limit.requests)) return earliest;
    // Full: the earliest released slot frees at released_at + window.
    std::optional<time_point> frees;
    for (const Slot& s : m_slots) {
        if (s.released_at && (!frees || *s.released_at + m_window < *frees)) {
            frees = *s.released_at + m_window;
        }
    }
    if (!frees) return std::nullopt;
    return std::max(earliest, *frees);
}

RateLimiter::Permit RateLimiter::grant_locked(time_point now) {
    Permit p{m_next_id++, now, {}};
    m_slots.push_back(Slot{p.id, std::nullopt});
    if (m_observer) m_observer(p);
    return p;
}

std::optional<RateLimiter::Permit> RateLimiter::try_acquire() {
    std::lock_guard lock(m_mutex);
    const time_point now = m_clock.now();
    prune(now);
    auto next = next_grant_locked(now);
    if (!next || *next > now) return std::nullopt;
    return grant_locked(now);
}

std::optional<RateLimiter::Permit> RateLimiter::acquire(const CancellationToken* cancel,
                                                        const WaitObserver& on_wait) {
    std::unique_lock lock(m_mutex);
    const time_point start = m_clock.now();
    bool told = !on_wait;
    while (true) {
        if (is_cancelled(cancel)) return std::nullopt;
        const time_point now = m_clock.now();
        prune(now);
        auto next = next_grant_locked(now);
        if (next && *next <= now) {
            Permit p = grant_locked(now);
            p.waited = now - start;
            return p;
        }
        if (!told) {
            // Without the lock: the observer may take locks of its own. Then look again.
            told = true;
            lock.unlock();
            on_wait(next);
            lock.lock();
            continue;
        }
        if (next) {
            // Sleep on the (injectable) clock without holding the lock.
            const time_point until = std::min(*next, now + kWaitStep);
            lock.unlock();
            m_clock.sleep_until(until);
            lock.lock();
        } else {
            // Every slot waits for an answer: release() wakes us.
            m_released.wait_for(lock, kWaitStep);
        }
    }
}

void RateLimiter::release(const Permit& permit) {
    {
        std::lock_guard lock(m_mutex);
        const time_point now = m_clock.now();
        for (Slot& s : m_slots) {
            if (s.id == permit.id) {
                s.released_at = now;
                break;
            }
        }
    }
    m_released.notify_all();
}

void RateLimiter::set_grant_observer(std::function<void(const Permit&)> observer) {
    std::lock_guard lock(m_mutex);
    m_observer = std::move(observer);
}

void RateLimiter::pause_until(time_point until) {
    std::lock_guard lock(m_mutex);
    if (!m_paused_until || until > *m_paused_until) m_paused_until = until;
}

std::optional<RateLimiter::time_point> RateLimiter::next_grant_time() const {
    std::lock_guard lock(m_mutex);
    // No prune needed: a slot that already freed yields a grant time <= now.
    return next_grant_locked(m_clock.now());
}

}  // namespace descope_mgmt::api
