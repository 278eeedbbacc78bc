// Issue 15, from nothing: `init` in an empty folder, `validate` with no credentials, then plan,
// apply and a plan with no changes against the emulator's five projects; the completion
// scripts in real shells (bash always; zsh and fish when installed).
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/plan_e2e_support.hpp"
#include "support/files.hpp"
#include "support/process.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

namespace fs = std::filesystem;

TEST_F(PlanE2e, InitThenValidatePlanApplyOnTheEmulator) {
    fs::remove(m_dir / "descope.yaml");
    const auto init = mgmt({"init"});
    ASSERT_EQ(init.exit_code, 0) << init.out << init.err;
    EXPECT_TRUE(contains(init.out, "created descope.yaml (the config)")) << init.out;
    EXPECT_TRUE(fs::exists(m_dir / "descope-mgmt.schema.json"));
    EXPECT_TRUE(contains(test::read_text(m_dir / ".gitignore"), ".descope-mgmt/\n"));

    // As written, with no variable set: valid, the missing credentials are warnings.
    test::ProcessOptions bare;
    bare.cwd = m_dir;
    bare.unset_env = {"DESCOPE_MGMT_CONFIG"};
    for (const auto& e : environments()) {
        std::string upper = e;
        for (char& c : upper)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        bare.unset_env.push_back("DESCOPE_" + upper + "_PROJECT_ID");
        bare.unset_env.push_back("DESCOPE_" + upper + "_MANAGEMENT_KEY");
    }
    const auto validate = test::run_process({DM_MGMT_BINARY, "validate"}, bare);
    EXPECT_EQ(validate.exit_code, 0) << validate.out << validate.err;
    EXPECT_TRUE(contains(validate.err, "warning:")) << validate.err;
    EXPECT_TRUE(contains(validate.err, "DESCOPE_PROD_MANAGEMENT_KEY")) << validate.err;

    // With the variables set (and DESCOPE_BASE_URL at the emulator): the journey of the README.
    EXPECT_EQ(mgmt({"validate", "--strict"}).exit_code, 0);
    const auto plan = mgmt({"plan", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 2) << plan.out << plan.err;
    for (const auto& e : environments())
        EXPECT_TRUE(contains(plan.out, e + ":")) << e << "\n" << plan.out;
    EXPECT_TRUE(contains(plan.out, "+ tenant example")) << plan.out;
    const auto apply = mgmt({"apply", "--auto-approve"});
    ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
    EXPECT_TRUE(fs::exists(m_dir / ".descope-mgmt" / "backups" / "prod"));
    const auto again = mgmt({"plan", "--detailed-exitcode"});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
    EXPECT_EQ(tenant_ids("staging"), std::vector<std::string>{"example"});

    // A second init changes nothing.
    const auto second = mgmt({"init"});
    EXPECT_EQ(second.exit_code, 1);
    EXPECT_TRUE(contains(second.err, "exists; nothing was written")) << second.err;
}

/// A folder with a config (environments dev and prod, tenant acme) and the bash script.
class CompletionE2e : public ::testing::Test {
  protected:
    void SetUp() override {
        m_dir.write("descope.yaml",
                    "version: 1\nenvironments:\n  dev: {}\n  prod: {}\n"
                    "tenants:\n  - id: acme\n    name: Acme\n"
                    "  - id: initech\n    name: Initech\n");
    }

    /// The script of `shell`, written to the folder.
    fs::path script(const std::string& shell) {
        test::ProcessOptions o;
        o.unset_env = {"DESCOPE_MGMT_CONFIG"};
        const auto r = test::run_process({DM_MGMT_BINARY, "completion", shell}, o);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return m_dir.write("completion." + shell, r.out);
    }

    /// Runs bash with the bash script sourced, `descope-mgmt` on PATH and `commands` after.
    test::ProcessResult bash(const std::string& commands) {
        const fs::path file = script("bash");
        test::ProcessOptions o;
        o.cwd = m_dir.path();
        o.unset_env = {"DESCOPE_MGMT_CONFIG"};
        const char* path = std::getenv("PATH");
        o.env["PATH"] = fs::path(DM_MGMT_BINARY).parent_path().string() + ":" +
                        (path != nullptr ? path : "/usr/bin:/bin");
        return test::run_process(
            {"bash", "--norc", "--noprofile", "-c", "source " + file.string() + "\n" + commands},
            o);
    }

    test::TempDir m_dir{"dm-completion-e2e"};
};

/// Bash lines that complete `line` (the cursor at its end) and print COMPREPLY, one a line.
std::string complete_line(const std::string& line) {
    return "COMP_LINE='" + line +
           "'\nCOMP_POINT=${#COMP_LINE}\nread -ra COMP_WORDS <<< \"$COMP_LINE\"\n" +
           (line.empty() || line.back() == ' ' ? "COMP_WORDS+=('')\n" : "") +
           "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n_descope_mgmt\nprintf '%s\\n' "
           "\"${COMPREPLY[@]}\"\n";
}

TEST_F(CompletionE2e, BashRegistersItAndCompletesCommandsFlagsAndEnvironments) {
    const auto registered = bash("complete -p descope-mgmt");
    EXPECT_EQ(registered.exit_code, 0) << registered.err;
    EXPECT_EQ(registered.out, "complete -F _descope_mgmt descope-mgmt\n") << registered.err;

    const auto te = bash(complete_line("descope-mgmt te"));
    EXPECT_EQ(te.exit_code, 0) << te.err;
    EXPECT_EQ(te.out, "tenant\n") << te.err;

    const auto sub = bash(complete_line("descope-mgmt tenant s"));
    EXPECT_EQ(sub.out, "show\nsync\n") << sub.err;

    const auto env = bash(complete_line("descope-mgmt plan -e "));
    EXPECT_EQ(env.out, "dev\nprod\nall\n") << env.err;
    const auto list = bash(complete_line("descope-mgmt plan -e dev,p"));
    EXPECT_EQ(list.out, "dev,prod\n") << list.err;

    const auto output = bash(complete_line("descope-mgmt -o "));
    EXPECT_EQ(output.out, "text\njson\nmarkdown\n") << output.err;

    const auto flags = bash(complete_line("descope-mgmt plan --de"));
    EXPECT_EQ(flags.out, "--detailed-exitcode\n") << flags.err;

    const auto prune = bash(complete_line("descope-mgmt apply --prune r"));
    EXPECT_EQ(prune.out, "roles\n") << prune.err;

    const auto tenants = bash(complete_line("descope-mgmt tenant show "));
    EXPECT_EQ(tenants.out, "acme\ninitech\n") << tenants.err;

    // -c names another config: its environments.
    m_dir.write("other/descope.yaml", "version: 1\nenvironments:\n  staging: {}\n");
    const auto other = bash(complete_line("descope-mgmt -c other/descope.yaml drift -e "));
    EXPECT_EQ(other.out, "staging\nall\n") << other.err;
}

TEST_F(CompletionE2e, ZshAndFishScriptsParse) {
    int checked = 0;
    for (const std::string shell : {"zsh", "fish"}) {
        if (test::run_process({"sh", "-c", "command -v " + shell}).exit_code != 0) continue;
        const fs::path file = script(shell);
        const auto r = test::run_process({shell, "-n", file.string()});
        EXPECT_EQ(r.exit_code, 0) << shell << ": " << r.err;
        EXPECT_EQ(r.err, "") << shell;
        ++checked;
    }
    if (checked == 0) GTEST_SKIP() << "neither zsh nor fish is installed (scripts/bootstrap)";
}

TEST_F(CompletionE2e, FishCompletesCommandsAndEnvironments) {
    if (test::run_process({"sh", "-c", "command -v fish"}).exit_code != 0)
        GTEST_SKIP() << "fish is not installed (scripts/bootstrap)";
    const fs::path file = script("fish");
    test::ProcessOptions o;
    o.cwd = m_dir.path();
    o.unset_env = {"DESCOPE_MGMT_CONFIG"};
    const char* path = std::getenv("PATH");
    o.env["PATH"] = fs::path(DM_MGMT_BINARY).parent_path().string() + ":" +
                    (path != nullptr ? path : "/usr/bin:/bin");
    auto complete = [&](const std::string& line) {
        const auto r =
            test::run_process({"fish", "--no-config", "-c",
                               "source " + file.string() + "; complete -C '" + line + "'"},
                              o);
        EXPECT_EQ(r.err, "") << line;
        std::vector<std::string> words;
        std::istringstream in(r.out);
        std::string entry;
        while (std::getline(in, entry))
            words.push_back(entry.substr(0, entry.find('\t')));
        return words;
    };
    EXPECT_EQ(complete("descope-mgmt te"), std::vector<std::string>{"tenant"});
    EXPECT_EQ(complete("descope-mgmt tenant sh"), std::vector<std::string>{"show"});
    EXPECT_EQ(complete("descope-mgmt plan -e "), (std::vector<std::string>{"all", "dev", "prod"}));
    EXPECT_EQ(complete("descope-mgmt -o j"), std::vector<std::string>{"json"});
    EXPECT_EQ(complete("descope-mgmt tenant show a"), std::vector<std::string>{"acme"});
    EXPECT_EQ(complete("descope-mgmt plan --detailed"),
              std::vector<std::string>{"--detailed-exitcode"});
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
