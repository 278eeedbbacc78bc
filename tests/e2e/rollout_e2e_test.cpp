// Issue 13, staged rollout, with the real binaries: apply changes the five projects one at a
// time in config order and stops at the first that fails; --parallel changes them side by side.
// The emulator's --request-log says which project each request was for, and in what order.
#include <chrono>
#include <fstream>
#include <map>

#include "plan_e2e_support.hpp"
#include "support/files.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

/// One request of the emulator's log.
struct RolloutRequest {
    std::string project;
    std::string method;
    std::string path;
};

bool rollout_changes(const RolloutRequest& r) {
    if (r.method != "POST") return false;
    for (const char* word : {"create", "update", "delete", "import"})
        if (r.path.find(word) != std::string::npos) return true;
    return r.path.ends_with("/tenant/settings");
}

class RolloutE2e : public PlanE2e {
  protected:
    void SetUp() override { start({"--request-log", log_path().string(), "--latency-ms", "3"}); }
    std::filesystem::path log_path() const { return m_logs / "requests.jsonl"; }

    /// The changing requests logged so far, in order, as environment names.
    std::vector<std::string> changes_by_environment() const {
        std::map<std::string, std::string> env_of;
        for (const auto& e : environments())
            env_of[project_id(e)] = e;
        std::vector<std::string> out;
        std::ifstream in(log_path());
        for (std::string line; std::getline(in, line);) {
            const auto j = nlohmann::json::parse(line, nullptr, false);
            if (j.is_discarded()) continue;
            const RolloutRequest r{j.value("project", ""), j.value("method", ""),
                                   j.value("path", "")};
            if (rollout_changes(r)) out.push_back(env_of[r.project]);
        }
        return out;
    }
    void clear_log() const { std::ofstream(log_path(), std::ios::trunc).flush(); }

    test::TempDir m_logs{"dm-rollout-e2e"};
};

/// Environments in the order their first change came, each once; and whether any environment's
/// changes were interleaved with another's.
std::vector<std::string> rollout_runs(const std::vector<std::string>& changes) {
    std::vector<std::string> runs;
    for (const auto& e : changes)
        if (runs.empty() || runs.back() != e) runs.push_back(e);
    return runs;
}

TEST_F(RolloutE2e, ApplyGoesThroughTheEnvironmentsInConfigOrderAndStopsAtTheFirstFailure) {
    // dev's acme sets an attribute its project does not define: Descope refuses it (R4).
    std::string config = kConfig;
    const std::string prod_override = "      prod: { name: Acme Corporation, enforce_sso: true }\n";
    const auto at = config.find(prod_override);
    ASSERT_NE(at, std::string::npos);
    config.insert(at, "      dev: { custom_attributes: { undefined_here: x } }\n");
    write_config(config);

    const auto started = std::chrono::steady_clock::now();
    // (--visibility-timeout 0: acme's parent is new, so its refusal would be retried for 5 s.)
    const auto r = mgmt({"apply", "--auto-approve", "--visibility-timeout", "0"});
    const auto staged_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - started)
                               .count();
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    const auto changes = changes_by_environment();
    // One block per environment, in config order, and nothing after dev.
    EXPECT_EQ(rollout_runs(changes), (std::vector<std::string>{"test", "devtest", "dev"})) << r.err;
    EXPECT_TRUE(contains(r.out, "staging: not started (dev failed first): ")) << r.out;
    EXPECT_TRUE(contains(r.out, "prod: not started (dev failed first): ")) << r.out;
    EXPECT_TRUE(contains(r.err, "not started: staging, prod (dev failed first;")) << r.err;
    EXPECT_TRUE(tenant_ids("staging").empty());
    EXPECT_TRUE(tenant_ids("prod").empty());
    EXPECT_EQ(tenant_ids("test"), (std::vector<std::string>{"acme", "holding"}));
    std::cout << "[ rollout ] one at a time, stopped at dev: " << staged_ms << " ms\n";

    // The config fixed, --parallel: staging and prod (and what dev had left) side by side.
    write_config(kConfig);
    clear_log();
    const auto parallel_start = std::chrono::steady_clock::now();
    const auto p = mgmt({"apply", "--auto-approve", "--parallel"});
    const auto parallel_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - parallel_start)
                                 .count();
    EXPECT_EQ(p.exit_code, 0) << p.out << p.err;
    const auto side_by_side = changes_by_environment();
    const auto first_prod = std::find(side_by_side.begin(), side_by_side.end(), "prod");
    const auto last_staging = std::find(side_by_side.rbegin(), side_by_side.rend(), "staging");
    ASSERT_NE(first_prod, side_by_side.end());
    ASSERT_NE(last_staging, side_by_side.rend());
    EXPECT_LT(first_prod - side_by_side.begin(), side_by_side.rend() - last_staging - 1)
        << "prod started only after staging was done: not side by side";
    EXPECT_EQ(tenant_ids("prod"), (std::vector<std::string>{"acme", "globex", "holding"}));
    std::cout << "[ rollout ] --parallel, staging and prod: " << parallel_ms << " ms\n";
    EXPECT_EQ(mgmt({"plan", "--detailed-exitcode"}).exit_code, 0);
}

TEST_F(RolloutE2e, HelpOfEveryChangingCommandNamesParallel) {
    const auto apply = mgmt({"apply", "--help"});
    EXPECT_EQ(apply.exit_code, 0);
    EXPECT_TRUE(contains(apply.out, "--parallel")) << apply.out;
    EXPECT_TRUE(contains(apply.out, "changed one at a time in config order")) << apply.out;
    for (const std::vector<std::string>& command : {std::vector<std::string>{"restore", "--help"},
                                                    {"tenant", "sync", "--help"},
                                                    {"flow", "deploy", "--help"},
                                                    {"theme", "deploy", "--help"}}) {
        const auto help = mgmt(command);
        EXPECT_TRUE(contains(help.out, "--parallel")) << command[0] << "\n" << help.out;
    }
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
