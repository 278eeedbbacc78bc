// Issue 13, honest counts, run in-process on fake projects (cli_harness.hpp): apply reads each
// live object once (the automatic backup is built from the plan's read, stamped with its time,
// reading only what the plan did not), the report counts every call the run made (reads and
// changes apart), totals across environments, and one line for what Ctrl-C left.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "backup/timestamp.hpp"
#include "cli_harness.hpp"
#include "util/file.hpp"

namespace descope_mgmt::cli_test {
namespace apply_counts_test {

namespace fs = std::filesystem;
using test::ApiOperation;

/// The newest of the `count` backup files in `folder` (a test failure when there are not
/// exactly `count`).
fs::path newest_backup_in(const fs::path& folder, std::size_t count = 1) {
    std::vector<fs::path> files;
    if (fs::exists(folder))
        for (const auto& e : fs::directory_iterator(folder))
            if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());  // the time in the name sorts them
    EXPECT_EQ(files.size(), count) << folder;
    return files.empty() ? fs::path() : files.back();
}

nlohmann::json backup_document(const fs::path& file) {
    auto text = util::read_file(file);
    EXPECT_TRUE(text.has_value()) << file;
    return nlohmann::json::parse(text ? *text : std::string("null"));
}

std::vector<std::string> backup_tenant_ids(const nlohmann::json& doc) {
    std::vector<std::string> ids;
    for (const auto& t : doc["resources"]["tenants"])
        ids.push_back(t["id"].get<std::string>());
    return ids;
}

/// How many times `part` occurs in `text`.
std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++n;
    return n;
}

model::Tenant legacy_tenant() {
    model::Tenant t;
    t.id = "legacy";
    t.name = "Legacy";
    return t;
}

