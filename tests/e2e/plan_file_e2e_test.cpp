// Reviewed plans against the emulator: plan --out FILE, then apply FILE applies exactly the
// planned changes (the request log shows no other write); a console edit in between makes it
// refuse and name the object; a tampered or truncated file, another config or the wrong
// environments are refused with nothing changed; the file holds no key; show FILE renders it.

#include <fstream>

#include "plan_e2e_support.hpp"
#include "util/file.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

using nlohmann::json;

class PlanFileE2e : public PlanE2e {
  protected:
    void SetUp() override {
        PlanE2e::SetUp();
        start({"--request-log", log_path().string()});
        ASSERT_EQ(mgmt({"-e", "dev,prod", "apply", "-y"}).exit_code, 0);
        // Someone renames acme in dev's console: the plan will put the name back.
        rename_acme("dev", "Acme Console");
        clear_log();
    }

    std::filesystem::path log_path() const { return m_dir / "requests.jsonl"; }
    void clear_log() const { std::ofstream(log_path(), std::ios::trunc); }

    void rename_acme(const std::string& env, const std::string& name) const {
        auto acme = api(env, "GET", "/v1/mgmt/tenant?id=acme");
        api(env, "POST", "/v1/mgmt/tenant/update",
            {{"id", "acme"},
             {"name", name},
             {"selfProvisioningDomains", acme["selfProvisioningDomains"]},
             {"customAttributes", acme["customAttributes"]},
             {"enforceSSO", acme["enforceSSO"]}});
    }

    /// The requests that change something, as "METHOD path", in order.
    std::vector<std::string> writes() const {
        static const std::set<std::string> reads = {
            "/v1/mgmt/flow/list", "/v1/mgmt/flow/export", "/v1/mgmt/theme/export",
            "/v1/mgmt/projects/list", "/v1/mgmt/tenant/search"};
        std::vector<std::string> out;
        std::ifstream in(log_path());
        for (std::string line; std::getline(in, line);) {
            const auto entry = json::parse(line);
            const std::string path = entry["path"];
            if (entry["method"] == "POST" && !reads.count(path.substr(0, path.find('?'))))
                out.push_back(path);
        }
        return out;
    }

    std::string file_text(const std::string& name) const { return *util::read_file(m_dir / name); }
};

TEST_F(PlanFileE2e, ApplyFileAppliesExactlyThePlannedChangesAndNothingElse) {
    auto plan = mgmt({"-e", "dev", "plan", "--out", "dev.plan", "--detailed-exitcode"});
    ASSERT_EQ(plan.exit_code, 2) << plan.err;
    EXPECT_TRUE(contains(plan.out, "~ tenant acme")) << plan.out;
    EXPECT_TRUE(contains(plan.err, "plan saved to dev.plan")) << plan.err;
    clear_log();

    // A change the plan does not hold, made in the config after planning, is not applied.
    // (Here: nothing changes in the config; the file alone decides.) No "yes" is needed for a
    // reviewed plan of unprotected environments, even without a terminal.
    auto apply = mgmt({"apply", "dev.plan"});
    ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
    EXPECT_EQ(writes(), std::vector<std::string>{"/v1/mgmt/tenant/update"});
    EXPECT_EQ(api("dev", "GET", "/v1/mgmt/tenant?id=acme")["name"], "Acme Corp");
    EXPECT_EQ(mgmt({"-e", "dev", "plan", "--detailed-exitcode"}).exit_code, 0);
}

TEST_F(PlanFileE2e, AConsoleEditAfterThePlanMakesApplyRefuseAndNameTheObject) {
    ASSERT_EQ(mgmt({"-e", "dev", "plan", "--out", "dev.plan"}).exit_code, 0);
    rename_acme("dev", "Acme Edited Again");
    clear_log();
    auto apply = mgmt({"apply", "dev.plan"});
    EXPECT_EQ(apply.exit_code, 1) << apply.out;
    EXPECT_TRUE(contains(apply.err, "dev: tenant:acme changed since the plan read it"))
        << apply.err;
    EXPECT_TRUE(contains(apply.err, "dev.plan is stale: nothing was changed")) << apply.err;
    EXPECT_EQ(writes(), std::vector<std::string>{});
    EXPECT_EQ(api("dev", "GET", "/v1/mgmt/tenant?id=acme")["name"], "Acme Edited Again");
}

TEST_F(PlanFileE2e, ATamperedOrTruncatedFileIsRefusedWithNothingChanged) {
    ASSERT_EQ(mgmt({"-e", "dev", "plan", "--out", "dev.plan"}).exit_code, 0);
    const std::string text = file_text("dev.plan");

    std::string tampered = text;
    const auto at = tampered.find("Acme Corp");
    ASSERT_NE(at, std::string::npos);
    tampered.replace(at, 9, "Acme Evil");
    std::ofstream(m_dir / "tampered.plan") << tampered;
    std::ofstream(m_dir / "truncated.plan") << text.substr(0, text.size() / 2);
    clear_log();
    for (const char* name : {"tampered.plan", "truncated.plan"}) {
        auto r = mgmt({"apply", name, "-y"});
        EXPECT_EQ(r.exit_code, 1) << name << r.out;
        EXPECT_TRUE(contains(r.err, name)) << r.err;
        EXPECT_TRUE(contains(r.err, "nothing was changed")) << r.err;
    }
    EXPECT_TRUE(contains(mgmt({"show", "tampered.plan"}).err, "does not match its checksum"));
    EXPECT_TRUE(contains(mgmt({"show", "truncated.plan"}).err, "not valid JSON"));
    EXPECT_EQ(writes(), std::vector<std::string>{});
}

