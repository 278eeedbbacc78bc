#include "api/rate_limiter.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "support/fake_clock.hpp"

namespace descope_mgmt::api {
namespace {

using namespace std::chrono_literals;
using test::FakeClock;

/// Checks the guarantee over every window: no N+1 grants within less than T of each other
/// (so every half-open window [s, s+T) holds at most N grants).
::testing::AssertionResult at_most_n_per_window(std::vector<util::Clock::time_point> grants, int n,
                                                util::Clock::duration window) {
    std::sort(grants.begin(), grants.end());
    for (std::size_t i = 0; i + n < grants.size(); ++i) {
        if (grants[i + n] - grants[i] < window) {
            return ::testing::AssertionFailure()
                   << "grants " << i << " and " << i + n << " are only "
                   << std::chrono::duration<double>(grants[i + n] - grants[i]).count()
                   << " s apart: " << n + 1 << " requests in one window";
        }
    }
    return ::testing::AssertionSuccess();
}

TEST(RateLimiter, GrantsAFullBurstThenWaitsForTheWindow) {
    FakeClock clock;
    RateLimiter limiter(clock, {3, 10});
    std::vector<RateLimiter::Permit> permits;
    for (int i = 0; i < 3; ++i) {
        auto p = limiter.try_acquire();
        ASSERT_TRUE(p) << i;
        permits.push_back(*p);
    }
    EXPECT_FALSE(limiter.try_acquire());
    // All answers pending: nothing can be granted until one arrives.
    EXPECT_FALSE(limiter.next_grant_time().has_value());
    clock.advance(2s);
    limiter.release(permits[0]);
    EXPECT_EQ(limiter.next_grant_time(), FakeClock::start() + 12s);
    clock.advance(9s);
    EXPECT_FALSE(limiter.try_acquire());
    clock.advance(1s);
    EXPECT_TRUE(limiter.try_acquire());
}

TEST(RateLimiter, AcquireWaitsOnTheInjectedClock) {
    FakeClock clock;
    RateLimiter limiter(clock, {2, 60});
    std::vector<util::Clock::time_point> grants;
    for (int i = 0; i < 7; ++i) {
        auto p = limiter.acquire();
        ASSERT_TRUE(p);
        grants.push_back(p->granted_at);
        limiter.release(*p);
    }
    // 2 at t=0, 2 at t=60, 2 at t=120, 1 at t=180: no real sleeping happened.
    EXPECT_EQ(grants[1], FakeClock::start());
    EXPECT_EQ(grants[2], FakeClock::start() + 60s);
    EXPECT_EQ(grants[6], FakeClock::start() + 180s);
    EXPECT_TRUE(at_most_n_per_window(grants, 2, 60s));
}

// A classic token bucket (capacity N, refill N/T) that starts full lets 2N through in the
// first window; this limiter must not, whatever the answer latencies and arrival pattern.
TEST(RateLimiter, NeverMoreThanNInAnyWindowProperty) {
    const bool ok = rc::check([] {
        const int n = *rc::gen::inRange(1, 12);
        const int per = *rc::gen::inRange(1, 90);
        const auto requests = *rc::gen::inRange(1, 120);
        FakeClock clock;
        RateLimiter limiter(clock, {n, per});
        std::vector<util::Clock::time_point> grants;
        std::vector<RateLimiter::Permit> in_flight;
        for (int i = 0; i < requests; ++i) {
            // Random idle gaps and random latencies; answers may come back in any order.
            clock.advance(std::chrono::milliseconds(*rc::gen::inRange(0, 3000)));
            if (!in_flight.empty() && *rc::gen::arbitrary<bool>()) {
                const auto k = *rc::gen::inRange<std::size_t>(0, in_flight.size());
                limiter.release(in_flight[k]);
                in_flight.erase(in_flight.begin() + static_cast<std::ptrdiff_t>(k));
            }
            auto p = limiter.try_acquire();
            if (!p) {
                if (in_flight.size() == static_cast<std::size_t>(n)) {
                    limiter.release(in_flight.front());
                    in_flight.erase(in_flight.begin());
                }
                p = limiter.acquire();
            }
            RC_ASSERT(p.has_value());
            grants.push_back(p->granted_at);
            in_flight.push_back(*p);
        }
        RC_ASSERT(static_cast<bool>(at_most_n_per_window(grants, n, std::chrono::seconds(per))));
    });
    EXPECT_TRUE(ok);
}

TEST(RateLimiter, SlotIsHeldUntilTAfterTheAnswer) {
    FakeClock clock;
    RateLimiter limiter(clock, {1, 10});
    auto p = limiter.acquire();
    ASSERT_TRUE(p);
    clock.advance(4s);  // the answer took 4 s: the server may have counted it as late as t=4
    limiter.release(*p);
    auto q = limiter.acquire();
    ASSERT_TRUE(q);
    EXPECT_EQ(q->granted_at, FakeClock::start() + 14s);
    EXPECT_EQ(q->waited, 10s);
}

TEST(RateLimiter, ManyThreadsNeverExceedTheLimit) {
    FakeClock clock;
    RateLimiter limiter(clock, {5, 10});
    std::mutex mutex;
    std::vector<util::Clock::time_point> grants;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                auto p = limiter.acquire();
                ASSERT_TRUE(p);
                {
                    std::lock_guard lock(mutex);
                    grants.push_back(p->granted_at);
                }
                clock.advance(10ms);  // the request's latency
                limiter.release(*p);
            }
        });
    }
    for (auto& t : threads)
        t.join();
    ASSERT_EQ(grants.size(), 200u);
    EXPECT_TRUE(at_most_n_per_window(grants, 5, 10s));
}

