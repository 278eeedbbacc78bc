#pragma once
// Counters of one environment's API traffic, for -v summaries, the apply report and the
// benchmark. Updated from several threads.

#include <atomic>
#include <chrono>
#include <cstdint>

namespace descope_mgmt::api {

struct ApiStatsSnapshot {
    std::uint64_t calls = 0;                       // HTTP requests sent (every attempt)
    std::uint64_t retries = 0;                     // attempts after the first
    std::uint64_t http_429 = 0;                    // 429 answers received
    std::uint64_t failures = 0;                    // operations that ended in an error
    std::chrono::milliseconds rate_limit_wait{0};  // waiting for the client-side limiter
    std::chrono::milliseconds backoff_wait{0};     // sleeping before retries (not 429 pauses)

    std::chrono::milliseconds waited() const { return rate_limit_wait + backoff_wait; }
    ApiStatsSnapshot& operator+=(const ApiStatsSnapshot& other);
};

class ApiStats {
  public:
    void add_call() { m_calls.fetch_add(1, std::memory_order_relaxed); }
    void add_retry() { m_retries.fetch_add(1, std::memory_order_relaxed); }
    void add_429() { m_429.fetch_add(1, std::memory_order_relaxed); }
    void add_failure() { m_failures.fetch_add(1, std::memory_order_relaxed); }
    void add_rate_limit_wait(std::chrono::milliseconds d) {
        m_rate_wait_ms.fetch_add(d.count(), std::memory_order_relaxed);
    }
    void add_backoff_wait(std::chrono::milliseconds d) {
        m_backoff_ms.fetch_add(d.count(), std::memory_order_relaxed);
    }
    ApiStatsSnapshot snapshot() const;

  private:
    std::atomic<std::uint64_t> m_calls{0};
    std::atomic<std::uint64_t> m_retries{0};
    std::atomic<std::uint64_t> m_429{0};
    std::atomic<std::uint64_t> m_failures{0};
    std::atomic<std::int64_t> m_rate_wait_ms{0};
    std::atomic<std::int64_t> m_backoff_ms{0};
};

}  // namespace descope_mgmt::api
