#pragma once
// Builds the API clients of the environments a command uses, from the loaded config: checks
// their credentials (an unset variable is an error naming it and the environment), resolves
// base URLs, creates one rate limiter per environment (or one shared by all with
// `rate_limit.scope: shared`), one libcurl transport, and logs to stderr by verbosity
// (-v retries and waits, -vv every HTTP request; the key is always redacted).
// Also owns the process-wide Ctrl-C token.

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/cancellation.hpp"
#include "api/executor.hpp"
#include "api/http_descope_api.hpp"
#include "config/config.hpp"
#include "util/result.hpp"

namespace descope_mgmt::cli {

struct Context;

/// The token SIGINT sets once install_interrupt_handler() ran.
api::CancellationToken& interrupt_token();
/// First Ctrl-C: sets interrupt_token() (work in flight finishes, nothing new starts).
/// A second Ctrl-C kills the process as usual.
void install_interrupt_handler();

/// Loads ctx.global.config_path; on errors prints every diagnostic to ctx.err and returns
/// nullopt.
std::optional<config::Config> load_config_or_report(Context& ctx, config::LoadOptions options = {});

/// The environments selected by -e/--env (none or "all" = all, in config order). Unknown
/// names are an error with "did you mean".
util::Result<std::vector<const model::Environment*>> select_environments(
    const config::Config& config, const std::vector<std::string>& names);

/// The one environment among `selected` (all configured ones when -e was not given), or an
/// error telling the user to pick one with -e and listing the choices.
util::Result<const model::Environment*> single_environment(
    const std::vector<const model::Environment*>& selected, std::string_view command);

class ApiSession;

/// A loaded config with the clients of the selected environments: what every command that
/// talks to Descope starts from.
struct Workspace {
    config::Config config;  // the session points into config.environments (moves keep them)
    std::vector<const model::Environment*> environments;
    std::unique_ptr<ApiSession> session;
};

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

/// Loads the config, selects the environments and opens their clients. Every problem is
/// printed to ctx.err; nullopt then.
std::optional<Workspace> open_workspace(Context& ctx, const WorkspaceOptions& options = {});

/// For an environment whose read did not succeed: sets `out["status"]` ("error",
/// "interrupted" or "not_started") and `out["error"]`, and prints the error to ctx.err, or
/// "ENV: WHAT: not started (interrupted)" when the read never started.
void report_failed_read(Context& ctx, nlohmann::json& out, const api::TaskOutcome& outcome,
                        bool interrupted, const std::string& environment, const std::string& what);

class ApiSession {
  public:
    /// One client per environment, in the given order. Errors name the environment: unset
    /// credential variables (all of them, with their file:line:col), a missing project id or
    /// key, an invalid base URL.
    static util::Result<std::unique_ptr<ApiSession>> open(
        const config::Config& config, const std::vector<const model::Environment*>& environments,
        Context& ctx);

    std::size_t size() const { return m_clients.size(); }
    api::HttpDescopeApi& client(std::size_t i) { return *m_clients[i]; }
    const model::Environment& environment(std::size_t i) const { return *m_environments[i]; }
    /// An executor over these environments (a lane per environment), stopped by Ctrl-C.
    api::Executor executor(int parallelism = 0) const;
    /// Stats summed over every environment.
    api::ApiStatsSnapshot total_stats() const;
    bool interrupted() const { return interrupt_token().cancelled(); }

  private:
    std::vector<const model::Environment*> m_environments;
    std::vector<std::unique_ptr<api::HttpDescopeApi>> m_clients;
};

}  // namespace descope_mgmt::cli
