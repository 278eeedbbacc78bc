// The drift matrix agrees with the plan: a resource differs exactly when plan would change it.
#include "plan/drift.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "plan/differ.hpp"
#include "render/drift_report.hpp"

namespace descope_mgmt::plan {
namespace {

struct Env {
    model::DesiredState desired;
    model::LiveState live;
    plan::EnvironmentPlan plan;
};

model::Tenant tenant(std::string id, std::string name) {
    model::Tenant t;
    t.id = std::move(id);
    t.name = std::move(name);
    return t;
}

/// dev is in sync; prod has a changed tenant, a missing permission, an extra role and a
/// tenant created at runtime.
std::vector<Env> two_environments(std::set<model::PruneType> prune = {}) {
    std::vector<Env> envs(2);
    for (auto& e : envs) {
        e.desired.permissions = {{"read", "Read"}, {"write", "Write"}};
        e.desired.roles = {{"admin", "", "", {"read", "write"}}};
        e.desired.tenants = {tenant("acme", "Acme")};
        e.live.permissions = e.desired.permissions;
        e.live.roles = e.desired.roles;
        e.live.tenants = e.desired.tenants;
    }
    envs[0].desired.environment = envs[0].live.environment = "dev";
    envs[1].desired.environment = envs[1].live.environment = "prod";
    auto& prod = envs[1].live;
    prod.tenants[0].name = "Acme (edited in the console)";
    prod.tenants.push_back(tenant("T2signup", "Signed up at runtime"));
    prod.permissions.pop_back();  // "write" missing, but "admin" needs it: it will be created
    prod.roles[0].permissions = {"read"};
    prod.roles.push_back({"ghost", "made in the console", "", {}});
    plan::PlanOptions options;
    options.prune = prune;
    for (auto& e : envs) {
        auto p = plan::diff(e.desired, e.live, options);
        EXPECT_TRUE(p) << p.error().text();
        e.plan = *p;
    }
    return envs;
}

DriftReport drift_of(const std::vector<Env>& envs, DriftOptions options = {}) {
    std::vector<DriftInput> inputs;
    for (const auto& e : envs)
        inputs.push_back({&e.desired, &e.live, &e.plan, "P2" + e.desired.environment});
    return compute_drift(inputs, options);
}

const DriftRow* row(const DriftReport& r, const std::string& address) {
    for (const auto& x : r.rows)
        if (x.address == address) return &x;
    return nullptr;
}

TEST(Drift, MatrixClassifiesEveryResource) {
    const auto envs = two_environments();
    const auto report = drift_of(envs);
    ASSERT_EQ(report.environments.size(), 2u);
    const auto* acme = row(report, "tenant:acme");
    ASSERT_NE(acme, nullptr);
    EXPECT_EQ(acme->cells[0], DriftStatus::in_sync);
    EXPECT_EQ(acme->cells[1], DriftStatus::differs);
    EXPECT_EQ(row(report, "permission:write")->cells[1], DriftStatus::missing);
    EXPECT_EQ(row(report, "role:admin")->cells[1], DriftStatus::differs);
    const auto* ghost = row(report, "role:ghost");
    ASSERT_NE(ghost, nullptr);
    EXPECT_EQ(ghost->cells[0], DriftStatus::absent);
    EXPECT_EQ(ghost->cells[1], DriftStatus::extra);
    // A tenant created at runtime is counted, not a row, while tenants are not pruned.
    EXPECT_EQ(row(report, "tenant:T2signup"), nullptr);
    EXPECT_EQ(report.environments[1].unmanaged_tenants, 1u);

    EXPECT_FALSE(report.environments[0].drift);
    EXPECT_TRUE(report.environments[1].drift);
    EXPECT_TRUE(report.has_drift());
    EXPECT_EQ(report.environments[1].differs, 2u);
    EXPECT_EQ(report.environments[1].missing, 1u);
    EXPECT_EQ(report.environments[1].extra, 1u);
    EXPECT_EQ(report.environments[1].in_sync, 1u);  // permission:read
    EXPECT_EQ(report.environments[0].in_sync, 4u);
    // The details are exactly the plan's changes.
    EXPECT_EQ(report.environments[1].plan.summary().total(), envs[1].plan.summary().total());
    EXPECT_EQ(report.environments[1].unpruned_extras, std::vector<std::string>{"role:ghost"});
}

TEST(Drift, RowsFollowTheConfigOrder) {
    const auto report = drift_of(two_environments());
    std::vector<std::string> order;
    for (const auto& r : report.rows)
        order.push_back(r.address);
    EXPECT_EQ(order, (std::vector<std::string>{"permission:read", "permission:write", "role:admin",
                                               "role:ghost", "tenant:acme"}));
}

TEST(Drift, InSyncEnvironmentHasNoDrift) {
    auto envs = two_environments();
    envs.pop_back();
    const auto report = drift_of(envs);
    EXPECT_FALSE(report.has_drift());
    const auto text = render::drift_matrix_text(report, {});
    EXPECT_EQ(text, "dev: no drift (4 in sync)\n");
}

TEST(Drift, ExtrasCanBeIgnoredButPrunedOnesAlwaysCount) {
    auto envs = two_environments();
    envs[1].live.tenants[0].name = "Acme";  // only the extras remain
    envs[1].live.permissions = envs[1].desired.permissions;
    envs[1].live.roles[0].permissions = {"read", "write"};
    envs[1].plan = *plan::diff(envs[1].desired, envs[1].live, {});
    EXPECT_TRUE(drift_of(envs).has_drift());
    DriftOptions ignore;
    ignore.count_extra = false;
    EXPECT_FALSE(drift_of(envs, ignore).has_drift());

    plan::PlanOptions prune_roles;
    prune_roles.prune = {model::PruneType::roles};
    envs[1].plan = *plan::diff(envs[1].desired, envs[1].live, prune_roles);
    ignore.prune = prune_roles.prune;
    const auto pruned = drift_of(envs, ignore);
    EXPECT_TRUE(pruned.has_drift());  // apply would delete role ghost
    EXPECT_TRUE(pruned.environments[1].unpruned_extras.empty());
}

TEST(Drift, PrunedTenantsAreRows) {
    auto envs = two_environments({model::PruneType::tenants});
    DriftOptions options;
    options.prune = {model::PruneType::tenants};
    const auto report = drift_of(envs, options);
    ASSERT_NE(row(report, "tenant:T2signup"), nullptr);
    EXPECT_EQ(row(report, "tenant:T2signup")->cells[1], DriftStatus::extra);
    EXPECT_EQ(report.environments[1].unmanaged_tenants, 0u);
}

TEST(Drift, TextMatrixShowsOnlyRowsThatDrift) {
    const auto report = drift_of(two_environments());
    const auto text = render::drift_matrix_text(report, {});
    EXPECT_EQ(text,
              "RESOURCE          dev      prod\n"
              "permission:write  in sync  missing\n"
              "role:admin        in sync  differs\n"
              "role:ghost        -        extra\n"
              "tenant:acme       in sync  differs\n"
              "(1 resource in sync wherever declared not shown; --all shows them)\n"
              "legend: + in the config, not live (apply creates it); - live, not in the config "
              "(apply deletes it); A -> B is live -> config; a - cell: neither\n"
              "\n"
              "dev: no drift (4 in sync)\n"
              "prod: drift: 2 differ, 1 missing, 1 extra (1 in sync); 1 tenant not in the "
              "config (not drift: tenants are not pruned)\n");
    render::DriftTextOptions all;
    all.all_rows = true;
    EXPECT_NE(render::drift_matrix_text(report, all).find("permission:read   in sync  in sync\n"),
              std::string::npos);
    render::DriftTextOptions color;
    color.color = true;
    EXPECT_NE(render::drift_matrix_text(report, color).find("\033[33mdiffers\033[0m"),
              std::string::npos);
}

// Issue 13: a tenant live in dev but declared for prod only showed as "-" (absent) in dev.
TEST(Drift, ATenantLiveWhereItIsNotDeclaredIsUnmanagedNotAbsent) {
    auto envs = two_environments();
    envs[1].desired.tenants.push_back(tenant("globex", "Globex"));  // declared for prod only
    envs[1].live.tenants.push_back(tenant("globex", "Globex"));
    envs[0].live.tenants.push_back(tenant("globex", "Globex"));  // and live in dev too
    for (auto& e : envs)
        e.plan = *plan::diff(e.desired, e.live, {});
    const auto report = drift_of(envs);
    const auto* globex = row(report, "tenant:globex");
    ASSERT_NE(globex, nullptr);
    EXPECT_EQ(globex->cells[0], DriftStatus::unmanaged);
    EXPECT_EQ(globex->cells[1], DriftStatus::in_sync);
    EXPECT_FALSE(report.environments[0].drift) << "an unmanaged tenant is not drift";
    EXPECT_EQ(report.environments[0].unmanaged_tenants, 1u);
    EXPECT_EQ(report.environments[0].in_sync, 4u);
    // Declared nowhere: still no row, only counted.
    EXPECT_EQ(row(report, "tenant:T2signup"), nullptr);

    const std::string text = render::drift_matrix_text(report, {});
    EXPECT_NE(text.find("tenant:globex     unmanaged  in sync\n"), std::string::npos) << text;
    EXPECT_NE(text.find("RESOURCE          dev        prod\n"), std::string::npos) << text;
    const auto doc = render::drift_to_json(report);
    bool found = false;
    for (const auto& r : doc["resources"]) {
        if (r["address"] != "tenant:globex") continue;
        found = true;
        EXPECT_EQ(r["status"]["dev"], "unmanaged");
        EXPECT_EQ(r["status"]["prod"], "in-sync");
    }
    EXPECT_TRUE(found) << doc.dump(2);
    EXPECT_EQ(to_string(DriftStatus::unmanaged), "unmanaged");
    EXPECT_EQ(json_word(DriftStatus::absent), "absent");
}

TEST(Drift, JsonDocumentForMonitoring) {
    const auto doc = render::drift_to_json(drift_of(two_environments()));
    EXPECT_EQ(doc["format_version"], 1);
    EXPECT_EQ(doc["drift"], true);
    EXPECT_EQ(doc["environments"][1]["name"], "prod");
    EXPECT_EQ(doc["environments"][1]["counts"]["differs"], 2);
    EXPECT_EQ(doc["environments"][1]["counts"]["unmanaged_tenants"], 1);
    EXPECT_EQ(doc["environments"][0]["drift"], false);
    const auto& ghost = doc["resources"][3];
    EXPECT_EQ(ghost["address"], "role:ghost");
    EXPECT_EQ(ghost["type"], "role");
    EXPECT_EQ(ghost["key"], "ghost");
    EXPECT_EQ(ghost["status"]["dev"], "absent");
    EXPECT_EQ(ghost["status"]["prod"], "extra");
}

}  // namespace
}  // namespace descope_mgmt::plan
