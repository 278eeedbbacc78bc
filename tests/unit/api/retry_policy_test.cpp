#include "api/retry_policy.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>

namespace descope_mgmt::api {
namespace {

using namespace std::chrono_literals;
using Kind = AttemptOutcome::Kind;

AttemptOutcome http(int status, std::optional<int> retry_after = std::nullopt) {
    AttemptOutcome o;
    o.kind = Kind::http_error;
    o.status = status;
    o.retry_after_seconds = retry_after;
    return o;
}

AttemptOutcome transport(TransportErrorKind kind) {
    AttemptOutcome o;
    o.kind = Kind::transport_error;
    o.transport = kind;
    return o;
}

AttemptOutcome malformed() {
    AttemptOutcome o;
    o.kind = Kind::malformed_body;
    o.status = 200;
    return o;
}

TEST(RetryPolicy, DefaultBackoffIs1_2_4_8_16SecondsThenGivesUp) {
    RetryPolicy p;
    std::vector<std::chrono::milliseconds> delays;
    for (int retries = 0;; ++retries) {
        auto d = decide_retry(p, RequestSafety::read, http(503), retries, 0.0);
        if (!d.retry) {
            EXPECT_NE(d.reason.find("gave up after 5 retries"), std::string::npos);
            break;
        }
        delays.push_back(d.delay);
    }
    EXPECT_EQ(delays, (std::vector<std::chrono::milliseconds>{1s, 2s, 4s, 8s, 16s}));
}

TEST(RetryPolicy, BackoffIsConfigurable) {
    RetryPolicy p;
    p.backoff = {100ms, 300ms};
    p.jitter = 0;
    EXPECT_EQ(decide_retry(p, RequestSafety::read, http(500), 0, 0.9).delay, 100ms);
    EXPECT_EQ(decide_retry(p, RequestSafety::read, http(500), 1, 0.9).delay, 300ms);
    EXPECT_FALSE(decide_retry(p, RequestSafety::read, http(500), 2, 0.9).retry);
}

TEST(RetryPolicy, JitterStaysWithinBoundsProperty) {
    const bool ok = rc::check([](double raw) {
        const double u = std::abs(std::fmod(raw, 1.0));  // [0, 1)
        const int retries = *rc::gen::inRange(0, 5);
        RetryPolicy p;
        const auto base = p.backoff[static_cast<std::size_t>(retries)];
        const auto d = backoff_delay(p, retries, u);
        RC_ASSERT(d >= base);
        RC_ASSERT(d <= base + std::chrono::milliseconds(
                                  static_cast<std::int64_t>(base.count() * p.jitter)));
    });
    EXPECT_TRUE(ok);
    RetryPolicy p;
    EXPECT_EQ(backoff_delay(p, 2, 0.0), 4s);
    EXPECT_EQ(backoff_delay(p, 2, 0.5), 5s);
    EXPECT_EQ(backoff_delay(p, 2, 0.999), 5998ms);
}

TEST(RetryPolicy, RetryAfterAlwaysWins) {
    RetryPolicy p;
    auto longer = decide_retry(p, RequestSafety::read, http(429, 7), 0, 0.7);
    EXPECT_TRUE(longer.retry);
    EXPECT_EQ(longer.delay, 7s);
    EXPECT_TRUE(longer.from_retry_after);
    auto shorter = decide_retry(p, RequestSafety::read, http(503, 1), 4, 0.7);  // backoff: 16 s
    EXPECT_EQ(shorter.delay, 1s);
    auto zero = decide_retry(p, RequestSafety::read, http(429, 0), 0, 0.7);
    EXPECT_EQ(zero.delay, 0s);
    auto too_long = decide_retry(p, RequestSafety::read, http(429, 3600), 0, 0.0);
    EXPECT_FALSE(too_long.retry);
    EXPECT_NE(too_long.reason.find("3600"), std::string::npos);
}

TEST(RetryPolicy, Only429PausesTheBucket) {
    RetryPolicy p;
    EXPECT_TRUE(decide_retry(p, RequestSafety::read, http(429), 0, 0).pause_bucket);
    EXPECT_TRUE(decide_retry(p, RequestSafety::read, http(429, 3), 0, 0).pause_bucket);
    EXPECT_FALSE(decide_retry(p, RequestSafety::read, http(503, 3), 0, 0).pause_bucket);
}

TEST(RetryPolicy, RetryableStatuses) {
    for (int s : {429, 500, 502, 503, 504, 520, 521, 522, 523, 524, 530}) {
        EXPECT_TRUE(is_retryable_status(s)) << s;
        EXPECT_TRUE(decide_retry({}, RequestSafety::idempotent_write, http(s), 0, 0).retry) << s;
    }
    for (int s : {400, 401, 403, 404, 409, 501, 505, 525, 529}) {
        EXPECT_FALSE(is_retryable_status(s)) << s;
        EXPECT_FALSE(decide_retry({}, RequestSafety::read, http(s), 0, 0).retry) << s;
    }
}

TEST(RetryPolicy, NetworkFailures) {
    for (auto k : {TransportErrorKind::connect_failed, TransportErrorKind::timeout,
                   TransportErrorKind::connection_lost}) {
        EXPECT_TRUE(decide_retry({}, RequestSafety::read, transport(k), 0, 0).retry);
    }
    for (auto k : {TransportErrorKind::tls, TransportErrorKind::invalid_request,
                   TransportErrorKind::other}) {
        EXPECT_FALSE(decide_retry({}, RequestSafety::read, transport(k), 0, 0).retry);
    }
}

TEST(RetryPolicy, MalformedBodiesAreRetriedUnlessACreateWithoutIdMayRepeat) {
    EXPECT_TRUE(decide_retry({}, RequestSafety::read, malformed(), 0, 0).retry);
    EXPECT_TRUE(decide_retry({}, RequestSafety::idempotent_write, malformed(), 0, 0).retry);
    EXPECT_TRUE(decide_retry({}, RequestSafety::create_with_key, malformed(), 0, 0).retry);
    EXPECT_FALSE(decide_retry({}, RequestSafety::create_without_key, malformed(), 0, 0).retry);
}

TEST(RetryPolicy, CreateWithoutIdIsRepeatedOnlyWhenItCannotHaveBeenApplied) {
    const auto s = RequestSafety::create_without_key;
    EXPECT_TRUE(decide_retry({}, s, http(429), 0, 0).retry);
    EXPECT_TRUE(decide_retry({}, s, transport(TransportErrorKind::connect_failed), 0, 0).retry);
    EXPECT_FALSE(decide_retry({}, s, http(503), 0, 0).retry);
    EXPECT_FALSE(decide_retry({}, s, http(500), 0, 0).retry);
    EXPECT_FALSE(decide_retry({}, s, transport(TransportErrorKind::timeout), 0, 0).retry);
    EXPECT_FALSE(decide_retry({}, s, transport(TransportErrorKind::connection_lost), 0, 0).retry);
    // A create with a key is repeated (a duplicate is detected and read back).
    EXPECT_TRUE(decide_retry({}, RequestSafety::create_with_key,
                             transport(TransportErrorKind::connection_lost), 0, 0)
                    .retry);
}

TEST(RetryPolicy, MayHaveBeenApplied) {
    EXPECT_FALSE(may_have_been_applied(http(429)));
    EXPECT_FALSE(may_have_been_applied(http(400)));
    EXPECT_FALSE(may_have_been_applied(http(404)));
    EXPECT_FALSE(may_have_been_applied(transport(TransportErrorKind::connect_failed)));
    EXPECT_TRUE(may_have_been_applied(http(503)));
    EXPECT_TRUE(may_have_been_applied(transport(TransportErrorKind::timeout)));
    EXPECT_TRUE(may_have_been_applied(malformed()));
}

TEST(RetryPolicy, ParsesRetryAfterSeconds) {
    EXPECT_EQ(parse_retry_after(std::string("7")), 7);
    EXPECT_EQ(parse_retry_after(std::string(" 12 ")), 12);
    EXPECT_EQ(parse_retry_after(std::nullopt), std::nullopt);
    EXPECT_EQ(parse_retry_after(std::string("Wed, 21 Oct 2015 07:28:00 GMT")), std::nullopt);
    EXPECT_EQ(parse_retry_after(std::string("-1")), std::nullopt);
    EXPECT_EQ(parse_retry_after(std::string("")), std::nullopt);
}

}  // namespace
}  // namespace descope_mgmt::api
