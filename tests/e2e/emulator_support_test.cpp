// Tests of the process helpers in tests/support that every e2e suite relies on.
#include <gtest/gtest.h>

#include "support/process.hpp"

namespace descope_mgmt::test {
namespace {

TEST(RunProcess, CapturesStdoutStderrAndExitCode) {
    const auto r = run_process({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_EQ(r.out, "out\n");
    EXPECT_EQ(r.err, "err\n");
    EXPECT_FALSE(r.timed_out);
}

TEST(RunProcess, SetsAndUnsetsEnvironmentVariables) {
    ::setenv("DM_TEST_TO_REMOVE", "present", 1);
    ProcessOptions options;
    options.env["DM_TEST_VALUE"] = "hello world";
    options.unset_env.push_back("DM_TEST_TO_REMOVE");
    const auto r = run_process(
        {"/bin/sh", "-c", "echo \"$DM_TEST_VALUE|${DM_TEST_TO_REMOVE:-unset}\""}, options);
    EXPECT_EQ(r.out, "hello world|unset\n");
}

TEST(RunProcess, FeedsStdinAndHonoursCwd) {
    ProcessOptions options;
    options.stdin_data = "yes\n";
    options.cwd = "/";
    const auto r = run_process({"/bin/sh", "-c", "read answer; echo \"$answer $(pwd)\""}, options);
    EXPECT_EQ(r.out, "yes /\n");
}

TEST(RunProcess, KillsAChildThatRunsTooLong) {
    ProcessOptions options;
    options.timeout = std::chrono::milliseconds(200);
    const auto r = run_process({"sleep", "10"}, options);
    EXPECT_TRUE(r.timed_out);
    EXPECT_EQ(r.exit_code, 128 + 9);
}

TEST(RunProcess, ReportsAMissingBinary) {
    const auto r = run_process({"/nonexistent/binary"});
    EXPECT_EQ(r.exit_code, 127);
}

}  // namespace
}  // namespace descope_mgmt::test
