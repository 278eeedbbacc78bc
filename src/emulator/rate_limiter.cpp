#include "emulator/rate_limiter.hpp"

#include <charconv>

namespace descope_mgmt::emulator {

namespace {

bool parse_positive(const std::string& text, long long& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && out > 0;
}

}  // namespace

util::Result<RateLimit> parse_rate_limit(const std::string& text) {
    const auto slash = text.find('/');
    long long requests = 0, seconds = 0;
    if (slash == std::string::npos || !parse_positive(text.substr(0, slash), requests) ||
        !parse_positive(text.substr(slash + 1), seconds)) {
        return util::error(
            "--rate-limit wants N/SECONDS with positive integers (e.g. 100/60), got '" + text +
            "'");
    }
    return RateLimit{static_cast<std::size_t>(requests), std::chrono::seconds(seconds)};
}

RateLimiter::Decision RateLimiter::admit(const std::string& key) {
    const auto now = m_clock->now();
    std::lock_guard lock(m_mutex);
    auto& admitted = m_admitted[key];
    while (!admitted.empty() && admitted.front() + m_limit.window <= now)
        admitted.pop_front();
    if (admitted.size() < m_limit.requests) {
        admitted.push_back(now);
        return {};
    }
    // Round up: after retry_after whole seconds the oldest request has left the window.
    const auto wait = admitted.front() + m_limit.window - now;
    auto seconds = std::chrono::ceil<std::chrono::seconds>(wait);
    if (seconds < std::chrono::seconds(1)) seconds = std::chrono::seconds(1);
    return {false, seconds};
}

}  // namespace descope_mgmt::emulator
