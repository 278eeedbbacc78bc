#pragma once
// What an apply did, per environment: data for render (text or JSON) and for the exit code.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_error.hpp"
#include "api/executor.hpp"

namespace descope_mgmt::apply {

/// The fate of one change of the plan (no-op changes have none). `outcome` is the executor's
/// status: succeeded; failed (the API refused or could not be reached; error is set); skipped (a
/// change it depends on failed or was skipped; blocked_by is set); not_started (interrupted
/// before it could start); interrupted (started, then cut short by Ctrl-C; error is set; counted
/// as failed).
struct ChangeResult {
    std::size_t index = 0;  // in EnvironmentPlan::changes
    api::TaskStatus outcome = api::TaskStatus::not_started;
    std::optional<api::ApiError> error;
    /// For a skipped change: the failed or skipped changes it was waiting for (indices).
    std::vector<std::size_t> blocked_by;
    int api_calls = 0;
    std::chrono::milliseconds elapsed{0};
};

struct EnvironmentReport {
    std::string environment;
    /// One per change that is not a no-op, in plan order.
    std::vector<ChangeResult> results;
    std::size_t created = 0;
    std::size_t updated = 0;
    std::size_t replaced = 0;
    std::size_t deleted = 0;
    std::size_t failed = 0;
    std::size_t skipped = 0;
    std::size_t not_started = 0;
    /// API calls: the engine counts those its changes made (each call once, whatever its
    /// retries); the caller, which owns the client, replaces that with every HTTP request the
    /// run sent to this environment (read_calls plus the apply's, retries included), what its
    /// rate limit counts.
    int api_calls = 0;
    /// Of api_calls, those sent before the apply began: reading the live state (the plan's read,
    /// and what the automatic backup read beyond it). Filled by the caller.
    int read_calls = 0;
    /// Retries the client made over the run; filled by the caller.
    int retries = 0;
    std::chrono::milliseconds elapsed{0};
    bool interrupted = false;
    /// False when a one-at-a-time rollout stopped before this environment's turn: nothing of it
    /// was tried (`results` is empty, `not_started` counts its changes). `stopped_by` names the
    /// earlier environment that failed (this one itself when its own backup could not be taken);
    /// empty when the run was interrupted (then `interrupted`).
    bool started = true;
    std::string stopped_by;

    /// Every change succeeded.
    bool ok() const { return failed == 0 && skipped == 0 && not_started == 0; }
    /// api_calls - read_calls: the calls of the apply itself.
    int apply_calls() const { return api_calls - read_calls; }
};

/// What a run did over every environment: the reports' counts summed, and the calls of every
/// environment the run read (those without changes have no report, but their reads count).
struct RunTotals {
    std::size_t environments = 0;  // environments the run covered (planned or not)
    std::size_t created = 0;
    std::size_t updated = 0;
    std::size_t replaced = 0;
    std::size_t deleted = 0;
    std::size_t failed = 0;
    std::size_t skipped = 0;
    std::size_t not_started = 0;
    int api_calls = 0;
    int read_calls = 0;
    int retries = 0;

    int apply_calls() const { return api_calls - read_calls; }
};

/// The counts of `reports` summed (calls too: the caller adds those of environments without a
/// report).
RunTotals sum_reports(const std::vector<EnvironmentReport>& reports);

}  // namespace descope_mgmt::apply
