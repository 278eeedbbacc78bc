// Issue 13, staged rollout, run in-process on fake projects (cli_harness.hpp): a change command
// goes through the environments one at a time, in config order, each backed up just before its
// turn; the first that fails stops the rest (reported as not started, one line each);
// --parallel changes them side by side.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "cli_harness.hpp"

namespace descope_mgmt::cli_test {
namespace rollout_test {

namespace fs = std::filesystem;
using test::ApiOperation;

/// Every call to the projects it watches, in the order they were made: "dev write", "prod
/// read tenant list", ...
class RolloutCallLog {
  public:
    void watch(CliHarness& h, const std::string& env) {
        h.project(env).set_on_call([this, env](ApiOperation op, const std::string&) {
            std::lock_guard lock(m_mutex);
            m_calls.push_back(env + (test::is_write(op) ? " write" : " read ") +
                              (op == ApiOperation::load_all_tenants ? " tenants" : ""));
        });
    }
    std::vector<std::string> calls() const {
        std::lock_guard lock(m_mutex);
        return m_calls;
    }
    /// Index of the first / last call that starts with `prefix`; -1 when none.
    long first(const std::string& prefix) const { return find(prefix, false); }
    long last(const std::string& prefix) const { return find(prefix, true); }
    /// Index of the n-th (1-based) call equal to `call`; -1 when none.
    long nth(const std::string& call, int n) const {
        std::lock_guard lock(m_mutex);
        for (std::size_t i = 0; i < m_calls.size(); ++i)
            if (m_calls[i] == call && --n == 0) return static_cast<long>(i);
        return -1;
    }

