#include "api/executor.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "api/http_descope_api.hpp"
#include "api_harness.hpp"

namespace descope_mgmt::api {
namespace {

using namespace std::chrono_literals;
using test::FakeTransport;

ApiResult<void> ok() {
    return {};
}

ApiResult<void> failure(const std::string& message) {
    ApiError e;
    e.message = message;
    return util::unexpected(e);
}

TEST(Executor, RunsEveryTaskAndReportsEachOutcome) {
    Executor ex({4, 4, nullptr});
    std::atomic<int> ran{0};
    std::vector<Task> tasks;
    for (int i = 0; i < 20; ++i) {
        tasks.push_back({"t" + std::to_string(i), "", {}, [&, i] {
                             ++ran;
                             return i == 7 ? failure("boom") : ok();
                         }});
    }
    auto out = ex.run(std::move(tasks));
    ASSERT_EQ(out.size(), 20u);
    EXPECT_EQ(ran.load(), 20);
    for (int i = 0; i < 20; ++i) {
        EXPECT_EQ(out[i].status, i == 7 ? TaskStatus::failed : TaskStatus::succeeded) << i;
    }
    ASSERT_TRUE(out[7].error);
    EXPECT_EQ(out[7].error->message, "boom");
}

TEST(Executor, RespectsTotalAndPerLaneParallelism) {
    Executor ex({5, 2, nullptr});
    std::mutex m;
    int running = 0, max_running = 0;
    std::map<std::string, int> lane_running, lane_max;
    std::vector<Task> tasks;
    for (int i = 0; i < 40; ++i) {
        const std::string lane = "env" + std::to_string(i % 4);
        tasks.push_back({"t", lane, {}, [&, lane] {
                             {
                                 std::lock_guard lock(m);
                                 max_running = std::max(max_running, ++running);
                                 lane_max[lane] = std::max(lane_max[lane], ++lane_running[lane]);
                             }
                             std::this_thread::sleep_for(2ms);
                             std::lock_guard lock(m);
                             --running;
                             --lane_running[lane];
                             return ok();
                         }});
    }
    auto out = ex.run(std::move(tasks));
    EXPECT_TRUE(std::all_of(out.begin(), out.end(), [](const TaskOutcome& o) {
        return o.status == TaskStatus::succeeded;
    }));
    EXPECT_LE(max_running, 5);
    EXPECT_GE(max_running, 2);  // it did run things concurrently
    for (const auto& [lane, n] : lane_max)
        EXPECT_LE(n, 2) << lane;
}

TEST(Executor, DependenciesRunFirstAndFailuresSkipDependents) {
    Executor ex({4, 4, nullptr});
    std::mutex m;
    std::vector<std::string> order;
    auto record = [&](std::string name, bool succeed) {
        return [&, name, succeed] {
            std::lock_guard lock(m);
            order.push_back(name);
            return succeed ? ok() : failure(name);
        };
    };
    std::vector<Task> tasks = {
        {"create", "dev", {}, record("create", true)},
        {"settings", "dev", {0}, record("settings", true)},
        {"roles", "dev", {0, 1}, record("roles", true)},
        {"bad", "dev", {}, record("bad", false)},
        {"after-bad", "dev", {3}, record("after-bad", true)},
        {"after-after-bad", "dev", {4}, record("after-after-bad", true)},
        {"self", "dev", {6}, record("self", true)},
    };
    auto out = ex.run(std::move(tasks));
    EXPECT_EQ(out[0].status, TaskStatus::succeeded);
    EXPECT_EQ(out[1].status, TaskStatus::succeeded);
    EXPECT_EQ(out[2].status, TaskStatus::succeeded);
    EXPECT_EQ(out[3].status, TaskStatus::failed);
    EXPECT_EQ(out[4].status, TaskStatus::skipped);
    EXPECT_EQ(out[5].status, TaskStatus::skipped);
    EXPECT_EQ(out[6].status, TaskStatus::failed);  // may only wait for earlier tasks
    auto pos = [&](const std::string& n) {
        return std::find(order.begin(), order.end(), n) - order.begin();
    };
    EXPECT_LT(pos("create"), pos("settings"));
    EXPECT_LT(pos("settings"), pos("roles"));
    EXPECT_EQ(std::count(order.begin(), order.end(), "after-bad"), 0);
}

TEST(Executor, WithOneWorkerTasksRunInIndexOrderAsTheyBecomeReady) {
    // 0 and 1 are independent; 2 waits for 1, 3 for 0: the lowest ready index always goes first,
    // whatever order the tasks became ready in.
    Executor ex({1, 1, nullptr});
    std::vector<std::size_t> order;
    std::vector<Task> tasks;
    for (std::size_t i = 0; i < 5; ++i) {
        std::vector<std::size_t> after;
        if (i == 2) after = {1};
        if (i == 3) after = {0};
        tasks.push_back({"t", "env", after, [&order, i] {
                             order.push_back(i);
                             return ok();
                         }});
    }
    ex.run(std::move(tasks));
    EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST(Executor, ObserverHearsEveryStartAndEveryEndOnceAndSkipsNameWhatBlockedThem) {
    Executor ex({3, 3, nullptr});
    std::vector<Task> tasks;
    tasks.push_back({"a", "", {}, [] { return failure("a"); }});
    tasks.push_back({"b", "", {}, [] { return failure("b"); }});
    tasks.push_back({"c", "", {0, 1}, [] { return ok(); }});  // blocked by both
    tasks.push_back({"d", "", {2}, [] { return ok(); }});     // blocked by c (skipped)
    tasks.push_back({"e", "", {}, [] { return ok(); }});
    std::vector<int> starts(5, 0), ends(5, 0);
    std::vector<TaskStatus> heard(5, TaskStatus::not_started);
    auto out = ex.run(std::move(tasks), [&](const TaskEvent& e) {
        if (e.kind == TaskEvent::Kind::started) {
            EXPECT_EQ(e.outcome, nullptr);
            ++starts[e.index];
        } else {
            ASSERT_NE(e.outcome, nullptr);
            ++ends[e.index];
            heard[e.index] = e.outcome->status;
        }
    });
    EXPECT_EQ(starts, (std::vector<int>{1, 1, 0, 0, 1}));  // skipped tasks never start
    EXPECT_EQ(ends, (std::vector<int>{1, 1, 1, 1, 1}));
    for (std::size_t i = 0; i < 5; ++i)
        EXPECT_EQ(heard[i], out[i].status) << i;
    EXPECT_EQ(out[2].status, TaskStatus::skipped);
    std::vector<std::size_t> blocked = out[2].blocked_by;
    std::sort(blocked.begin(), blocked.end());
    EXPECT_EQ(blocked, (std::vector<std::size_t>{0, 1}));
    EXPECT_EQ(out[3].status, TaskStatus::skipped);
    EXPECT_EQ(out[3].blocked_by, (std::vector<std::size_t>{2}));
    EXPECT_TRUE(out[4].blocked_by.empty());
    EXPECT_STREQ(to_string(TaskStatus::not_started), "not_started");
}

TEST(Executor, ScalesToTensOfThousandsOfTasks) {
    // A plan of 5 environments x 2,000 tenants x a few changes each; plus a long chain whose
    // head fails, so that 10,000 skips cascade.
    Executor ex({8, 4, nullptr});
    std::vector<Task> tasks;
    std::atomic<int> ran{0};
    for (int i = 0; i < 30000; ++i) {
        const std::size_t me = tasks.size();
        std::vector<std::size_t> after;
        if (i % 3 != 0) after.push_back(me - 1);  // settings after create, roles after settings
        tasks.push_back({"t", "env" + std::to_string(i / 3 % 5), after, [&] {
                             ++ran;
                             return ok();
                         }});
    }
    tasks.push_back({"head", "", {}, [] { return failure("head"); }});
    for (int i = 0; i < 10000; ++i) {
        tasks.push_back({"chain", "", {tasks.size() - 1}, [&] {
                             ++ran;
                             return ok();
                         }});
    }
    const auto start = std::chrono::steady_clock::now();
    auto out = ex.run(std::move(tasks));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(ran.load(), 30000);
    EXPECT_EQ(out[30000].status, TaskStatus::failed);
    EXPECT_EQ(out.back().status, TaskStatus::skipped);
    EXPECT_EQ(std::count_if(out.begin(), out.end(),
                            [](const TaskOutcome& o) { return o.status == TaskStatus::skipped; }),
              10000);
    EXPECT_LT(elapsed, 10s);  // scheduling is not quadratic (this takes well under a second)
}

TEST(Executor, CancellationLetsRunningTasksFinishAndStartsNothingNew) {
    CancellationToken token;
    Executor ex({2, 2, &token});
    std::atomic<int> started{0};
    std::atomic<int> finished{0};
    std::vector<Task> tasks;
    for (int i = 0; i < 10; ++i) {
        tasks.push_back({"t", "", {}, [&, i] {
                             ++started;
                             if (i == 1) token.cancel();  // Ctrl-C while tasks 0 and 1 run
                             std::this_thread::sleep_for(20ms);
                             ++finished;
                             return ok();
                         }});
    }
    auto out = ex.run(std::move(tasks));
    EXPECT_EQ(started.load(), finished.load());  // nothing was abandoned half-way
    int succeeded = 0, not_started = 0;
    for (const auto& o : out) {
        if (o.status == TaskStatus::succeeded) ++succeeded;
        if (o.status == TaskStatus::not_started) ++not_started;
    }
    EXPECT_EQ(succeeded, started.load());
    EXPECT_EQ(succeeded + not_started, 10);
    EXPECT_LE(succeeded, 3);
    EXPECT_EQ(out[0].status, TaskStatus::succeeded);
    EXPECT_EQ(out[1].status, TaskStatus::succeeded);
    EXPECT_EQ(out[9].status, TaskStatus::not_started);
}

TEST(Executor, TaskStoppedByCancellationIsInterrupted) {
    Executor ex({1, 1, nullptr});
    std::vector<Task> tasks = {{"t", "", {}, [] {
                                    ApiError e;
                                    e.cancelled = true;
                                    return ApiResult<void>(util::unexpected(e));
                                }}};
    auto out = ex.run(std::move(tasks));
    EXPECT_EQ(out[0].status, TaskStatus::interrupted);
    EXPECT_STREQ(to_string(out[0].status), "interrupted");
}

TEST(Executor, ExceptionsBecomeFailures) {
    Executor ex({2, 2, nullptr});
    std::vector<Task> tasks = {
        {"t", "", {}, []() -> ApiResult<void> { throw std::runtime_error("bug"); }}};
    auto out = ex.run(std::move(tasks));
    EXPECT_EQ(out[0].status, TaskStatus::failed);
    EXPECT_EQ(out[0].error->message, "internal error: bug");
}

TEST(Executor, RunAllRunsPlainClosures) {
    Executor ex({3, 1, nullptr});
    std::atomic<int> sum{0};
    std::vector<std::function<void()>> closures;
    for (int i = 1; i <= 10; ++i)
        closures.emplace_back([&, i] { sum += i; });
    EXPECT_EQ(ex.run_all(closures), 10u);
    EXPECT_EQ(sum.load(), 55);
}

// Many workers, two environments with their own buckets: no bucket is ever exceeded.
TEST(Executor, ConcurrentWorkersNeverExceedAnyBucket) {
    testing::Harness h;
    h.transport->set_latency(30ms);
    auto dev_limiter = std::make_shared<RateLimiter>(h.clock, model::RateLimit{4, 10});
    auto prod_limiter = std::make_shared<RateLimiter>(h.clock, model::RateLimit{3, 10});
    auto dev =
        std::make_unique<HttpDescopeApi>(h.options("dev"), h.transport, dev_limiter, h.clock);
    auto prod =
        std::make_unique<HttpDescopeApi>(h.options("prod"), h.transport, prod_limiter, h.clock);
    std::mutex m;
    std::map<std::string, std::vector<util::Clock::time_point>> grants;
    dev_limiter->set_grant_observer([&](const RateLimiter::Permit& p) {
        std::lock_guard lock(m);
        grants["dev"].push_back(p.granted_at);
    });
    prod_limiter->set_grant_observer([&](const RateLimiter::Permit& p) {
        std::lock_guard lock(m);
        grants["prod"].push_back(p.granted_at);
    });
    std::vector<Task> tasks;
    for (int i = 0; i < 30; ++i) {
        HttpDescopeApi* api = i % 2 ? dev.get() : prod.get();
        const std::string lane = i % 2 ? "dev" : "prod";
        tasks.push_back({"perm", lane, {}, [api, i] {
                             return api->create_permission({"p" + std::to_string(i), ""});
                         }});
    }
    Executor ex({8, 4, nullptr});
    auto out = ex.run(std::move(tasks));
    for (const auto& o : out)
        EXPECT_EQ(o.status, TaskStatus::succeeded);
    for (auto& [env, g] : grants) {
        const int n = env == "dev" ? 4 : 3;
        std::sort(g.begin(), g.end());
        ASSERT_EQ(g.size(), 15u);
        for (std::size_t i = 0; i + n < g.size(); ++i) {
            EXPECT_GE(g[i + n] - g[i], 10s) << env << " grants " << i << " and " << i + n;
        }
    }
}

}  // namespace
}  // namespace descope_mgmt::api
