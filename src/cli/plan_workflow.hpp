#pragma once
// The steps that plan, apply and the tenant commands share: open the config and the clients of
// the selected environments, read every environment's live state concurrently through the
// client's executor, diff, and (for changing commands) confirm, apply and report. The engine
// computes; this file orchestrates and prints.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "apply/report.hpp"
#include "cli/workspace.hpp"
#include "config/config.hpp"
#include "plan/differ.hpp"
#include "plan/live_reader.hpp"
#include "plan/plan.hpp"

namespace CLI {
class App;
}

namespace descope_mgmt::cli {

struct Context;

/// The flags of plan-like commands, as typed.
struct PlanFlags {
    std::vector<std::string> targets;  // --target TYPE:KEY
    std::vector<std::string> prune;    // --prune TYPE
    int max_deletes = -1;              // --max-deletes N; -1 = no cap
};

/// Adds --target, --prune and --max-deletes to `sub`.
void add_plan_flags(CLI::App& sub, PlanFlags& flags);

/// The plan options from the flags and the config's defaults.prune. Unknown prune types and
/// malformed targets are errors.
util::Result<plan::PlanOptions> plan_options(const config::Config& config, const PlanFlags& flags);

/// Changes a desired state before it is diffed (e.g. `tenant sync` keeps only tenants).
using DesiredEdit = std::function<void(model::DesiredState&)>;

/// Reads every selected environment's live state (all at once, through the executor), diffs
/// each against its desired state, and checks that every target names something. An
/// environment whose read fails is in the plan with its read_error only (printed); the others
/// are planned. Prints every other error and returns nullopt when any.
struct PlanInputs;
std::optional<plan::Plan> make_plan(Context& ctx, Workspace& ws, const plan::PlanOptions& options,
                                    const DesiredEdit& edit = {}, PlanInputs* inputs = nullptr);

/// Like make_plan but with desired states given per environment (the tenant commands build
/// their own); `desired[i]` belongs to ws.environments[i].
std::optional<plan::Plan> make_plan_from(Context& ctx, Workspace& ws,
                                         std::vector<model::DesiredState> desired,
                                         const plan::PlanOptions& options,
                                         PlanInputs* inputs = nullptr);

/// The live state of every selected environment, read at once (plan::read_live_all):
/// `states[i]` belongs to ws.environments[i]; where its read failed, `errors[i]` says why (and
/// `states[i]` is empty). A failed read fails only its environment. `scopes` and `read_at` say
/// what was read and when the read began: the plans made from it keep them (plan::LiveBasis).
struct LiveStates {
    std::vector<model::LiveState> states;
    std::vector<std::optional<api::ApiError>> errors;
    std::vector<plan::ReadScope> scopes;
    std::chrono::system_clock::time_point read_at{};

    bool all_read() const;
    const model::LiveState& operator[](std::size_t i) const { return states[i]; }
};

/// What a plan was made from (for `plan --out`): the desired state and the live read of each
/// selected environment, and when the read started (ISO 8601 UTC).
struct PlanInputs {
    std::vector<model::DesiredState> desired;
    LiveStates live;
    std::string read_at;
};

/// plan::read_live_all() with the progress line showing how far each environment's reads are
/// (cli/progress_display.hpp); the line is gone when it returns.
std::vector<plan::LiveReadResult> read_live_all_shown(
    Context& ctx, const std::vector<plan::LiveReadTarget>& targets, api::Executor& executor);

/// Reads every environment (`scopes[i]` for ws.environments[i]) and prints the error of each
/// read that failed, naming its environment and operation. nullopt when interrupted (printed).
std::optional<LiveStates> read_each_live_state(Context& ctx, Workspace& ws,
                                               const std::vector<plan::ReadScope>& scopes);

/// read_each_live_state(), for commands that need every environment (the tenant commands):
/// nullopt when any read failed.
std::optional<LiveStates> read_live_states(Context& ctx, Workspace& ws,
                                           const std::vector<plan::ReadScope>& scopes);

/// Gives each environment plan of `plan` that was read (plan.environments[i] belongs to
/// ws.environments[i]) the read it was made from (EnvironmentPlan::live), so that apply's
/// automatic backup does not read it again. diff_all() does this; a command that builds its
/// plan itself calls it.
void keep_live_reads(plan::Plan& plan, const LiveStates& live);

/// Diffs each environment that was read (one whose read failed gets an EnvironmentPlan with
/// only its read_error); prints every diff problem and returns nullopt when any.
std::optional<plan::Plan> diff_all(Context& ctx, const Workspace& ws,
                                   const std::vector<model::DesiredState>& desired,
                                   const LiveStates& live, const plan::PlanOptions& options);

/// When some environment of `plan` could not be read: prints that the others went ahead and
/// that one did not, and returns true (the command then exits 1).
bool report_unread_environments(Context& ctx, const plan::Plan& plan, const char* outcome);

/// Fails (printing which environments and objects) when any environment's plan deletes more than
/// `max_deletes` objects; -1 = no cap.
bool within_max_deletes(Context& ctx, const plan::Plan& plan, int max_deletes);

/// Prints the plan (text on stdout; in JSON mode nothing, the caller prints one document). With
/// -q, only when `will_ask` (a confirmation follows).
void print_plan(Context& ctx, const plan::Plan& plan, bool will_ask = true);

struct ApplyFlags {
    bool auto_approve = false;
    /// --parallel: every environment at once. By default they are changed one at a time, in
    /// config order, and the first that fails stops the rollout.
    bool parallel = false;
    int parallelism = 4;
    /// How long a change that needs an object created moments before waits for Descope to show
    /// it (R7), in seconds.
    double visibility_timeout_seconds = 5;
    /// What the prompt calls the operation ("apply these changes", "delete tenant acme").
    std::string what = "apply these changes";
    /// `apply FILE`: the plan was reviewed, so no "yes" is asked; protected environments still
    /// ask for their typed name unless auto_approve.
    bool reviewed = false;
};

/// Adds the changing commands' -y/--yes/--auto-approve (kYesFlags, commands.hpp), --parallel,
/// --parallelism and --visibility-timeout to `sub`.
void add_apply_flags(CLI::App& sub, ApplyFlags& flags, const std::string& help);

/// The end of every changing command: shows nothing new (the plan is printed already), stops
/// for --dry-run or no changes, confirms (yes/no, and the typed name of protected environments;
/// no terminal and no --auto-approve is an error), applies the environments one at a time in
/// config order, each backed up just before its turn, stopping at the first that fails (the
/// later ones are reported as not started; ApplyFlags::parallel: all at once, after every
/// backup), prints progress on stderr and the report, and returns the exit code (0, 1, or 130
/// interrupted).
int confirm_apply_and_report(Context& ctx, Workspace& ws, const plan::Plan& plan,
                             const ApplyFlags& flags);

/// The one ending of apply, restore, flow/theme deploy and tenant sync, once the plan is made:
/// prints it, refuses it when an environment deletes more than `max_deletes` objects (-1 = no
/// cap; with -o json the apply document still comes out, `applied` false), then
/// confirm_apply_and_report(). Returns the exit code.
int show_plan_then_apply(Context& ctx, Workspace& ws, const plan::Plan& plan, int max_deletes,
                         const ApplyFlags& flags);

}  // namespace descope_mgmt::cli
