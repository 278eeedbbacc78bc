// Backup and restore against descope-emulator, as users run them: backup -> change live ->
// restore -> drift exits 0; foreign, truncated and edited backups are refused with nothing
// changed; apply takes an automatic backup before its first change and keeps the newest N.
#include <gtest/gtest.h>

#include <fstream>

#include "e2e/plan_e2e_support.hpp"
#include "util/file.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<fs::path> json_files(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".json") out.push_back(it->path());
    std::sort(out.begin(), out.end());
    return out;
}

class BackupE2e : public PlanE2e {
  protected:
    void SetUp() override {
        PlanE2e::SetUp();
        auto apply = mgmt({"apply", "--auto-approve"});
        ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
    }

    /// Someone edits prod in the console: a tenant renamed, a role deleted, a role added, the
    /// project renamed.
    void edit_prod_out_of_band() {
        auto acme = api("prod", "GET", "/v1/mgmt/tenant?id=acme");
        api("prod", "POST", "/v1/mgmt/tenant/update",
            {{"id", "acme"},
             {"name", "Acme Evil"},
             {"selfProvisioningDomains", acme["selfProvisioningDomains"]},
             {"customAttributes", acme["customAttributes"]},
             {"enforceSSO", acme["enforceSSO"]}});
        api("prod", "POST", "/v1/mgmt/role/delete", {{"name", "admin"}});
        api("prod", "POST", "/v1/mgmt/role/create", {{"name", "ghost"}});
        api("prod", "POST", "/v1/mgmt/project/update/name", {{"name", "Hacked"}});
    }
};

TEST_F(BackupE2e, BackupThenOutOfBandChangesThenRestoreThenNoDrift) {
    auto backup = mgmt({"backup", "-e", "prod", "--dir", "backups"});
    ASSERT_EQ(backup.exit_code, 0) << backup.err;
    EXPECT_TRUE(contains(backup.out, "prod: backup written to backups/prod-")) << backup.out;
    const auto files = json_files(m_dir / "backups");
    ASSERT_EQ(files.size(), 1u);
    const std::string text = *util::read_file(files[0]);
    EXPECT_FALSE(contains(text, management_key("prod"))) << "a key in the backup";
    const auto doc = json::parse(text);
    EXPECT_EQ(doc["project_id"], project_id("prod"));
    EXPECT_EQ(doc["resources"]["tenants"].size(), 3u);
    EXPECT_EQ(mgmt({"backup", "verify", files[0].string()}).exit_code, 0);

    edit_prod_out_of_band();
    auto drift = mgmt({"drift", "-e", "prod"});
    EXPECT_EQ(drift.exit_code, 2) << drift.out << drift.err;

    // Restore from the folder: its newest backup of prod. Pruning roles removes "ghost".
    auto restore = mgmt({"restore", "backups", "-e", "prod", "--prune", "roles", "--auto-approve"});
    ASSERT_EQ(restore.exit_code, 0) << restore.out << restore.err;
    EXPECT_TRUE(contains(restore.out, "~ tenant acme")) << restore.out;
    EXPECT_TRUE(contains(restore.out, "+ role admin")) << restore.out;
    EXPECT_TRUE(contains(restore.out, "- role ghost")) << restore.out;
    EXPECT_TRUE(contains(restore.err, "restoring backups/prod-")) << restore.err;

    auto after = mgmt({"drift", "-e", "prod"});
    EXPECT_EQ(after.exit_code, 0) << after.out << after.err;
    EXPECT_EQ(api("prod", "GET", "/v1/mgmt/tenant?id=acme")["name"], "Acme Corporation");

    // The restore itself took an automatic backup of what it replaced: the edited state.
    const auto automatic = json_files(m_dir / ".descope-mgmt" / "backups" / "prod");
    ASSERT_FALSE(automatic.empty());
    const auto before_restore = json::parse(*util::read_file(automatic.back()));
    bool saw_evil = false;
    for (const auto& t : before_restore["resources"]["tenants"])
        saw_evil = saw_evil || t["name"] == "Acme Evil";
    EXPECT_TRUE(saw_evil);
    EXPECT_EQ(before_restore["resources"]["project_name"], "Hacked");
}

