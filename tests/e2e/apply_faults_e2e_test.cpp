// Faults injected by the emulator during apply (5xx, dropped connections): the client retries,
// whatever still fails is reported, and applying again once the service is healthy converges.

#include <cctype>

#include "plan_e2e_support.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

/// The sum of N over every "N retry" / "N retries" in `text`. (Not std::regex: GCC 12 warns
/// inside <regex> under the sanitizers.)
int count_retries(const std::string& text) {
    int total = 0;
    for (auto at = text.find(" retr"); at != std::string::npos; at = text.find(" retr", at + 1)) {
        if (text.compare(at, 6, " retry") != 0 && text.compare(at, 8, " retries") != 0) continue;
        std::size_t start = at;
        while (start > 0 && std::isdigit(static_cast<unsigned char>(text[start - 1])))
            --start;
        if (start < at) total += std::stoi(text.substr(start, at - start));
    }
    return total;
}

TEST(RetryCount, SumsEveryCountInTheReport) {
    EXPECT_EQ(count_retries("dev: 3 created, 2 retries; prod: 1 retry, 0 retries"), 3);
    EXPECT_EQ(count_retries("no retries here, retry later"), 0);
}

TEST_F(PlanE2e, FaultsDuringApplyConvergeOnRerun) {
    const std::string state = (m_dir / "state.json").string();
    start({"--state", state, "--fault", "500=0.25", "--fault", "reset=0.1", "--seed", "7"});
    auto faulty = mgmt({"apply", "--auto-approve"});
    // Either every change made it through retries, or some failed and were reported.
    ASSERT_TRUE(faulty.exit_code == 0 || faulty.exit_code == 1) << faulty.out << faulty.err;
    if (faulty.exit_code == 1) {
        EXPECT_NE(faulty.err.find("some changes failed"), std::string::npos) << faulty.err;
    }
    // The report counts the client's retries: the faults must show there.
    EXPECT_GT(count_retries(faulty.out), 0) << faulty.out;

    // The service recovers (same data, no faults): apply does what is left, then nothing is left.
    start({"--state", state});
    auto rerun = mgmt({"apply", "--auto-approve"});
    EXPECT_EQ(rerun.exit_code, 0) << rerun.out << rerun.err;
    auto plan = mgmt({"plan", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e

namespace descope_mgmt::plan_e2e {
namespace {

TEST_F(PlanE2e, CtrlCStopsStartingChangesReportsAndExits130) {
    // 150 ms per request and one change at a time: the apply of dev takes a few seconds.
    start({"--latency-ms", "150"});
    auto r = mgmt_on_terminal({"-e", "dev", "apply", "--auto-approve", "--parallelism", "1"}, {},
                              std::chrono::milliseconds(1500));
    EXPECT_EQ(r.exit_code, 130) << r.output;
    EXPECT_NE(r.output.find("not started: "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("interrupted"), std::string::npos) << r.output;
    const auto created = tenant_ids("dev").size() +
                         api("dev", "GET", "/v1/mgmt/permission/all")["permissions"].size();
    EXPECT_GT(created, 0u) << "something should have been applied before Ctrl-C";
    // Re-running finishes the job.
    auto rerun = mgmt({"-e", "dev", "apply", "--auto-approve"});
    EXPECT_EQ(rerun.exit_code, 0) << rerun.out << rerun.err;
    EXPECT_EQ(mgmt({"-e", "dev", "plan", "--detailed-exitcode"}).exit_code, 0);
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
