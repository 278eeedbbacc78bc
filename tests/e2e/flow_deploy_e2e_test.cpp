// Flows and the theme through plan/apply and `flow deploy` / `theme deploy`: the real
// descope-mgmt against the real descope-emulator with five projects. Promotion from staging to
// prod in two commands, an out-of-band edit seen path by path, and the deploy commands'
// rules (only flows or the theme, confirmation, unknown ids).
#include <string>

#include "plan_e2e_support.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

using nlohmann::json;

/// A v1 flow import body for sign-in; `next` of task t2 and the email input's `required`
/// are the parts that differ between "versions" of the flow.
json sign_in(const std::string& next, bool email_required) {
    return {
        {"flowId", "sign-in"},
        {"flow",
         {{"id", "sign-in"},
          {"name", "Sign In"},
          {"dsl",
           {{"tasks", json::array({{{"id", "t1"}, {"type", "screen"}, {"next", "t2"}},
                                   {{"id", "t2"}, {"type", "action"}, {"next", next}},
                                   {{"id", "t3"}, {"type", "end"}}})}}}}},
        {"screens",
         json::array({{{"id", "SC1"},
                       {"htmlTemplate", {{"title", "Welcome"}}},
                       {"inputs", json::array({{{"name", "email"}, {"required", email_required}},
                                               {{"name", "phone"}, {"required", false}}})}}})}};
}

constexpr const char* kFlowConfig = R"(version: 1
environments:
  dev: {}
  staging: {}
  prod: { protected: true }
flows:
  - id: sign-in
    file: flows/sign-in.json
)";

class FlowDeployE2e : public PlanE2e {
  protected:
    void SetUp() override {
        PlanE2e::SetUp();
        std::filesystem::create_directories(m_dir / "flows");
    }
    json live_flow(const std::string& env) const {
        return api(env, "POST", "/v1/mgmt/flow/export", {{"flowId", "sign-in"}});
    }
    static std::size_t count(const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
            ++n;
        return n;
    }
};

