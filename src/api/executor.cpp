#include "api/executor.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <queue>
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

std::vector<TaskOutcome> Executor::run(std::vector<Task> tasks, const TaskObserver& observer) {
    const std::size_t n = tasks.size();
    std::vector<TaskOutcome> outcomes(n);
    std::vector<State> state(n, State::pending);
    std::size_t done = 0;
    std::mutex mutex;
    std::condition_variable changed;

    // Dependency bookkeeping, so that picking the next task costs O(lanes), not O(tasks): a
    // plan can hold tens of thousands of tasks.
    std::vector<std::vector<std::size_t>> dependents(n);
    std::vector<std::size_t> waiting_for(n, 0);
    // Ready tasks by lane, lowest index first: with parallelism 1 tasks run exactly in order.
    std::map<std::string,
             std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>>>
        ready;
    std::map<std::string, int> lane_running;
    std::vector<bool> skipped(n, false);
    std::vector<std::vector<std::size_t>> blocked_by(n);  // of skipped tasks, as they are known

    auto tell = [&](TaskEvent::Kind kind, std::size_t i) {
        if (observer)
            observer(TaskEvent{kind, i, kind == TaskEvent::Kind::ended ? &outcomes[i] : nullptr});
    };

    // Marks `i` done with `outcome` and releases or skips the tasks that wait for it
    // (iteratively: a long chain of skips must not grow the stack).
    auto finish = [&](std::size_t first, TaskOutcome first_outcome) {
        std::vector<std::pair<std::size_t, TaskOutcome>> todo;
        todo.emplace_back(first, std::move(first_outcome));
        while (!todo.empty()) {
            auto [i, o] = std::move(todo.back());
            todo.pop_back();
            outcomes[i] = std::move(o);
            state[i] = State::done;
            ++done;
            tell(TaskEvent::Kind::ended, i);
            const bool ok = outcomes[i].status == TaskStatus::succeeded;
            for (std::size_t d : dependents[i]) {
                if (!ok && skipped[d]) {
                    blocked_by[d].push_back(i);  // skipped already; it waited for this one too
                    continue;
                }
                if (state[d] != State::pending) continue;
                if (!ok) {
                    state[d] = State::running;  // claimed: never picked, never queued twice
                    skipped[d] = true;
                    blocked_by[d].push_back(i);
                    todo.emplace_back(d, TaskOutcome{TaskStatus::skipped, std::nullopt, {i}});
                } else if (--waiting_for[d] == 0) {
                    ready[tasks[d].lane].push(d);
                }
            }
        }
    };

    std::vector<std::size_t> invalid;
    for (std::size_t i = 0; i < n; ++i) {
        bool bad = false;
        for (std::size_t dep : tasks[i].after) {
            if (dep >= i) {
                bad = true;
            } else {
                dependents[dep].push_back(i);
                ++waiting_for[i];
            }
        }
        if (bad) invalid.push_back(i);
    }
    for (std::size_t i : invalid) {
        if (state[i] != State::pending) continue;
        ApiError e;
        e.operation = tasks[i].key;
        e.message = "internal error: a task may only wait for earlier tasks";
        finish(i, TaskOutcome{TaskStatus::failed, e, {}});
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (state[i] == State::pending && waiting_for[i] == 0) ready[tasks[i].lane].push(i);
    }

    // The lowest-numbered ready task whose lane has room; n when there is none.
    auto pick = [&]() -> std::size_t {
        std::size_t best = n;
        std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>>* from = nullptr;
        for (auto& [lane, queue] : ready) {
            if (queue.empty()) continue;
            if (!lane.empty() && lane_running[lane] >= m_options.lane_parallelism) continue;
            if (queue.top() < best) {
                best = queue.top();
                from = &queue;
            }
        }
        if (from) from->pop();
        return best;
    };

    auto worker = [&] {
        std::unique_lock lock(mutex);
        while (done < n && !is_cancelled(m_options.cancel)) {
            const std::size_t i = pick();
            if (i == n) {
                changed.wait_for(lock, kPoll);
                continue;
            }
            state[i] = State::running;
            if (!tasks[i].lane.empty()) ++lane_running[tasks[i].lane];
            tell(TaskEvent::Kind::started, i);
            lock.unlock();
            TaskOutcome outcome;
            try {
                auto r = tasks[i].run ? tasks[i].run() : ApiResult<void>();
                if (r) {
                    outcome.status = TaskStatus::succeeded;
                } else {
                    outcome.status = r.error().cancelled  ? TaskStatus::interrupted
                                     : r.error().not_sent ? TaskStatus::not_started
                                                          : TaskStatus::failed;
                    outcome.error = r.error();
                }
            } catch (const std::exception& ex) {
                ApiError e;
                e.operation = tasks[i].key;
                e.message = std::string("internal error: ") + ex.what();
                outcome = {TaskStatus::failed, e, {}};
            }
            lock.lock();
            if (!tasks[i].lane.empty()) --lane_running[tasks[i].lane];
            finish(i, std::move(outcome));
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
        if (skipped[i]) outcomes[i].blocked_by = std::move(blocked_by[i]);
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
