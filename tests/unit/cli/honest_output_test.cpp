// Issue 13, "honest output": -q means errors only everywhere, apply -o json never asks blind,
// and what would stop a run after its confirmation is checked before it.

#include <gtest/gtest.h>

#include <cstdlib>

#include "cli_harness.hpp"
#include "support/files.hpp"

namespace descope_mgmt::cli_test {
namespace {

TEST(HonestOutput, QuietMeansErrorsOnlyForPlanApplyBackupAndVerify) {
    CliHarness h;
    const CliResult plan = h.run({"-q", "plan"});
    EXPECT_EQ(plan.exit_code, 0) << plan.err;
    EXPECT_EQ(plan.out, "");
    EXPECT_EQ(plan.err, "");
    const CliResult changes = h.run({"-q", "plan", "--detailed-exitcode"});
    EXPECT_EQ(changes.exit_code, 2);  // the exit code still says there are changes
    EXPECT_EQ(changes.out, "");

    const CliResult apply = h.run({"-q", "apply", "-y"});
    EXPECT_EQ(apply.exit_code, 0) << apply.err;
    EXPECT_EQ(apply.out, "");
    EXPECT_EQ(apply.err, "");

    const CliResult backup = h.run({"-q", "-e", "dev", "backup"});
    EXPECT_EQ(backup.exit_code, 0) << backup.err;
    EXPECT_EQ(backup.out, "");
    EXPECT_EQ(backup.err, "");

    test::write_text(h.dir() / "bad-backup.json", "{}");
    const CliResult verify =
        h.run({"-q", "backup", "verify", (h.dir() / "bad-backup.json").string()});
    EXPECT_EQ(verify.exit_code, 1);
    EXPECT_EQ(verify.out, "");
    EXPECT_TRUE(contains(verify.err, "error")) << "errors are still shown: " << verify.err;
}

TEST(HonestOutput, ApplyWithJsonOutputNeverAsksAndChangesNothingWithoutYes) {
    CliHarness h;
    const CliResult r = h.run({"-o", "json", "apply"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, "with -o json, changes are never asked for")) << r.err;
    EXPECT_TRUE(h.project("dev").tenants().empty());
    const auto doc = r.json();  // still exactly one document
    EXPECT_TRUE(doc.contains("format_version")) << r.out;
    EXPECT_EQ(h.run({"-o", "json", "apply", "-y"}).exit_code, 0);
    EXPECT_FALSE(h.project("dev").tenants().empty());
}

TEST(HonestOutput, ABadBackupSettingIsFoundBeforeAnyQuestion) {
    CliHarness h;
    ::setenv("DESCOPE_MGMT_BACKUP", "maybe", 1);
    const CliResult r = h.run({"apply"});  // no -y: it would ask
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, "DESCOPE_MGMT_BACKUP must be 'off'")) << r.err;
    EXPECT_FALSE(contains(r.err, "cannot ask for confirmation")) << r.err;
    EXPECT_TRUE(h.project("dev").tenants().empty());
}

}  // namespace
}  // namespace descope_mgmt::cli_test
