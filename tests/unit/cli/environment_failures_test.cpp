// Issue 13, run in-process on fake projects (cli_harness.hpp): one environment whose key is
// refused never hides the others, and its error says what the user was doing, the status in
// words and where that environment's key comes from (never the key); the plan header says
// where DESCOPE_BASE_URL sent an environment; defaults.prune and --prune take the same
// spellings; validate reports flow-file and indentation problems where they are.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_harness.hpp"

namespace descope_mgmt::cli_test {
namespace environment_failures_test {

namespace fs = std::filesystem;

constexpr const char* kProdProject = "P2cliunitprod000000000000000";
constexpr const char* kProdKey = "K2cliunitprodsecret";

api::ApiError refused_key() {
    api::ApiError e;
    e.http_status = 401;
    e.error_code = "E011003";
    e.message = "Invalid project id or management key";
    return e;
}

/// The words between "prod: not planned: " (or "not compared: ") and " failed" in `out`.
std::string unread_activity(const std::string& out, const std::string& lead) {
    const auto at = out.find(lead);
    if (at == std::string::npos) return "";
    const auto from = at + lead.size();
    const auto end = out.find(" failed (see the error above)", from);
    return end == std::string::npos ? "" : out.substr(from, end - from);
}

void expect_refusal_explained(const CliResult& r, const std::string& what) {
    SCOPED_TRACE(what);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "descope-mgmt: error: prod: ")) << r.err;
    EXPECT_TRUE(contains(r.err, "prod: reading the ")) << r.err;
    EXPECT_TRUE(contains(r.err,
                         ": HTTP 401 Unauthorized: Invalid project id or management key "
                         "(E011003); check DESCOPE_PROD_MANAGEMENT_KEY: it is the key "
                         "for prod's project " +
                             std::string(kProdProject)))
        << r.err;
    // Never the endpoint's name, never the key.
    for (const char* internal : {"tenant list", "role list", "permission list", "flow list"})
        EXPECT_FALSE(contains(r.err, std::string("prod: ") + internal)) << r.err;
    EXPECT_FALSE(contains(r.err + r.out, kProdKey));
}

TEST(EnvironmentFailures, ARefusedKeyHidesNoOtherEnvironmentInPlanApplyDriftOrBackup) {
    CliHarness h;
    h.project("prod").fail_every_call(refused_key());

    const CliResult plan = h.run({"plan"});
    expect_refusal_explained(plan, "plan");
    EXPECT_TRUE(contains(plan.out, "+ tenant acme")) << "dev was not planned:\n" << plan.out;
    // The "not planned" line says it in the words of the error.
    const std::string activity = unread_activity(plan.out, "prod: not planned: ");
    EXPECT_EQ(activity.rfind("reading the ", 0), 0u) << plan.out;
    EXPECT_TRUE(contains(plan.err, "prod: " + activity + ": HTTP 401")) << plan.err;

    const nlohmann::json doc = h.run({"-o", "json", "plan"}).json();
    ASSERT_EQ(doc["environments"].size(), 2u) << doc.dump(2);
    EXPECT_EQ(doc["environments"][0]["status"], "ok");
    EXPECT_EQ(doc["environments"][1]["error"]["hint"],
              "check DESCOPE_PROD_MANAGEMENT_KEY: it is the key for prod's project " +
                  std::string(kProdProject))
        << doc.dump(2);

    const CliResult drift = h.run({"drift"});
    expect_refusal_explained(drift, "drift");
    EXPECT_TRUE(contains(drift.out, "dev: drift")) << drift.out;
    EXPECT_EQ(unread_activity(drift.out, "prod: not compared: ").rfind("reading the ", 0), 0u)
        << drift.out;

    const auto dir = h.dir() / "backups";
    const CliResult backup = h.run({"backup", "--dir", dir.string(), "--stable-name"});
    expect_refusal_explained(backup, "backup");
    EXPECT_TRUE(fs::exists(dir / "dev.json")) << backup.err;

    const CliResult apply = h.run({"apply", "--auto-approve"});
    expect_refusal_explained(apply, "apply");
    EXPECT_EQ(h.project("dev").tenants().size(), 1u) << "dev was not applied:\n" << apply.err;
}

TEST(EnvironmentFailures, AFailedChangeIsSaidInTheUsersWordsWithTheHint) {
    CliHarness h;
    api::ApiError e = refused_key();
    e.http_status = 403;
    e.message = "Forbidden by policy";
    e.error_code.clear();
    h.project("prod").fail_subject(test::ApiOperation::create_tenant, "globex", e);
    const CliResult r = h.run({"-e", "prod", "apply", "--auto-approve"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.err,
                         "prod: creating tenant globex: HTTP 403 Forbidden: Forbidden by "
                         "policy; check DESCOPE_PROD_MANAGEMENT_KEY"))
        << r.err;
    EXPECT_FALSE(contains(r.err + r.out, kProdKey));
}

