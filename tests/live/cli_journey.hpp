#pragma once
// The whole descope-mgmt journey (validate, plan, apply, plan without changes, drift, backup, an
// out-of-band change, drift, restore, drift, prune) run with the real descope-mgmt binary
// against one Descope project, on objects whose names start with a unique prefix
// (`dmlive-<epoch>-<random>`), followed by a clean-up that deletes every object with that prefix
// and nothing else. tests/live/cli_journey_live_test.cpp runs it against a real project
// (DESCOPE_TEST_PROJECT_ID / DESCOPE_TEST_MANAGEMENT_KEY); cli_journey_emulator_test.cpp runs
// the very same code against descope-emulator on every CI run. See docs/live-tests.md.
//
// R7: Descope does not show a new object at once (descope-ruby-sdk
// `spec/integration/lib.descope/api/v1/management/roles_spec.rb` polls up to 5 s before it
// reads a new role back). apply retries the changes that need an object it just created
// (--visibility-timeout); the journey's checks right after a write (plan without changes,
// drift, the prune's effect, the clean-up's final listing) re-run for up to ~15 s before they
// fail. Nothing is counted on time.
//
// The management key is passed only through the child process's environment and the client's
// options; it is never an argument, and every captured output is checked not to contain it
// (and masked before it could be shown in a failure message).

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/http_descope_api.hpp"
#include "support/process.hpp"

namespace descope_mgmt::live {

/// The project the journey runs against.
struct JourneyProject {
    std::string project_id;
    std::string management_key;
    /// DESCOPE_BASE_URL for the CLI and the test's own client; nullopt = Descope's default
    /// (derived from the project id).
    std::optional<std::string> base_url;
};

/// The steps in order. `CliJourney::run(last)` stops after `last` (a test of the clean-up
/// after a failure stops early on purpose).
enum class Step {
    validate,
    plan_creates,
    apply,
    plan_no_changes,
    drift_in_sync,
    backup,
    out_of_band_change,
    drift_detected,
    restore,
    drift_after_restore,
    prune,
};
const char* to_string(Step step);

/// `dmlive-<unix seconds>-<6 random base-36 characters>`.
std::string unique_prefix();

/// An API client for the project (the test's out-of-band change and clean-up), paced at 90
/// requests / 60 s.
std::unique_ptr<api::HttpDescopeApi> make_client(const JourneyProject& project);

/// Every live object of `prefix` as "tenant:ID", "role:NAME", "role:TENANT/NAME",
/// "permission:NAME", sorted; nullopt when a listing failed.
std::optional<std::vector<std::string>> prefixed_objects(api::DescopeApi& api,
                                                         const std::string& prefix);

/// Deletes every role, tenant and permission whose name (tenant: id) starts with `prefix` + "-"
/// (roles first, sub-tenants before their parents), then lists again after a pause and repeats
/// while something is left (R7: an object created a moment ago may not be listed yet), for up
/// to ~15 s. Returns what is still there (empty = clean). Refuses (returns {"refused: ..."}) a
/// prefix that is not `dmlive-...`: an empty prefix would match everything.
std::vector<std::string> delete_prefixed(api::DescopeApi& api, const std::string& prefix);

class CliJourney {
  public:
    /// Creates a temporary folder and a client; nothing is sent yet.
    explicit CliJourney(JourneyProject project, std::string prefix = unique_prefix());
    /// Cleans up (if clean_up() was not called) and removes the temporary folder.
    ~CliJourney();
    CliJourney(const CliJourney&) = delete;
    CliJourney& operator=(const CliJourney&) = delete;

    /// Runs the steps up to and including `last`, with gtest assertions; stops at the first
    /// fatal failure.
    void run(Step last = Step::prune);
    /// Deletes everything with the prefix; a failure (something left) is a test failure. Safe
    /// to call more than once.
    void clean_up();

    /// Called before each step (and with "clean-up" before the clean-up): the emulator test
    /// counts requests per step with it.
    std::function<void(const std::string& step)> on_step;

    const std::string& prefix() const { return m_prefix; }
    api::HttpDescopeApi& client() { return *m_api; }
    /// Names the journey declares (for checks in tests).
    std::string tenant_id(const std::string& suffix) const { return m_prefix + "-" + suffix; }

    /// Runs descope-mgmt in the temporary folder (which holds descope.yaml) with the project's
    /// variables in its environment only (plus `extra_env`); the key is masked in what is
    /// returned.
    test::ProcessResult mgmt(std::vector<std::string> args,
                             const std::map<std::string, std::string>& extra_env = {}) const;

  private:
    std::string config(bool with_scratch_tenant) const;
    void write_config(bool with_scratch_tenant) const;
    /// Re-runs `args` until it exits `expected`, for up to ~15 s (R7); returns the last run.
    test::ProcessResult poll_exit(const std::vector<std::string>& args, int expected) const;
    void expect_prefixed_changes(const nlohmann::json& environment_plan,
                                 const std::string& what) const;

    void step(Step s);
    void do_validate();
    void do_plan_creates();
    void do_apply();
    void do_plan_no_changes();
    void do_drift_in_sync(const char* after);
    void do_backup();
    void do_out_of_band_change();
    void do_drift_detected();
    void do_restore();
    void do_prune();

    JourneyProject m_project;
    std::string m_prefix;
    std::filesystem::path m_dir;
    std::filesystem::path m_backup_file;
    std::string m_edited_name;
    std::unique_ptr<api::HttpDescopeApi> m_api;
    bool m_cleaned = false;
};

}  // namespace descope_mgmt::live
