// File naming, permissions, listing and rotation of backups.
#include "backup/backup_files.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "backup/backup_reader.hpp"
#include "backup/timestamp.hpp"
#include "unit/backup/backup_test_support.hpp"

namespace descope_mgmt::backup {
namespace {

namespace fs = std::filesystem;
using testing::sample_metadata;
using testing::sample_state;
using testing::TempDir;

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 07777;
}

void touch(const fs::path& p) {
    std::ofstream(p) << "x";
}

TEST(BackupFiles, NameIsEnvironmentAndUtcTime) {
    EXPECT_EQ(backup_file_name("prod", sample_metadata().created_at),
              "prod-20240501T123456.789Z.json");
}

TEST(BackupFiles, WritesAPrivateFileInAPrivateFolderAndItVerifies) {
    TempDir tmp;
    const auto folder = tmp.path() / ".descope-mgmt" / "backups" / "prod";
    auto path = write_new_backup(folder, sample_metadata(), sample_state());
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_EQ(*path, folder / "prod-20240501T123456.789Z.json");
    EXPECT_EQ(mode_of(*path), 0600u);
    EXPECT_EQ(mode_of(folder), 0700u);
    EXPECT_EQ(mode_of(tmp.path() / ".descope-mgmt"), 0700u);
    auto backup = read_backup(*path);
    ASSERT_TRUE(backup) << backup.error().message;
    EXPECT_EQ(backup->metadata.project_id, "P2prod");
    // Nothing else was left behind (no temporary file).
    EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), 1);
}

TEST(BackupFiles, SameMillisecondDoesNotOverwrite) {
    TempDir tmp;
    auto a = write_new_backup(tmp.path(), sample_metadata(), sample_state());
    auto b = write_new_backup(tmp.path(), sample_metadata(), sample_state());
    ASSERT_TRUE(a && b);
    EXPECT_NE(*a, *b);
    EXPECT_EQ(b->filename(), "prod-20240501T123456.790Z.json");
    auto backup = read_backup(*b);
    ASSERT_TRUE(backup);
    EXPECT_EQ(format_iso8601(backup->metadata.created_at), "2024-05-01T12:34:56.790Z");
}

TEST(BackupFiles, RefusesEnvironmentNamesThatAreNotFileNames) {
    TempDir tmp;
    for (const char* env : {"", "../prod", "a/b", ".hidden"}) {
        auto m = sample_metadata();
        m.environment = env;
        auto r = write_new_backup(tmp.path(), m, sample_state());
        EXPECT_FALSE(r) << env;
    }
}

TEST(BackupFiles, ListsOnlyThisEnvironmentsBackupsOldestFirst) {
    TempDir tmp;
    const auto& d = tmp.path();
    touch(d / "prod-20240501T120000.000Z.json");
    touch(d / "prod-20231231T235959.999Z.json");
    touch(d / "prod-20240501T120000.001Z.json");
    touch(d / "pre-prod-20240501T120000.000Z.json");  // another environment
    touch(d / "prod-latest.json");                    // not ours
    touch(d / "prod-20240501T120000.000Z.json.bak");
    touch(d / ".prod-20240501T130000.000Z.json.tmp-123");        // an interrupted write
    fs::create_directory(d / "prod-20240601T120000.000Z.json");  // a folder, not a backup
    const auto list = list_backups(d, "prod");
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].path.filename(), "prod-20231231T235959.999Z.json");
    EXPECT_EQ(list[1].path.filename(), "prod-20240501T120000.000Z.json");
    EXPECT_EQ(list[2].path.filename(), "prod-20240501T120000.001Z.json");
    EXPECT_EQ(list_backups(d, "pre-prod").size(), 1u);
    EXPECT_TRUE(list_backups(d / "missing", "prod").empty());
}

TEST(BackupFiles, RotationKeepsTheNewestN) {
    TempDir tmp;
    const auto& d = tmp.path();
    auto m = sample_metadata();
    std::vector<fs::path> written;
    for (int i = 0; i < 7; ++i) {
        m.created_at += std::chrono::hours(1);
        auto p = write_new_backup(d, m, sample_state());
        ASSERT_TRUE(p);
        written.push_back(*p);
    }
    touch(d / "staging-20200101T000000.000Z.json");
    touch(d / "notes.txt");

    auto deleted = rotate_backups(d, "prod", 3);
    ASSERT_TRUE(deleted) << deleted.error().message;
    EXPECT_EQ(*deleted, std::vector<fs::path>(written.begin(), written.begin() + 4));
    const auto left = list_backups(d, "prod");
    ASSERT_EQ(left.size(), 3u);
    EXPECT_EQ(left[0].path, written[4]);
    EXPECT_EQ(left[2].path, written[6]);
    EXPECT_TRUE(fs::exists(d / "staging-20200101T000000.000Z.json"));
    EXPECT_TRUE(fs::exists(d / "notes.txt"));

    auto again = rotate_backups(d, "prod", 3);
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->empty());
    EXPECT_FALSE(rotate_backups(d, "prod", 0));
}

TEST(BackupFiles, RotationSweepsTemporaryFilesOfKilledWritersOnlyWhenStale) {
    TempDir tmp;
    const auto& d = tmp.path();
    const fs::path stale = d / ".prod-20240501T123456.789Z.json.tmp-42";
    const fs::path fresh = d / ".prod-20240501T123457.000Z.json.tmp-7";
    const fs::path other_env = d / ".staging-20240501T123456.789Z.json.tmp-1";
    const fs::path not_ours = d / ".prod-notes.json.tmp-1";
    for (const auto& p : {stale, fresh, other_env, not_ours})
        touch(p);
    const auto old =
        fs::file_time_type::clock::now() - kStaleTemporaryAge - std::chrono::minutes(1);
    for (const auto& p : {stale, other_env, not_ours})
        fs::last_write_time(p, old);

    auto deleted = rotate_backups(d, "prod", 3);
    ASSERT_TRUE(deleted) << deleted.error().message;
    EXPECT_EQ(*deleted, std::vector<fs::path>{stale});
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_TRUE(fs::exists(fresh));      // a writer may still be at work
    EXPECT_TRUE(fs::exists(other_env));  // another environment's rotation sweeps it
    EXPECT_TRUE(fs::exists(not_ours));   // not a backup writer's name
}

}  // namespace
}  // namespace descope_mgmt::backup
