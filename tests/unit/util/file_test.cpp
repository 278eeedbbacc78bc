// util/file.hpp: what the tool reads and replaces is a regular file, never a device, FIFO or
// folder, and no more than a cap (issue 12, findings 2 and 9).
#include "util/file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "support/files.hpp"

namespace descope_mgmt::util {
namespace {

TEST(InputFiles, ADeviceIsRefusedWithoutReadingIt) {
    for (const char* device : {"/dev/zero", "/dev/urandom", "/dev/null"}) {
        auto r = read_file(device);
        ASSERT_FALSE(r) << device;
        EXPECT_NE(r.error().message.find("is a device, not a regular file"), std::string::npos)
            << r.error().message;
    }
}

TEST(InputFiles, AFifoIsRefusedAtOnceInsteadOfWaitingForAWriter) {
    test::TempDir dir("dm-file-test");
    const auto fifo = dir / "fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const auto start = std::chrono::steady_clock::now();
    auto r = read_file(fifo);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("FIFO"), std::string::npos) << r.error().message;
}

TEST(InputFiles, AFileAboveTheCapIsRefusedAndOneAtTheCapIsRead) {
    test::TempDir dir("dm-file-test");
    const auto path = dir.write("big.yaml", std::string(4096, 'x'));
    EXPECT_TRUE(read_file(path, 4096));
    auto r = read_file(path, 4095);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("big.yaml"), std::string::npos) << r.error().message;
    EXPECT_GE(kMaxInputBytes, std::size_t{64} << 20);
}

TEST(OutputFiles, OnlyARegularFileIsReplaced) {
    auto r = write_file_atomically("/dev/null", "x");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("is a device"), std::string::npos) << r.error().message;
    struct stat st {};
    ASSERT_EQ(::stat("/dev/null", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode)) << "/dev/null was replaced";

    test::TempDir dir("dm-file-test");
    const auto fifo = dir / "out.json";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto w = write_file_if_changed(fifo, "{}");
    ASSERT_FALSE(w);
    EXPECT_NE(w.error().message.find("FIFO"), std::string::npos) << w.error().message;
    ASSERT_EQ(::stat(fifo.c_str(), &st), 0);
    EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

TEST(OutputFiles, AnIdenticalFileIsLeftAloneAndADifferentOneReplaced) {
    test::TempDir dir("dm-file-test");
    const auto path = dir.write("flow.json", "{}\n");
    auto same = write_file_if_changed(path, "{}\n");
    ASSERT_TRUE(same);
    EXPECT_EQ(*same, FileOutcome::unchanged);
    auto other = write_file_if_changed(path, "{\"a\": 1}\n");
    ASSERT_TRUE(other);
    EXPECT_EQ(*other, FileOutcome::updated);
    EXPECT_EQ(test::read_text(path), "{\"a\": 1}\n");
}

// Issue 12, finding 13: a killed or interrupted export-config left a config pointing at flow
// files that were never written. A folder is now written next to its target and renamed.

/// Names in `folder` (files and folders, hidden ones too), sorted.
std::vector<std::string> folder_entries(const std::filesystem::path& folder) {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(folder))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

const std::vector<FolderFile> kFolderFiles = {
    {"flows/a.json", "{\"a\": 1}\n"}, {"flows/b.json", "{\"b\": 2}\n"}, {"config.yaml", "a: 1\n"}};

TEST(OutputFolders, AFolderStoppedPartWayIsNotThereAndARerunWritesItWhole) {
    test::TempDir dir("dm-file-test");
    const auto target = dir / "adopted";
    int asked = 0;
    auto stopped = write_folder_atomically(target, kFolderFiles, [&asked] { return ++asked > 2; });
    ASSERT_FALSE(stopped);
    EXPECT_NE(stopped.error().message.find("interrupted"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(target));
    EXPECT_TRUE(folder_entries(dir.path()).empty()) << "a temporary folder was left behind";

    auto written = write_folder_atomically(target / "", kFolderFiles);
    ASSERT_TRUE(written) << written.error().message;
    EXPECT_EQ(test::read_text(target / "flows/b.json"), "{\"b\": 2}\n");
    EXPECT_EQ(test::read_text(target / "config.yaml"), "a: 1\n");
    EXPECT_EQ(folder_entries(dir.path()), std::vector<std::string>{"adopted"});
    struct stat st {};
    ASSERT_EQ(::stat(target.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0755u);
    ASSERT_EQ(::stat((target / "config.yaml").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST(OutputFolders, WhatAKilledRunLeftBehindNeverBlocksTheNextAndIsRemovedByIt) {
    test::TempDir dir("dm-file-test");
    // What kill -9 in the middle leaves: a temporary folder with some of the files.
    dir.write(".adopted.partial-Ab12Cd/config.yaml", "a: 1\n");
    dir.write("adopted-other/.partial-Zz99Yy/flows/a.json", "{}");
    auto written = write_folder_atomically(dir / "adopted", kFolderFiles);
    ASSERT_TRUE(written) << written.error().message;
    ASSERT_EQ(written->removed_leftovers.size(), 1u);
    EXPECT_EQ(written->removed_leftovers[0].filename(), ".adopted.partial-Ab12Cd");
    EXPECT_EQ(folder_entries(dir.path()), (std::vector<std::string>{"adopted", "adopted-other"}));
    // Into an existing folder, through a temporary folder inside it.
    auto again = write_folder_atomically(dir / "adopted-other", kFolderFiles);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->removed_leftovers.size(), 1u);
    EXPECT_EQ(folder_entries(dir / "adopted-other"),
              (std::vector<std::string>{"config.yaml", "flows"}));
}

TEST(OutputFolders, IntoAnExistingFolderNothingIsMovedWhenOneFileCannotBeReplaced) {
    test::TempDir dir("dm-file-test");
    const auto target = dir / "adopted";
    std::filesystem::create_directories(target / "flows/b.json");  // a folder where a file goes
    dir.write("adopted/flows/a.json", "old\n");
    auto r = write_folder_atomically(target, kFolderFiles);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("flows/b.json: is a directory"), std::string::npos)
        << r.error().message;
    EXPECT_EQ(test::read_text(target / "flows/a.json"), "old\n");
    EXPECT_EQ(folder_entries(target), std::vector<std::string>{"flows"});

    std::filesystem::remove(target / "flows/b.json");
    ASSERT_TRUE(write_folder_atomically(target, kFolderFiles));
    EXPECT_EQ(test::read_text(target / "flows/a.json"), "{\"a\": 1}\n");
    EXPECT_EQ(folder_entries(target), (std::vector<std::string>{"config.yaml", "flows"}));

    dir.write("a-file", "x");
    auto onto_file = write_folder_atomically(dir / "a-file", kFolderFiles);
    ASSERT_FALSE(onto_file);
    EXPECT_NE(onto_file.error().message.find("is not a folder"), std::string::npos);
}

}  // namespace
}  // namespace descope_mgmt::util
