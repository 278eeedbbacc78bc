#include "api/executor.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace descope_mgmt::api {

namespace {
/// How often idle workers look at the cancellation flag (a signal handler cannot notify).
constexpr std::chrono::milliseconds kPoll{50};

enum class State { pending, running, done };
}  // namespace

const char* to_string(TaskStatus status) {
    switch (status) {
        case TaskStatus::succeeded:
            return "succeeded";
        case TaskStatus::failed:
            return "failed";
        case TaskStatus::interrupted:
            return "interrupted";
        case TaskStatus::skipped:
            return "skipped";
        case TaskStatus::not_started:
            return "not_started";
    }
    return "failed";
}

Executor::Executor(ExecutorOptions options) : m_options(options) {
    m_options.parallelism = std::max(1, m_options.parallelism);
    m_options.lane_parallelism = std::max(1, m_options.lane_parallelism);
}

std::vector<TaskOutcome> Executor::run(std::vector<Task> tasks) {
    const std::size_t n = tasks.size();
    std::vector<TaskOutcome> outcomes(n);
    std::vector<State> state(n, State::pending);
    std::size_t done = 0;
    std::map<std::string, int> lane_running;
    std::mutex mutex;
    std::condition_variable changed;

    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t dep : tasks[i].after) {
            if (dep >= i && state[i] == State::pending) {
                ApiError e;
                e.operation = tasks[i].key;
                e.message = "internal error: a task may only wait for earlier tasks";
                outcomes[i] = {TaskStatus::failed, e};
                state[i] = State::done;
                ++done;
            }
        }
    }

    // The next task that may start now, or n; marks tasks whose dependencies failed as skipped.
    auto pick = [&]() -> std::size_t {
        for (std::size_t i = 0; i < n; ++i) {
            if (state[i] != State::pending) continue;
            bool ready = true;
            bool blocked = false;
            for (std::size_t dep : tasks[i].after) {
                if (state[dep] != State::done) {
                    ready = false;
                } else if (outcomes[dep].status != TaskStatus::succeeded) {
                    blocked = true;
                }
            }
            if (blocked) {
                outcomes[i].status = TaskStatus::skipped;
                state[i] = State::done;
                ++done;
                continue;
            }
            if (!ready) continue;
            const std::string& lane = tasks[i].lane;
            if (!lane.empty() && lane_running[lane] >= m_options.lane_parallelism) continue;
            return i;
        }
        return n;
    };

    auto worker = [&] {
        std::unique_lock lock(mutex);
        while (done < n && !is_cancelled(m_options.cancel)) {
            const std::size_t i = pick();
            if (i == n) {
                if (done < n) changed.wait_for(lock, kPoll);
                continue;
            }
            state[i] = State::running;
            if (!tasks[i].lane.empty()) ++lane_running[tasks[i].lane];
            lock.unlock();
            TaskOutcome outcome;
            try {
                auto r = tasks[i].run ? tasks[i].run() : ApiResult<void>();
                if (r) {
                    outcome.status = TaskStatus::succeeded;
                } else {
                    outcome.status =
                        r.error().cancelled ? TaskStatus::interrupted : TaskStatus::failed;
                    outcome.error = r.error();
                }
            } catch (const std::exception& ex) {
                ApiError e;
                e.operation = tasks[i].key;
                e.message = std::string("internal error: ") + ex.what();
                outcome = {TaskStatus::failed, e};
            }
            lock.lock();
            outcomes[i] = std::move(outcome);
            state[i] = State::done;
            ++done;
            if (!tasks[i].lane.empty()) --lane_running[tasks[i].lane];
            changed.notify_all();
        }
        changed.notify_all();
    };

    const std::size_t workers =
        std::min<std::size_t>(static_cast<std::size_t>(m_options.parallelism), n);
    std::vector<std::thread> threads;
    threads.reserve(workers);
    for (std::size_t w = 0; w < workers; ++w)
        threads.emplace_back(worker);
    for (auto& t : threads)
        t.join();

    // Whatever is still pending was never started (cancellation).
    for (std::size_t i = 0; i < n; ++i) {
        if (state[i] == State::pending) outcomes[i].status = TaskStatus::not_started;
    }
    return outcomes;
}

std::size_t Executor::run_all(std::vector<std::function<void()>>& closures) {
    std::vector<Task> tasks;
    tasks.reserve(closures.size());
    for (std::size_t i = 0; i < closures.size(); ++i) {
        tasks.push_back(Task{"task " + std::to_string(i), "", {}, [&closures, i] {
                                 closures[i]();
                                 return ApiResult<void>();
                             }});
    }
    std::size_t ran = 0;
    for (const auto& o : run(std::move(tasks))) {
        if (o.status != TaskStatus::not_started) ++ran;
    }
    return ran;
}

}  // namespace descope_mgmt::api
