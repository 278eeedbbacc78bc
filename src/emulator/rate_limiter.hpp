#pragma once
// Per-project request limit: at most N requests in any window of S seconds (a sliding log, so
// the answer is exact). A refused request does not count, and its Retry-After is the whole number
// of seconds until the oldest counted request leaves the window, i.e. when a retry will pass.

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "util/clock.hpp"
#include "util/result.hpp"

namespace descope_mgmt::emulator {

struct RateLimit {
    std::size_t requests = 0;
    std::chrono::seconds window{0};
};

/// Parses "N/SECONDS" (e.g. "100/60"); both positive integers.
util::Result<RateLimit> parse_rate_limit(const std::string& text);

class RateLimiter {
  public:
    struct Decision {
        bool allowed = true;
        std::chrono::seconds retry_after{0};  // >= 1 when refused
    };

    RateLimiter(RateLimit limit, util::Clock& clock) : m_limit(limit), m_clock(&clock) {}

    /// Counts one request for `key` (a project id) if it fits in the window. Thread-safe.
    Decision admit(const std::string& key);

  private:
    RateLimit m_limit;
    util::Clock* m_clock;
    std::mutex m_mutex;
    std::map<std::string, std::deque<util::Clock::time_point>> m_admitted;
};

}  // namespace descope_mgmt::emulator
