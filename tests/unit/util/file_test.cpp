// util/file.hpp: what the tool reads and replaces is a regular file, never a device, FIFO or
// folder, and no more than a cap (issue 12, findings 2 and 9).
#include "util/file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>

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

}  // namespace
}  // namespace descope_mgmt::util
