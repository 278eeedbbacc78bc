// The progress line's model (render::RunProgress) on a FakeClock: counts per environment, the
// ETA from the buckets' rates and the requests left, the rate-limit wait and its countdown,
// retries.

#include <gtest/gtest.h>

#include <chrono>

#include "render/run_progress.hpp"
#include "support/fake_clock.hpp"

namespace descope_mgmt::run_progress_test {
namespace {

using namespace std::chrono_literals;
using Kind = api::ApiActivity::Kind;
using Outcome = render::RunProgress::Outcome;

/// Two rate-limit buckets: their identity is an address.
char g_buckets[2];
const void* const kBucketA = &g_buckets[0];
const void* const kBucketB = &g_buckets[1];

api::ApiActivity activity(Kind kind, std::string_view env, const void* bucket,
                          model::RateLimit limit,
                          std::optional<util::Clock::time_point> until = std::nullopt,
                          bool pauses = false) {
    api::ApiActivity a;
    a.kind = kind;
    a.environment = env;
    a.bucket = bucket;
    a.limit = limit;
    a.until = until;
    a.pauses_bucket = pauses;
    return a;
}

class RunProgressTest : public ::testing::Test {
  protected:
    /// `env` sends one request on `bucket` now; then the clock moves on by `later` (by default
    /// long enough for the bucket's window to be empty again).
    void heard(std::string_view env, const void* bucket, model::RateLimit limit,
               std::chrono::seconds later = 100s) {
        progress.on_api(activity(Kind::sent, env, bucket, limit));
        clock.advance(later);
    }

