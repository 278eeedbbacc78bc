// Flows and the theme in the plan/apply engine, on FakeDescopeApi: what the live reader asks
// for, canonical comparison (exported then re-deployed = no change, reordered keys = no
// change), the semantic diff of an update, create/prune, apply through flow/theme import, and a
// golden plan (text and JSON) with a flow diff.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "apply/apply_engine.hpp"
#include "plan/live_reader.hpp"
#include "plan_test_support.hpp"
#include "render/plan_json.hpp"
#include "render/plan_text.hpp"
#include "support/fake_descope_api.hpp"

namespace descope_mgmt {
namespace {

using namespace plan_test;
using test::ApiOperation;
using test::FakeDescopeApi;

/// A flow as the server exports it: server-managed fields set, keys in the server's order.
std::string exported_sign_in(const std::string& next_of_t2 = "t3") {
    return R"({"flow":{"id":"sign-in","name":"Sign In","version":7,"modifiedTime":1700000000,)"
           R"("dsl":{"tasks":[{"id":"t1","next":"t2"},{"id":"t2","next":")" +
           next_of_t2 +
           R"("},{"id":"t3","next":"end"}]}},)"
           R"("screens":[{"id":"SC2","version":3,"inputs":[{"name":"email","required":false}]},)"
           R"({"id":"SC1","interactions":[]}]})";
}

/// The same flow as a config file holds it: no server fields, other key and screen order.
std::string declared_sign_in(const std::string& next_of_t2 = "t3") {
    return R"({"screens":[{"interactions":[],"id":"SC1"},)"
           R"({"inputs":[{"required":false,"name":"email"}],"id":"SC2"}],)"
           R"("flow":{"dsl":{"tasks":[{"next":"t2","id":"t1"},{"next":")" +
           next_of_t2 +
           R"(","id":"t2"},{"next":"end","id":"t3"}]},"name":"Sign In","id":"sign-in"}})";
}

model::DesiredState desired_flows(std::vector<model::Flow> flows) {
    model::DesiredState d;
    d.environment = "dev";
    d.flows = std::move(flows);
    return d;
}

/// Seeds the fake project with flows (through import, then forgets the calls).
void seed_flows(FakeDescopeApi& api, const std::vector<model::Flow>& flows) {
    for (const auto& f : flows)
        ASSERT_TRUE(api.import_flow(f).has_value());
    api.reset_calls();
}

plan::EnvironmentPlan plan_against(FakeDescopeApi& api, const model::DesiredState& d,
                                   const plan::PlanOptions& o = {}) {
    auto live = plan::read_live_state(api, d);
    EXPECT_TRUE(live.has_value()) << (live ? "" : live.error().message);
    if (!live) return {};
    return must_diff(d, *live, o);
}

TEST(FlowPlan, LiveReaderReadsFlowsAndThemeOnlyWhenDeclared) {
    FakeDescopeApi api;
    seed_flows(api, {{"sign-in", exported_sign_in()}, {"other", R"({"flow":{}})"}});
    model::DesiredState none;
    none.environment = "dev";
    ASSERT_TRUE(plan::read_live_state(api, none).has_value());
    EXPECT_EQ(api.calls(ApiOperation::list_flows), 0);
    EXPECT_EQ(api.calls(ApiOperation::export_flow), 0);
    EXPECT_EQ(api.calls(ApiOperation::export_theme), 0);

    api.reset_calls();
    // Two declared flows, one of them live: one list, one export (the undeclared 'other' and
    // the missing 'sign-up' are not exported).
    model::DesiredState d = desired_flows({{"sign-in", declared_sign_in()}, {"sign-up", "{}"}});
    d.theme = model::Theme{R"({"theme":{}})"};
    auto live = plan::read_live_state(api, d);
    ASSERT_TRUE(live.has_value());
    EXPECT_EQ(api.calls(ApiOperation::list_flows), 1);
    EXPECT_EQ(api.calls(ApiOperation::export_flow), 1);
    EXPECT_EQ(api.calls(ApiOperation::export_theme), 1);
    EXPECT_EQ(live->flows.size(), 1u);
    EXPECT_EQ(live->flows.count("sign-in"), 1u);
    EXPECT_EQ(live->flow_summaries.size(), 2u);
    EXPECT_TRUE(live->theme.has_value());
}

TEST(FlowPlan, ExportedThenRedeployedFlowIsNoChange) {
    FakeDescopeApi api;
    seed_flows(api, {{"sign-in", exported_sign_in()}});
    // The file is exactly the live export (server fields and all).
    auto p = plan_against(api, desired_flows({{"sign-in", exported_sign_in()}}));
    EXPECT_FALSE(p.has_changes());
    ASSERT_EQ(p.changes.size(), 1u);
    EXPECT_EQ(p.changes[0].action, plan::Action::no_op);
    EXPECT_EQ(p.changes[0].kind, plan::ResourceKind::flow);
}

TEST(FlowPlan, ReorderedKeysAndServerFieldsAreNoChange) {
    FakeDescopeApi api;
    seed_flows(api, {{"sign-in", exported_sign_in()}});
    auto p = plan_against(api, desired_flows({{"sign-in", declared_sign_in()}}));
    EXPECT_FALSE(p.has_changes()) << addresses(p).size();
}

