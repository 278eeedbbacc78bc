#pragma once
// The one reader of a live project: plan, drift, the tenant commands, backups and export-config
// all read through read_live(), each with the scope it needs, so no caller reads anything twice
// or makes a call its answer does not use.

#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/descope_api.hpp"
#include "api/executor.hpp"
#include "model/state.hpp"

namespace descope_mgmt::plan {

/// Runs independent tasks, possibly at the same time, and returns when all have finished.
/// The CLI passes one backed by the API client's executor; tests pass run_sequentially.
using TaskRunner = std::function<void(std::vector<std::function<void()>>& tasks)>;

/// Runs the tasks one after the other on the calling thread.
void run_sequentially(std::vector<std::function<void()>>& tasks);

/// What read_live() reads besides `tenant/all`, `role/all` and `permission/all` (always read).
struct ReadScope {
    /// Tenants whose session settings are read when they exist live (one `tenant/settings`
    /// each); nullopt = every live tenant.
    std::optional<std::set<std::string>> settings_for = std::set<std::string>{};
    /// Flows exported when they exist live (one `flow/list`, then one `flow/export` each);
    /// nullopt = every live flow; empty = no flow call at all.
    std::optional<std::set<std::string>> flows = std::set<std::string>{};
    /// One `theme/export`.
    bool theme = false;
    enum class ProjectName {
        skip,             // no `projects/list`
        read,             // a failure fails the read
        read_if_allowed,  // a refusal (a key limited to projects, R1) leaves it empty, with a note
    };
    ProjectName project_name = ProjectName::skip;

    /// What the diff of `desired` needs: the session settings of the declared tenants that
    /// declare them, the declared flows, the theme when managed, the name when managed.
    static ReadScope for_diff(const model::DesiredState& desired);
    /// for_diff() of each, in order.
    static std::vector<ReadScope> for_diff(const std::vector<model::DesiredState>& desired);
    /// The whole managed surface (backups, export-config): every flow, the theme, the name when
    /// the key may read it, and the session settings of `settings_for` (nullopt = every tenant).
    static ReadScope whole_project(std::optional<std::set<std::string>> settings_for,
                                   bool project_name = true);
};

/// A read a plan was made from (EnvironmentPlan::live): the state, what was read, and when the
/// read began. What a later reader of the same environment starts from, so that it reads only
/// what this read did not (apply's automatic backup).
struct LiveBasis {
    model::LiveState state;
    ReadScope scope;
    std::chrono::system_clock::time_point read_at{};
};

/// Reads `scope` of one environment in two rounds (the lists, then what depends on them), each
/// round's reads through `run`. Fails with the first API error; with read_if_allowed, a project
/// name that cannot be read adds a sentence saying why to `notes` (when given) instead.
api::ApiResult<model::LiveState> read_live(api::DescopeApi& api, const std::string& environment,
                                           const ReadScope& scope,
                                           const TaskRunner& run = run_sequentially,
                                           std::vector<std::string>* notes = nullptr);

/// One environment of read_live_all().
struct LiveReadTarget {
    api::DescopeApi* api = nullptr;
    std::string environment;
    ReadScope scope;
    /// When set, the read starts from this earlier read of the environment and makes only the
    /// calls `scope` needs that `basis->scope` did not make (never the lists again): the result
    /// is basis->state with what was missing added.
    const LiveBasis* basis = nullptr;
};

struct LiveReadResult {
    api::ApiResult<model::LiveState> state = model::LiveState{};
    std::vector<std::string> notes;  // what read_live() puts in `notes`
};

/// What read_live_all() says as it goes, for the progress line: the reads of a round of target
/// `target` are known (`count` of them, one request each; `last_round`: no more will come for
/// it, which a target that failed in the first round hears with count 0), or one of them ended.
struct ReadProgress {
    enum class Kind { planned, done };
    Kind kind = Kind::planned;
    std::size_t target = 0;  // index into the targets
    std::size_t count = 0;   // planned
    bool last_round = false;
};
/// Called one event at a time, from the executor's worker threads.
using ReadObserver = std::function<void(const ReadProgress&)>;

/// read_live() for several environments through one executor: the first round of every
/// environment in one run (lane = environment), then the second round of those that did not
/// fail. A read cut short by cancellation fails with an error marked `cancelled`. One result per
/// target, in order. `observer`, when given, hears each round planned and each read done.
std::vector<LiveReadResult> read_live_all(const std::vector<LiveReadTarget>& targets,
                                          api::Executor& executor,
                                          const ReadObserver& observer = {});

/// read_live(api, desired.environment, ReadScope::for_diff(desired), run).
api::ApiResult<model::LiveState> read_live_state(api::DescopeApi& api,
                                                 const model::DesiredState& desired,
                                                 const TaskRunner& run = run_sequentially);

}  // namespace descope_mgmt::plan
