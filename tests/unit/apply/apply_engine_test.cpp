// The apply engine against FakeDescopeApi: order, concurrency, failures (dependents skipped,
// independent changes still run, the report says which), re-run converges, cancellation.

#include "apply/apply_engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "../plan/plan_test_support.hpp"
#include "plan/live_reader.hpp"
#include "support/fake_descope_api.hpp"

namespace descope_mgmt {
namespace {

using namespace plan_test;
using test::ApiOperation;
using test::FakeDescopeApi;

/// A small config: two permissions, a role that uses them, a parent and a child tenant with a
/// tenant-scoped role used as default role, session settings; plus an independent tenant.
model::DesiredState desired() {
    model::DesiredState d;
    d.environment = "dev";
    d.permissions = {permission("p.read", "Read"), permission("p.write")};
    d.roles = {role("admin", {"p.read", "p.write"}, "Admins"), role("viewer", {"p.read"}),
               role("auditor", {"p.read"}, "", "acme")};
    model::Tenant holding = tenant("holding", "Holding");
    model::Tenant acme = tenant("acme", "Acme", "holding");
    acme.self_provisioning_domains = {"acme.com"};
    acme.default_roles = {"auditor", "viewer"};
    model::SessionSettings s;
    s.session_token_expiration = minutes(10);
    s.refresh_token_expiration = weeks(4);  // a new tenant turns custom lifetimes on: both
    acme.session_settings = s;
    model::Tenant globex = tenant("globex", "Globex");
    d.tenants = {holding, acme, globex};
    return d;
}

plan::EnvironmentPlan plan_for(FakeDescopeApi& api, const model::DesiredState& d,
                               const plan::PlanOptions& options = {}) {
    auto live = plan::read_live_state(api, d);
    EXPECT_TRUE(live.has_value());
    return must_diff(d, live ? *live : model::LiveState{}, options);
}

const apply::ChangeResult* result_for(const plan::EnvironmentPlan& p,
                                      const apply::EnvironmentReport& r,
                                      const std::string& address) {
    for (const auto& c : r.results) {
        if (p.changes[c.index].address() == address) return &c;
    }
    return nullptr;
}

TEST(ApplyEngine, FirstApplyCreatesEverythingAndSecondPlanIsEmpty) {
    FakeDescopeApi api("dev");
    const auto d = desired();
    const auto p = plan_for(api, d);
    ASSERT_TRUE(p.has_changes());
    api.reset_calls();
    const auto report = apply::apply_plan(p, api, {});
    EXPECT_TRUE(report.ok());
    EXPECT_EQ(report.created, p.summary().create);
    EXPECT_EQ(report.failed, 0u);
    EXPECT_EQ(report.api_calls, api.write_calls());
    EXPECT_EQ(report.api_calls, static_cast<int>(p.summary().total()));
    EXPECT_FALSE(plan_for(api, d).has_changes());
    ASSERT_EQ(api.tenants().size(), 3u);
    // Independent creates run in parallel, so the fake's order is not the plan's: find acme.
    const auto tenants = api.tenants();
    const auto acme = std::find_if(tenants.begin(), tenants.end(),
                                   [](const model::Tenant& t) { return t.id == "acme"; });
    ASSERT_NE(acme, tenants.end());
    EXPECT_EQ(acme->default_roles, (std::vector<std::string>{"auditor", "viewer"}));
}

TEST(ApplyEngine, RunsInPlanOrderWithParallelismOne) {
    FakeDescopeApi api("dev");
    const auto p = plan_for(api, desired());
    std::vector<std::string> started;
    apply::ApplyOptions o;
    o.parallelism = 1;
    apply::apply_plan(p, api, o, [&](const apply::ProgressEvent& e) {
        if (e.kind == apply::ProgressEvent::Kind::started) started.push_back(e.change->address());
    });
    std::vector<std::string> expected;
    for (const auto& c : p.changes) {
        if (c.action != plan::Action::no_op) expected.push_back(c.address());
    }
    EXPECT_EQ(started, expected);
}

TEST(ApplyEngine, FailedChangeSkipsDependentsAndRunsIndependentOnes) {
    FakeDescopeApi api("dev");
    const auto d = desired();
    const auto p = plan_for(api, d);
    // The parent tenant cannot be created: acme (its child), acme's role, settings and default
    // roles must be skipped; permissions, project roles and globex must still be created.
    api.fail_subject(ApiOperation::create_tenant, "holding");
    const auto report = apply::apply_plan(p, api, {});
    EXPECT_FALSE(report.ok());
    EXPECT_EQ(report.failed, 1u);
    const auto* failed = result_for(p, report, "tenant holding");
    ASSERT_NE(failed, nullptr);
    EXPECT_EQ(failed->outcome, api::TaskStatus::failed);
    ASSERT_TRUE(failed->error.has_value());
    EXPECT_EQ(failed->error->environment, "dev");
    EXPECT_EQ(failed->error->operation, "tenant create");

    for (const char* skipped : {"tenant acme", "role acme/auditor", "tenant_settings acme",
                                "tenant_default_roles acme"}) {
        const auto* r = result_for(p, report, skipped);
        ASSERT_NE(r, nullptr) << skipped;
        EXPECT_EQ(r->outcome, api::TaskStatus::skipped) << skipped;
        EXPECT_FALSE(r->blocked_by.empty()) << skipped;
    }
    EXPECT_EQ(report.skipped, 4u);
    // acme waits directly for holding.
    EXPECT_EQ(p.changes[result_for(p, report, "tenant acme")->blocked_by[0]].address(),
              "tenant holding");
    for (const char* ran : {"permission p.read", "permission p.write", "role admin", "role viewer",
                            "tenant globex"}) {
        const auto* r = result_for(p, report, ran);
        ASSERT_NE(r, nullptr) << ran;
        EXPECT_EQ(r->outcome, api::TaskStatus::succeeded) << ran;
    }
    EXPECT_EQ(api.calls(ApiOperation::update_default_roles), 0);

    // The service recovers: re-running plan + apply does exactly what is left, and converges.
    api.clear_faults();
    const auto second = plan_for(api, d);
    EXPECT_EQ(second.summary().create, 5u);  // holding, acme, its role, settings, default roles
    EXPECT_EQ(second.summary().total(), 5u);
    EXPECT_TRUE(apply::apply_plan(second, api, {}).ok());
    EXPECT_FALSE(plan_for(api, d).has_changes());
}

TEST(ApplyEngine, TransientFailureOfTheNthCallConvergesOnRerun) {
    FakeDescopeApi api("dev");
    const auto d = desired();
    api.fail_nth_call(ApiOperation::create_role, 2);  // one of the roles
    const auto first = apply::apply_plan(plan_for(api, d), api, {});
    EXPECT_EQ(first.failed, 1u);
    const auto second_plan = plan_for(api, d);
    EXPECT_TRUE(second_plan.has_changes());
    const auto second = apply::apply_plan(second_plan, api, {});
    EXPECT_TRUE(second.ok());
    EXPECT_FALSE(plan_for(api, d).has_changes());
}

TEST(ApplyEngine, IndependentChangesRunConcurrently) {
    FakeDescopeApi api("dev");
    model::DesiredState d;
    d.environment = "dev";
    for (int i = 0; i < 8; ++i)
        d.tenants.push_back(tenant("t" + std::to_string(i), "T" + std::to_string(i)));
    const auto p = plan_for(api, d);
    std::atomic<int> in_flight{0};
    std::atomic<int> most{0};
    api.set_on_call([&](ApiOperation op, const std::string&) {
        if (op != ApiOperation::create_tenant) return;
        const int now = ++in_flight;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        --in_flight;
    });
    apply::ApplyOptions o;
    o.parallelism = 4;
    const auto report = apply::apply_plan(p, api, o);
    EXPECT_TRUE(report.ok());
    EXPECT_GT(most.load(), 1);
    EXPECT_LE(most.load(), 4);
}

TEST(ApplyEngine, EnvironmentsApplyInOneRunEachWithinItsOwnParallelism) {
    // Two environments, one run of the executor (lane = environment): both run at once, neither
    // exceeds its own parallelism, a failure in one leaves the other untouched, and each gets its
    // own report with its own change indexes.
    FakeDescopeApi dev("dev");
    FakeDescopeApi prod("prod");
    model::DesiredState d;
    d.environment = "dev";
    for (int i = 0; i < 6; ++i)
        d.tenants.push_back(tenant("t" + std::to_string(i), "T" + std::to_string(i)));
    model::DesiredState p_state = d;
    p_state.environment = "prod";
    const auto dev_plan = plan_for(dev, d);
    const auto prod_plan = plan_for(prod, p_state);
    std::atomic<int> dev_now{0}, prod_now{0}, dev_most{0}, prod_most{0}, both{0};
    auto watch = [&](std::atomic<int>& now, std::atomic<int>& most, std::atomic<int>& other) {
        return [&](ApiOperation op, const std::string&) {
            if (op != ApiOperation::create_tenant) return;
            const int n = ++now;
            int seen = most.load();
            while (n > seen && !most.compare_exchange_weak(seen, n)) {
            }
            if (other.load() > 0) ++both;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            --now;
        };
    };
    dev.set_on_call(watch(dev_now, dev_most, prod_now));
    prod.set_on_call(watch(prod_now, prod_most, dev_now));
    prod.fail_subject(ApiOperation::create_tenant, "t3");
    apply::ApplyOptions o;
    o.parallelism = 2;
    const auto reports = apply::apply_plans({{&dev_plan, &dev}, {&prod_plan, &prod}}, o);
    ASSERT_EQ(reports.size(), 2u);
    EXPECT_EQ(reports[0].environment, "dev");
    EXPECT_TRUE(reports[0].ok());
    EXPECT_EQ(reports[0].created, 6u);
    EXPECT_EQ(reports[1].environment, "prod");
    EXPECT_EQ(reports[1].created, 5u);
    EXPECT_EQ(reports[1].failed, 1u);
    const auto* failed = result_for(prod_plan, reports[1], "tenant t3");
    ASSERT_NE(failed, nullptr);
    EXPECT_EQ(failed->outcome, api::TaskStatus::failed);
    ASSERT_TRUE(failed->error);
    EXPECT_EQ(failed->error->environment, "prod");
    EXPECT_LE(dev_most.load(), 2);
    EXPECT_LE(prod_most.load(), 2);
    EXPECT_GT(both.load(), 0) << "the environments did not run at the same time";
}

TEST(ApplyEngine, CancelLetsInFlightFinishAndStartsNothingNew) {
    FakeDescopeApi api("dev");
    model::DesiredState d;
    d.environment = "dev";
    for (int i = 0; i < 6; ++i)
        d.tenants.push_back(tenant("t" + std::to_string(i), "T" + std::to_string(i)));
    const auto p = plan_for(api, d);
    api::CancellationToken cancel;
    api.set_on_call([&](ApiOperation op, const std::string&) {
        if (op == ApiOperation::create_tenant) cancel.cancel();  // Ctrl-C during the first call
    });
    apply::ApplyOptions o;
    o.parallelism = 1;
    o.cancel = &cancel;
    const auto report = apply::apply_plan(p, api, o);
    EXPECT_TRUE(report.interrupted);
    EXPECT_EQ(report.created, 1u);  // the one in flight finished
    EXPECT_EQ(report.not_started, 5u);
    EXPECT_EQ(api.tenants().size(), 1u);
    // Re-running converges.
    cancel.reset();
    api.set_on_call({});
    EXPECT_TRUE(apply::apply_plan(plan_for(api, d), api, {}).ok());
    EXPECT_FALSE(plan_for(api, d).has_changes());
}

TEST(ApplyEngine, ReplaceDeletesThenCreatesAndRestoresParts) {
    FakeDescopeApi api("dev");
    auto d = desired();
    ASSERT_TRUE(apply::apply_plan(plan_for(api, d), api, {}).ok());
    for (auto& t : d.tenants) {
        if (t.id == "acme") t.parent = "globex";
    }
    const auto p = plan_for(api, d);
    EXPECT_EQ(p.summary().replace, 1u);
    api.reset_calls();
    const auto report = apply::apply_plan(p, api, {});
    EXPECT_TRUE(report.ok());
    EXPECT_EQ(report.replaced, 1u);
    EXPECT_EQ(api.calls(ApiOperation::delete_tenant), 1);
    EXPECT_EQ(api.calls(ApiOperation::create_tenant), 1);
    EXPECT_FALSE(plan_for(api, d).has_changes());
}

TEST(ApplyEngine, ReplaceCutShortByCtrlCIsReportedAsInterrupted) {
    FakeDescopeApi api("dev");
    auto d = desired();
    ASSERT_TRUE(apply::apply_plan(plan_for(api, d), api, {}).ok());
    for (auto& t : d.tenants) {
        if (t.id == "acme") t.parent = "globex";
    }
    const auto p = plan_for(api, d);
    // The client refuses the create that follows the delete, because Ctrl-C came in between.
    api::ApiError refused;
    refused.operation = "tenant create";
    refused.message = "cancelled";
    refused.cancelled = true;
    api.fail_subject(ApiOperation::create_tenant, "acme", refused);
    const auto report = apply::apply_plan(p, api, {});
    const auto* r = result_for(p, report, "tenant acme");
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->outcome, api::TaskStatus::interrupted);
    EXPECT_TRUE(report.interrupted);
    EXPECT_FALSE(report.ok());
    // What is left is visible in the next plan, and applying it converges.
    api.clear_faults();
    const auto rest = plan_for(api, d);
    EXPECT_EQ(position(rest, "tenant acme") >= 0
                  ? rest.changes[position(rest, "tenant acme")].action
                  : plan::Action::no_op,
              plan::Action::create);
    EXPECT_TRUE(apply::apply_plan(rest, api, {}).ok());
    EXPECT_FALSE(plan_for(api, d).has_changes());
}

TEST(ApplyEngine, UpdatesSendTheFullRecord) {
    FakeDescopeApi api("dev");
    model::Tenant live = tenant("acme", "Acme");
    live.self_provisioning_domains = {"acme.com"};
    live.custom_attributes = {{"plan", std::string("gold")}};
    live.enforce_sso = true;
    api.seed_tenant(live);
    model::DesiredState d;
    d.environment = "dev";
    model::Tenant want = live;
    want.name = "Acme Corp";  // only the name changes
    d.tenants = {want};
    const auto p = plan_for(api, d);
    ASSERT_EQ(p.summary().update, 1u);
    EXPECT_TRUE(apply::apply_plan(p, api, {}).ok());
    // Descope's update replaces the record: the other fields survive only because they were sent.
    const auto after = api.tenants().at(0);
    EXPECT_EQ(after.name, "Acme Corp");
    EXPECT_EQ(after.self_provisioning_domains, live.self_provisioning_domains);
    EXPECT_EQ(after.custom_attributes, live.custom_attributes);
    EXPECT_TRUE(after.enforce_sso);
}

}  // namespace
}  // namespace descope_mgmt