TEST_F(PlanFileE2e, APlanFileHoldsNoKeyEvenAtTheMostVerbose) {
    auto r = mgmt({"-vv", "plan", "--out", "all.plan"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string text = file_text("all.plan");
    EXPECT_TRUE(contains(text, "\"format\": \"descope-mgmt-plan\"")) << text.substr(0, 300);
    for (const auto& e : environments())
        EXPECT_FALSE(contains(text, management_key(e))) << e << "'s key in the plan file";
    EXPECT_FALSE(contains(text, kCompanyKey));
    EXPECT_EQ(std::filesystem::status(m_dir / "all.plan").permissions() &
                  std::filesystem::perms::others_read,
              std::filesystem::perms::none);
}

TEST_F(PlanFileE2e, AnotherConfigOrOtherEnvironmentsAreRefusedUnlessAllowed) {
    ASSERT_EQ(mgmt({"-e", "dev", "plan", "--out", "dev.plan"}).exit_code, 0);
    auto wrong_env = mgmt({"-e", "prod", "apply", "dev.plan", "-y"});
    EXPECT_EQ(wrong_env.exit_code, 1);
    EXPECT_TRUE(contains(wrong_env.err, "dev.plan is a plan of dev, but prod is selected"))
        << wrong_env.err;

    std::string config = kConfig;
    config.replace(config.find("name: Globex"), 12, "name: Globex Corp");
    config.replace(config.find("name: Holding"), 13, "name: Holding Group");
    write_config(config);
    clear_log();
    auto changed = mgmt({"apply", "dev.plan"});
    EXPECT_EQ(changed.exit_code, 1);
    EXPECT_TRUE(contains(changed.err, "asks for something else")) << changed.err;
    EXPECT_EQ(writes(), std::vector<std::string>{});

    // Allowed: the saved plan, as reviewed, and nothing of the new config (Holding keeps its
    // name).
    auto allowed = mgmt({"apply", "dev.plan", "--allow-config-change"});
    EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
    EXPECT_EQ(writes(), std::vector<std::string>{"/v1/mgmt/tenant/update"});
    EXPECT_EQ(api("dev", "GET", "/v1/mgmt/tenant?id=holding")["name"], "Holding");
}

TEST_F(PlanFileE2e, AProtectedEnvironmentStillAsksForItsNameButNotForYes) {
    rename_acme("prod", "Acme Console");
    ASSERT_EQ(mgmt({"-e", "prod", "plan", "--out", "prod.plan"}).exit_code, 0);
    auto no_terminal = mgmt({"apply", "prod.plan"});
    EXPECT_EQ(no_terminal.exit_code, 1);
    EXPECT_TRUE(contains(no_terminal.err, "standard input is not a terminal")) << no_terminal.err;

    auto typed = mgmt_on_terminal({"apply", "prod.plan"}, {"prod"});
    EXPECT_EQ(typed.exit_code, 0) << typed.output;
    EXPECT_FALSE(contains(typed.output, "Only 'yes' will be accepted")) << typed.output;
    EXPECT_TRUE(contains(typed.output, "'prod' is a protected environment")) << typed.output;
    EXPECT_EQ(api("prod", "GET", "/v1/mgmt/tenant?id=acme")["name"], "Acme Corporation");
}

TEST_F(PlanFileE2e, ShowRendersTheSavedPlanAsTextJsonAndMarkdown) {
    auto plan_json = mgmt({"-o", "json", "-e", "dev", "plan"});
    ASSERT_EQ(mgmt({"-e", "dev", "plan", "--out", "dev.plan"}).exit_code, 0);
    auto text = mgmt({"show", "dev.plan"});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    EXPECT_TRUE(contains(text.out, "~ tenant acme")) << text.out;
    auto shown_json = mgmt({"-o", "json", "show", "dev.plan"});
    ASSERT_EQ(shown_json.exit_code, 0) << shown_json.err;
    auto a = json::parse(plan_json.out);
    auto b = json::parse(shown_json.out);
    EXPECT_EQ(a["environments"], b["environments"]);
    auto md = mgmt({"-o", "markdown", "show", "dev.plan"});
    EXPECT_TRUE(md.out.starts_with("### descope-mgmt plan")) << md.out;
}

TEST_F(PlanFileE2e, ProtectionAddedSinceThePlanAndAnotherAddressAreHonoured) {
    ASSERT_EQ(mgmt({"-e", "dev", "plan", "--out", "dev.plan"}).exit_code, 0);
    // Reached through another address than the plan was made through: refused before any read.
    test::ProcessOptions elsewhere = options();
    elsewhere.env["DESCOPE_BASE_URL"] = "http://127.0.0.1:9";
    auto moved = test::run_process({DM_MGMT_BINARY, "apply", "dev.plan", "-y"}, elsewhere);
    EXPECT_EQ(moved.exit_code, 1);
    EXPECT_TRUE(contains(moved.err, "dev: the plan was made through http://127.0.0.1:"))
        << moved.err;

    // dev became protected in the config after the plan: it now asks for its name.
    std::string config = kConfig;
    config.replace(config.find("dev: { project_name: Acme (dev) }"), 33,
                   "dev: { project_name: Acme (dev), protected: true }");
    write_config(config);
    clear_log();
    auto asks = mgmt({"apply", "dev.plan"});
    EXPECT_EQ(asks.exit_code, 1);
    EXPECT_TRUE(contains(asks.err, "standard input is not a terminal")) << asks.err;
    EXPECT_EQ(writes(), std::vector<std::string>{});
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
