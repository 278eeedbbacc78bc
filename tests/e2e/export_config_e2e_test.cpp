// Adopting a project: export-config from a live project, then plan with the written config shows
// no changes, and validate accepts it.
#include <gtest/gtest.h>

#include "e2e/plan_e2e_support.hpp"
#include "util/file.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST_F(PlanE2e, ExportConfigThenPlanShowsNoChanges) {
    ASSERT_EQ(mgmt({"apply", "--auto-approve"}).exit_code, 0);
    // Things the config never declared: a runtime tenant, a console role, a flow and a theme.
    api("prod", "POST", "/v1/mgmt/tenant/create",
        {{"id", "T2signup"}, {"name", "true"}, {"customAttributes", {{"plan", "50"}}}});
    api("prod", "POST", "/v1/mgmt/role/create", {{"name", "ghost: #1"}, {"description", "${X}"}});
    api("prod", "POST", "/v1/mgmt/flow/import",
        {{"flowId", "sign-in"},
         {"flow", {{"id", "sign-in"}, {"name", "Sign In"}, {"dsl", {{"start", "t1"}}}}},
         {"screens", json::array({{{"id", "SC1"}, {"flowId", "sign-in"}}})}});
    api("prod", "POST", "/v1/mgmt/theme/import",
        {{"theme", {{"cssTemplate", {{"light", {{"primary", "#006af5"}}}}}}}});

    auto r = mgmt({"export-config", "-e", "prod", "--dir", "adopted"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "prod: wrote adopted/descope.yaml")) << r.out;
    EXPECT_TRUE(fs::exists(m_dir / "adopted" / "flows" / "sign-in.json"));
    EXPECT_TRUE(fs::exists(m_dir / "adopted" / "themes" / "theme.json"));
    const std::string yaml = *util::read_file(m_dir / "adopted" / "descope.yaml");
    EXPECT_FALSE(contains(yaml, management_key("prod")));
    EXPECT_TRUE(contains(yaml, "project_id: " + project_id("prod"))) << yaml;

    auto validate = mgmt({"-c", "adopted/descope.yaml", "validate"});
    EXPECT_EQ(validate.exit_code, 0) << validate.out << validate.err;
    auto plan = mgmt({"-c", "adopted/descope.yaml", "plan", "-e", "prod", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err << yaml;
    EXPECT_TRUE(contains(plan.out, "prod: no changes")) << plan.out;
    // The same config applied elsewhere would recreate prod: the other projects differ.
    auto drift = mgmt({"-c", "adopted/descope.yaml", "drift", "-e", "prod"});
    EXPECT_EQ(drift.exit_code, 0) << drift.out << drift.err;

    // An existing config is not overwritten unless asked.
    auto again = mgmt({"export-config", "-e", "prod", "--dir", "adopted"});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_TRUE(contains(again.err, "--force")) << again.err;
    EXPECT_EQ(mgmt({"export-config", "-e", "prod", "--dir", "adopted", "--force"}).exit_code, 0);
    EXPECT_EQ(mgmt({"export-config", "--dir", "x"}).exit_code, 1);  // which environment?
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
