#pragma once
// Executes a plan through DescopeApi: dependency order, independent changes concurrently,
// progress as events (the engine never prints), a report at the end.

#include <chrono>
#include <functional>
#include <string_view>

#include "api/cancellation.hpp"
#include "api/descope_api.hpp"
#include "apply/report.hpp"
#include "plan/plan.hpp"

namespace descope_mgmt::api {
class Executor;
}

namespace descope_mgmt::apply {

struct ProgressEvent {
    /// not_started: its environment had stopped answering (the result's error says so).
    enum class Kind { started, succeeded, failed, skipped, not_started };
    Kind kind = Kind::started;
    std::string_view environment;
    std::size_t index = 0;  // in EnvironmentPlan::changes
    const plan::Change* change = nullptr;
    const ChangeResult* result = nullptr;  // set for all but started
};

/// Receives progress events. The engine calls it from its worker threads, one call at a time.
using ProgressSink = std::function<void(const ProgressEvent&)>;

struct ApplyOptions {
    /// Changes of one environment that may run at the same time (at least 1).
    int parallelism = 4;
    /// When cancelled, nothing new starts; changes in flight finish (Ctrl-C).
    const api::CancellationToken* cancel = nullptr;
    /// The run's executor (the tool passes its workspace's, whose options then replace
    /// `parallelism`; give it the same `cancel`); unset = one made from those two.
    api::Executor* executor = nullptr;
    /// Descope does not show a new object at once (R7, docs/real-service.md): a change that
    /// depends on an object created earlier in this apply and is refused with a 4xx (other than
    /// 401, 403, 429) is tried again, with waits of 0.25, 0.5, 1, 1, ... s, until this much time
    /// has passed since its first try. 0 = no such retries. A replace is never repeated (its
    /// delete may have happened).
    std::chrono::milliseconds visibility_timeout{5000};
    /// Receives one line per such retry (shown at -v). Called from worker threads.
    std::function<void(const std::string&)> log;
    /// Waits between such retries; empty = the calling thread sleeps (tests inject a fake).
    std::function<void(std::chrono::milliseconds)> sleep;
};

/// One environment's plan and the client that applies it.
struct ApplyTarget {
    const plan::EnvironmentPlan* plan = nullptr;
    api::DescopeApi* api = nullptr;
};

/// Executes the plans' changes (no-ops skipped) as one run of api::Executor, lane = environment:
/// environments in parallel, at most `options.parallelism` changes of one environment at once,
/// the ready ones in plan order. A change starts only when every change it depends on has
/// succeeded; when one fails, its dependents are skipped and reported with the failure that
/// blocked them, while independent changes still run. One report per target, in order. Never
/// throws for API errors.
std::vector<EnvironmentReport> apply_plans(const std::vector<ApplyTarget>& targets,
                                           const ApplyOptions& options,
                                           const ProgressSink& progress = {});

/// apply_plans for one environment.
EnvironmentReport apply_plan(const plan::EnvironmentPlan& plan, api::DescopeApi& api,
                             const ApplyOptions& options, const ProgressSink& progress = {});

/// Executes one change with the calls it needs (a replace deletes then creates); `calls` is
/// increased by the number of API calls made.
api::ApiResult<void> execute_change(const plan::Change& change, api::DescopeApi& api, int& calls);

/// The HTTP requests `change` usually costs, retries aside, for the progress line's ETA: one per
/// call execute_change() makes, plus the read that an update of a tenant, a role or a tenant's
/// session settings makes first to keep what the tool does not manage. 0 for a no-op.
int expected_requests(const plan::Change& change);

}  // namespace descope_mgmt::apply