TEST_F(BackupE2e, RestoreOnATerminalAsksOnceInPlainWordsAndNeedsTheProtectedName) {
    auto backup = mgmt({"backup", "-e", "prod", "--dir", "backups"});
    ASSERT_EQ(backup.exit_code, 0) << backup.err;
    const auto files = json_files(m_dir / "backups");
    ASSERT_EQ(files.size(), 1u);
    const std::string file = files[0].filename().string();
    edit_prod_out_of_band();

    // The question names the file and the environment once ("restore X in prod?", not
    // "restore X to prod in prod?"); a wrong-case name is refused with the reason.
    auto wrong = mgmt_on_terminal({"restore", "backups/" + file, "-e", "prod"}, {"yes", "Prod"});
    EXPECT_EQ(wrong.exit_code, 1) << wrong.output;
    EXPECT_TRUE(contains(wrong.output, "Do you want to restore " + file + " in prod?"))
        << wrong.output;
    EXPECT_FALSE(contains(wrong.output, "to prod in prod")) << wrong.output;
    EXPECT_TRUE(contains(wrong.output, "'prod' is a protected environment")) << wrong.output;
    EXPECT_TRUE(contains(wrong.output, "'Prod' is not 'prod'")) << wrong.output;
    EXPECT_EQ(api("prod", "GET", "/v1/mgmt/tenant?id=acme")["name"], "Acme Evil");

    auto right = mgmt_on_terminal({"restore", "backups/" + file, "-e", "prod"}, {"yes", "prod"});
    EXPECT_EQ(right.exit_code, 0) << right.output;
    EXPECT_EQ(api("prod", "GET", "/v1/mgmt/tenant?id=acme")["name"], "Acme Corporation");
}

