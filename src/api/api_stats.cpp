#include "api/api_stats.hpp"

namespace descope_mgmt::api {

ApiStatsSnapshot& ApiStatsSnapshot::operator+=(const ApiStatsSnapshot& o) {
    calls += o.calls;
    retries += o.retries;
    http_429 += o.http_429;
    failures += o.failures;
    rate_limit_wait += o.rate_limit_wait;
    backoff_wait += o.backoff_wait;
    return *this;
}

ApiStatsSnapshot ApiStats::snapshot() const {
    ApiStatsSnapshot s;
    s.calls = m_calls.load(std::memory_order_relaxed);
    s.retries = m_retries.load(std::memory_order_relaxed);
    s.http_429 = m_429.load(std::memory_order_relaxed);
    s.failures = m_failures.load(std::memory_order_relaxed);
    s.rate_limit_wait = std::chrono::milliseconds(m_rate_wait_ms.load(std::memory_order_relaxed));
    s.backoff_wait = std::chrono::milliseconds(m_backoff_ms.load(std::memory_order_relaxed));
    return s;
}

}  // namespace descope_mgmt::api