  private:
    long find(const std::string& prefix, bool from_end) const {
        std::lock_guard lock(m_mutex);
        long found = -1;
        for (std::size_t i = 0; i < m_calls.size(); ++i) {
            if (m_calls[i].rfind(prefix, 0) != 0) continue;
            found = static_cast<long>(i);
            if (!from_end) break;
        }
        return found;
    }
    mutable std::mutex m_mutex;
    std::vector<std::string> m_calls;
};

/// The harness's config with a third environment, staging, between dev and prod.
std::string rollout_three_environments() {
    std::string config = kConfig;
    const std::string dev = "  dev: {}\n";
    config.replace(config.find(dev), dev.size(), dev + "  staging: {}\n");
    return config;
}

/// Sets staging's credentials for the life of a test.
class RolloutStagingKeys {
  public:
    RolloutStagingKeys() {
        ::setenv("DESCOPE_STAGING_PROJECT_ID", "P2cliunitstaging000000000000", 1);
        ::setenv("DESCOPE_STAGING_MANAGEMENT_KEY", "K2cliunitstagingsecret", 1);
    }
    ~RolloutStagingKeys() {
        ::unsetenv("DESCOPE_STAGING_PROJECT_ID");
        ::unsetenv("DESCOPE_STAGING_MANAGEMENT_KEY");
    }
    RolloutStagingKeys(const RolloutStagingKeys&) = delete;
    RolloutStagingKeys& operator=(const RolloutStagingKeys&) = delete;
};

TEST(Rollout, EnvironmentsChangeOneAtATimeInConfigOrderEachBackedUpJustBeforeItsTurn) {
    CliHarness h;  // nothing seeded: dev and prod both have changes
    RolloutCallLog log;
    log.watch(h, "dev");
    log.watch(h, "prod");
    // -e in the other order: the rollout still follows the config (dev, then prod).
    const CliResult r = h.run({"-e", "prod", "-e", "dev", "apply", "--auto-approve"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_GE(log.first("prod write"), 0) << r.err;
    EXPECT_LT(log.last("dev write"), log.first("prod write"))
        << "prod was changed before dev was done";
    // Reads for the plan are side by side (both lists before any change); prod's backup,
    // written just before its own turn, is the state the plan read (issue 13: apply reads each
    // live object once), so its tenants are not read again.
    EXPECT_LT(log.nth("prod read  tenants", 1), log.first("dev write"));
    EXPECT_EQ(log.nth("prod read  tenants", 2), -1) << "prod's backup read its tenants again";
    EXPECT_LT(r.err.find("dev: backup taken"), r.err.find("prod: backup taken")) << r.err;
    EXPECT_LT(r.err.rfind("dev: + "), r.err.find("prod: backup taken")) << r.err;
    EXPECT_EQ(h.project("dev").tenants().size(), 1u);
    EXPECT_EQ(h.project("prod").tenants().size(), 2u);
}

TEST(Rollout, TheFirstEnvironmentThatFailsStopsTheRestWhichAreReportedNotStarted) {
    RolloutStagingKeys keys;
    CliHarness h(rollout_three_environments());
    h.project("dev").fail_subject(ApiOperation::create_tenant, "acme");
    const CliResult r = h.run({"apply", "--auto-approve"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_GT(h.project("dev").write_calls(), 0);
    EXPECT_EQ(h.project("staging").write_calls(), 0) << r.err;
    EXPECT_EQ(h.project("prod").write_calls(), 0) << r.err;
    EXPECT_TRUE(contains(r.out, "staging: not started (dev failed first): ")) << r.out;
    EXPECT_TRUE(contains(r.out, "prod: not started (dev failed first): ")) << r.out;
    // One line per environment left, not one per change.
    std::size_t lines = 0;
    for (std::size_t at = r.out.find(": not started"); at != std::string::npos;
         at = r.out.find(": not started", at + 1))
        ++lines;
    EXPECT_EQ(lines, 2u) << r.out;
    EXPECT_TRUE(contains(r.err, "not started: staging, prod (dev failed first;")) << r.err;
    // Their backups were not taken either: their turn never came.
    EXPECT_TRUE(fs::exists(h.dir() / ".descope-mgmt" / "backups" / "dev")) << r.err;
    EXPECT_FALSE(fs::exists(h.dir() / ".descope-mgmt" / "backups" / "staging")) << r.err;
    EXPECT_FALSE(fs::exists(h.dir() / ".descope-mgmt" / "backups" / "prod")) << r.err;

    h.project("dev").reset_calls();
    const CliResult json_run = h.run({"-o", "json", "apply", "--auto-approve"});
    EXPECT_EQ(json_run.exit_code, 1) << json_run.err;
    const nlohmann::json doc = json_run.json();
    ASSERT_EQ(doc["reports"].size(), 3u) << doc.dump(2);
    EXPECT_EQ(doc["ok"], false);
    EXPECT_EQ(doc["reports"][0]["name"], "dev");
    EXPECT_EQ(doc["reports"][0]["started"], true);
    EXPECT_GT(doc["reports"][0]["failed"].get<int>(), 0) << doc.dump(2);
    for (int i : {1, 2}) {
        const auto& left = doc["reports"][i];
        EXPECT_EQ(left["started"], false) << left.dump(2);
        EXPECT_EQ(left["stopped_by"], "dev") << left.dump(2);
        EXPECT_EQ(left["ok"], false);
        EXPECT_TRUE(left["changes"].empty()) << left.dump(2);
        EXPECT_GT(left["not_started"].get<int>(), 0) << left.dump(2);
        // Only the plan's read of it (issue 13: the report counts every call of the run).
        EXPECT_EQ(left["apply_calls"], 0);
        EXPECT_GT(left["read_calls"].get<int>(), 0) << left.dump(2);
        EXPECT_EQ(left["api_calls"], left["read_calls"]);
    }
    EXPECT_EQ(doc["reports"][1]["name"], "staging");
    EXPECT_EQ(doc["reports"][2]["name"], "prod");
    EXPECT_EQ(h.project("prod").write_calls(), 0);

    // Once dev is fixed, the rollout goes on where it stopped.
    h.project("dev").clear_faults();
    const CliResult again = h.run({"apply", "--auto-approve"});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
    EXPECT_EQ(h.project("prod").tenants().size(), 2u);
    EXPECT_EQ(h.project("staging").tenants().size(), 1u);
}

TEST(Rollout, ParallelChangesTheEnvironmentsSideBySide) {
    CliHarness h;
    // dev's first change waits (up to 5 s) for prod to change something: only environments
    // applied side by side let it.
    std::mutex mutex;
    std::condition_variable prod_wrote;
    bool prod_has_written = false;
    bool dev_saw_prod = false;
    bool dev_waited = false;
    h.project("prod").set_on_call([&](ApiOperation op, const std::string&) {
        if (!test::is_write(op)) return;
        std::lock_guard lock(mutex);
        prod_has_written = true;
        prod_wrote.notify_all();
    });
    h.project("dev").set_on_call([&](ApiOperation op, const std::string&) {
        if (!test::is_write(op)) return;
        std::unique_lock lock(mutex);
        if (dev_waited) return;
        dev_waited = true;
        dev_saw_prod =
            prod_wrote.wait_for(lock, std::chrono::seconds(5), [&] { return prod_has_written; });
    });
    h.project("dev").fail_subject(ApiOperation::create_tenant, "acme");
    const CliResult r = h.run({"apply", "--auto-approve", "--parallel"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(dev_saw_prod) << "prod made no change while dev was changing:\n" << r.err;
    // dev failing does not stop prod, and nothing is reported as not started.
    EXPECT_EQ(h.project("prod").tenants().size(), 2u) << r.err;
    EXPECT_FALSE(contains(r.out, "not started")) << r.out;
    // Both were backed up before the first change of either.
    EXPECT_TRUE(fs::exists(h.dir() / ".descope-mgmt" / "backups" / "prod")) << r.err;
    ASSERT_NE(r.err.find(" created ("), std::string::npos) << r.err;
    EXPECT_LT(r.err.find("prod: backup taken"), r.err.find(" created (")) << r.err;
}

TEST(Rollout, CtrlCDuringOneEnvironmentLeavesTheNextNotStarted) {
    CliHarness h;
    // Ctrl-C as dev's first change is made.
    h.project("dev").set_on_call([&h](ApiOperation op, const std::string&) {
        if (test::is_write(op)) h.interrupt();
    });
    const CliResult r = h.run({"apply", "--auto-approve"});
    EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
    EXPECT_EQ(h.project("prod").write_calls(), 0) << r.err;
    EXPECT_TRUE(contains(r.out, "prod: not started (interrupted before its turn): ")) << r.out;
    EXPECT_FALSE(fs::exists(h.dir() / ".descope-mgmt" / "backups" / "prod")) << r.err;
}

}  // namespace rollout_test
}  // namespace descope_mgmt::cli_test