TEST_F(FlowDeployE2e, PromotingAFlowFromStagingToProdIsTwoCommandsAndShowsOnlyWhatDiffers) {
    write_config(kFlowConfig);
    api("staging", "POST", "/v1/mgmt/flow/import", sign_in("t3", true));
    api("prod", "POST", "/v1/mgmt/flow/import", sign_in("t1", false));
    api("prod", "POST", "/v1/mgmt/flow/import", sign_in("t1", false));  // prod at version 2

    // 1. Export from staging into the file the config declares.
    auto exported =
        mgmt({"flow", "export", "sign-in", "-e", "staging", "--out", "flows/sign-in.json"});
    ASSERT_EQ(exported.exit_code, 0) << exported.out << exported.err;

    // The plan for prod names exactly the two paths that differ, nothing else of the flow.
    auto plan = mgmt({"plan", "-e", "prod", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 2) << plan.out << plan.err;
    EXPECT_NE(plan.out.find("~ flow sign-in"), std::string::npos) << plan.out;
    EXPECT_NE(plan.out.find(R"(flow.dsl.tasks[id=t2].next: "t1" -> "t3")"), std::string::npos)
        << plan.out;
    EXPECT_NE(plan.out.find("screens[id=SC1].inputs[name=email].required: false -> true"),
              std::string::npos)
        << plan.out;
    EXPECT_EQ(count(plan.out, " -> "), 2u) << plan.out;  // version, modifiedTime: not changes
    EXPECT_EQ(plan.out.find("version"), std::string::npos) << plan.out;

    // The same two paths in the JSON plan.
    auto plan_json = mgmt({"plan", "-e", "prod", "--output", "json"});
    ASSERT_EQ(plan_json.exit_code, 0) << plan_json.err;
    const json doc = json::parse(plan_json.out);
    std::vector<std::string> paths;
    for (const auto& env : doc["environments"])
        for (const auto& change : env["changes"])
            for (const auto& c : change.value("json_changes", json::array()))
                paths.push_back(c.value("path", ""));
    std::sort(paths.begin(), paths.end());
    EXPECT_EQ(paths, (std::vector<std::string>{"flow.dsl.tasks[id=t2].next",
                                               "screens[id=SC1].inputs[name=email].required"}))
        << plan_json.out;

    // 2. Apply to prod (protected: "yes", then the name typed on a terminal).
    auto apply = mgmt_on_terminal({"apply", "-e", "prod"}, {"yes", "prod"});
    ASSERT_EQ(apply.exit_code, 0) << apply.output;
    const json prod = live_flow("prod");
    EXPECT_EQ(prod["flow"]["dsl"]["tasks"][1]["next"], "t3");
    EXPECT_EQ(prod["screens"][0]["inputs"][0]["required"], true);
    EXPECT_EQ(prod["flow"]["version"], 3);  // imported once more

    // In sync everywhere the file was promoted to; dev never had the flow and still needs it.
    EXPECT_EQ(mgmt({"plan", "-e", "prod", "-e", "staging", "--detailed-exitcode"}).exit_code, 0);
    EXPECT_EQ(mgmt({"drift", "-e", "prod", "-e", "staging"}).exit_code, 0);
    auto dev = mgmt({"plan", "-e", "dev", "--detailed-exitcode"});
    EXPECT_EQ(dev.exit_code, 2) << dev.out;
    EXPECT_NE(dev.out.find("+ flow sign-in"), std::string::npos) << dev.out;
}

TEST_F(FlowDeployE2e, AnOutOfBandEditShowsItsPathsAndFlowDeployPutsItBack) {
    write_config(kFlowConfig);
    std::ofstream(m_dir / "flows" / "sign-in.json") << sign_in("t3", true).dump(2);
    // The file is an import body: its "flowId" is never deployed, and validate says so.
    auto validate = mgmt({"validate"});
    EXPECT_EQ(validate.exit_code, 0) << validate.err;
    EXPECT_NE((validate.out + validate.err).find("top-level key 'flowId' is ignored"),
              std::string::npos)
        << validate.out << validate.err;
    // A hand-written file (no zero values, no managementConfig) deploys and then is in sync.
    auto first = mgmt({"flow", "deploy", "-e", "dev", "--auto-approve"});
    ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
    // Commands show the loader's warnings too (but not unset variables of other environments).
    EXPECT_NE(first.err.find("top-level key 'flowId' is ignored"), std::string::npos) << first.err;
    EXPECT_EQ(first.err.find("not set"), std::string::npos) << first.err;
    EXPECT_EQ(mgmt({"-q", "plan", "-e", "dev"}).err.find("is ignored"), std::string::npos);
    auto clean = mgmt({"plan", "-e", "dev", "--detailed-exitcode"});
    EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;

    // Someone edits the flow in the console.
    json edited = sign_in("t3", true);
    edited["flow"]["dsl"]["tasks"][2]["type"] = "error";
    edited["screens"][0]["htmlTemplate"]["title"] = "Hello";
    api("dev", "POST", "/v1/mgmt/flow/import", edited);

    auto plan = mgmt({"plan", "-e", "dev", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 2) << plan.out << plan.err;
    EXPECT_NE(plan.out.find(R"(flow.dsl.tasks[id=t3].type: "error" -> "end")"), std::string::npos)
        << plan.out;
    EXPECT_NE(plan.out.find(R"(screens[id=SC1].htmlTemplate.title: "Hello" -> "Welcome")"),
              std::string::npos)
        << plan.out;
    EXPECT_EQ(count(plan.out, " -> "), 2u) << plan.out;

    auto put_back = mgmt({"flow", "deploy", "sign-in", "-e", "dev", "--auto-approve"});
    ASSERT_EQ(put_back.exit_code, 0) << put_back.out << put_back.err;
    EXPECT_EQ(live_flow("dev")["flow"]["dsl"]["tasks"][2]["type"], "end");
    EXPECT_EQ(mgmt({"plan", "-e", "dev", "--detailed-exitcode"}).exit_code, 0);
}

TEST_F(FlowDeployE2e, DeployTouchesOnlyFlowsOrTheThemeAndAsksFirst) {
    // A config with tenants, roles and a theme too: `flow deploy` must create none of them.
    write_config(std::string(kConfig) +
                 "flows:\n  - id: sign-in\n    file: flows/sign-in.json\n"
                 "theme:\n  file: themes/theme.json\n");
    std::ofstream(m_dir / "flows" / "sign-in.json") << sign_in("t3", true).dump(2);
    std::filesystem::create_directories(m_dir / "themes");
    std::ofstream(m_dir / "themes" / "theme.json")
        << R"({"theme": {"cssTemplate": {"light": {"primary": "#1a56db"}}}})";

    // No terminal and no --auto-approve: refused, nothing imported.
    auto refused = mgmt({"flow", "deploy", "-e", "dev"}, "yes\n");
    EXPECT_NE(refused.exit_code, 0) << refused.out << refused.err;
    EXPECT_NE(refused.out.find("+ flow sign-in"), std::string::npos) << refused.out;  // plan shown
    EXPECT_TRUE(api("dev", "POST", "/v1/mgmt/flow/list", json::object())["flows"].empty());

    // Answering "no" on a terminal changes nothing either.
    auto no = mgmt_on_terminal({"flow", "deploy", "-e", "dev"}, {"no"});
    EXPECT_NE(no.exit_code, 0) << no.output;
    EXPECT_TRUE(api("dev", "POST", "/v1/mgmt/flow/list", json::object())["flows"].empty());

    // An id the config does not declare: a clear error, nothing imported.
    auto unknown = mgmt({"flow", "deploy", "sign-on", "-e", "dev", "--auto-approve"});
    EXPECT_EQ(unknown.exit_code, 1) << unknown.out << unknown.err;
    EXPECT_NE(unknown.err.find("sign-on"), std::string::npos) << unknown.err;
    EXPECT_NE(unknown.err.find("sign-in"), std::string::npos) << unknown.err;  // the suggestion
    EXPECT_TRUE(api("dev", "POST", "/v1/mgmt/flow/list", json::object())["flows"].empty());

    auto yes = mgmt_on_terminal({"flow", "deploy", "-e", "dev"}, {"yes"});
    ASSERT_EQ(yes.exit_code, 0) << yes.output;
    EXPECT_EQ(api("dev", "POST", "/v1/mgmt/flow/list", json::object())["flows"].size(), 1u);
    EXPECT_TRUE(tenant_ids("dev").empty());  // tenants are apply's business
    EXPECT_EQ(api("dev", "POST", "/v1/mgmt/theme/export", json::object())["theme"]["cssTemplate"],
              json::object());

    auto theme = mgmt({"theme", "deploy", "-e", "dev", "--auto-approve"});
    ASSERT_EQ(theme.exit_code, 0) << theme.out << theme.err;
    EXPECT_EQ(api("dev", "POST", "/v1/mgmt/theme/export",
                  json::object())["theme"]["cssTemplate"]["light"]["primary"],
              "#1a56db");
    EXPECT_TRUE(tenant_ids("dev").empty());
    auto again = mgmt({"theme", "deploy", "-e", "dev", "--auto-approve"});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
    EXPECT_NE(again.out.find("no changes"), std::string::npos) << again.out;
    // The rest of the config is still to be applied: deploy did not touch it.
    EXPECT_EQ(mgmt({"plan", "-e", "dev", "--detailed-exitcode"}).exit_code, 2);
}

TEST_F(FlowDeployE2e, AFlowTheConfigDoesNotDeclareIsDeletedOnlyWithPruneFlows) {
    write_config(kFlowConfig);
    std::ofstream(m_dir / "flows" / "sign-in.json") << sign_in("t3", true).dump(2);
    json legacy = sign_in("t3", true);
    legacy["flowId"] = "legacy";
    legacy["flow"]["id"] = "legacy";
    api("dev", "POST", "/v1/mgmt/flow/import", legacy);

    auto kept = mgmt({"apply", "-e", "dev", "--auto-approve"});
    ASSERT_EQ(kept.exit_code, 0) << kept.out << kept.err;
    EXPECT_NE(kept.out.find("--prune flows would delete it"), std::string::npos) << kept.out;
    EXPECT_EQ(api("dev", "POST", "/v1/mgmt/flow/list", json::object())["flows"].size(), 2u);

    auto plan = mgmt({"plan", "-e", "dev", "--prune", "flows", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 2) << plan.out << plan.err;
    EXPECT_NE(plan.out.find("- flow legacy"), std::string::npos) << plan.out;
    auto pruned = mgmt({"apply", "-e", "dev", "--prune", "flows", "--auto-approve"});
    ASSERT_EQ(pruned.exit_code, 0) << pruned.out << pruned.err;
    const json flows = api("dev", "POST", "/v1/mgmt/flow/list", json::object())["flows"];
    ASSERT_EQ(flows.size(), 1u);
    EXPECT_EQ(flows[0]["id"], "sign-in");
}

TEST_F(FlowDeployE2e, AMinimalHandWrittenFlowIsInSyncAfterItsDeploy) {
    // No flow id, name, zero values or screen template: Descope fills them all in, and the
    // plan after the deploy must not show them as changes.
    write_config(kFlowConfig);
    std::ofstream(m_dir / "flows" / "sign-in.json")
        << R"({"flow": {"dsl": {"start": "t1"}}, "screens": [{"id": "S1"}]})";
    auto deploy = mgmt({"flow", "deploy", "-e", "dev", "--auto-approve"});
    ASSERT_EQ(deploy.exit_code, 0) << deploy.out << deploy.err;
    EXPECT_EQ(live_flow("dev")["flow"]["dsl"]["start"], "t1");
    auto plan = mgmt({"plan", "-e", "dev", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
}

// Per-environment flow files: staging's override file is what staging is planned and applied
// against; dev (no override) gets the main file.
TEST_F(FlowDeployE2e, AFlowOverrideFileIsThatEnvironmentsDocument) {
    write_config(std::string(kFlowConfig) +
                 "    overrides:\n      staging: { file: flows/staging/sign-in.json }\n");
    std::ofstream(m_dir / "flows" / "sign-in.json") << sign_in("t3", true).dump(2);
    std::filesystem::create_directories(m_dir / "flows" / "staging");
    std::ofstream(m_dir / "flows" / "staging" / "sign-in.json") << sign_in("t1", false).dump(2);

    auto apply = mgmt({"apply", "-e", "dev", "-e", "staging", "--auto-approve"});
    ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
    EXPECT_EQ(live_flow("dev")["flow"]["dsl"]["tasks"][1]["next"], "t3");
    EXPECT_EQ(live_flow("staging")["flow"]["dsl"]["tasks"][1]["next"], "t1");
    EXPECT_EQ(live_flow("staging")["screens"][0]["inputs"][0]["required"], false);
    auto clean = mgmt({"plan", "-e", "dev", "-e", "staging", "--detailed-exitcode"});
    EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;

    // Staging holding the main file's flow is a change there: the override is what counts.
    api("staging", "POST", "/v1/mgmt/flow/import", sign_in("t3", true));
    auto plan = mgmt({"plan", "-e", "staging", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 2) << plan.out << plan.err;
    EXPECT_NE(plan.out.find(R"(flow.dsl.tasks[id=t2].next: "t3" -> "t1")"), std::string::npos)
        << plan.out;
    EXPECT_EQ(mgmt({"plan", "-e", "dev", "--detailed-exitcode"}).exit_code, 0);
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
