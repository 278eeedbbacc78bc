// Issue 12, finding 15 (the message cases): a message names the real cause, not a neighbour of
// it (a deep YAML config was "bad file", `backup verify DIR` "empty file", a symlink loop "not
// found").
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli_harness.hpp"

namespace descope_mgmt::cli_test {
namespace messages_test {

namespace fs = std::filesystem;

/// Replaces `path` with a symbolic link to itself (ELOOP when opened).
void make_symlink_loop(const fs::path& path) {
    fs::remove(path);
    fs::create_symlink(path.filename(), path);
}

TEST(CliMessages, AConfigNestedTooDeepSaysSoAtItsPlace) {
    const std::string deep = std::string(2000, '[') + std::string(2000, ']');
    CliHarness h("version: 1\nenvironments:\n  dev: {}\ntenants:\n  - id: acme\n    name: " + deep +
                 "\n");
    const CliResult r = h.run({"validate"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(contains(r.err, "descope.yaml:6:")) << r.err;
    EXPECT_TRUE(contains(r.err, "nest more than 1000 levels deep")) << r.err;
}

TEST(CliMessages, VerifyingAFolderSaysItIsAFolder) {
    CliHarness h;
    const CliResult r = h.run({"backup", "verify", h.dir().string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(contains(r.err, "is a folder, not a backup file")) << r.err;
    EXPECT_FALSE(contains(r.err, "empty file")) << r.err;
}

TEST(CliMessages, ASymbolicLinkLoopIsNamedAsOneNotAsAMissingFile) {
    {
        CliHarness h;
        make_symlink_loop(h.dir() / "flows" / "sign-in.json");
        const CliResult flow = h.run({"validate"});
        EXPECT_EQ(flow.exit_code, 1) << flow.err;
        EXPECT_TRUE(contains(flow.err,
                             "cannot read flow file 'flows/sign-in.json': Too many "
                             "levels of symbolic links"))
            << flow.err;
        EXPECT_FALSE(contains(flow.err, "not found")) << flow.err;

        make_symlink_loop(h.dir() / "loop.json");
        for (const char* command : {"verify", "restore"}) {
            std::vector<std::string> args = {"backup", "verify", (h.dir() / "loop.json").string()};
            if (std::string(command) == "restore")
                args = {"-e", "dev", "restore", (h.dir() / "loop.json").string(), "--auto-approve"};
            const CliResult backup = h.run(args);
            EXPECT_EQ(backup.exit_code, 1) << command << ": " << backup.err;
            EXPECT_TRUE(contains(backup.err,
                                 "loop.json: cannot read: Too many levels of symbolic "
                                 "links"))
                << command << ": " << backup.err;
        }
    }
    CliHarness h;
    make_symlink_loop(h.dir() / "descope.yaml");
    const CliResult config = h.run({"validate"});
    EXPECT_EQ(config.exit_code, 1) << config.err;
    EXPECT_TRUE(
        contains(config.err, "cannot read the config file: Too many levels of symbolic links"))
        << config.err;
    EXPECT_FALSE(contains(config.err, "not found")) << config.err;
}

}  // namespace messages_test
}  // namespace descope_mgmt::cli_test