TEST(FlowPlan, ChangedTaskIsAnUpdateWithItsPath) {
    FakeDescopeApi api;
    seed_flows(api, {{"sign-in", exported_sign_in("t3")}});
    auto p = plan_against(api, desired_flows({{"sign-in", declared_sign_in("end")}}));
    ASSERT_EQ(addresses(p), std::vector<std::string>{"update flow sign-in"});
    const plan::Change& c = p.changes[0];
    ASSERT_EQ(c.json_changes.size(), 1u);
    EXPECT_EQ(c.json_changes[0].path, "flow.dsl.tasks[id=t2].next");
    EXPECT_EQ(c.json_changes[0].before, std::optional<std::string>("\"t3\""));  // live
    EXPECT_EQ(c.json_changes[0].after, std::optional<std::string>("\"end\""));  // desired

    // Apply imports the desired document; the next plan is empty.
    const auto report = apply::apply_plan(p, api, {});
    EXPECT_TRUE(report.ok());
    EXPECT_EQ(api.calls(ApiOperation::import_flow), 1);
    EXPECT_FALSE(
        plan_against(api, desired_flows({{"sign-in", declared_sign_in("end")}})).has_changes());
}

TEST(FlowPlan, MissingFlowIsCreatedByImport) {
    FakeDescopeApi api;
    auto p = plan_against(api, desired_flows({{"sign-in", declared_sign_in()}}));
    ASSERT_EQ(addresses(p), std::vector<std::string>{"create flow sign-in"});
    EXPECT_TRUE(apply::apply_plan(p, api, {}).ok());
    auto exported = api.export_flow("sign-in");
    ASSERT_TRUE(exported.has_value());
    EXPECT_EQ(exported->document, declared_sign_in());
    EXPECT_FALSE(plan_against(api, desired_flows({{"sign-in", declared_sign_in()}})).has_changes());
}

TEST(FlowPlan, UndeclaredFlowsAreDeletedOnlyWithPruneFlows) {
    FakeDescopeApi api;
    seed_flows(api, {{"sign-in", exported_sign_in()}, {"legacy", R"({"flow":{}})"}});
    const auto d = desired_flows({{"sign-in", declared_sign_in()}});
    auto kept = plan_against(api, d);
    EXPECT_FALSE(kept.has_changes());
    ASSERT_EQ(kept.notes.size(), 1u);
    EXPECT_NE(kept.notes[0].find("legacy"), std::string::npos) << kept.notes[0];
    EXPECT_NE(kept.notes[0].find("--prune flows"), std::string::npos) << kept.notes[0];

    plan::PlanOptions o;
    o.prune = {model::PruneType::roles};  // another type: still kept
    EXPECT_FALSE(plan_against(api, d, o).has_changes());
    o.prune = {model::PruneType::flows};
    auto pruned = plan_against(api, d, o);
    ASSERT_EQ(addresses(pruned), std::vector<std::string>{"delete flow legacy"});
    EXPECT_TRUE(apply::apply_plan(pruned, api, {}).ok());
    EXPECT_EQ(api.calls(ApiOperation::delete_flows), 1);
    EXPECT_FALSE(api.export_flow("legacy").has_value());
    EXPECT_TRUE(api.export_flow("sign-in").has_value());
}

TEST(FlowPlan, ThemeIsUpdatedWhenItDiffers) {
    FakeDescopeApi api;
    ASSERT_TRUE(api.import_theme({R"({"theme":{"version":3,"styles":{"color":"red"}}})"}));
    api.reset_calls();
    model::DesiredState d;
    d.environment = "dev";
    d.theme = model::Theme{R"({"theme":{"styles":{"color":"red"}}})"};
    EXPECT_FALSE(plan_against(api, d).has_changes());

    d.theme = model::Theme{R"({"theme":{"styles":{"color":"blue"}}})"};
    auto p = plan_against(api, d);
    ASSERT_EQ(addresses(p), std::vector<std::string>{"update theme theme"});
    ASSERT_EQ(p.changes[0].json_changes.size(), 1u);
    EXPECT_EQ(p.changes[0].json_changes[0].path, "theme.styles.color");
    EXPECT_TRUE(apply::apply_plan(p, api, {}).ok());
    EXPECT_EQ(api.calls(ApiOperation::import_theme), 1);
    EXPECT_FALSE(plan_against(api, d).has_changes());
}

TEST(FlowPlan, InvalidLiveDocumentIsAPlanError) {
    model::LiveState live;
    live.environment = "dev";
    live.flow_summaries = {{"sign-in", "Sign In", "", false}};
    live.flows["sign-in"] = {"sign-in", "{not json"};
    auto r = plan::diff(desired_flows({{"sign-in", declared_sign_in()}}), live, {});
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().text().find("flow sign-in"), std::string::npos) << r.error().text();
}

TEST(FlowPlan, GoldenPlanWithAFlowDiff) {
    model::LiveState live;
    live.environment = "dev";
    live.flow_summaries = {{"sign-in", "Sign In", "", false}, {"legacy", "Legacy", "", false}};
    live.flows["sign-in"] = {"sign-in", exported_sign_in("t3")};
    std::string desired_text = declared_sign_in("end");
    // One more change: the email input becomes required.
    const auto pos = desired_text.find(R"("required":false)");
    desired_text.replace(pos, 16, R"("required":true)");
    auto d =
        desired_flows({{"sign-in", desired_text}, {"sign-up", R"({"flow":{"id":"sign-up"}})"}});
    d.theme = model::Theme{R"({"theme":{"styles":{"color":"blue"}}})"};
    live.theme = model::Theme{R"({"theme":{"styles":{"color":"red"}}})"};
    auto p = must_diff(d, live);
    p.project_id = "P2goldenproject00000000000000";
    expect_golden("flow_diff.txt", render::render_plan_text(p, render::TextStyle{}));
    expect_golden("flow_diff.json", render::environment_plan_to_json(p).dump(2) + "\n");
}

}  // namespace
}  // namespace descope_mgmt
