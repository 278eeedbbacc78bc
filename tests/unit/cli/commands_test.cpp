// Every command that talks to Descope, run in-process on fake projects (cli_harness.hpp): what
// it does when a project fails, when credentials are missing, when -e is wrong and when Ctrl-C
// came first. No emulator: these are the CLI's own failure paths.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli_harness.hpp"

namespace descope_mgmt::cli_test {
namespace {

using test::ApiOperation;

struct CommandCase {
    const char* name;
    std::vector<std::string> args;  // prod is always among the environments it uses
};

std::string case_name(const ::testing::TestParamInfo<CommandCase>& info) {
    return info.param.name;
}

/// Every command that reads or changes a live project, on prod (and dev where it takes all).
std::vector<CommandCase> live_commands() {
    return {
        {"plan", {"plan"}},
        {"apply", {"apply", "--auto-approve"}},
        {"drift", {"drift"}},
        {"backup", {"backup", "--dir", "BACKUPS"}},
        {"tenant_list", {"tenant", "list"}},
        {"tenant_show", {"tenant", "show", "acme"}},
        {"tenant_create", {"-e", "prod", "tenant", "create", "newco", "--name", "New Co", "-y"}},
        {"tenant_update", {"-e", "prod", "tenant", "update", "acme", "--name", "Acme 2", "-y"}},
        {"tenant_delete", {"-e", "prod", "tenant", "delete", "acme", "-y"}},
        {"tenant_sync", {"tenant", "sync", "-y"}},
        {"role_list", {"role", "list"}},
        {"permission_list", {"permission", "list"}},
        {"flow_list", {"flow", "list"}},
        {"flow_export", {"-e", "prod", "flow", "export", "sign-in"}},
        {"flow_deploy", {"-e", "prod", "flow", "deploy", "sign-in", "-y"}},
        {"theme_export", {"-e", "prod", "theme", "export"}},
        {"theme_deploy", {"-e", "prod", "theme", "deploy", "-y"}},
        {"doctor", {"doctor"}},
        {"export_config", {"-e", "prod", "export-config", "--dir", "ADOPTED"}},
        {"restore", {"-e", "prod", "restore", "BACKUP_FILE", "--auto-approve"}},
    };
}

class LiveCommand : public ::testing::TestWithParam<CommandCase> {
  protected:
    void SetUp() override {
        h.seed_declared();
        // A backup of prod for `restore` to read, taken while prod answers.
        const CliResult b = h.run({"-e", "prod", "backup", "--dir", dir("prod-backup")});
        ASSERT_EQ(b.exit_code, 0) << b.err;
        h.project("prod").reset_calls();
    }

    std::string dir(const std::string& name) const { return (h.dir() / name).string(); }

    /// The case's arguments, placeholders replaced, with `extra` global options first.
    std::vector<std::string> args(std::vector<std::string> extra = {}) const {
        for (std::string a : GetParam().args) {
            if (a == "BACKUPS") a = dir("backups");
            if (a == "ADOPTED") a = dir("adopted");
            if (a == "BACKUP_FILE") a = dir("prod-backup");
            extra.push_back(a);
        }
        return extra;
    }