TEST(EnvironmentFailures, AKeyWrittenInTheConfigIsNamedByItsConfigKeyAndPlace) {
    std::string config = kConfig;
    const std::string prod = "  prod: { protected: true }\n";
    const auto at = config.find(prod);
    ASSERT_NE(at, std::string::npos);
    config.replace(at, prod.size(),
                   "  prod:\n    protected: true\n    management_key: K2inlineKeyNotToPrint\n");
    CliHarness h(config);
    h.project("prod").fail_every_call(refused_key());
    const CliResult r = h.run({"plan"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(contains(r.err, "check environments.prod.management_key at " + h.config_path() +
                                    ":6:21: it is the key for prod's project " + kProdProject))
        << r.err;
    EXPECT_FALSE(contains(r.err + r.out, "K2inlineKeyNotToPrint"));
}

TEST(EnvironmentFailures, ThePlanSaysWhereDescopeBaseUrlSentEachEnvironment) {
    CliHarness h;
    h.seed_declared();
    ::setenv("DESCOPE_BASE_URL", "http://127.0.0.1:1234", 1);  // the harness restores it
    h.project("dev").seed_tenant([] {
        model::Tenant t;
        t.id = "stray";
        t.name = "Stray";
        return t;
    }());
    const CliResult r = h.run({"plan", "--prune", "tenant"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.out,
                         "dev (project P2cliunitdev0000000000000000) via "
                         "http://127.0.0.1:1234 (DESCOPE_BASE_URL)\n"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "prod: no changes, via http://127.0.0.1:1234 (DESCOPE_BASE_URL)"))
        << r.out;
    const nlohmann::json doc = h.run({"-o", "json", "plan"}).json();
    EXPECT_EQ(doc["environments"][1]["base_url_override"], "http://127.0.0.1:1234") << doc.dump(2);

    ::unsetenv("DESCOPE_BASE_URL");
    const CliResult own = h.run({"plan"});
    EXPECT_FALSE(contains(own.out, "DESCOPE_BASE_URL")) << own.out;
    EXPECT_TRUE(
        h.run({"-o", "json", "plan"}).json()["environments"][1]["base_url_override"].is_null());
}

TEST(EnvironmentFailures, PruneTakesTheSameSpellingsInTheConfigAndOnTheCommandLine) {
    std::string config = kConfig;
    config.replace(0, std::string("version: 1\n").size(),
                   "version: 1\ndefaults:\n  prune: [tenant]\n");
    CliHarness h(config);
    h.seed_declared();
    model::Tenant stray;
    stray.id = "stray";
    stray.name = "Stray";
    h.project("dev").seed_tenant(stray);
    model::Permission extra;
    extra.name = "extra.read";
    h.project("dev").seed_permission(extra);

    const CliResult r = h.run({"-e", "dev", "plan", "--prune", "permission"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "- tenant stray")) << r.out;           // defaults.prune: [tenant]
    EXPECT_TRUE(contains(r.out, "- permission extra.read")) << r.out;  // --prune permission

    const CliResult typo = h.run({"-e", "dev", "plan", "--prune", "tenantz"});
    EXPECT_EQ(typo.exit_code, 1);
    EXPECT_TRUE(contains(typo.err,
                         "invalid --prune 'tenantz': expected tenants, roles, "
                         "permissions or flows (or the singular); did you mean "
                         "'tenants'?"))
        << typo.err;
}

TEST(EnvironmentFailures, ValidateReportsADuplicateScreenInTheFlowFileAndATabAsATab) {
    {
        CliHarness h;
        std::ofstream(h.dir() / "flows" / "sign-in.json") << "{\"flow\": {\"id\": \"sign-in\"},\n"
                                                             " \"screens\": [{\"id\": \"login\"},\n"
                                                             "             {\"id\": \"login\"}]}\n";
        const CliResult r = h.run({"validate"});
        EXPECT_EQ(r.exit_code, 1) << r.err;
        const std::string flow_file = (h.dir() / "flows" / "sign-in.json").string();
        EXPECT_TRUE(contains(r.err, flow_file +
                                        ":3:21: error: flow file 'flows/sign-in.json': screen id "
                                        "'login' appears twice"))
            << r.err;
    }
    {
        std::string config = kConfig;
        config.replace(config.find("  prod:"), 2, "\t");
        CliHarness h(config);
        const CliResult r = h.run({"validate"});
        EXPECT_EQ(r.exit_code, 1) << r.err;
        EXPECT_TRUE(contains(r.err, h.config_path() +
                                        ":4:1: error: tab used for indentation; YAML indents "
                                        "with spaces"))
            << r.err;
        EXPECT_FALSE(contains(r.err, "error: YAML syntax error")) << r.err;
    }
}

}  // namespace environment_failures_test
}  // namespace descope_mgmt::cli_test
