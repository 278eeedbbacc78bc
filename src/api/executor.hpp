#pragma once
// Runs API work concurrently and stops cleanly on Ctrl-C.
//
// Usage (the plan/apply engine):
//
//   api::Executor ex({.parallelism = 8, .lane_parallelism = 4, .cancel = &token});
//   std::vector<api::Task> tasks;
//   tasks.push_back({"dev tenant:acme", "dev", {}, [&]() -> api::ApiResult<void> {
//       auto id = dev.create_tenant(t);
//       if (!id) return util::unexpected(id.error());
//       return {};
//   }});
//   tasks.push_back({"dev tenant:acme settings", "dev", {0},       // runs after task 0
//                    [&] { return dev.update_tenant_settings(t); }});
//   std::vector<api::TaskOutcome> out = ex.run(std::move(tasks));
//
// * At most `parallelism` tasks run at once, and at most `lane_parallelism` of one lane (use the
//   environment name as the lane), so one slow environment cannot take every worker.
// * Rate limits are not the executor's business: every request a task makes waits for its
//   environment's RateLimiter inside HttpDescopeApi, so no bucket is ever exceeded however many
//   workers run.
// * `after` lists indexes of EARLIER tasks that must succeed first; when one of them does not,
//   the task is `skipped` and never runs (its outcome's `blocked_by` says which).
// * An observer, when given, hears when each task starts and how each one ended (skips
//   included), one call at a time: the apply's progress lines.
// * Cancellation (the token is set, e.g. by SIGINT): running tasks finish (their in-flight
//   request completes; a further request in the same task is refused and the task ends
//   `interrupted`), no new task starts (`not_started`). run() returns only when every worker is
//   idle, and each outcome says exactly what happened.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/api_error.hpp"
#include "api/cancellation.hpp"

namespace descope_mgmt::api {

struct Task {
    std::string key;                 // names the task ("dev tenant:acme")
    std::string lane;                // e.g. the environment; "" = no per-lane limit
    std::vector<std::size_t> after;  // indexes of earlier tasks that must succeed first
    std::function<ApiResult<void>()> run;
};

/// How a task ended; the one status vocabulary of the tool (apply reports, read results and their
/// JSON documents all use these words).
enum class TaskStatus {
    succeeded,
    failed,       // run() returned an error (see TaskOutcome::error)
    interrupted,  // started, then stopped by cancellation (error.cancelled; check may_have_applied)
    skipped,      // a task in `after` did not succeed; never started
    not_started,  // cancelled before it could start, or its environment had stopped
                  // answering (error.not_sent)
};

/// "succeeded", "failed", "interrupted", "skipped", "not_started".
const char* to_string(TaskStatus status);

struct TaskOutcome {
    TaskStatus status = TaskStatus::not_started;
    std::optional<ApiError> error;  // for failed and interrupted
    /// For skipped: the tasks in `after` that failed or were skipped (indexes), in the order they
    /// ended.
    std::vector<std::size_t> blocked_by;
};

/// What an observer hears: a task started, or it ended (`outcome` is then set).
struct TaskEvent {
    enum class Kind { started, ended };
    Kind kind = Kind::started;
    std::size_t index = 0;
    const TaskOutcome* outcome = nullptr;
};
using TaskObserver = std::function<void(const TaskEvent&)>;

struct ExecutorOptions {
    int parallelism = 8;       // workers in total (at least 1)
    int lane_parallelism = 4;  // running tasks per lane (at least 1)
    const CancellationToken* cancel = nullptr;
};

class Executor {
  public:
    explicit Executor(ExecutorOptions options);

    /// Runs `tasks` and returns one outcome per task, in the same order. Blocks until every
    /// started task has finished. A task whose `after` names itself or a later task fails
    /// without running. `observer` is called one event at a time, from the worker threads.
    std::vector<TaskOutcome> run(std::vector<Task> tasks, const TaskObserver& observer = {});

    /// Runs plain closures as independent tasks (no lane) and returns when all have finished
    /// or, after cancellation, when the started ones have; returns how many ran.
    std::size_t run_all(std::vector<std::function<void()>>& closures);

    const ExecutorOptions& options() const { return m_options; }

  private:
    ExecutorOptions m_options;
};

}  // namespace descope_mgmt::api
