// Reading a whole project for a backup, and the automatic backup apply takes.
#include <gtest/gtest.h>

#include "backup/automatic_backup.hpp"
#include "backup/backup_reader.hpp"
#include "backup/live_snapshot.hpp"
#include "support/fake_descope_api.hpp"
#include "unit/backup/backup_test_support.hpp"

namespace descope_mgmt::backup {
namespace {

using test::ApiOperation;
using test::FakeDescopeApi;
using testing::TempDir;
namespace fs = std::filesystem;

/// A fake project holding the sample state (flows and theme imported like a deploy would).
void seed(FakeDescopeApi& api) {
    const auto s = testing::sample_state();
    api.seed_project_name(s.project_name);
    for (const auto& p : s.permissions)
        api.seed_permission(p);
    for (const auto& t : s.tenants) {
        if (t.id == "holding") api.seed_tenant(t);
    }
    for (const auto& t : s.tenants) {
        if (t.id != "holding") api.seed_tenant(t);
    }
    for (const auto& r : s.roles)
        api.seed_role(r);
    for (const auto& [id, f] : s.flows)
        ASSERT_TRUE(api.import_flow(f));
    ASSERT_TRUE(api.import_theme(*s.theme));
    api.reset_calls();
}

TEST(LiveSnapshot, ReadsEverythingABackupHolds) {
    FakeDescopeApi api("prod", "P2prod");
    seed(api);
    auto live = read_snapshot(api, "prod", {});
    ASSERT_TRUE(live) << live.error().to_string();
    EXPECT_EQ(live->environment, "prod");
    EXPECT_EQ(live->project_name, "Acme (prod)");
    EXPECT_EQ(live->tenants.size(), 3u);
    EXPECT_EQ(live->roles.size(), 3u);
    EXPECT_EQ(live->permissions.size(), 2u);
    ASSERT_EQ(live->flows.size(), 2u);
    EXPECT_EQ(live->flows.at("sign-in").document, testing::kFlowDoc);
    ASSERT_TRUE(live->theme);
    for (const auto& t : live->tenants)
        EXPECT_TRUE(t.session_settings.has_value()) << t.id;
    // One call per list, one export per flow, one settings read per tenant.
    EXPECT_EQ(api.calls(ApiOperation::load_all_tenants), 1);
    EXPECT_EQ(api.calls(ApiOperation::export_flow), 2);
    EXPECT_EQ(api.calls(ApiOperation::load_tenant_settings), 3);
    EXPECT_EQ(api.calls(ApiOperation::export_theme), 1);
    EXPECT_EQ(api.write_calls(), 0);
}

TEST(LiveSnapshot, ReadsOnlyTheSettingsAskedFor) {
    FakeDescopeApi api("prod", "P2prod");
    seed(api);
    SnapshotOptions options;
    options.settings_for = std::set<std::string>{"acme", "not-there"};
    auto live = read_snapshot(api, "prod", options);
    ASSERT_TRUE(live);
    EXPECT_EQ(api.calls(ApiOperation::load_tenant_settings), 1);
    for (const auto& t : live->tenants)
        EXPECT_EQ(t.session_settings.has_value(), t.id == "acme");
}

TEST(LiveSnapshot, FirstApiErrorIsReturned) {
    FakeDescopeApi api("prod", "P2prod");
    seed(api);
    api.fail_nth_call(ApiOperation::export_flow, 2);
    auto live = read_snapshot(api, "prod", {});
    ASSERT_FALSE(live);
    EXPECT_EQ(live.error().operation, "flow export");
}

TEST(AutomaticBackup, WritesAVerifiedBackupAndKeepsTheNewestN) {
    FakeDescopeApi api("prod", "P2prod");
    seed(api);
    TempDir tmp;
    AutomaticBackupOptions options;
    options.root = tmp.path() / "backups";
    options.keep = 3;
    auto when = testing::sample_metadata().created_at;
    std::vector<fs::path> written;
    for (int i = 0; i < 5; ++i) {
        when += std::chrono::minutes(1);
        auto taken = take_automatic_backup(api, {"prod", "P2prod"}, {}, options,
                                           plan::run_sequentially, when);
        ASSERT_TRUE(taken) << taken.error().message;
        EXPECT_TRUE(taken->warning.empty());
        EXPECT_EQ(taken->path.parent_path(), tmp.path() / "backups" / "prod");
        EXPECT_EQ(taken->rotated_out.size(), i < 3 ? 0u : 1u);
        written.push_back(taken->path);
    }
    const auto left = list_backups(tmp.path() / "backups" / "prod", "prod");
    ASSERT_EQ(left.size(), 3u);
    EXPECT_EQ(left.back().path, written.back());
    auto backup = read_backup(written.back());
    ASSERT_TRUE(backup) << backup.error().message;
    EXPECT_EQ(backup->metadata.project_id, "P2prod");
    EXPECT_EQ(backup->metadata.environment, "prod");
    EXPECT_EQ(summarize(backup->state).tenants, 3u);
    EXPECT_EQ(summarize(backup->state).flows, 2u);
}

TEST(AutomaticBackup, AnApiFailureWritesNothing) {
    FakeDescopeApi api("prod", "P2prod");
    seed(api);
    api.fail_nth_call(ApiOperation::load_all_roles, 1);
    TempDir tmp;
    AutomaticBackupOptions options;
    options.root = tmp.path();
    auto taken = take_automatic_backup(api, {"prod", "P2prod"}, {}, options);
    ASSERT_FALSE(taken);
    EXPECT_NE(taken.error().message.find("prod: backup not taken: "), std::string::npos)
        << taken.error().message;
    EXPECT_TRUE(list_backups(tmp.path() / "prod", "prod").empty());
}

TEST(AutomaticBackup, StableNameReplacesTheSameFile) {
    FakeDescopeApi api("prod", "P2prod");
    seed(api);
    TempDir tmp;
    auto a = take_backup(api, {"prod", "P2prod"}, {}, tmp.path(), true);
    auto b = take_backup(api, {"prod", "P2prod"}, {}, tmp.path(), true);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->path, tmp.path() / "prod.json");
    EXPECT_EQ(b->path, a->path);
    EXPECT_TRUE(read_backup(b->path));
}

}  // namespace
}  // namespace descope_mgmt::backup