namespace descope_mgmt {
namespace {

api::ApiError not_found() {
    api::ApiError e;
    e.operation = "tenant default roles update";
    e.http_status = 404;
    e.message = "Tenant 'acme' not found";
    return e;
}

// R7 (docs/real-service.md): Descope shows a new object only after a moment, so a change that
// needs one created earlier in the run retries a refusal, with growing waits, for a bounded time.
TEST(ApplyEngine, AChangeThatNeedsANewObjectRetriesUntilItIsVisible) {
    FakeDescopeApi api("dev");
    auto d = desired();
    d.tenants[1].session_settings.reset();
    const auto p = plan_for(api, d);
    api.fail_nth_call(ApiOperation::update_default_roles, 1, not_found());
    api.fail_nth_call(ApiOperation::update_default_roles, 2, not_found());
    std::vector<long long> waits;
    std::vector<std::string> lines;
    std::mutex m;
    apply::ApplyOptions o;
    o.sleep = [&](std::chrono::milliseconds w) {
        std::lock_guard lock(m);
        waits.push_back(w.count());
    };
    o.log = [&](const std::string& line) {
        std::lock_guard lock(m);
        lines.push_back(line);
    };
    const auto report = apply::apply_plan(p, api, o);
    EXPECT_TRUE(report.ok());
    EXPECT_EQ(waits, (std::vector<long long>{250, 500}));
    EXPECT_EQ(api.calls(ApiOperation::update_default_roles), 3);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_NE(lines[0].find("tenant_default_roles acme"), std::string::npos) << lines[0];
    EXPECT_NE(lines[0].find("may not show it yet"), std::string::npos) << lines[0];
    EXPECT_NE(lines[2].find("applied after"), std::string::npos) << lines[2];
}

TEST(ApplyEngine, VisibilityRetriesStopAtTheTimeoutAndNeverForOtherRefusals) {
    FakeDescopeApi api("dev");
    auto d = desired();
    d.tenants[1].session_settings.reset();
    const auto p = plan_for(api, d);
    api.fail_subject(ApiOperation::update_default_roles, "acme", not_found());
    std::vector<long long> waits;
    apply::ApplyOptions o;
    o.visibility_timeout = std::chrono::milliseconds(2000);
    o.sleep = [&](std::chrono::milliseconds w) { waits.push_back(w.count()); };
    EXPECT_FALSE(apply::apply_plan(p, api, o).ok());
    EXPECT_EQ(waits, (std::vector<long long>{250, 500, 1000}));  // 1.75 s; one more passes 2 s

    // A bad key is not a visibility problem: no retry.
    FakeDescopeApi other("dev");
    const auto p2 = plan_for(other, d);
    api::ApiError unauthorized = not_found();
    unauthorized.http_status = 401;
    other.fail_subject(ApiOperation::update_default_roles, "acme", unauthorized);
    waits.clear();
    EXPECT_FALSE(apply::apply_plan(p2, other, o).ok());
    EXPECT_TRUE(waits.empty());
    EXPECT_EQ(other.calls(ApiOperation::update_default_roles), 1);

    // Nothing new to wait for: a change on existing objects is not retried either.
    o.visibility_timeout = std::chrono::milliseconds(0);
    FakeDescopeApi none("dev");
    const auto p3 = plan_for(none, d);
    none.fail_subject(ApiOperation::update_default_roles, "acme", not_found());
    waits.clear();
    EXPECT_FALSE(apply::apply_plan(p3, none, o).ok());
    EXPECT_TRUE(waits.empty());
}

}  // namespace
}  // namespace descope_mgmt
