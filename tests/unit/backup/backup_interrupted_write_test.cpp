// A backup interrupted mid-write (the writing process is SIGKILLed) never leaves a partial file
// under the final name: the name holds either nothing, the previous complete backup, or the new
// complete one. The kill is triggered by what the test sees in the folder, not by knowledge of
// how the writer works, so a writer that wrote in place would fail here.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "backup/backup_reader.hpp"
#include "backup/backup_writer.hpp"
#include "unit/backup/backup_test_support.hpp"

namespace descope_mgmt::backup {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

constexpr int kTenants = 5000;  // about 3 MB of backup with the generated flows
constexpr auto kTriggerTimeout = std::chrono::seconds(30);

/// Forks a child that writes backups of `state` to `path` in a loop, each with a new
/// created_at, until it is killed.
pid_t start_writer(const fs::path& path, const model::LiveState& state) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        auto metadata = testing::sample_metadata();
        for (;;) {
            metadata.created_at += std::chrono::seconds(1);
            if (!write_backup(path, metadata, state)) ::_exit(3);
        }
    }
    return pid;
}

void kill_and_reap(pid_t pid) {
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer exited by itself with " << WEXITSTATUS(status);
}

/// Polls until `ready()` or the timeout; false on timeout.
template <class Fn>
bool wait_for(Fn ready) {
    const auto deadline = std::chrono::steady_clock::now() + kTriggerTimeout;
    while (!ready())
        if (std::chrono::steady_clock::now() > deadline) return false;
    return true;
}

/// (inode, size, mtime) of a file, to notice that it was replaced or rewritten.
struct FileId {
    ino_t inode = 0;
    off_t size = -1;
    long long mtime_ns = 0;
    bool operator==(const FileId&) const = default;
};

FileId file_id(const fs::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return {};
    return {st.st_ino, st.st_size, st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec};
}

std::size_t entries(const fs::path& folder) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

/// The final name holds a complete, verified backup of the large state.
void expect_complete(const fs::path& path) {
    auto backup = read_backup(path);
    ASSERT_TRUE(backup) << "partial backup under the final name: " << backup.error().message;
    EXPECT_EQ(backup->state.tenants.size(), 3u + kTenants);
}

class BackupInterruptedWrite : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        s_state = new model::LiveState(testing::large_state(kTenants, 4));
    }
    static void TearDownTestSuite() { delete s_state; }
    static model::LiveState* s_state;
};
model::LiveState* BackupInterruptedWrite::s_state = nullptr;

TEST_F(BackupInterruptedWrite, FirstWriteKilledAsSoonAsAnythingAppears) {
    TempDir tmp;
    int killed_before_publish = 0;
    for (int round = 0; round < 4; ++round) {
        const auto folder = tmp.path() / std::to_string(round);
        fs::create_directory(folder);
        const auto path = folder / "prod-20240501T123456.789Z.json";
        const pid_t pid = start_writer(path, *s_state);
        ASSERT_GT(pid, 0);
        const bool seen = wait_for([&] { return entries(folder) > 0; });
        kill_and_reap(pid);
        ASSERT_TRUE(seen) << "the writer wrote nothing";
        if (fs::exists(path))
            expect_complete(path);
        else
            ++killed_before_publish;
    }
    std::printf("killed before the backup was published: %d of 4\n", killed_before_publish);
    EXPECT_GT(killed_before_publish, 0) << "no kill landed inside a write";
}

TEST_F(BackupInterruptedWrite, ReplacingWriteKilledAsSoonAsAnythingChanges) {
    TempDir tmp;
    const auto path = tmp.path() / "prod-20240501T123456.789Z.json";
    ASSERT_TRUE(write_backup(path, testing::sample_metadata(), *s_state));
    int old_backup_kept = 0;
    for (int round = 0; round < 4; ++round) {
        const FileId before = file_id(path);
        const std::size_t before_entries = entries(tmp.path());
        const pid_t pid = start_writer(path, *s_state);
        ASSERT_GT(pid, 0);
        const bool seen = wait_for(
            [&] { return entries(tmp.path()) != before_entries || !(file_id(path) == before); });
        kill_and_reap(pid);
        ASSERT_TRUE(seen) << "the writer changed nothing";
        ASSERT_TRUE(fs::exists(path)) << "the previous backup disappeared";
        expect_complete(path);
        if (file_id(path) == before) ++old_backup_kept;
        // Leftover temporary files of killed writers are harmless; clear them for the next round.
        for (const auto& e : fs::directory_iterator(tmp.path()))
            if (e.path() != path) fs::remove(e.path());
    }
    EXPECT_GT(old_backup_kept, 0) << "no kill landed inside a write";
}

TEST_F(BackupInterruptedWrite, KilledAtRandomMoments) {
    TempDir tmp;
    const auto path = tmp.path() / "prod-20240501T123456.789Z.json";
    std::mt19937 rng(42);
    for (int round = 0; round < 4; ++round) {
        const pid_t pid = start_writer(path, *s_state);
        ASSERT_GT(pid, 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 400));
        kill_and_reap(pid);
        if (fs::exists(path)) expect_complete(path);
    }
}

}  // namespace
}  // namespace descope_mgmt::backup
