#pragma once
// How commands open their workspace (workspace/workspace.hpp): load the config, report its
// problems, select the environments, make their clients through ctx's ClientFactory (the HTTP
// one unless a test set another) and print every problem to ctx.err. Also owns the
// process-wide Ctrl-C token.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/cancellation.hpp"
#include "api/executor.hpp"
#include "config/config.hpp"
#include "render/view.hpp"
#include "workspace/workspace.hpp"

namespace descope_mgmt::cli {

struct Context;
using workspace::single_environment;
using Workspace = workspace::Workspace;

/// The token SIGINT sets once install_interrupt_handler() ran.
api::CancellationToken& interrupt_token();
/// First Ctrl-C: sets interrupt_token() (work in flight finishes, nothing new starts).
/// A second Ctrl-C kills the process as usual.
void install_interrupt_handler();

/// Loads ctx.global.config_path; on errors prints every diagnostic to ctx.err and returns
/// nullopt.
std::optional<config::Config> load_config_or_report(Context& ctx, config::LoadOptions options = {});

struct WorkspaceOptions {
    config::LoadOptions load;
    /// When set, exactly one environment must be selected (or the config must have only one);
    /// the command named in that error ("flow export").
    std::optional<std::string_view> single_for;
};

/// The options of commands that read live projects and never the config's flow and theme
/// files (they may not exist yet, or be broken: that must not stop a backup or a restore).
inline WorkspaceOptions live_only(std::optional<std::string_view> single_for = std::nullopt) {
    WorkspaceOptions o;
    o.load.read_resource_files = false;
    o.single_for = single_for;
    return o;
}

/// Loads the config, selects the environments (-e) and opens their clients. Every problem is
/// printed to ctx.err; nullopt then.
std::optional<Workspace> open_workspace(Context& ctx, const WorkspaceOptions& options = {});

/// Opens what ctx.needs says the command needs (the config, or the workspace of the selected
/// environments: exactly one for Needs::one_environment, named after ctx.command) into
/// ctx.opened_config / ctx.opened_workspace, and installs the Ctrl-C handler for commands with
/// clients. Every problem is printed; false then.
bool open_needs(Context& ctx);

/// Opens the clients of `selection` over an already loaded config (doctor picks the
/// environments worth a request itself). Problems are printed; nullopt then.
std::optional<Workspace> open_clients(Context& ctx, config::Config config,
                                      const workspace::Selection& selection);

/// With -v: one stderr line of the workspace's API counts (calls, retries, 429s, time waited).
void report_api_stats(Context& ctx, const Workspace& ws);

/// How an environment's read ended (render::EnvironmentRead), from its executor outcome. When it
/// did not succeed, the error is printed to ctx.err, or "ENV: WHAT: not started (interrupted)"
/// when the read never started.
render::EnvironmentRead read_result(Context& ctx, const model::Environment& env,
                                    const api::TaskOutcome& outcome, bool interrupted,
                                    const std::string& what);

}  // namespace descope_mgmt::cli
