// Restore = plan + apply of a backup: after out-of-band changes, restoring a backup brings the
// project back, and a second plan of the same backup is empty.
#include <gtest/gtest.h>

#include "apply/apply_engine.hpp"
#include "backup/backup_reader.hpp"
#include "backup/backup_writer.hpp"
#include "backup/live_snapshot.hpp"
#include "backup/restore.hpp"
#include "plan/differ.hpp"
#include "plan/live_reader.hpp"
#include "support/fake_descope_api.hpp"
#include "unit/backup/backup_test_support.hpp"

namespace descope_mgmt::backup {
namespace {

using test::FakeDescopeApi;

void seed(FakeDescopeApi& api, const model::LiveState& s) {
    api.seed_project_name(s.project_name);
    for (const auto& p : s.permissions)
        api.seed_permission(p);
    for (const auto& t : s.tenants)
        if (t.parent.empty()) api.seed_tenant(t);
    for (const auto& t : s.tenants)
        if (!t.parent.empty()) api.seed_tenant(t);
    for (const auto& r : s.roles)
        api.seed_role(r);
}

Backup backup_of(FakeDescopeApi& api) {
    auto live = read_snapshot(api, "prod", {});
    EXPECT_TRUE(live);
    auto text = serialize_backup(testing::sample_metadata(), *live);
    EXPECT_TRUE(text);
    return *parse_backup(*text, "prod.json");
}

plan::EnvironmentPlan plan_restore(FakeDescopeApi& api, const Backup& b,
                                   std::set<model::PruneType> prune = {}) {
    const auto desired = desired_from_backup(b, "prod");
    auto live = plan::read_live_state(api, desired);
    EXPECT_TRUE(live);
    plan::PlanOptions options;
    options.prune = std::move(prune);
    auto p = plan::diff(desired, *live, options);
    EXPECT_TRUE(p) << p.error().text();
    return *p;
}

TEST(Restore, DesiredStateHoldsEverythingInTheBackup) {
    const auto text = serialize_backup(testing::sample_metadata(), testing::sample_state());
    const auto b = *parse_backup(*text, "prod.json");
    const auto d = desired_from_backup(b, "prod-copy");
    EXPECT_EQ(d.environment, "prod-copy");
    EXPECT_EQ(d.project_name, "Acme (prod)");
    EXPECT_EQ(d.tenants, b.state.tenants);
    EXPECT_EQ(d.roles, b.state.roles);
    EXPECT_EQ(d.permissions, b.state.permissions);
    ASSERT_EQ(d.flows.size(), 2u);
    EXPECT_EQ(d.flows[0].id, "sign-in");
    EXPECT_EQ(d.theme, b.state.theme);
}

TEST(Restore, UndoesOutOfBandChangesAndConverges) {
    FakeDescopeApi api("prod", "P2prod");
    seed(api, testing::sample_state());
    const Backup before = backup_of(api);

    // Someone edits prod in the console.
    auto acme = api.load_tenant("acme");
    ASSERT_TRUE(acme);
    acme->name = "Acme Renamed";
    acme->self_provisioning_domains = {"evil.example"};
    ASSERT_TRUE(api.update_tenant(*acme));
    ASSERT_TRUE(api.delete_role("viewer", ""));
    ASSERT_TRUE(api.update_permission("projects.read", {"projects.read", "changed"}));
    ASSERT_TRUE(api.update_project_name("Renamed project"));
    model::Tenant extra;
    extra.id = "T2new";
    extra.name = "Created after the backup";
    ASSERT_TRUE(api.create_tenant(extra));

    const auto p = plan_restore(api, before);
    EXPECT_TRUE(p.has_changes());
    const auto report = apply::apply_plan(p, api, {});
    EXPECT_TRUE(report.ok());

    // Back to the backup: the next plan is empty, and a new backup holds the same resources.
    EXPECT_FALSE(plan_restore(api, before).has_changes());
    const Backup after = backup_of(api);
    auto without_extra = after.state.tenants;
    std::erase_if(without_extra, [](const model::Tenant& t) { return t.id == "T2new"; });
    EXPECT_EQ(without_extra, before.state.tenants);
    EXPECT_EQ(after.state.roles, before.state.roles);
    EXPECT_EQ(after.state.permissions, before.state.permissions);
    EXPECT_EQ(after.state.project_name, before.state.project_name);
    // The tenant created after the backup is left alone unless tenants are pruned.
    EXPECT_EQ(after.state.tenants.size(), before.state.tenants.size() + 1);
    const auto pruned = plan_restore(api, before, {model::PruneType::tenants});
    ASSERT_EQ(pruned.summary().remove, 1u);
}

}  // namespace
}  // namespace descope_mgmt::backup