TEST(ApplyCounts, ApplyReadsEachLiveObjectOnceAndTheBackupHoldsTheStateThePlanRead) {
    CliHarness h;
    test::FakeDescopeApi& dev = h.project("dev");
    dev.seed_tenant(legacy_tenant());  // undeclared and not pruned: left alone
    // What the plan alone reads.
    ASSERT_EQ(h.run({"-e", "dev", "plan"}).exit_code, 0);
    const int plan_reads = dev.total_calls();
    ASSERT_GT(plan_reads, 0);
    dev.reset_calls();

    // The first call of the run is timed, and the plan's tenant list is slow: a backup stamped
    // when it was written (after its own read) would be later than the plan's read.
    std::mutex mutex;
    std::optional<std::chrono::system_clock::time_point> first_call;
    dev.set_on_call([&](ApiOperation op, const std::string&) {
        {
            std::lock_guard lock(mutex);
            if (!first_call) first_call = std::chrono::system_clock::now();
        }
        if (op == ApiOperation::load_all_tenants)
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
    });
    const CliResult r = h.run({"-e", "dev", "apply", "-y"});
    dev.set_on_call({});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;

    // Exactly (reads once) + (writes): the backup read nothing the plan had read.
    const int writes = dev.write_calls();
    ASSERT_GT(writes, 0);
    EXPECT_EQ(dev.total_calls(), plan_reads + writes) << r.err;
    EXPECT_EQ(dev.calls(ApiOperation::load_all_tenants), 1);
    EXPECT_EQ(dev.calls(ApiOperation::load_all_roles), 1);
    EXPECT_EQ(dev.calls(ApiOperation::load_all_permissions), 1);
    EXPECT_EQ(dev.calls(ApiOperation::export_theme), 1);
    // The report says so, reads and changes apart.
    EXPECT_TRUE(contains(r.out, fmt::format("; api: {} calls ({} to read, {} to apply), 0 retries",
                                            plan_reads + writes, plan_reads, writes)))
        << r.out;

    // The backup holds the state before the change, stamped with the plan's read.
    const fs::path file = newest_backup_in(h.dir() / ".descope-mgmt" / "backups" / "dev");
    const nlohmann::json doc = backup_document(file);
    EXPECT_EQ(backup_tenant_ids(doc), std::vector<std::string>{"legacy"}) << doc.dump(2);
    EXPECT_TRUE(doc["resources"]["roles"].empty()) << doc.dump(2);
    EXPECT_TRUE(doc["resources"]["theme"].is_object()) << doc.dump(2);
    const auto taken_at = backup::parse_iso8601(doc["created_at"].get<std::string>());
    ASSERT_TRUE(taken_at.has_value()) << doc["created_at"];
    ASSERT_TRUE(first_call.has_value());
    EXPECT_LE(*taken_at, std::chrono::floor<std::chrono::milliseconds>(*first_call))
        << "the backup is stamped after the plan's read began";
    // Its file name carries the same time, and `backup verify` accepts it.
    EXPECT_TRUE(contains(file.filename().string(), backup::format_file_stamp(*taken_at))) << file;
    const CliResult verify = h.run({"backup", "verify", file.string()});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST(ApplyCounts, ABackupThatNeedsMoreThanThePlanReadReadsOnlyWhatIsMissing) {
    CliHarness h;
    h.seed_declared();
    test::FakeDescopeApi& dev = h.project("dev");
    dev.seed_tenant(legacy_tenant());
    model::Flow other;
    other.id = "other-flow";
    other.document = R"({"flow": {"id": "other-flow", "name": "Other"}, "screens": []})";
    ASSERT_TRUE(dev.import_flow(other).has_value());
    dev.reset_calls();

    // tenant delete reads the lists only; its backup needs every flow, the theme and the
    // deleted tenant's settings besides.
    const CliResult r = h.run({"-e", "dev", "tenant", "delete", "legacy", "--yes"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(dev.calls(ApiOperation::load_all_tenants), 1);
    EXPECT_EQ(dev.calls(ApiOperation::load_all_roles), 1);
    EXPECT_EQ(dev.calls(ApiOperation::load_all_permissions), 1);
    EXPECT_EQ(dev.calls(ApiOperation::list_flows), 1);
    EXPECT_EQ(dev.calls(ApiOperation::export_flow), 2);  // sign-in and other-flow
    EXPECT_EQ(dev.calls(ApiOperation::export_theme), 1);
    EXPECT_EQ(dev.calls(ApiOperation::load_tenant_settings), 1);  // legacy's
    EXPECT_EQ(dev.write_calls(), 1);
    EXPECT_EQ(dev.total_calls(), 9);
    EXPECT_TRUE(contains(r.out, "; api: 9 calls (8 to read, 1 to apply), 0 retries")) << r.out;

    const nlohmann::json doc =
        backup_document(newest_backup_in(h.dir() / ".descope-mgmt" / "backups" / "dev", 2));
    EXPECT_EQ(backup_tenant_ids(doc), (std::vector<std::string>{"acme", "legacy"}));
    ASSERT_EQ(doc["resources"]["flows"].size(), 2u) << doc.dump(2);
    EXPECT_EQ(doc["resources"]["flows"][0]["id"], "other-flow");
    for (const auto& t : doc["resources"]["tenants"]) {
        if (t["id"] == "legacy") {
            EXPECT_TRUE(t["session_settings"].is_object()) << t.dump(2);
        }
    }
}

TEST(ApplyCounts, TheReportCountsEveryCallOfTheRunAndTotalsThemAcrossEnvironments) {
    CliHarness h;
    h.seed_declared();
    // dev gets a change; prod has none, but its read still counts against the limit.
    ASSERT_TRUE(h.project("dev").delete_tenant("acme", false).has_value());
    h.project("dev").reset_calls();
    const CliResult r = h.run({"-o", "json", "apply", "-y"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const nlohmann::json doc = r.json();
    const int dev_calls = h.project("dev").total_calls();
    const int prod_calls = h.project("prod").total_calls();
    const int dev_writes = h.project("dev").write_calls();
    ASSERT_GT(prod_calls, 0);
    EXPECT_EQ(h.project("prod").write_calls(), 0);
    ASSERT_EQ(doc["reports"].size(), 1u) << doc.dump(2);
    const auto& report = doc["reports"][0];
    EXPECT_EQ(report["api_calls"], dev_calls) << report.dump(2);
    EXPECT_EQ(report["read_calls"], dev_calls - dev_writes) << report.dump(2);
    EXPECT_EQ(report["apply_calls"], dev_writes) << report.dump(2);
    const auto& totals = doc["totals"];
    EXPECT_EQ(totals["environments"], 2);
    EXPECT_EQ(totals["created"], report["created"]);
    EXPECT_EQ(totals["not_started"], 0);
    EXPECT_EQ(totals["api_calls"], dev_calls + prod_calls) << totals.dump(2);
    EXPECT_EQ(totals["read_calls"], dev_calls + prod_calls - dev_writes) << totals.dump(2);
    EXPECT_EQ(totals["apply_calls"], dev_writes);

    // In text, one line after the environments' reports.
    ASSERT_TRUE(h.project("dev").delete_tenant("acme", false).has_value());
    h.project("dev").reset_calls();
    h.project("prod").reset_calls();
    const CliResult text = h.run({"apply", "-y"});
    ASSERT_EQ(text.exit_code, 0) << text.out << text.err;
    const int all = h.projects().total_calls();
    const std::string total_line = fmt::format(
        "total: {} created, 0 updated, 0 deleted, 0 failed, 0 skipped in 2 "
        "environments; api: {} calls ({} to read, {} to apply), 0 retries\n",
        report["created"].get<int>(), all, all - h.project("dev").write_calls(),
        h.project("dev").write_calls());
    EXPECT_TRUE(contains(text.out, total_line)) << text.out;
    EXPECT_GT(text.out.find("total: "), text.out.find("dev: ")) << text.out;
    // One environment: no total line, its own says it all.
    ASSERT_TRUE(h.project("dev").delete_tenant("acme", false).has_value());
    const CliResult one = h.run({"-e", "dev", "apply", "-y"});
    ASSERT_EQ(one.exit_code, 0) << one.out << one.err;
    EXPECT_FALSE(contains(one.out, "total: ")) << one.out;
}

TEST(ApplyCounts, AnEnvironmentLeftByAStoppedRolloutCountsThePlansReads) {
    CliHarness h;  // nothing seeded: both environments have changes
    h.project("dev").fail_subject(ApiOperation::create_tenant, "acme");
    const CliResult r = h.run({"apply", "-y"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    const int prod_calls = h.project("prod").total_calls();
    EXPECT_EQ(h.project("prod").write_calls(), 0);
    ASSERT_GT(prod_calls, 0);
    EXPECT_TRUE(contains(r.out, fmt::format("prod: not started (dev failed first): "
                                            "{} changes left as they were; api: {} calls ({} to "
                                            "read, 0 to apply), 0 retries\n",
                                            8, prod_calls, prod_calls)))
        << r.out;
}

TEST(ApplyCounts, CtrlCLeavesOneNotStartedLinePerEnvironmentAndVerboseListsThem) {
    for (const bool verbose : {false, true}) {
        CliHarness h;
        // Ctrl-C as dev's first change is made, one change at a time.
        h.project("dev").set_on_call([&h](ApiOperation op, const std::string&) {
            if (test::is_write(op)) h.interrupt();
        });
        std::vector<std::string> args = {"-e", "dev", "apply", "-y", "--parallelism", "1"};
        if (verbose) args.insert(args.begin(), "-v");
        const CliResult r = h.run(args);
        EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
        const std::size_t left = occurrences(r.out, "  not started: ");
        if (!verbose) {
            EXPECT_EQ(left, 1u) << r.out;
            EXPECT_TRUE(contains(r.out, " changes (interrupted; -v lists them)\n")) << r.out;
            EXPECT_EQ(occurrences(r.err, "not started"), 0u) << r.err;
        } else {
            EXPECT_GT(left, 1u) << r.out;
            EXPECT_TRUE(contains(r.out, "  not started: + ")) << r.out;
        }
    }
}

TEST(ApplyCounts, PlanShowsATotalLineAcrossEnvironments) {
    CliHarness h;
    const CliResult both = h.run({"plan"});
    ASSERT_EQ(both.exit_code, 0) << both.err;
    EXPECT_TRUE(contains(both.out, "dev: 6 to create, 1 to update, 0 to delete\n")) << both.out;
    EXPECT_TRUE(contains(both.out,
                         "\ntotal: 13 to create, 2 to update, 0 to delete in 2 "
                         "environments\n"))
        << both.out;
    const CliResult one = h.run({"-e", "dev", "plan"});
    EXPECT_FALSE(contains(one.out, "total: ")) << one.out;
    h.seed_declared();
    const CliResult none = h.run({"plan"});
    EXPECT_TRUE(contains(none.out, "total: no changes in 2 environments\n")) << none.out;
}

}  // namespace apply_counts_test
}  // namespace descope_mgmt::cli_test
