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
    // Several environments, one of which differs from the config: written as one config.
    EXPECT_EQ(mgmt({"export-config", "-e", "dev", "-e", "prod", "--dir", "two"}).exit_code, 0);
}

/// A sign-in flow whose first task is `start` (the same everywhere but where it is not).
json sign_in_flow(const std::string& start) {
    return {{"flowId", "sign-in"},
            {"flow", {{"id", "sign-in"}, {"name", "Sign In"}, {"dsl", {{"start", start}}}}},
            {"screens", json::array({{{"id", "SC1"}, {"flowId", "sign-in"}}})}};
}

// Issue 15: five projects that differ (a tenant only in prod, a tenant renamed in staging, a
// flow that differs in prod) adopted into one config; plan right after: no changes anywhere.
TEST_F(PlanE2e, ExportConfigOfFiveEnvironmentsPlansNoChangesInAny) {
    ASSERT_EQ(mgmt({"apply", "--auto-approve"}).exit_code, 0);
    api("prod", "POST", "/v1/mgmt/tenant/create", {{"id", "prod-only"}, {"name", "Prod Only"}});
    auto holding = api("staging", "GET", "/v1/mgmt/tenant?id=holding");
    api("staging", "POST", "/v1/mgmt/tenant/update",
        {{"id", "holding"}, {"name", "Holding (staging)"}});
    for (const auto& env : environments())
        api(env, "POST", "/v1/mgmt/flow/import", sign_in_flow(env == "prod" ? "t2" : "t1"));

    auto r = mgmt({"export-config", "--dir", "infra"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "wrote infra/descope.yaml: 5 environments")) << r.out;
    EXPECT_FALSE(contains(r.err, "would still change")) << r.err;
    const std::string yaml = *util::read_file(m_dir / "infra" / "descope.yaml");
    for (const auto& env : environments()) {
        EXPECT_TRUE(contains(yaml, "project_id: " + project_id(env))) << yaml;
        EXPECT_FALSE(contains(yaml, management_key(env))) << yaml;
    }
    EXPECT_TRUE(contains(
        yaml, "  prod:\n    project_id: " + project_id("prod") + "\n    protected: true\n"))
        << yaml;
    // Declared once, with where it is and what differs.
    EXPECT_TRUE(contains(yaml, "  - id: prod-only\n    name: Prod Only\n    environments: [prod]"))
        << yaml;
    EXPECT_TRUE(contains(yaml,
                         "  - id: holding\n    name: Holding\n    overrides:\n      "
                         "staging:\n        name: Holding (staging)\n"))
        << yaml;
    EXPECT_TRUE(contains(yaml,
                         "  - id: sign-in\n    file: flows/sign-in.json\n    overrides:\n"
                         "      prod: { file: flows/prod/sign-in.json }\n"))
        << yaml;
    EXPECT_TRUE(fs::exists(m_dir / "infra" / "flows" / "sign-in.json"));
    EXPECT_TRUE(fs::exists(m_dir / "infra" / "flows" / "prod" / "sign-in.json"));
    EXPECT_FALSE(fs::exists(m_dir / "infra" / "flows" / "dev"));

    auto plan = mgmt({"-c", "infra/descope.yaml", "plan", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err << yaml;
    for (const auto& env : environments())
        EXPECT_TRUE(contains(plan.out, env + ": no changes")) << plan.out;

    // A flow file that exists is replaced only with --force, as the config is.
    fs::remove(m_dir / "infra" / "descope.yaml");
    auto kept = mgmt({"export-config", "--dir", "infra"});
    EXPECT_EQ(kept.exit_code, 1) << kept.out;
    EXPECT_TRUE(contains(kept.err,
                         "infra/flows/sign-in.json, infra/flows/prod/sign-in.json, "
                         "infra/themes/theme.json exist; nothing was written (--force"))
        << kept.err;
    EXPECT_FALSE(fs::exists(m_dir / "infra" / "descope.yaml"));
    EXPECT_EQ(mgmt({"export-config", "--dir", "infra", "--force"}).exit_code, 0);

    // Every environment must be read, or nothing is written.
    auto o = options();
    o.env["DESCOPE_STAGING_MANAGEMENT_KEY"] = "K2e2ewrongkeywrongkey";
    auto bad = test::run_process({DM_MGMT_BINARY, "export-config", "--dir", "partial"}, o);
    EXPECT_EQ(bad.exit_code, 1) << bad.out << bad.err;
    EXPECT_TRUE(contains(bad.err, "staging")) << bad.err;
    EXPECT_TRUE(contains(bad.err, "nothing was written")) << bad.err;
    EXPECT_FALSE(fs::exists(m_dir / "partial"));
}

// Issue 15: `init --from-live` adopts with no config at all: the environments of -e, read
// through the default variables; the schema and the .gitignore entry beside the config.
TEST_F(PlanE2e, InitFromLiveAdoptsWithNoConfig) {
    ASSERT_EQ(mgmt({"apply", "--auto-approve", "-e", "dev", "-e", "prod"}).exit_code, 0);
    auto r = mgmt({"-c", "fresh/descope.yaml", "init", "--from-live", "-e", "dev", "-e", "prod"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "also wrote fresh/.gitignore")) << r.out;
    EXPECT_TRUE(contains(r.out,
                         "next: descope-mgmt -c fresh/descope.yaml plan   (shows no changes "
                         "in any of them)"))
        << r.out;
    const std::string yaml = *util::read_file(m_dir / "fresh" / "descope.yaml");
    EXPECT_EQ(yaml.rfind("# yaml-language-server: $schema=./descope-mgmt.schema.json\n", 0), 0u)
        << yaml;
    EXPECT_TRUE(contains(
        yaml, "  prod:\n    project_id: " + project_id("prod") + "\n    protected: true\n"))
        << yaml;
    EXPECT_FALSE(contains(yaml, "  test:")) << yaml;
    EXPECT_TRUE(fs::exists(m_dir / "fresh" / "descope-mgmt.schema.json"));
    EXPECT_TRUE(contains(*util::read_file(m_dir / "fresh" / ".gitignore"), ".descope-mgmt/"));
    auto validate = mgmt({"-c", "fresh/descope.yaml", "validate"});
    EXPECT_EQ(validate.exit_code, 0) << validate.out << validate.err;
    auto plan = mgmt({"-c", "fresh/descope.yaml", "plan", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err << yaml;

    auto again = mgmt({"-c", "fresh/descope.yaml", "init", "--from-live", "-e", "dev"});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_TRUE(contains(again.err, "--force")) << again.err;
    // A project that cannot be read: nothing is written.
    auto unset = mgmt({"-c", "other/descope.yaml", "init", "--from-live", "-e", "qa"});
    EXPECT_EQ(unset.exit_code, 1) << unset.out;
    EXPECT_TRUE(contains(unset.err, "DESCOPE_QA_PROJECT_ID")) << unset.err;
    EXPECT_FALSE(fs::exists(m_dir / "other" / "descope.yaml"));
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
