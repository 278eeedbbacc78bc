// Issue 13, the flag vocabulary, against the real binaries: the NO_COLOR rule of no-color.org
// (on a terminal), and -y/--yes/--auto-approve on every command that can ask.

#include "plan_e2e_support.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

TEST_F(PlanE2e, OnlyANonEmptyNoColorTurnsColourOff) {
    auto run = [this](std::optional<std::string> no_color) {
        test::ProcessOptions o = options();
        o.env.erase("NO_COLOR");
        if (no_color) {
            o.env["NO_COLOR"] = *no_color;
        } else {
            o.unset_env.push_back("NO_COLOR");
        }
        o.env["TERM"] = "xterm";
        return test::run_on_terminal({DM_MGMT_BINARY, "-e", "dev", "plan"}, o, {});
    };
    const auto unset = run(std::nullopt);
    const auto empty = run(std::string());
    const auto set = run(std::string("1"));
    EXPECT_EQ(unset.exit_code, 0) << unset.output;
    EXPECT_NE(unset.output.find("\x1b["), std::string::npos) << unset.output;
    EXPECT_NE(empty.output.find("\x1b["), std::string::npos)
        << "NO_COLOR= is not set: " << empty.output;
    EXPECT_EQ(set.output.find("\x1b["), std::string::npos) << set.output;
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e

namespace descope_mgmt::plan_e2e {
namespace {

// Issue 13: apply and restore took only --auto-approve, tenant create|update|delete only -y/--yes
// (and their hints said "re-run with --auto-approve"). Every command that can ask takes all three.
TEST_F(PlanE2e, EveryCommandThatCanAskTakesYesAndAutoApprove) {
    for (const std::vector<std::string>& command : {std::vector<std::string>{"apply"},
                                                    {"restore"},
                                                    {"tenant", "sync"},
                                                    {"flow", "deploy"},
                                                    {"theme", "deploy"},
                                                    {"tenant", "create"},
                                                    {"tenant", "update"},
                                                    {"tenant", "delete"}}) {
        std::vector<std::string> args = command;
        args.push_back("--help");
        const auto help = mgmt(args);
        EXPECT_EQ(help.exit_code, 0) << command[0];
        for (const char* flag : {"-y", "--yes", "--auto-approve"})
            EXPECT_NE(help.out.find(flag), std::string::npos) << command.back() << ": " << flag;
    }
    // Each spelling works, on the prompting path too (no terminal: refused without one).
    EXPECT_EQ(mgmt({"-e", "dev", "tenant", "create", "newco", "--name", "NewCo", "--auto-approve"})
                  .exit_code,
              0);
    EXPECT_EQ(mgmt({"-e", "dev", "tenant", "delete", "newco", "--yes"}).exit_code, 0);
    EXPECT_EQ(mgmt({"-e", "dev", "apply", "-y"}).exit_code, 0);
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e

namespace descope_mgmt::plan_e2e {
namespace {

// Issue 13: typing `Prod` at the protected environment's prompt said only "cancelled".
TEST_F(PlanE2e, AWrongAnswerAtThePromptSaysWhatWasWrong) {
    const auto r = mgmt_on_terminal({"-e", "prod", "apply"}, {"yes", "Prod"});
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("'Prod' is not 'prod': the name must be typed exactly"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("nothing was changed"), std::string::npos) << r.output;
    const auto y = mgmt_on_terminal({"-e", "dev", "apply"}, {"Yes"});
    EXPECT_EQ(y.exit_code, 1) << y.output;
    EXPECT_NE(y.output.find("the answer was 'Yes', not 'yes'"), std::string::npos) << y.output;
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e

namespace descope_mgmt::plan_e2e {
namespace {

// Issue 13: nothing warned that DESCOPE_BASE_URL overrides where a protected environment goes.
TEST_F(PlanE2e, DescopeBaseUrlOverADifferentProtectedEnvironmentIsAWarningWhenItIsUsed) {
    const auto prod = mgmt({"-e", "prod", "plan"});
    EXPECT_EQ(prod.exit_code, 0) << prod.err;
    EXPECT_NE(prod.err.find("DESCOPE_BASE_URL (in the process environment) overrides where "
                            "protected environment 'prod' is reached: " +
                            m_emulator->base_url()),
              std::string::npos)
        << prod.err;
    const auto dev = mgmt({"-e", "dev", "plan"});  // prod is not used: no warning
    EXPECT_EQ(dev.err.find("DESCOPE_BASE_URL"), std::string::npos) << dev.err;
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