    test::FakeClock clock;
    render::RunProgress progress{clock};
};

TEST(DurationWords, SecondsMinutesHours) {
    EXPECT_EQ(render::duration_words(0s), "0 s");
    EXPECT_EQ(render::duration_words(59s), "59 s");
    EXPECT_EQ(render::duration_words(60s), "1 min");
    EXPECT_EQ(render::duration_words(65s), "1 min 5 s");
    EXPECT_EQ(render::duration_words(7380s), "2 h 3 min");
}

TEST_F(RunProgressTest, NoPhaseNoLine) {
    EXPECT_FALSE(progress.active());
    EXPECT_EQ(progress.line(), "");
    progress.begin_apply({{"dev", 2, 2}}, true);
    EXPECT_TRUE(progress.active());
    progress.end_phase();
    EXPECT_EQ(progress.line(), "");
}

TEST_F(RunProgressTest, CountsChangesPerEnvironmentWithFailuresAndSkips) {
    progress.begin_apply({{"dev", 4, 4}, {"prod", 40, 40}}, true);
    EXPECT_EQ(progress.line(), "applying changes: dev 0/4  prod 0/40");
    progress.change_done("dev", 1, Outcome::succeeded);
    progress.change_done("dev", 1, Outcome::failed);
    progress.change_done("dev", 1, Outcome::skipped);
    EXPECT_EQ(progress.line(), "applying changes: dev 3/4 (1 failed, 1 skipped)  prod 0/40");
}

TEST_F(RunProgressTest, EtaFromAnEmptyBucketsRate) {
    const model::RateLimit five_per_second{5, 1};
    heard("dev", kBucketA, five_per_second);  // long ago: its window is empty
    progress.begin_apply({{"dev", 40, 40}}, true);
    // 5 now, then 5 more each second: the 40th request goes 7 s from now.
    EXPECT_EQ(progress.eta(), 7s);
    EXPECT_EQ(progress.line(), "applying changes: dev 0/40; ETA 7 s");
    for (int i = 0; i < 10; ++i)
        progress.change_done("dev", 1, Outcome::succeeded);
    EXPECT_EQ(progress.eta(), 5s);
}

TEST_F(RunProgressTest, EtaCountsWhatTheWindowAlreadyHolds) {
    const model::RateLimit five_per_second{5, 1};
    heard("dev", kBucketA, five_per_second);
    progress.begin_apply({{"dev", 6, 6}}, true);
    // The window is full now: 5 requests sent 0.5 s ago free their slots 0.5 s from now.
    for (int i = 0; i < 5; ++i)
        progress.on_api(activity(Kind::sent, "dev", kBucketA, five_per_second));
    clock.advance(500ms);
    // Requests 1-5 at +0.5 s, the 6th a window later: +1.5 s, shown rounded up.
    EXPECT_EQ(progress.eta(), 2s);
}

TEST_F(RunProgressTest, EtaIsNothingWhenTheBucketHasRoomAndNoPaceIsKnownYet) {
    heard("dev", kBucketA, {100, 60});
    progress.begin_apply({{"dev", 10, 10}}, true);
    EXPECT_EQ(progress.eta(), 0s);
    EXPECT_EQ(progress.line(), "applying changes: dev 0/10");
}

TEST_F(RunProgressTest, EtaFollowsTheSlowerPaceOfAnswersOnceSeen) {
    heard("dev", kBucketA, {100, 60});
    progress.begin_apply({{"dev", 20, 20}}, true);
    // 10 requests in 5 s: answers are slow, the bucket is not what holds the run back.
    for (int i = 0; i < 10; ++i) {
        progress.on_api(activity(Kind::sent, "dev", kBucketA, {100, 60}));
        progress.change_done("dev", 1, Outcome::succeeded);
        clock.advance(500ms);
    }
    EXPECT_EQ(progress.eta(), 5s);
}

TEST_F(RunProgressTest, EtaAddsUpBucketsOneAtATimeAndTakesTheLongestSideBySide) {
    const model::RateLimit two_per_second{2, 1};
    heard("dev", kBucketA, two_per_second, 0s);
    heard("prod", kBucketB, two_per_second, 100s);
    // dev: 10 requests = 2 now + 2 per second: the last 4 s from now; prod the same.
    progress.begin_apply({{"dev", 10, 10}, {"prod", 10, 10}}, true);
    EXPECT_EQ(progress.eta(), 8s);
    progress.begin_apply({{"dev", 10, 10}, {"prod", 10, 10}}, false);
    EXPECT_EQ(progress.eta(), 4s);
}

TEST_F(RunProgressTest, EnvironmentsSharingABucketShareItsRate) {
    const model::RateLimit two_per_second{2, 1};
    heard("dev", kBucketA, two_per_second, 0s);
    heard("prod", kBucketA, two_per_second, 100s);
    // 20 requests through one bucket, however the environments take turns: 9 s.
    progress.begin_apply({{"dev", 10, 10}, {"prod", 10, 10}}, false);
    EXPECT_EQ(progress.eta(), 9s);
}

TEST_F(RunProgressTest, EtaUsesTheExpectedRequestsOfEachChange) {
    heard("dev", kBucketA, {1, 1});
    // 3 changes expected to cost 6 requests at 1 per second: the 6th goes 5 s from now.
    progress.begin_apply({{"dev", 3, 6}}, true);
    EXPECT_EQ(progress.eta(), 5s);
    progress.change_done("dev", 2, Outcome::succeeded);
    EXPECT_EQ(progress.eta(), 3s);
}

TEST_F(RunProgressTest, NoEtaForAnEnvironmentNotHeardFromYet) {
    heard("dev", kBucketA, {5, 1});
    progress.begin_apply({{"dev", 40, 40}, {"prod", 40, 40}}, true);
    EXPECT_EQ(progress.eta(), std::nullopt);
}

TEST_F(RunProgressTest, ARetryAfterPausesTheBucketAndCountsDown) {
    const model::RateLimit limit{100, 60};
    heard("dev", kBucketA, limit);
    progress.begin_apply({{"dev", 5, 5}}, true);
    progress.on_api(activity(Kind::retry, "dev", kBucketA, limit, clock.now() + 12s, true));
    EXPECT_EQ(progress.line(),
              "applying changes: dev 0/5; waiting for the rate limit (resumes in 12 s); 1 retry; "
              "ETA 12 s");
    clock.advance(2500ms);
    EXPECT_EQ(progress.line(),
              "applying changes: dev 0/5; waiting for the rate limit (resumes in 10 s); 1 retry; "
              "ETA 10 s");
    clock.advance(10s);
    progress.on_api(activity(Kind::retry, "dev", kBucketA, limit, clock.now() + 1s));
    EXPECT_EQ(progress.line(), "applying changes: dev 0/5; 2 retries");
}

TEST_F(RunProgressTest, AWaitForASlotSaysWhenItResumes) {
    const model::RateLimit limit{3, 5};
    heard("dev", kBucketA, limit);
    progress.begin_reads({"dev"});
    for (int i = 0; i < 3; ++i)  // the window is full
        progress.on_api(activity(Kind::sent, "dev", kBucketA, limit));
    progress.on_api(activity(Kind::waiting, "dev", kBucketA, limit, clock.now() + 3500ms));
    EXPECT_EQ(progress.line(),
              "reading live state: dev 0/0; waiting for the rate limit (resumes in 4 s)");
    // Granted: the bucket still sets the pace, and a second later that is no longer said.
    clock.advance(3500ms);
    progress.on_api(activity(Kind::waited, "dev", kBucketA, limit));
    progress.on_api(activity(Kind::sent, "dev", kBucketA, limit));
    EXPECT_EQ(progress.line(),
              "reading live state: dev 0/0; paced by the rate limit (3 requests / 5 s)");
    clock.advance(1s);
    EXPECT_EQ(progress.line(), "reading live state: dev 0/0");
}

TEST_F(RunProgressTest, ShortWaitsOfAFullBucketSayTheRunIsPacedByTheRateLimit) {
    const model::RateLimit limit{5, 1};
    heard("dev", kBucketA, limit);
    progress.begin_apply({{"dev", 10, 10}}, true);
    for (int i = 0; i < 5; ++i)
        progress.on_api(activity(Kind::sent, "dev", kBucketA, limit));
    progress.on_api(activity(Kind::waiting, "dev", kBucketA, limit, clock.now() + 200ms));
    // 5 when this window ends 1 s from now, 5 more a second later.
    EXPECT_EQ(progress.line(),
              "applying changes: dev 0/10; paced by the rate limit (5 requests / 1 s); ETA 2 s");
}

TEST_F(RunProgressTest, AfterA429sPauseTheBucketIsNotSaidToSetThePace) {
    // The client's bucket has room: the server's limit held the run back, and said so.
    const model::RateLimit limit{100, 60};
    heard("dev", kBucketA, limit);
    progress.begin_apply({{"dev", 10, 10}}, true);
    progress.on_api(activity(Kind::retry, "dev", kBucketA, limit, clock.now() + 2s, true));
    progress.on_api(activity(Kind::waiting, "dev", kBucketA, limit, clock.now() + 2s));
    EXPECT_EQ(progress.line(),
              "applying changes: dev 0/10; waiting for the rate limit (resumes in 2 s); 1 retry; "
              "ETA 2 s");
    clock.advance(2s);
    progress.on_api(activity(Kind::waited, "dev", kBucketA, limit));
    progress.on_api(activity(Kind::waiting, "dev", kBucketA, limit, clock.now() + 100ms));
    EXPECT_EQ(progress.line(), "applying changes: dev 0/10; 1 retry");
}

TEST_F(RunProgressTest, ANarrowLineKeepsTheClausesAndShortensTheRest) {
    heard("dev", kBucketA, {100, 60});
    progress.begin_apply({{"test", 40, 40}, {"dev", 40, 40}, {"prod", 40, 40}}, true);
    progress.on_api(activity(Kind::retry, "dev", kBucketA, {100, 60}, clock.now() + 12s, true));
    const std::string full = progress.line();
    EXPECT_EQ(full,
              "applying changes: test 0/40  dev 0/40  prod 0/40; dev: waiting for the rate limit "
              "(resumes in 12 s); 1 retry");
    EXPECT_EQ(progress.line(full.size()), full);
    EXPECT_EQ(progress.line(full.size() - 1),
              "applying: test 0/40  dev 0/40  prod 0/40; dev: waiting for the rate limit "
              "(resumes in 12 s); 1 retry");
    EXPECT_EQ(progress.line(80),
              "applying: 0/120 in 3 environments; dev: waiting for the rate limit (resumes in "
              "12 s); 1 retry");
}

TEST_F(RunProgressTest, AWaitOfOneBucketNamesItsEnvironments) {
    const model::RateLimit limit{100, 60};
    heard("dev", kBucketA, limit, 0s);
    heard("prod", kBucketB, limit);
    progress.begin_apply({{"dev", 1, 1}, {"prod", 1, 1}}, false);
    progress.on_api(activity(Kind::retry, "prod", kBucketB, limit, clock.now() + 30s, true));
    EXPECT_EQ(progress.line(),
              "applying changes: dev 0/1  prod 0/1; prod: waiting for the rate limit (resumes in "
              "30 s); 1 retry; ETA 30 s");
}

TEST_F(RunProgressTest, ReadsHaveNoEtaUntilTheirLastRoundIsKnown) {
    const model::RateLimit limit{2, 1};
    heard("dev", kBucketA, limit, 0s);
    heard("prod", kBucketA, limit);
    progress.begin_reads({"dev", "prod"});
    progress.reads_planned("dev", 4, false);
    progress.reads_planned("prod", 4, false);
    progress.read_done("dev");
    EXPECT_EQ(progress.eta(), std::nullopt);
    EXPECT_EQ(progress.line(), "reading live state: dev 1/4  prod 0/4");
    for (int i = 0; i < 3; ++i)
        progress.read_done("dev");
    progress.reads_planned("dev", 3, true);
    progress.reads_planned("prod", 0, true);  // its first round failed: nothing more
    // 3 + 4 requests left at 2 per second: the 7th goes 3 s from now.
    EXPECT_EQ(progress.line(), "reading live state: dev 4/7  prod 0/4; ETA 3 s");
}

TEST_F(RunProgressTest, RetriesAreCountedPerPhase) {
    const model::RateLimit limit{100, 60};
    heard("dev", kBucketA, limit);
    progress.begin_reads({"dev"});
    progress.on_api(activity(Kind::retry, "dev", kBucketA, limit, clock.now()));
    EXPECT_EQ(progress.line(), "reading live state: dev 0/0; 1 retry");
    progress.end_phase();
    progress.begin_apply({{"dev", 1, 1}}, true);
    EXPECT_EQ(progress.line(), "applying changes: dev 0/1");
}

TEST_F(RunProgressTest, EnvironmentNamesAreTerminalSafe) {
    progress.begin_apply({{"dev\x1b[31m", 1, 1}}, true);
    EXPECT_EQ(progress.line(), "applying changes: dev\\x1b[31m 0/1");
}

}  // namespace
}  // namespace descope_mgmt::run_progress_test