TEST_F(BackupE2e, BackupOfAnotherProjectIsRefusedUnlessAllowed) {
    ASSERT_EQ(mgmt({"backup", "-e", "prod", "--dir", "backups"}).exit_code, 0);
    const auto file = json_files(m_dir / "backups").at(0);
    const auto staging_before = tenant_ids("staging");

    auto refused = mgmt({"restore", file.string(), "-e", "staging", "--auto-approve"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_TRUE(contains(refused.err, "was taken from project " + project_id("prod")))
        << refused.err;
    EXPECT_TRUE(contains(refused.err, "--allow-other-project")) << refused.err;
    EXPECT_TRUE(contains(refused.err, "nothing was changed")) << refused.err;
    EXPECT_EQ(tenant_ids("staging"), staging_before);

    auto allowed = mgmt(
        {"restore", file.string(), "-e", "staging", "--allow-other-project", "--auto-approve"});
    EXPECT_EQ(allowed.exit_code, 0) << allowed.out << allowed.err;
    EXPECT_EQ(tenant_ids("staging"), tenant_ids("prod"));  // globex came with prod's backup
}

TEST_F(BackupE2e, TruncatedOrEditedBackupIsRefusedAndNothingChanges) {
    ASSERT_EQ(mgmt({"backup", "-e", "prod", "--dir", "backups"}).exit_code, 0);
    const std::string text = *util::read_file(json_files(m_dir / "backups").at(0));
    std::ofstream(m_dir / "cut.json") << text.substr(0, text.size() * 2 / 3);
    std::string edited = text;
    edited.replace(edited.find("Acme Corporation"), 16, "Acme Corporatiom");
    std::ofstream(m_dir / "edited.json") << edited;
    edit_prod_out_of_band();

    for (const char* file : {"cut.json", "edited.json"}) {
        auto r = mgmt({"restore", file, "-e", "prod", "--auto-approve"});
        EXPECT_EQ(r.exit_code, 1) << file;
        EXPECT_TRUE(contains(r.err, std::string(file) + ":")) << r.err;
        EXPECT_TRUE(contains(r.err, "nothing was changed")) << r.err;
        EXPECT_EQ(api("prod", "GET", "/v1/mgmt/tenant?id=acme")["name"], "Acme Evil") << file;
    }
    // Refused before any API call: not even an automatic backup was taken (only SetUp's).
    EXPECT_EQ(json_files(m_dir / ".descope-mgmt" / "backups" / "prod").size(), 1u);
}

TEST_F(BackupE2e, RestoreWorksOnExactlyOneEnvironmentByTheRuleOfTheExports) {
    ASSERT_EQ(mgmt({"backup", "-e", "prod", "--dir", "backups"}).exit_code, 0);
    // The rule `flow export` and `theme export` follow, with the same words. (export-config
    // writes one config for every selected environment: export_config_e2e_test.cpp.)
    for (const std::string command : {"restore"}) {
        std::vector<std::string> args = {command, "backups"};
        auto all = mgmt(args);
        EXPECT_EQ(all.exit_code, 1) << command;
        EXPECT_TRUE(contains(all.err, command +
                                          " works on one environment, but 5 are selected "
                                          "(test, devtest, dev, staging, prod): choose "
                                          "one with -e NAME (required for " +
                                          command + "), e.g. -e test"))
            << all.err;
        args.insert(args.end(), {"-e", "dev", "-e", "prod"});
        auto two = mgmt(args);
        EXPECT_EQ(two.exit_code, 1) << command;
        EXPECT_TRUE(contains(two.err, "2 are selected (dev, prod)")) << two.err;
    }
}

TEST_F(BackupE2e, ApplyTakesABackupBeforeItsFirstChangeAndKeepsTheNewestN) {
    // SetUp's first apply already took one backup per environment, of the empty projects.
    for (const auto& e : environments()) {
        const auto files = json_files(m_dir / ".descope-mgmt" / "backups" / e);
        ASSERT_EQ(files.size(), 1u) << e;
        const auto doc = json::parse(*util::read_file(files[0]));
        EXPECT_TRUE(doc["resources"]["tenants"].empty()) << e;
        EXPECT_EQ(doc["environment"], e);
    }
    // Three more applies that change prod, keeping 2.
    for (int i = 0; i < 3; ++i) {
        api("prod", "POST", "/v1/mgmt/project/update/name",
            {{"name", "drift " + std::to_string(i)}});
        test::ProcessOptions o = options();
        o.env["DESCOPE_MGMT_BACKUP_KEEP"] = "2";
        auto r = test::run_process({DM_MGMT_BINARY, "apply", "-e", "prod", "--auto-approve"}, o);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_TRUE(contains(r.err, "prod: backup taken before the changes: ")) << r.err;
    }
    const auto kept = json_files(m_dir / ".descope-mgmt" / "backups" / "prod");
    ASSERT_EQ(kept.size(), 2u);
    EXPECT_EQ(json::parse(*util::read_file(kept.back()))["resources"]["project_name"], "drift 2");
    // No changes, no backup.
    ASSERT_EQ(mgmt({"apply", "-e", "prod", "--auto-approve"}).exit_code, 0);
    EXPECT_EQ(json_files(m_dir / ".descope-mgmt" / "backups" / "prod").size(), 2u);
}

TEST_F(BackupE2e, TheConfigChoosesTheBackupFolderAndHowManyAreKept) {
    std::string config = kConfig;
    config.replace(config.find("defaults:\n") + 10, 0,
                   "  backups: { dir: team/backups, keep: 1 }\n");
    write_config(config);
    const fs::path folder = m_dir / "team" / "backups" / "prod";  // next to the config
    for (int i = 0; i < 2; ++i) {
        api("prod", "POST", "/v1/mgmt/project/update/name",
            {{"name", "drift " + std::to_string(i)}});
        auto r = mgmt({"apply", "-e", "prod", "--auto-approve"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        if (i == 0) {
            EXPECT_TRUE(contains(r.err, "backup taken before the changes: team/backups/prod/prod-"))
                << r.err;
            // A writer killed mid-write two hours ago left its temporary file behind.
            const fs::path left = folder / ".prod-20240101T000000.000Z.json.tmp-9";
            std::ofstream(left) << "{";
            fs::last_write_time(left, fs::file_time_type::clock::now() - std::chrono::hours(2));
        } else {
            EXPECT_TRUE(contains(r.err, "(1 older backup and 1 left-over temporary file deleted)"))
                << r.err;
        }
    }
    const auto kept = json_files(folder);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(json::parse(*util::read_file(kept[0]))["resources"]["project_name"], "drift 1");
}

TEST_F(BackupE2e, ApplyChangesNothingWhenItsBackupCannotBeWritten) {
    api("prod", "POST", "/v1/mgmt/project/update/name", {{"name", "changed"}});
    std::ofstream(m_dir / "not-a-folder") << "x";
    test::ProcessOptions o = options();
    o.env["DESCOPE_MGMT_BACKUP_DIR"] = (m_dir / "not-a-folder").string();
    auto r = test::run_process({DM_MGMT_BINARY, "apply", "-e", "prod", "--auto-approve"}, o);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, "prod: backup not written")) << r.err;
    EXPECT_TRUE(contains(r.err, "nothing was changed")) << r.err;
    auto plan = mgmt({"plan", "-e", "prod", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 2) << "the change must still be pending";

    o.env["DESCOPE_MGMT_BACKUP"] = "off";
    auto without = test::run_process({DM_MGMT_BINARY, "apply", "-e", "prod", "--auto-approve"}, o);
    EXPECT_EQ(without.exit_code, 0) << without.err;
    EXPECT_TRUE(contains(without.err, "DESCOPE_MGMT_BACKUP=off")) << without.err;
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e

namespace descope_mgmt::plan_e2e {
namespace {

TEST_F(BackupE2e, RestorePutsBackAFlowAndTheThemeEditedOutOfBand) {
    const json flow = {
        {"flowId", "sign-in"},
        {"flow", {{"id", "sign-in"}, {"name", "Sign In"}, {"dsl", {{"next", "t1"}}}}},
        {"screens", json::array({{{"id", "SC1"}, {"flowId", "sign-in"}}})}};
    api("prod", "POST", "/v1/mgmt/flow/import", flow);
    api("prod", "POST", "/v1/mgmt/theme/import",
        {{"theme", {{"cssTemplate", {{"light", {{"primary", "#006af5"}}}}}}}});
    ASSERT_EQ(mgmt({"backup", "-e", "prod", "--dir", "backups"}).exit_code, 0);
    const auto doc = json::parse(*util::read_file(json_files(m_dir / "backups").at(0)));
    ASSERT_EQ(doc["resources"]["flows"].size(), 1u);
    EXPECT_EQ(doc["resources"]["flows"][0]["document"]["flow"]["dsl"]["next"], "t1");

    json edited = flow;
    edited["flow"]["dsl"]["next"] = "t2";
    api("prod", "POST", "/v1/mgmt/flow/import", edited);
    api("prod", "POST", "/v1/mgmt/theme/import",
        {{"theme", {{"cssTemplate", {{"light", {{"primary", "#ff0000"}}}}}}}});

    auto restore = mgmt({"restore", "backups", "-e", "prod", "--auto-approve"});
    ASSERT_EQ(restore.exit_code, 0) << restore.out << restore.err;
    EXPECT_TRUE(contains(restore.out, "~ flow sign-in")) << restore.out;
    EXPECT_TRUE(contains(restore.out, "~ theme")) << restore.out;
    const auto exported = api("prod", "POST", "/v1/mgmt/flow/export", {{"flowId", "sign-in"}});
    EXPECT_EQ(exported["flow"]["dsl"]["next"], "t1");
    const auto theme = api("prod", "POST", "/v1/mgmt/theme/export", json::object());
    EXPECT_EQ(theme["theme"]["cssTemplate"]["light"]["primary"], "#006af5");
    // Restoring the same backup again changes nothing.
    auto again = mgmt({"--dry-run", "restore", "backups", "-e", "prod"});
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_TRUE(contains(again.out, "prod: no changes")) << again.out;
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
