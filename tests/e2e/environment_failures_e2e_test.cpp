// Issue 13, "per-environment failures", with the real binaries and five emulator projects: a
// wrong key for prod hides none of the four others, and the error says what was being done,
// the status in words and which variable holds prod's key, without printing it.
#include "plan_e2e_support.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

constexpr const char* kWrongKey = "K2wrongProdKeyNeverPrinted";

class EnvironmentFailuresE2e : public PlanE2e {
  protected:
    /// descope-mgmt with prod's key replaced by a wrong one.
    test::ProcessResult with_wrong_prod_key(std::vector<std::string> args) const {
        args.insert(args.begin(), DM_MGMT_BINARY);
        test::ProcessOptions o = options();
        o.env["DESCOPE_PROD_MANAGEMENT_KEY"] = kWrongKey;
        auto r = test::run_process(args, o);
        EXPECT_FALSE(contains(r.out + r.err, kWrongKey)) << "the wrong key was printed";
        for (const auto& e : environments())
            EXPECT_FALSE(contains(r.out + r.err, management_key(e))) << "a key was printed";
        return r;
    }
};

TEST_F(EnvironmentFailuresE2e, AWrongProdKeyLeavesTheFourOthersPlannedAndNamesItsVariable) {
    const auto r = with_wrong_prod_key({"plan", "--detailed-exitcode"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    for (const std::string e : {"test", "devtest", "dev", "staging"}) {
        EXPECT_TRUE(contains(r.out, e + " (project " + project_id(e) + ")")) << r.out;
    }
    EXPECT_TRUE(contains(r.out, "+ tenant acme")) << r.out;
    // The operation in the user's words (which read failed first varies: they run in parallel),
    // the status in words, the server's message, and the variable to check.
    EXPECT_TRUE(contains(r.err, "descope-mgmt: error: prod: reading the ")) << r.err;
    EXPECT_TRUE(contains(r.err, ": HTTP 401 Unauthorized: ")) << r.err;
    EXPECT_TRUE(contains(r.err,
                         "check DESCOPE_PROD_MANAGEMENT_KEY: it is the key for prod's "
                         "project " +
                             project_id("prod")))
        << r.err;
    EXPECT_FALSE(contains(r.err, "prod: tenant list")) << r.err;
    EXPECT_TRUE(contains(r.out, "prod: not planned: reading the ")) << r.out;
    EXPECT_TRUE(contains(r.err, "prod could not be read, so nothing was planned or changed there"))
        << r.err;

    // The JSON plan: four planned, prod with its error and the hint.
    const auto json_run = with_wrong_prod_key({"-o", "json", "plan"});
    EXPECT_EQ(json_run.exit_code, 1) << json_run.err;
    const auto doc = nlohmann::json::parse(json_run.out);
    ASSERT_EQ(doc["environments"].size(), 5u) << doc.dump(2);
    for (std::size_t i = 0; i < 4; ++i)
        EXPECT_EQ(doc["environments"][i]["status"], "ok") << doc.dump(2);
    const auto& prod = doc["environments"][4];
    EXPECT_EQ(prod["status"], "error");
    EXPECT_EQ(prod["error"]["http_status"], 401);
    // (The project name's read may be the one refused first: its hint is then "or, if the key
    // is wrong: check ...", beside the company-key explanation.)
    ASSERT_TRUE(prod["error"]["hint"].is_string()) << prod.dump(2);
    EXPECT_TRUE(contains(prod["error"]["hint"].get<std::string>(),
                         "check DESCOPE_PROD_MANAGEMENT_KEY: it is the key for prod's project " +
                             project_id("prod")))
        << prod.dump(2);
    // DESCOPE_BASE_URL points every environment at the emulator: the JSON plan says so.
    EXPECT_TRUE(prod["base_url_override"].is_string()) << prod.dump(2);
}

TEST_F(EnvironmentFailuresE2e, ApplyChangesTheFourOthersAndDriftComparesThem) {
    const auto apply = with_wrong_prod_key({"apply", "--auto-approve"});
    EXPECT_EQ(apply.exit_code, 1) << apply.out << apply.err;
    EXPECT_TRUE(contains(apply.err, "check DESCOPE_PROD_MANAGEMENT_KEY")) << apply.err;
    for (const std::string e : {"test", "devtest", "dev", "staging"})
        EXPECT_EQ(tenant_ids(e), (std::vector<std::string>{"acme", "holding"})) << e;
    EXPECT_TRUE(tenant_ids("prod").empty());

    const auto drift = with_wrong_prod_key({"drift"});
    EXPECT_EQ(drift.exit_code, 1) << drift.out << drift.err;
    EXPECT_TRUE(contains(drift.out, "prod: not compared: reading the ")) << drift.out;
    EXPECT_TRUE(contains(drift.err, "check DESCOPE_PROD_MANAGEMENT_KEY")) << drift.err;
}

TEST_F(EnvironmentFailuresE2e, ThePlanHeaderShowsTheAddressDescopeBaseUrlGave) {
    const auto r = mgmt({"plan"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "prod (project " + project_id("prod") + ") [protected] via " +
                                    m_emulator->base_url() + " (DESCOPE_BASE_URL)\n"))
        << r.out;
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
