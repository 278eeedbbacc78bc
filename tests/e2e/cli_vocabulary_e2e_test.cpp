// Issue 13 on a terminal: the NO_COLOR rule of no-color.org (only a non-empty value turns
// colour off).

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