TEST(RateLimiter, PauseStopsEveryGrantUntilItEnds) {
    FakeClock clock;
    RateLimiter limiter(clock, {100, 60});
    limiter.pause_until(FakeClock::start() + 7s);
    EXPECT_FALSE(limiter.try_acquire());
    limiter.pause_until(FakeClock::start() + 3s);  // never shortens
    auto p = limiter.acquire();
    ASSERT_TRUE(p);
    EXPECT_EQ(p->granted_at, FakeClock::start() + 7s);
    EXPECT_TRUE(limiter.try_acquire());
}

TEST(RateLimiter, AcquireGivesUpWhenCancelled) {
    FakeClock clock;
    RateLimiter limiter(clock, {1, 60});
    auto held = limiter.acquire();  // never released: a later acquire would wait forever
    ASSERT_TRUE(held);
    CancellationToken token;
    std::atomic<bool> returned{false};
    std::optional<RateLimiter::Permit> result;
    std::thread waiter([&] {
        result = limiter.acquire(&token);
        returned = true;
    });
    std::this_thread::sleep_for(20ms);
    EXPECT_FALSE(returned.load());
    token.cancel();
    waiter.join();
    EXPECT_FALSE(result.has_value());
}

TEST(RateLimiter, NonPositiveLimitsAreClampedToOne) {
    FakeClock clock;
    RateLimiter limiter(clock, {0, 0});
    EXPECT_EQ(limiter.limit().requests, 1);
    EXPECT_EQ(limiter.limit().per_seconds, 1);
    EXPECT_TRUE(limiter.try_acquire());
    EXPECT_FALSE(limiter.try_acquire());
}

}  // namespace
}  // namespace descope_mgmt::api

namespace descope_mgmt::api {
namespace {

using namespace std::chrono_literals;

// The progress line's "waiting for the rate limit (resumes in N s)": acquire() says once when
// it has to wait, and until when; never when a slot is free.
TEST(RateLimiter, TellsOnceWhenAcquireHasToWaitAndUntilWhen) {
    test::FakeClock clock;
    RateLimiter limiter(clock, {1, 10});
    std::vector<std::optional<util::Clock::time_point>> told;
    auto observe = [&](std::optional<util::Clock::time_point> until) { told.push_back(until); };
    auto first = limiter.acquire(nullptr, observe);
    ASSERT_TRUE(first);
    EXPECT_TRUE(told.empty());
    limiter.release(*first);
    auto second = limiter.acquire(nullptr, observe);  // waits 10 s on the fake clock
    ASSERT_TRUE(second);
    ASSERT_EQ(told.size(), 1u);
    EXPECT_EQ(told[0], test::FakeClock::start() + 10s);
    EXPECT_EQ(second->granted_at, test::FakeClock::start() + 10s);
}

TEST(RateLimiter, TellsOfAPauseAsTheTimeTheWaitEnds) {
    test::FakeClock clock;
    RateLimiter limiter(clock, {100, 60});
    limiter.pause_until(test::FakeClock::start() + 12s);
    std::optional<util::Clock::time_point> told;
    ASSERT_TRUE(limiter.acquire(nullptr, [&](auto until) { told = until; }));
    EXPECT_EQ(told, test::FakeClock::start() + 12s);
}

}  // namespace
}  // namespace descope_mgmt::api
