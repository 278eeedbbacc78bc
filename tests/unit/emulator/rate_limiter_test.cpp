#include "emulator/rate_limiter.hpp"

#include <gtest/gtest.h>

#include "support/fake_clock.hpp"

namespace descope_mgmt::emulator {
namespace {

// Time stands still until the test moves it (tests/support/fake_clock.hpp).
using ManualClock = test::FakeClock;

TEST(RateLimiter, RefusesTheRequestOverTheLimitWithAnHonestRetryAfter) {
    ManualClock clock;
    RateLimiter limiter({100, std::chrono::seconds(60)}, clock);
    for (int i = 0; i < 100; ++i) {
        ASSERT_TRUE(limiter.admit("P1").allowed) << i;
        clock.advance(std::chrono::milliseconds(100));  // 100 requests over 10 s
    }
    const auto refused = limiter.admit("P1");
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retry_after,
              std::chrono::seconds(50));  // the first leaves the window at 60 s
    clock.advance(refused.retry_after - std::chrono::milliseconds(1));
    EXPECT_FALSE(limiter.admit("P1").allowed);  // refused requests do not count
    clock.advance(std::chrono::milliseconds(1));
    EXPECT_TRUE(limiter.admit("P1").allowed);  // honouring Retry-After lets the next one through
}

TEST(RateLimiter, CountsEachProjectSeparately) {
    ManualClock clock;
    RateLimiter limiter({1, std::chrono::seconds(10)}, clock);
    EXPECT_TRUE(limiter.admit("A").allowed);
    EXPECT_TRUE(limiter.admit("B").allowed);
    const auto refused = limiter.admit("A");
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retry_after, std::chrono::seconds(10));
}

TEST(RateLimiter, RetryAfterIsAtLeastOneSecond) {
    ManualClock clock;
    RateLimiter limiter({1, std::chrono::seconds(1)}, clock);
    EXPECT_TRUE(limiter.admit("A").allowed);
    clock.advance(std::chrono::milliseconds(999));
    EXPECT_EQ(limiter.admit("A").retry_after, std::chrono::seconds(1));
}

TEST(ParseRateLimit, AcceptsNSlashSeconds) {
    auto limit = parse_rate_limit("100/60");
    ASSERT_TRUE(limit);
    EXPECT_EQ(limit->requests, 100u);
    EXPECT_EQ(limit->window, std::chrono::seconds(60));
    EXPECT_FALSE(parse_rate_limit("100"));
    EXPECT_FALSE(parse_rate_limit("0/60"));
    EXPECT_FALSE(parse_rate_limit("10/x"));
    EXPECT_FALSE(parse_rate_limit("-1/5"));
}

}  // namespace
}  // namespace descope_mgmt::emulator
