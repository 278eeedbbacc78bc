// The live reader makes the fewest calls: one per collection, one settings call per declared
// tenant that manages settings and exists, the project name only when managed.

#include "plan/live_reader.hpp"

#include <gtest/gtest.h>

#include "plan_test_support.hpp"
#include "support/fake_descope_api.hpp"

namespace descope_mgmt {
namespace {

using namespace plan_test;
using test::ApiOperation;

TEST(LiveReader, FewestCalls) {
    test::FakeDescopeApi api("dev");
    for (int i = 0; i < 50; ++i)
        api.seed_tenant(tenant("t" + std::to_string(i), "T" + std::to_string(i)));
    model::DesiredState d;
    d.environment = "dev";
    for (int i = 0; i < 5; ++i) {
        model::Tenant t = tenant("t" + std::to_string(i), "T" + std::to_string(i));
        if (i < 3) t.session_settings = model::SessionSettings{};
        d.tenants.push_back(t);
    }
    d.tenants.push_back(tenant("new", "New"));
    d.tenants.back().session_settings = model::SessionSettings{};  // does not exist yet: not read

    auto live = plan::read_live_state(api, d);
    ASSERT_TRUE(live.has_value());
    EXPECT_EQ(api.calls(ApiOperation::load_all_tenants), 1);
    EXPECT_EQ(api.calls(ApiOperation::load_all_roles), 1);
    EXPECT_EQ(api.calls(ApiOperation::load_all_permissions), 1);
    EXPECT_EQ(api.calls(ApiOperation::load_tenant_settings), 3);
    EXPECT_EQ(api.calls(ApiOperation::load_project_name), 0);
    EXPECT_EQ(api.total_calls(), 6);
    EXPECT_EQ(live->tenants.size(), 50u);
    int with_settings = 0;
    for (const auto& t : live->tenants)
        with_settings += t.session_settings ? 1 : 0;
    EXPECT_EQ(with_settings, 3);

    d.project_name = "Acme";
    api.reset_calls();
    ASSERT_TRUE(plan::read_live_state(api, d).has_value());
    EXPECT_EQ(api.calls(ApiOperation::load_project_name), 1);
    EXPECT_EQ(api.total_calls(), 7);
}

TEST(LiveReader, FailsWithTheApiError) {
    test::FakeDescopeApi api("prod");
    api.fail_nth_call(ApiOperation::load_all_roles, 1);
    model::DesiredState d;
    d.environment = "prod";
    auto live = plan::read_live_state(api, d);
    ASSERT_FALSE(live.has_value());
    EXPECT_EQ(live.error().environment, "prod");
    EXPECT_EQ(live.error().operation, "role list");
}

TEST(LiveReader, UsesTheGivenRunner) {
    test::FakeDescopeApi api("dev");
    model::DesiredState d;
    d.environment = "dev";
    int batches = 0;
    std::size_t tasks = 0;
    auto runner = [&](std::vector<std::function<void()>>& ts) {
        ++batches;
        tasks += ts.size();
        plan::run_sequentially(ts);
    };
    ASSERT_TRUE(plan::read_live_state(api, d, runner).has_value());
    EXPECT_EQ(batches, 2);  // collections, then settings (none here)
    EXPECT_EQ(tasks, 3u);
}

TEST(LiveReader, WholeProjectScopeReadsEveryFlowTheThemeAndTheChosenSettings) {
    test::FakeDescopeApi api("dev");
    for (int i = 0; i < 4; ++i)
        api.seed_tenant(tenant("t" + std::to_string(i), "T" + std::to_string(i)));
    auto only_two = plan::ReadScope::whole_project(std::set<std::string>{"t1", "t2", "gone"});
    auto live = plan::read_live(api, "dev", only_two);
    ASSERT_TRUE(live.has_value());
    EXPECT_EQ(api.calls(ApiOperation::load_tenant_settings), 2);  // "gone" does not exist
    EXPECT_EQ(api.calls(ApiOperation::list_flows), 1);
    EXPECT_EQ(api.calls(ApiOperation::export_theme), 1);
    EXPECT_EQ(api.calls(ApiOperation::load_project_name), 1);
    EXPECT_TRUE(live->theme.has_value());

    api.reset_calls();
    ASSERT_TRUE(plan::read_live(api, "dev", plan::ReadScope::whole_project(std::nullopt, false)));
    EXPECT_EQ(api.calls(ApiOperation::load_tenant_settings), 4);  // nullopt: every tenant
    EXPECT_EQ(api.calls(ApiOperation::load_project_name), 0);

    api.reset_calls();
    ASSERT_TRUE(plan::read_live(api, "dev", plan::ReadScope{}));  // the collections only
    EXPECT_EQ(api.total_calls(), 3);
}

TEST(LiveReader, ReadAllReadsEveryEnvironmentInOneExecutorAndKeepsTheirFailuresApart) {
    test::FakeDescopeApi dev("dev");
    test::FakeDescopeApi prod("prod");
    dev.seed_tenant(tenant("acme", "Acme"));
    prod.seed_tenant(tenant("acme", "Acme"));
    prod.fail_nth_call(ApiOperation::load_all_roles, 1);
    plan::ReadScope scope;
    scope.settings_for = std::set<std::string>{"acme"};
    api::Executor executor({8, 4, nullptr});
    auto results = plan::read_live_all({{&dev, "dev", scope}, {&prod, "prod", scope}}, executor);
    ASSERT_EQ(results.size(), 2u);
    ASSERT_TRUE(results[0].state.has_value());
    EXPECT_EQ(results[0].state->environment, "dev");
    ASSERT_EQ(results[0].state->tenants.size(), 1u);
    EXPECT_TRUE(results[0].state->tenants[0].session_settings.has_value());
    EXPECT_EQ(dev.total_calls(), 4);  // three lists, one settings read
    ASSERT_FALSE(results[1].state.has_value());
    EXPECT_FALSE(results[1].state.error().cancelled);
    // A failed first round stops that environment: no settings read follows it.
    EXPECT_EQ(prod.calls(ApiOperation::load_tenant_settings), 0);
}

TEST(LiveReader, ReadAllCutShortByCancellationFailsAsCancelled) {
    test::FakeDescopeApi dev("dev");
    api::CancellationToken token;
    token.cancel();
    api::Executor executor({8, 4, &token});
    auto results = plan::read_live_all({{&dev, "dev", plan::ReadScope{}}}, executor);
    ASSERT_FALSE(results[0].state.has_value());
    EXPECT_TRUE(results[0].state.error().cancelled);
    EXPECT_EQ(dev.total_calls(), 0);
}

// Apply's automatic backup starts from the plan's read (issue 13): it reads only what the
// plan did not (every flow, the theme, the settings of tenants at stake), never a list again.
TEST(LiveReader, AReadOnTopOfAnEarlierOneMakesOnlyTheCallsThatOneDidNotMake) {
    test::FakeDescopeApi api("dev");
    for (int i = 0; i < 4; ++i)
        api.seed_tenant(tenant("t" + std::to_string(i), "T" + std::to_string(i)));
    for (const char* id : {"sign-in", "sign-up", "reset"}) {
        model::Flow f;
        f.id = id;
        f.document =
            std::string(R"({"flow": {"id": ")") + id + R"(", "name": "F"}, "screens": []})";
        ASSERT_TRUE(api.import_flow(f).has_value());
    }
    // The plan's read: t0's settings, the sign-in flow, no theme.
    plan::LiveBasis basis;
    basis.scope.settings_for = std::set<std::string>{"t0"};
    basis.scope.flows = std::set<std::string>{"sign-in"};
    auto first = plan::read_live(api, "dev", basis.scope);
    ASSERT_TRUE(first.has_value());
    basis.state = *first;
    api.reset_calls();

    // The backup's scope: every flow, the theme, the settings of t0 and t1 (t1 is deleted).
    plan::LiveReadTarget target{
        &api, "dev", plan::ReadScope::whole_project(std::set<std::string>{"t0", "t1"}, false),
        &basis};
    api::Executor executor({8, 4, nullptr});
    auto results = plan::read_live_all({target}, executor);
    ASSERT_TRUE(results[0].state.has_value()) << results[0].state.error().to_string();
    EXPECT_EQ(api.calls(ApiOperation::load_all_tenants), 0);
    EXPECT_EQ(api.calls(ApiOperation::load_all_roles), 0);
    EXPECT_EQ(api.calls(ApiOperation::load_all_permissions), 0);
    EXPECT_EQ(api.calls(ApiOperation::list_flows), 0);   // the plan listed them
    EXPECT_EQ(api.calls(ApiOperation::export_flow), 2);  // sign-up and reset, not sign-in
    EXPECT_EQ(api.calls(ApiOperation::export_theme), 1);
    EXPECT_EQ(api.calls(ApiOperation::load_tenant_settings), 1);  // t1 only
    EXPECT_EQ(api.total_calls(), 4);
    const model::LiveState& state = *results[0].state;
    EXPECT_EQ(state.tenants.size(), 4u);
    EXPECT_EQ(state.flows.size(), 3u);
    EXPECT_TRUE(state.theme.has_value());
    EXPECT_TRUE(state.tenants[0].session_settings.has_value());  // from the plan's read
    EXPECT_TRUE(state.tenants[1].session_settings.has_value());  // read now
    EXPECT_FALSE(state.tenants[2].session_settings.has_value());

    // What the plan read already covers needs no call at all; one that skipped the flows lists
    // them first.
    api.reset_calls();
    plan::LiveBasis all = basis;
    all.state = state;
    all.scope = plan::ReadScope::whole_project(std::nullopt, false);
    target.basis = &all;
    ASSERT_TRUE(plan::read_live_all({target}, executor)[0].state.has_value());
    EXPECT_EQ(api.total_calls(), 0);
    plan::LiveBasis no_flows;
    no_flows.scope = plan::ReadScope{};
    no_flows.state = *plan::read_live(api, "dev", no_flows.scope);
    api.reset_calls();
    target.basis = &no_flows;
    target.scope = plan::ReadScope::whole_project(std::set<std::string>{}, false);
    auto widened = plan::read_live_all({target}, executor);
    ASSERT_TRUE(widened[0].state.has_value());
    EXPECT_EQ(api.calls(ApiOperation::list_flows), 1);
    EXPECT_EQ(api.calls(ApiOperation::export_flow), 3);
    EXPECT_EQ(api.total_calls(), 5);  // the list, three exports, the theme
    EXPECT_EQ(widened[0].state->tenants.size(), 4u);
}

}  // namespace
}  // namespace descope_mgmt
