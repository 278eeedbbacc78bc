// Confirmation: no terminal and no --auto-approve is an error (nothing changes, even when "yes"
// is piped in); on a terminal, "yes" is needed, and protected environments need their name typed.

#include "plan_e2e_support.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

TEST_F(PlanE2e, WithoutATerminalApplyRefusesEvenWhenYesIsPiped) {
    auto r = mgmt({"apply"}, "yes\nprod\n");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, "standard input is not a terminal")) << r.err;
    EXPECT_TRUE(contains(r.err, "--auto-approve")) << r.err;
    EXPECT_EQ(tenant_ids("dev"), std::vector<std::string>{});
}

TEST_F(PlanE2e, ProtectedEnvironmentNeedsItsNameTyped) {
    auto wrong = mgmt_on_terminal({"-e", "dev", "-e", "prod", "apply"}, {"yes", "prd"});
    EXPECT_EQ(wrong.exit_code, 1) << wrong.output;
    EXPECT_TRUE(contains(wrong.output, "'prod' is a protected environment")) << wrong.output;
    EXPECT_TRUE(contains(wrong.output, "cancelled: nothing was changed")) << wrong.output;
    EXPECT_EQ(tenant_ids("prod"), std::vector<std::string>{});
    EXPECT_EQ(tenant_ids("dev"), std::vector<std::string>{});

    auto no = mgmt_on_terminal({"-e", "dev", "apply"}, {"no"});
    EXPECT_EQ(no.exit_code, 1) << no.output;
    EXPECT_EQ(tenant_ids("dev"), std::vector<std::string>{});

    auto right = mgmt_on_terminal({"-e", "dev", "-e", "prod", "apply"}, {"yes", "prod"});
    EXPECT_EQ(right.exit_code, 0) << right.output;
    EXPECT_EQ(tenant_ids("prod"), (std::vector<std::string>{"acme", "globex", "holding"}));
    EXPECT_EQ(tenant_ids("dev"), (std::vector<std::string>{"acme", "holding"}));
}

TEST_F(PlanE2e, UnprotectedEnvironmentsNeedOnlyYes) {
    auto r = mgmt_on_terminal({"-e", "dev", "apply"}, {"yes"});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_FALSE(contains(r.output, "protected environment")) << r.output;
    EXPECT_EQ(tenant_ids("dev"), (std::vector<std::string>{"acme", "holding"}));
}

TEST_F(PlanE2e, DryRunShowsThePlanAndChangesNothing) {
    auto r = mgmt({"--dry-run", "apply"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "+ tenant acme")) << r.out;
    EXPECT_EQ(tenant_ids("dev"), std::vector<std::string>{});
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
