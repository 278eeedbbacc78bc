// Issue 12, findings 13 and 14, run in-process on fake projects (cli_harness.hpp): one
// environment that cannot be read fails alone, and export-config never leaves a half-made
// folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_harness.hpp"

namespace descope_mgmt::cli_test {
namespace partial_failures_test {

namespace fs = std::filesystem;
using test::ApiOperation;

/// Entries of `folder` whose name holds ".partial-": temporary folders left behind.
std::vector<std::string> partial_leftovers(const fs::path& folder) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.find(".partial-") != std::string::npos) names.push_back(name);
    }
    return names;
}

/// prod matches the config; dev is empty (applying creates what it declares).
void seed_prod_only(CliHarness& h) {
    const CliResult r = h.run({"-e", "prod", "apply", "--auto-approve"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    h.project("prod").reset_calls();
}

// Finding 14: one failed read aborted apply for every environment.
TEST(PartialFailures, PlanAndDriftShowTheOtherEnvironmentsWhenOneCannotBeRead) {
    CliHarness h;
    seed_prod_only(h);
    h.project("prod").fail_every_call();

    const CliResult plan = h.run({"plan", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 1) << plan.out << plan.err;
    EXPECT_TRUE(contains(plan.out, "+ tenant acme")) << "dev was not planned:\n" << plan.out;
    EXPECT_TRUE(
        contains(plan.out, "prod: not planned: reading the tenants failed (see the error above)"))
        << plan.out;
    EXPECT_TRUE(contains(plan.err, "prod: reading the tenants: HTTP 503")) << plan.err;
    EXPECT_TRUE(contains(plan.err, "503")) << plan.err;
    EXPECT_TRUE(contains(plan.err, "prod could not be read, so nothing was planned or changed"))
        << plan.err;

    const nlohmann::json doc = h.run({"-o", "json", "plan"}).json();
    ASSERT_TRUE(doc.contains("environments")) << doc.dump(2);
    ASSERT_EQ(doc["environments"].size(), 2u) << doc.dump(2);
    EXPECT_EQ(doc["environments"][0]["status"], "ok");
    EXPECT_EQ(doc["environments"][0]["has_changes"], true);
    EXPECT_EQ(doc["environments"][1]["status"], "error");
    EXPECT_EQ(doc["environments"][1]["error"]["operation"], "tenant list") << doc.dump(2);

    const CliResult drift = h.run({"drift"});
    EXPECT_EQ(drift.exit_code, 1) << drift.out << drift.err;
    EXPECT_TRUE(contains(drift.out, "dev: drift")) << drift.out;
    EXPECT_TRUE(contains(drift.out, "prod: not compared")) << drift.out;
    EXPECT_TRUE(contains(drift.err, "prod: reading the tenants: HTTP 503")) << drift.err;
    const nlohmann::json drift_doc = h.run({"-o", "json", "drift"}).json();
    ASSERT_TRUE(drift_doc.contains("environments")) << drift_doc.dump(2);
    ASSERT_EQ(drift_doc["environments"].size(), 2u) << drift_doc.dump(2);
    EXPECT_EQ(drift_doc["environments"][1]["name"], "prod");
    EXPECT_EQ(drift_doc["environments"][1]["status"], "error");
    EXPECT_EQ(h.project("dev").write_calls(), 0);
}

TEST(PartialFailures, ApplyChangesTheEnvironmentsThatWereReadAndStillFails) {
    CliHarness h;
    seed_prod_only(h);
    // A failure in the second round (after the lists): the flow's export.
    h.project("prod").fail_nth_call(ApiOperation::export_flow, 1);
    const CliResult r = h.run({"apply", "--auto-approve"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_EQ(h.project("dev").tenants().size(), 1u) << "dev was not applied:\n" << r.err;
    EXPECT_TRUE(contains(r.err, "prod: reading flow sign-in")) << r.err;
    EXPECT_TRUE(contains(r.err, "prod could not be read")) << r.err;
    EXPECT_EQ(h.project("prod").write_calls(), 0);

    const nlohmann::json doc = h.run({"-o", "json", "plan"}).json();
    EXPECT_EQ(doc.value("has_changes", true), false) << doc.dump(2);
    const CliResult again = h.run({"plan", "--detailed-exitcode"});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
}

TEST(PartialFailures, AProtectedEnvironmentStillNeedsItsConfirmationWhenAnotherFails) {
    CliHarness h;  // nothing seeded: both have changes
    h.project("dev").fail_every_call();
    // Not a terminal and no --auto-approve: prod is not changed.
    const CliResult refused = h.run({"apply"});
    EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
    EXPECT_TRUE(contains(refused.err, "cannot ask for confirmation")) << refused.err;
    EXPECT_EQ(h.project("prod").write_calls(), 0);

    const CliResult applied = h.run({"apply", "--auto-approve", "-o", "json"});
    EXPECT_EQ(applied.exit_code, 1) << applied.err;
    EXPECT_EQ(h.project("prod").tenants().size(), 2u);
    const nlohmann::json doc = applied.json();
    ASSERT_TRUE(doc.contains("plan")) << doc.dump(2);
    EXPECT_EQ(doc["ok"], false) << doc.dump(2);
    EXPECT_EQ(doc["plan"]["environments"][0]["status"], "error") << doc.dump(2);
}

TEST(PartialFailures, BackupWritesTheEnvironmentsThatWereRead) {
    CliHarness h;
    h.seed_declared();
    h.project("prod").fail_every_call();
    const auto dir = h.dir() / "backups";
    const CliResult r = h.run({"backup", "--dir", dir.string(), "--stable-name"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(fs::exists(dir / "dev.json")) << r.out << r.err;
    EXPECT_FALSE(fs::exists(dir / "prod.json"));
    EXPECT_TRUE(contains(r.err, "prod: reading the tenants: HTTP 503")) << r.err;
}

// Finding 13: a killed export-config left a config pointing at flow files never written, and
// the re-run said the config exists.
TEST(PartialFailures, AnExportConfigThatFailsPartWayLeavesNoConfigAndARerunSucceeds) {
    CliHarness h;
    h.seed_declared();
    const auto adopted = h.dir() / "adopted";
    fs::create_directories(adopted / "flows" / "sign-in.json");  // a folder where the flow goes
    // Something where a flow file goes is replaced only with --force...
    const CliResult kept = h.run({"-e", "prod", "export-config", "--dir", adopted.string()});
    EXPECT_EQ(kept.exit_code, 1) << kept.out << kept.err;
    EXPECT_TRUE(contains(kept.err,
                         "sign-in.json exists; nothing was written (--force replaces "
                         "them)"))
        << kept.err;
    // ...and a folder is not replaced even then.
    const CliResult failed =
        h.run({"-e", "prod", "export-config", "--dir", adopted.string(), "--force"});
    EXPECT_EQ(failed.exit_code, 1) << failed.out << failed.err;
    EXPECT_TRUE(contains(failed.err, "sign-in.json: is a directory")) << failed.err;
    EXPECT_TRUE(contains(failed.err, "nothing was written")) << failed.err;
    EXPECT_FALSE(fs::exists(adopted / "descope.yaml")) << "a config pointing at missing files";
    EXPECT_TRUE(partial_leftovers(adopted).empty());

    fs::remove(adopted / "flows" / "sign-in.json");
    const CliResult rerun = h.run({"-e", "prod", "export-config", "--dir", adopted.string()});
    EXPECT_EQ(rerun.exit_code, 0) << rerun.out << rerun.err;
    EXPECT_TRUE(fs::exists(adopted / "descope.yaml"));
    EXPECT_TRUE(fs::exists(adopted / "flows" / "sign-in.json"));
    EXPECT_TRUE(fs::exists(adopted / "themes" / "theme.json"));
    EXPECT_TRUE(partial_leftovers(adopted).empty());

    const CliResult exists = h.run({"-e", "prod", "export-config", "--dir", adopted.string()});
    EXPECT_EQ(exists.exit_code, 1);
    EXPECT_TRUE(contains(exists.err, "choose another --dir, or --force to replace it"))
        << exists.err;
}

TEST(PartialFailures, CtrlCOrAKillDuringExportConfigLeavesNothingBehind) {
    CliHarness h;
    h.seed_declared();
    const auto adopted = h.dir() / "adopted";
    // Ctrl-C while the flows are being read.
    h.project("prod").set_on_call([&h](ApiOperation op, const std::string&) {
        if (op == ApiOperation::export_flow) h.interrupt();
    });
    const CliResult interrupted = h.run({"-e", "prod", "export-config", "--dir", adopted.string()});
    EXPECT_EQ(interrupted.exit_code, 130) << interrupted.out << interrupted.err;
    EXPECT_FALSE(fs::exists(adopted));
    EXPECT_TRUE(partial_leftovers(h.dir()).empty());
    h.project("prod").set_on_call({});
    h.resume();

    // What kill -9 while writing leaves: a temporary folder with part of the files.
    test::write_text(h.dir() / ".adopted.partial-Kill9x" / "descope.yaml", "version: 1\n");
    const CliResult rerun = h.run({"-e", "prod", "export-config", "--dir", adopted.string()});
    EXPECT_EQ(rerun.exit_code, 0) << rerun.out << rerun.err;
    EXPECT_TRUE(fs::exists(adopted / "flows" / "sign-in.json"));
    EXPECT_TRUE(contains(rerun.err, ".adopted.partial-Kill9x, left by an export-config"))
        << rerun.err;
    EXPECT_TRUE(partial_leftovers(h.dir()).empty());
}

}  // namespace partial_failures_test
}  // namespace descope_mgmt::cli_test
