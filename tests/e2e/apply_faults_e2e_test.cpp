// Faults injected by the emulator during apply (5xx, dropped connections): the client retries,
// whatever still fails is reported, and applying again once the service is healthy converges.

#include <regex>

#include "plan_e2e_support.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

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
    int retries = 0;
    const std::regex retry_count(R"((\d+) retr(y|ies))");
    for (std::sregex_iterator it(faulty.out.begin(), faulty.out.end(), retry_count), end; it != end;
         ++it) {
        retries += std::stoi((*it)[1]);
    }
    EXPECT_GT(retries, 0) << faulty.out;

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
