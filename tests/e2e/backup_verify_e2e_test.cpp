// `descope-mgmt backup verify FILE` as users run it: the real binary, no network, no config.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "backup/backup_files.hpp"
#include "support/process.hpp"
#include "unit/backup/backup_test_support.hpp"
#include "util/file.hpp"

namespace descope_mgmt::backup {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

test::ProcessResult mgmt(const std::vector<std::string>& args, const fs::path& cwd) {
    std::vector<std::string> argv = {DM_MGMT_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    test::ProcessOptions options;
    options.cwd = cwd;
    options.unset_env = {"DESCOPE_MGMT_CONFIG"};
    return test::run_process(argv, options);
}

class BackupVerifyE2E : public ::testing::Test {
  protected:
    void SetUp() override {
        auto p =
            write_new_backup(m_dir.path(), testing::sample_metadata(), testing::sample_state());
        ASSERT_TRUE(p) << p.error().message;
        m_file = *p;
    }
    TempDir m_dir;
    fs::path m_file;
};

TEST_F(BackupVerifyE2E, ValidBackupIsDescribed) {
    // No descope.yaml in the folder: verify needs no config and no credentials.
    auto r = mgmt({"backup", "verify", m_file.filename().string()}, m_dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("valid backup (format 1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("environment  prod"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("project      P2prod (Acme (prod))"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("taken at     2024-05-01T12:34:56.789Z"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("3 tenants (1 with session settings), 3 roles, 2 permissions, 2 flows"),
              std::string::npos)
        << r.out;
}

TEST_F(BackupVerifyE2E, JsonOutputIsOneDocument) {
    auto r = mgmt({"backup", "verify", "-o", "json", m_file.string()}, m_dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["format_version"], 1);
    EXPECT_EQ(doc["valid"], true);
    EXPECT_EQ(doc["backup"]["project_id"], "P2prod");
    EXPECT_EQ(doc["backup"]["counts"]["tenants"], 3);
    EXPECT_EQ(doc["backup"]["sha256"].get<std::string>().size(), 64u);
}

TEST_F(BackupVerifyE2E, TruncatedBackupIsRefusedWithItsPosition) {
    std::string text = *util::read_file(m_file);
    std::ofstream(m_dir.path() / "cut.json") << text.substr(0, text.size() / 2);
    auto r = mgmt({"backup", "verify", "cut.json"}, m_dir.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find("descope-mgmt: error: cut.json:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;

    auto j = mgmt({"backup", "verify", "cut.json", "--output", "json"}, m_dir.path());
    EXPECT_EQ(j.exit_code, 1);
    const auto doc = nlohmann::json::parse(j.out);
    EXPECT_EQ(doc["valid"], false);
    EXPECT_EQ(doc["error"]["kind"], "syntax");
    EXPECT_GT(doc["error"]["line"].get<int>(), 1);
}

TEST_F(BackupVerifyE2E, EditedBackupIsRefused) {
    std::string text = *util::read_file(m_file);
    const auto pos = text.find("Acme Corp");
    text.replace(pos, 9, "Acme Evil");
    std::ofstream(m_dir.path() / "edited.json") << text;
    auto r = mgmt({"backup", "verify", "edited.json", "-o", "json"}, m_dir.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(nlohmann::json::parse(r.out)["error"]["kind"], "checksum");
    EXPECT_NE(r.err.find("checksum mismatch"), std::string::npos) << r.err;
}

TEST_F(BackupVerifyE2E, SchemaProblemsAreAllListed) {
    auto doc = nlohmann::json::parse(*util::read_file(m_file));
    doc["resources"]["tenants"][0].erase("name");
    doc["resources"]["roles"][0]["colour"] = "red";
    std::ofstream(m_dir.path() / "schema.json") << doc.dump(2);
    auto r = mgmt({"backup", "verify", "schema.json"}, m_dir.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("resources.roles[0].colour: unknown field"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("resources.tenants[0].name: required field is missing"), std::string::npos)
        << r.err;
}

TEST_F(BackupVerifyE2E, MissingFileAndMissingArgument) {
    auto r = mgmt({"backup", "verify", "nope.json"}, m_dir.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("nope.json: cannot read"), std::string::npos) << r.err;
    auto usage = mgmt({"backup", "verify"}, m_dir.path());
    EXPECT_EQ(usage.exit_code, 1);
}

}  // namespace
}  // namespace descope_mgmt::backup
