#pragma once
// What a command that talks to Descope starts from: the loaded config, the environments it
// selected, one DescopeApi per environment, and the executor every fan-out of the run goes
// through (a lane per environment, stopped by the run's cancellation token).
//
// The clients come from a ClientFactory: HttpClientFactory (libcurl, rate limits, retries) in
// the tool, a factory of FakeDescopeApi in tests, so the commands' logic is tested without a
// server. Opening never prints: every problem comes back as diagnostics for the caller to
// render.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_stats.hpp"
#include "api/cancellation.hpp"
#include "api/descope_api.hpp"
#include "api/executor.hpp"
#include "config/config.hpp"
#include "diag/diagnostic.hpp"
#include "util/result.hpp"

namespace descope_mgmt::workspace {

/// Makes the clients of a run's environments.
class ClientFactory {
  public:
    virtual ~ClientFactory() = default;
    /// One client per environment, in the given order; their credentials are set (checked by
    /// open()). An error names the environment (an invalid base URL, say).
    virtual util::Result<std::vector<std::shared_ptr<api::DescopeApi>>, diag::Diagnostics> open(
        const config::Config& config,
        const std::vector<const model::Environment*>& environments) = 0;
};

struct Selection {
    /// -e/--env names: none or "all" = every environment, in config order.
    std::vector<std::string> names;
    /// When set, exactly one environment must be selected (or the config must have only one);
    /// the command named in that error ("flow export").
    std::optional<std::string_view> single_for;
};

class Workspace {
  public:
    config::Config config;  // `environments` point into config.environments (moves keep them)
    std::vector<const model::Environment*> environments;

    std::size_t size() const { return m_clients.size(); }
    api::DescopeApi& client(std::size_t i) { return *m_clients[i]; }
    const model::Environment& environment(std::size_t i) const { return *environments[i]; }
    /// The executor of this run: a lane per environment with at most `per_environment` tasks
    /// running in each, all environments at once; stopped by the cancellation token.
    api::Executor executor(int per_environment = 4) const;
    /// Statistics summed over every environment's client.
    api::ApiStatsSnapshot total_stats() const;
    /// Client i's statistics when the workspace was opened (zero, unless the client counted
    /// earlier work, as a test's fake does): the run's own traffic is client(i).stats() minus
    /// these.
    const api::ApiStatsSnapshot& stats_at_open(std::size_t i) const { return m_at_open[i]; }
    /// The run's cancellation token was set (Ctrl-C).
    bool interrupted() const { return m_cancel != nullptr && m_cancel->cancelled(); }
    const api::CancellationToken* cancellation() const { return m_cancel; }

  private:
    friend util::Result<Workspace, diag::Diagnostics> open(config::Config, const Selection&,
                                                           ClientFactory&,
                                                           const api::CancellationToken*);
    std::vector<std::shared_ptr<api::DescopeApi>> m_clients;
    std::vector<api::ApiStatsSnapshot> m_at_open;
    const api::CancellationToken* m_cancel = nullptr;
};

/// Selects the environments and opens their clients. Every credential problem of every selected
/// environment is reported together (unset variables with their file:line:col, an empty project
/// id or key), before any client is made.
util::Result<Workspace, diag::Diagnostics> open(config::Config config, const Selection& selection,
                                                ClientFactory& factory,
                                                const api::CancellationToken* cancel);

/// The environments named by -e/--env (none or "all" = all, in config order). Unknown names are
/// an error with "did you mean".
util::Result<std::vector<const model::Environment*>> select_environments(
    const config::Config& config, const std::vector<std::string>& names);

/// The one environment among `selected`, or an error telling the user to pick one with -e and
/// listing the choices.
util::Result<const model::Environment*> single_environment(
    const std::vector<const model::Environment*>& selected, std::string_view command);

/// No --env, or `--env all`: the command works on every environment of the config.
inline bool selects_all_environments(const std::vector<std::string>& names) {
    if (names.empty()) return true;
    for (const auto& n : names)
        if (n == "all") return true;  // `-e dev -e all` is every environment, too
    return false;
}

}  // namespace descope_mgmt::workspace