    CliHarness h;
};

TEST_P(LiveCommand, AProjectThatFailsEveryCallIsOneClearErrorAndNothingIsChanged) {
    h.project("prod").fail_every_call();
    const CliResult r = h.run(args());
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    // doctor's report is its output; every other command says it on stderr.
    const std::string& said = GetParam().args.front() == "doctor" ? r.out : r.err;
    EXPECT_TRUE(contains(said, "prod")) << said;
    EXPECT_TRUE(contains(said, "503")) << said;
    EXPECT_EQ(h.project("prod").write_calls(), 0) << "a write after a failed read";
    EXPECT_FALSE(contains(r.out + r.err, "K2cliunitprodsecret")) << "the key was printed";
}

TEST_P(LiveCommand, WithJsonOutputAFailurePrintsExactlyOneDocument) {
    h.project("prod").fail_every_call();
    const CliResult r = h.run(args({"-o", "json"}));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const nlohmann::json doc = r.json();
    ASSERT_TRUE(doc.is_object()) << r.out;
    EXPECT_TRUE(doc.contains("format_version")) << r.out;
    EXPECT_TRUE(doc["format_version"].is_number_integer()) << r.out;
    EXPECT_TRUE(doc.value("command", "").size() > 0) << r.out;
    EXPECT_TRUE(doc.value("tool_version", "").size() > 0) << r.out;
    EXPECT_TRUE(contains(r.out, "prod")) << "the document does not say which environment failed:\n"
                                         << r.out;
}

TEST_P(LiveCommand, AnUnsetKeyIsNamedAndNoRequestIsMade) {
    ::unsetenv("DESCOPE_PROD_MANAGEMENT_KEY");
    const CliResult r = h.run(args());
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const std::string& said = GetParam().args.front() == "doctor" ? r.out : r.err;
    EXPECT_TRUE(contains(said, "DESCOPE_PROD_MANAGEMENT_KEY")) << said;
    EXPECT_EQ(h.project("prod").total_calls(), 0);
}

TEST_P(LiveCommand, AMisspeltEnvironmentIsRefusedBeforeAnyRequest) {
    std::vector<std::string> a = args();
    // Replace the case's own -e, or add one.
    bool replaced = false;
    for (std::size_t i = 0; i + 1 < a.size(); ++i) {
        if (a[i] == "-e") {
            a[i + 1] = "prdo";
            replaced = true;
        }
    }
    if (!replaced) a.insert(a.begin(), {"-e", "prdo"});
    const int before = h.projects().total_calls();
    const CliResult r = h.run(a);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(contains(r.err, "unknown environment 'prdo'")) << r.err;
    EXPECT_TRUE(contains(r.err, "did you mean 'prod'?")) << r.err;
    EXPECT_EQ(h.projects().total_calls(), before);
}

TEST_P(LiveCommand, CtrlCBeforeTheFirstRequestStopsWithExit130AndChangesNothing) {
    h.interrupt();
    const CliResult r = h.run(args());
    EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
    EXPECT_EQ(h.project("prod").write_calls(), 0);
    EXPECT_EQ(h.project("dev").write_calls(), 0);
}

TEST_P(LiveCommand, OnHealthyProjectsItSucceedsAndStderrHasNoError) {
    const CliResult r = h.run(args());
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_FALSE(contains(r.err, "error:")) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Cli, LiveCommand, ::testing::ValuesIn(live_commands()), case_name);

TEST(CliCommands, ApplyCreatesWhatTheConfigDeclaresAndThenPlanHasNoChanges) {
    CliHarness h;
    h.seed_declared();
    EXPECT_EQ(h.project("prod").tenants().size(), 2u);
    EXPECT_EQ(h.project("dev").tenants().size(), 1u);
    const CliResult r = h.run({"plan"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(h.project("prod").write_calls(), 0);
}

TEST(CliCommands, APlanThatWouldChangeNamesTheChangeAndExitsTwoOnlyWhenAsked) {
    CliHarness h;
    h.seed_declared();
    h.project("dev").seed_tenant([] {
        model::Tenant t;
        t.id = "stray";
        t.name = "Stray";
        return t;
    }());
    const CliResult r = h.run({"plan", "--prune", "tenants"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "- tenant stray")) << r.out;
    const CliResult detailed = h.run({"plan", "--prune", "tenants", "--detailed-exitcode"});
    EXPECT_EQ(detailed.exit_code, 2) << detailed.out << detailed.err;
    EXPECT_EQ(h.project("dev").write_calls(), 0);
}

TEST(CliCommands, OneFailingEnvironmentDoesNotHideTheOthersReads) {
    CliHarness h;
    h.seed_declared();
    h.project("prod").fail_every_call();
    const CliResult r = h.run({"tenant", "list"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "acme")) << "dev's tenants are missing:\n" << r.out;
}

// Issue 13: `-e dev,prod` was not understood and `-e dev -e all` said "unknown environment 'all'".
TEST(CliCommands, EnvironmentsMayBeCommaSeparatedAndAllMayComeAnywhere) {
    CliHarness h;
    h.seed_declared();
    for (const std::vector<std::string>& envs : {std::vector<std::string>{"-e", "dev,prod"},
                                                 {"-e", "dev", "-e", "all"},
                                                 {"-e", "prod,all"},
                                                 {"--env", "dev,", "-e", "prod"}}) {
        std::vector<std::string> args = envs;
        args.insert(args.end(), {"-o", "json", "tenant", "list"});
        const CliResult r = h.run(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_TRUE(contains(r.out, R"("name": "dev")")) << r.out;
        EXPECT_TRUE(contains(r.out, R"("name": "prod")")) << r.out;
    }
    const CliResult one = h.run({"-e", "prod,", "-o", "json", "tenant", "list"});
    EXPECT_EQ(one.exit_code, 0) << one.err;
    EXPECT_FALSE(contains(one.out, R"("name": "dev")")) << one.out;
    const CliResult typo = h.run({"-e", "dev,prdo", "tenant", "list"});
    EXPECT_EQ(typo.exit_code, 1);
    EXPECT_TRUE(contains(typo.err, "did you mean 'prod'")) << typo.err;
}

TEST(CliCommands, ProtectedProdIsNotChangedWithoutAnAnswer) {
    CliHarness h;
    h.seed_declared();
    // stdin is not a terminal here: nobody can confirm, so nothing happens.
    const CliResult r = h.run({"-e", "prod", "tenant", "update", "acme", "--name", "Renamed"});
    EXPECT_NE(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(h.project("prod").write_calls(), 0);
}

// Issue 12, finding 12: a key with a line end (pasted with its newline) would reach the
// Authorization header; one with a space gives a confusing 401. Refused before any request.
TEST(CliCommands, AKeyWithALineBreakOrASpaceIsRefusedBeforeAnyRequestAndNotShown) {
    for (const char* key :
         {"K2cliunitprodsecret\n", "K2cliunit\r\nX-Injected: 1", " K2cliunitprodsecret"}) {
        CliHarness h;
        ::setenv("DESCOPE_PROD_MANAGEMENT_KEY", key, 1);
        for (const char* command : {"plan", "backup"}) {
            const CliResult r = h.run({command, "-e", "prod"});
            EXPECT_EQ(r.exit_code, 1) << r.err;
            EXPECT_TRUE(contains(r.err, "environment 'prod': management_key contains a")) << r.err;
            EXPECT_FALSE(contains(r.out + r.err, "K2cliunit")) << "the key was printed: " << r.err;
            EXPECT_EQ(h.projects().total_calls(), 0);
        }
    }
}

// Issue 12, findings 6 and 8: invalid UTF-8 in a value validated (then never converged), and
// `validate -o json` aborted on it. Now a located error, in one JSON document.
TEST(CliCommands, InvalidUtf8InTheConfigIsALocatedErrorAlsoInJson) {
    CliHarness h(
        "version: 1\nenvironments:\n  dev: {}\ntenants:\n  - id: acme\n    name: \"Ac\xffme\"\n");
    const CliResult r = h.run({"-o", "json", "validate"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    const nlohmann::json doc = r.json();
    ASSERT_EQ(doc.value("error_count", 0), 1) << r.out;
    EXPECT_EQ(doc["diagnostics"][0]["line"], 6) << r.out;
    EXPECT_EQ(doc["diagnostics"][0]["column"], 14) << r.out;
    EXPECT_TRUE(contains(doc["diagnostics"][0]["message"].get<std::string>(), "invalid UTF-8"));
    const CliResult plan = h.run({"plan"});
    EXPECT_EQ(plan.exit_code, 1);
    EXPECT_EQ(h.projects().total_calls(), 0);
}

// Issue 12, finding 2: `flow export --out /dev/null` replaced the device with a file, and a
// FIFO as --out hung.
TEST(CliCommands, ExportsNeverReplaceADeviceNorWaitOnAFifo) {
    CliHarness h;
    h.seed_declared();
    const auto fifo = h.dir() / "out.json";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    for (const std::string& out : {std::string("/dev/null"), fifo.string()}) {
        for (const char* what : {"flow", "theme"}) {
            std::vector<std::string> args = {"-e", "prod", what, "export"};
            if (std::string(what) == "flow") args.push_back("sign-in");
            args.insert(args.end(), {"--out", out});
            const CliResult r = h.run(args);
            EXPECT_EQ(r.exit_code, 1) << what << " " << out << ": " << r.out << r.err;
            EXPECT_TRUE(contains(r.err, "not a regular file")) << r.err;
        }
    }
    struct stat st {};
    ASSERT_EQ(::stat("/dev/null", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode));
}

// Issue 12, finding 9: `-c /dev/zero` read gigabytes; a FIFO as the config or a backup hung.
TEST(CliCommands, DevicesAndFifosAsTheConfigOrABackupAreRefusedAtOnce) {
    CliHarness h;
    const std::filesystem::path config = h.config_path();
    const auto fifo = h.dir() / "config-fifo.yaml";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    // The harness passes its config with -c: that path becomes a link to each special file.
    for (const std::string& target :
         {std::string("/dev/zero"), std::string("/dev/urandom"), fifo.string()}) {
        std::filesystem::remove(config);
        std::filesystem::create_symlink(target, config);
        const CliResult r = h.run({"validate"});
        EXPECT_EQ(r.exit_code, 1) << target << ": " << r.err;
        EXPECT_TRUE(contains(r.err, "not a regular file")) << target << ": " << r.err;
    }
    const CliResult b = h.run({"backup", "verify", fifo.string()});
    EXPECT_EQ(b.exit_code, 1) << b.err;
    EXPECT_TRUE(contains(b.err, "not a regular file")) << b.err;
}

// Issue 12, finding 7: a flow file or a backup nested about 100k deep crashed with SIGSEGV.
TEST(CliCommands, JsonNestedTooDeepInAFlowFileOrABackupIsALocatedError) {
    CliHarness h;
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    test::write_text(h.dir() / "flows/sign-in.json", "{\"flow\": " + deep + "}");
    const CliResult v = h.run({"validate"});
    EXPECT_EQ(v.exit_code, 1) << v.err;
    EXPECT_TRUE(contains(v.err, "sign-in.json:1:")) << v.err;
    EXPECT_TRUE(contains(v.err, "nested deeper than 1000 levels")) << v.err;

    test::write_text(h.dir() / "deep-backup.json", "{\"resources\": " + deep + "}");
    const CliResult b = h.run({"backup", "verify", (h.dir() / "deep-backup.json").string()});
    EXPECT_EQ(b.exit_code, 1) << b.err;
    EXPECT_TRUE(contains(b.err, "nested deeper than 1000 levels")) << b.err;
}

// Issue 12, finding 0: `flow deploy ID --prune flows` deleted the other *declared* flows, also
// in protected prod, and without --prune suggested that it would.
TEST(CliCommands, DeployingSomeFlowsNeverPrunesTheOtherDeclaredFlows) {
    std::string config = kConfig;
    config.replace(config.find("theme:"), 0, "  - id: step-up\n    file: flows/step-up.json\n");
    CliHarness h(config);
    test::write_text(h.dir() / "flows/step-up.json",
                     R"({"flow": {"id": "step-up", "name": "Step up", "dsl": {}}, "screens": []})");
    h.seed_declared();
    auto live_flow_ids = [&h] {
        std::vector<std::string> ids;
        const auto flows = h.project("prod").list_flows();  // kept: not a temporary's member
        for (const auto& f : *flows)
            ids.push_back(f.id);
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    ASSERT_EQ(live_flow_ids(), (std::vector<std::string>{"sign-in", "step-up"}));

    const CliResult suggest = h.run({"-e", "prod", "flow", "deploy", "step-up", "--dry-run"});
    EXPECT_EQ(suggest.exit_code, 0) << suggest.out << suggest.err;
    EXPECT_FALSE(contains(suggest.out + suggest.err, "sign-in")) << suggest.out << suggest.err;

    const CliResult r =
        h.run({"-e", "prod", "flow", "deploy", "step-up", "--prune", "flows", "-y"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(live_flow_ids(), (std::vector<std::string>{"sign-in", "step-up"})) << r.out << r.err;
    EXPECT_EQ(h.project("prod").calls(ApiOperation::delete_flows), 0);
}

// Issue 14: Terraform's `plan -out=x.plan` was read as `-o ut=x.plan` ("ut=x.plan not in
// {text,json}"); a long option written with one dash now says so, before anything runs.
TEST(CliCommands, ALongOptionWithOneDashIsNamedWithItsTwoDashSpelling) {
    CliHarness h;
    h.seed_declared();
    const CliResult r = h.run({"plan", "-out=x.plan"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err,
                         "'-out=x.plan': a long option takes two dashes: did you mean "
                         "'--out=x.plan'?"))
        << r.err;
    EXPECT_EQ(h.projects().total_calls(), 0);
    // Short flags bundled or with attached values are not long options.
    EXPECT_EQ(h.run({"-qv", "-eprod", "tenant", "list"}).exit_code, 0);
}

}  // namespace
}  // namespace descope_mgmt::cli_test
