#pragma once
// Runs the real command line (cli::run) in-process, on FakeDescopeApi projects instead of
// Descope: a config in a temporary folder, one fake project per environment, the outputs
// captured. What the emulator e2e tests do with processes, for the CLI's own logic and its
// failure paths, in milliseconds.

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/cancellation.hpp"
#include "support/fake_descope_api.hpp"
#include "support/files.hpp"
#include "workspace/workspace.hpp"

namespace descope_mgmt::cli_test {

/// One FakeDescopeApi per environment name, made on first use, kept across runs.
class FakeProjects final : public workspace::ClientFactory {
  public:
    test::FakeDescopeApi& operator[](const std::string& environment);
    /// Calls are refused once `token` is cancelled, as HttpDescopeApi refuses them.
    explicit FakeProjects(const api::CancellationToken* token) : m_cancel(token) {}
    /// Environments whose clients were opened, over every run.
    const std::vector<std::string>& opened() const { return m_opened; }
    /// Calls made to every project.
    int total_calls() const;

    util::Result<std::vector<std::shared_ptr<api::DescopeApi>>, diag::Diagnostics> open(
        const config::Config& config,
        const std::vector<const model::Environment*>& environments) override;

  private:
    std::map<std::string, std::shared_ptr<test::FakeDescopeApi>> m_apis;
    std::vector<std::string> m_opened;
    const api::CancellationToken* m_cancel;
};

struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;
    /// stdout as one JSON document (a test failure when it is not exactly one).
    nlohmann::json json() const;
};

/// A config over two environments, dev and prod (protected), with credentials from variables
/// the harness sets; tenants acme and globex (prod only), role viewer, permission
/// projects.read, flow sign-in (a file) and a theme file.
extern const char* const kConfig;

class CliHarness {
  public:
    explicit CliHarness(const std::string& config = kConfig);
    ~CliHarness();

    /// Runs `descope-mgmt -c CONFIG --no-color ARGS...`.
    CliResult run(const std::vector<std::string>& args);
    /// Runs `descope-mgmt --no-color ARGS...`: no -c, for tests that give their own.
    CliResult run_without_config(const std::vector<std::string>& args);
    /// The fake project of an environment (seeded to match the config after seed_declared()).
    test::FakeDescopeApi& project(const std::string& environment) {
        return (*m_projects)[environment];
    }
    FakeProjects& projects() { return *m_projects; }
    /// Applies the config to dev and prod (so plans start from "no changes").
    void seed_declared();
    /// Cancels the next runs before they start (Ctrl-C).
    void interrupt() { m_cancel.cancel(); }
    /// Undoes interrupt(): the next runs start as usual.
    void resume() { m_cancel.reset(); }
    const std::filesystem::path& dir() const { return m_dir.path(); }
    std::string config_path() const { return (m_dir.path() / "descope.yaml").string(); }

  private:
    test::TempDir m_dir;
    api::CancellationToken m_cancel;
    std::shared_ptr<FakeProjects> m_projects;
    std::map<std::string, std::string> m_saved_env;
};

bool contains(const std::string& text, const std::string& part);

}  // namespace descope_mgmt::cli_test