namespace descope_mgmt::backup {
namespace {

std::map<std::string, std::string>& fake_environment() {
    static std::map<std::string, std::string> vars;
    return vars;
}

std::optional<std::string> lookup(const std::string& name) {
    const auto it = fake_environment().find(name);
    if (it == fake_environment().end()) return std::nullopt;
    return it->second;
}

TEST(AutomaticBackupOptions, DefaultsNextToTheConfigAndOverridesFromTheEnvironment) {
    fake_environment().clear();
    auto o = automatic_backup_options("infra/descope.yaml", {}, lookup);
    ASSERT_TRUE(o);
    EXPECT_TRUE(o->enabled);
    EXPECT_EQ(o->root, std::filesystem::path("infra/.descope-mgmt/backups"));
    EXPECT_EQ(o->keep, kDefaultBackupsKept);
    EXPECT_EQ(automatic_backup_folder(*o, "prod"),
              std::filesystem::path("infra/.descope-mgmt/backups/prod"));
    EXPECT_EQ(automatic_backup_options("descope.yaml", {}, lookup)->root,
              std::filesystem::path(".descope-mgmt/backups"));

    fake_environment() = {{"DESCOPE_MGMT_BACKUP_DIR", "/var/backups/descope"},
                          {"DESCOPE_MGMT_BACKUP_KEEP", "30"},
                          {"DESCOPE_MGMT_BACKUP", "off"}};
    o = automatic_backup_options("descope.yaml", {}, lookup);
    ASSERT_TRUE(o);
    EXPECT_EQ(o->root, std::filesystem::path("/var/backups/descope"));
    EXPECT_EQ(o->keep, 30u);
    EXPECT_FALSE(o->enabled);

    for (const char* bad : {"false", "no", "OFF", "0"}) {
        fake_environment() = {{"DESCOPE_MGMT_BACKUP", bad}};
        auto r = automatic_backup_options("descope.yaml", {}, lookup);
        ASSERT_FALSE(r) << bad;
        EXPECT_NE(r.error().message.find("DESCOPE_MGMT_BACKUP must be 'off'"), std::string::npos);
    }
    for (const char* bad : {"0", "-1", "ten", "3x"}) {
        fake_environment() = {{"DESCOPE_MGMT_BACKUP_KEEP", bad}};
        auto r = automatic_backup_options("descope.yaml", {}, lookup);
        ASSERT_FALSE(r) << bad;
        EXPECT_NE(r.error().message.find("DESCOPE_MGMT_BACKUP_KEEP"), std::string::npos);
    }
    fake_environment().clear();
}

TEST(AutomaticBackupOptions, TheConfigSetsThemAndTheEnvironmentStillWins) {
    fake_environment().clear();
    model::BackupDefaults configured;
    configured.dir = "../backups";
    configured.keep = 3;
    auto o = automatic_backup_options("infra/descope.yaml", configured, lookup);
    ASSERT_TRUE(o);
    EXPECT_EQ(o->root, std::filesystem::path("infra/../backups"));
    EXPECT_EQ(o->keep, 3u);
    EXPECT_TRUE(o->enabled);
    configured.dir = "/srv/backups";
    EXPECT_EQ(automatic_backup_options("infra/descope.yaml", configured, lookup)->root,
              std::filesystem::path("/srv/backups"));

    fake_environment() = {{"DESCOPE_MGMT_BACKUP_DIR", "/var/backups/descope"},
                          {"DESCOPE_MGMT_BACKUP_KEEP", "30"},
                          {"DESCOPE_MGMT_BACKUP", "on"}};
    o = automatic_backup_options("infra/descope.yaml", configured, lookup);
    ASSERT_TRUE(o);
    EXPECT_EQ(o->root, std::filesystem::path("/var/backups/descope"));
    EXPECT_EQ(o->keep, 30u);
    EXPECT_TRUE(o->enabled);
    fake_environment().clear();
}

}  // namespace
}  // namespace descope_mgmt::backup
