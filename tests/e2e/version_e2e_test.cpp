// `--version` of both binaries: the version and the commit they were built from (issue 15;
// cmake/build_stamp.cmake writes the commit, tests/cmake/build_stamp_test.cmake tests it).

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>

#include "support/process.hpp"
#include "util/version.hpp"

namespace descope_mgmt::test {
namespace {

/// The commit part of "PROGRAM VERSION (commit COMMIT)\n", after checking the rest.
std::string version_e2e_commit(const std::string& binary, const std::string& program) {
    const ProcessResult r = run_process({binary, "--version"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    const std::regex line(program + " " +
                          std::regex_replace(util::kVersion, std::regex("\\."), "\\.") +
                          " \\(commit ([0-9a-f]{7,40}(-dirty)?|unknown)\\)\n");
    std::smatch m;
    EXPECT_TRUE(std::regex_match(r.out, m, line)) << r.out;
    return m.size() > 1 ? m[1].str() : "";
}

TEST(VersionE2e, BothBinariesPrintTheVersionAndTheSameCommit) {
    const std::string mgmt = version_e2e_commit(DM_MGMT_BINARY, "descope-mgmt");
    const std::string emulator = version_e2e_commit(DM_EMULATOR_BINARY, "descope-emulator");
    EXPECT_EQ(mgmt, emulator);
    // Built from a git checkout (as here and in CI), the commit is known.
    if (std::filesystem::exists(std::filesystem::path(DM_SOURCE_DIR) / ".git")) {
        EXPECT_NE(mgmt, "unknown");
    }
}

}  // namespace
}  // namespace descope_mgmt::test
