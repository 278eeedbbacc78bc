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

namespace descope_mgmt::apply {

struct ProgressEvent {
    enum class Kind { started, succeeded, failed, skipped };
    Kind kind = Kind::started;
    std::string_view environment;
    std::size_t index = 0;  // in EnvironmentPlan::changes
    const plan::Change* change = nullptr;
    const ChangeResult* result = nullptr;  // set for succeeded, failed, skipped
};

/// Receives progress events. The engine calls it from its worker threads, one call at a time.
using ProgressSink = std::function<void(const ProgressEvent&)>;

struct ApplyOptions {
    /// Changes of one environment that may run at the same time (at least 1).
    int parallelism = 4;
    /// When cancelled, nothing new starts; changes in flight finish (Ctrl-C).
    const api::CancellationToken* cancel = nullptr;
};

/// Executes the plan's changes (no-ops skipped). A change starts only when every change it
/// depends on has succeeded; when one fails, its dependents are skipped and reported with the
/// failure that blocked them, while independent changes still run. Never throws for API errors.
EnvironmentReport apply_plan(const plan::EnvironmentPlan& plan, api::DescopeApi& api,
                             const ApplyOptions& options, const ProgressSink& progress = {});

/// Executes one change with the calls it needs (a replace deletes then creates); `calls` is
/// increased by the number of API calls made.
api::ApiResult<void> execute_change(const plan::Change& change, api::DescopeApi& api, int& calls);

}  // namespace descope_mgmt::apply
