// plan -o markdown and drift -o markdown from the real binary against the emulator: the
// document on stdout (nothing else there), the same exit codes as text, and -o markdown refused
// by the commands that have no such document.

#include "plan_e2e_support.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

TEST_F(PlanE2e, PlanAsMarkdownIsAPullRequestCommentWithTheSameExitCodes) {
    auto first = mgmt({"-o", "markdown", "plan", "--detailed-exitcode"});
    EXPECT_EQ(first.exit_code, 2) << first.err;
    EXPECT_TRUE(first.out.starts_with("### descope-mgmt plan\n")) << first.out;
    EXPECT_TRUE(contains(first.out, "| Environment | Create | Update | Delete | Replace |"))
        << first.out;
    EXPECT_TRUE(contains(first.out, "<details open><summary><b>prod</b> (protected)")) << first.out;
    EXPECT_TRUE(contains(first.out, "+ tenant acme")) << first.out;
    // -q leaves the document: it is the result that was asked for.
    auto quiet = mgmt({"-q", "-o", "markdown", "plan"});
    EXPECT_EQ(quiet.out, first.out);

    ASSERT_EQ(mgmt({"apply", "-y"}).exit_code, 0);
    auto clean = mgmt({"-o", "markdown", "plan", "--detailed-exitcode"});
    EXPECT_EQ(clean.exit_code, 0) << clean.err;
    EXPECT_TRUE(contains(clean.out, "No changes")) << clean.out;

    api("prod", "POST", "/v1/mgmt/role/create", {{"name", "ghost"}});
    auto drift = mgmt({"-o", "markdown", "drift", "-e", "prod"});
    EXPECT_EQ(drift.exit_code, 2) << drift.err;
    EXPECT_TRUE(drift.out.starts_with("### descope-mgmt drift\n")) << drift.out;
    EXPECT_TRUE(contains(drift.out, "| role:ghost | extra |")) << drift.out;
}

TEST_F(PlanE2e, MarkdownIsRefusedWhereThereIsNoSuchDocument) {
    auto apply = mgmt({"-o", "markdown", "apply", "-y"});
    EXPECT_EQ(apply.exit_code, 1);
    EXPECT_TRUE(contains(apply.err, "-o markdown is for plan, drift and show")) << apply.err;
    EXPECT_TRUE(apply.out.empty()) << apply.out;
    EXPECT_EQ(tenant_ids("dev"), std::vector<std::string>{});
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
