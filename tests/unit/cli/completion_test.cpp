// Issue 15: `completion bash|zsh|fish` is made from the command tree that makes --help (every
// command and flag in it, enumerated values too), and `__complete` gives the scripts the
// config's names without the network.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli_harness.hpp"

namespace descope_mgmt::cli_test {
namespace completion_test {

/// The names under "Subcommands:" of a help page.
std::vector<std::string> completion_test_subcommands(const std::string& page) {
    std::vector<std::string> names;
    std::istringstream in(page);
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line == "Subcommands:") {
            inside = true;
        } else if (inside && line.empty()) {
            break;
        } else if (inside) {
            std::istringstream words(line);
            std::string name;
            words >> name;
            names.push_back(name);
        }
    }
    return names;
}

TEST(CliCompletion, BashHasEveryCommandOfTheHelpAndTheirFlags) {
    CliHarness h;
    const CliResult r = h.run({"completion", "bash"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string& script = r.out;
    EXPECT_TRUE(contains(script, "complete -F _descope_mgmt descope-mgmt")) << script;
    // Every command --help lists, and every subcommand of theirs.
    const std::vector<std::string> top = completion_test_subcommands(h.run({"help"}).out);
    ASSERT_GT(top.size(), 10u);
    std::string words;
    for (const auto& name : top)
        words += (words.empty() ? "" : " ") + name;
    EXPECT_TRUE(contains(script, "'') echo '" + words + "' ;;")) << words << "\n" << script;
    EXPECT_TRUE(contains(words, "init")) << words;
    EXPECT_TRUE(contains(words, "completion")) << words;
    EXPECT_FALSE(contains(words, "__complete")) << "hidden: " << words;
    const std::vector<std::string> tenant =
        completion_test_subcommands(h.run({"help", "tenant"}).out);
    std::string tenant_words;
    for (const auto& name : tenant)
        tenant_words += (tenant_words.empty() ? "" : " ") + name;
    EXPECT_TRUE(contains(script, "'tenant') echo '" + tenant_words + "' ;;")) << script;
    // Flags: global, per command, negated ones; values: enumerated, environments, files.
    for (const char* part :
         {"-c --config -e --env -o --output", "--detailed-exitcode", "--no-enforce-sso",
          "--auto-approve", "--max-deletes",
          "-o|--output) echo 'choices text json markdown'; return ;;",
          "-e|--env) echo 'environments'; return ;;", "-c|--config) echo 'files'; return ;;",
          "'plan|--prune') echo 'choices tenants roles permissions flows' ;;",
          "'backup|--settings') echo 'choices all managed' ;;",
          "'export-config|--dir') echo 'folders' ;;", "'tenant show') echo 'tenants' ;;",
          "'flow export') echo 'flows' ;;", "'completion') echo 'choices bash zsh fish' ;;",
          "'restore') echo 'files' ;;"})
        EXPECT_TRUE(contains(script, part)) << part;
    // A flag takes no value: it is not in the value table.
    EXPECT_FALSE(contains(script, "'plan|--detailed-exitcode')")) << script;
}

TEST(CliCompletion, ZshDescribesCommandsAndOptions) {
    CliHarness h;
    const CliResult r = h.run({"completion", "zsh"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("#compdef descope-mgmt\n", 0), 0u) << r.out;
    for (const char* part :
         {"'init:write a commented starter descope.yaml (and its .gitignore entry)'",
          "'show:", "'--detailed-exitcode:exit 2 when", "compdef _descope_mgmt descope-mgmt",
          "__complete environments", "-o|--output) echo 'choices text json markdown'; return ;;"})
        EXPECT_TRUE(contains(r.out, part)) << part << "\n" << r.out;
}

TEST(CliCompletion, FishCompletesPerCommand) {
    CliHarness h;
    const CliResult r = h.run({"completion", "fish"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* part :
         {"complete -c descope-mgmt -f\n",
          "complete -c descope-mgmt -n '__descope_mgmt_at \"\"' -a init -d 'write a commented",
          "complete -c descope-mgmt -n '__descope_mgmt_at \"tenant\"' -a show -d",
          "complete -c descope-mgmt -s o -l output -x -a 'text json markdown' -d",
          "complete -c descope-mgmt -s e -l env -x -a '(__descope_mgmt_config_words "
          "environments) all'",
          "complete -c descope-mgmt -n '__descope_mgmt_at \"plan\"' -l detailed-exitcode -d",
          "complete -c descope-mgmt -n '__descope_mgmt_at \"tenant show\"' -a "
          "'(__descope_mgmt_config_words tenants)'\n",
          "-s y -l yes -l auto-approve -d"})
        EXPECT_TRUE(contains(r.out, part)) << part << "\n" << r.out;
}

TEST(CliCompletion, AnUnknownShellIsRefused) {
    CliHarness h;
    const CliResult r = h.run({"completion", "tcsh"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, "tcsh")) << r.err;
    EXPECT_EQ(r.out, "");
}

TEST(CliCompletion, CompleteWordsComeFromTheConfigAlone) {
    CliHarness h;
    const CliResult envs = h.run({"__complete", "environments"});
    EXPECT_EQ(envs.exit_code, 0) << envs.err;
    EXPECT_EQ(envs.out, "dev\nprod\n");
    EXPECT_EQ(h.run({"__complete", "tenants"}).out, "acme\nglobex\n");
    EXPECT_EQ(h.run({"__complete", "flows"}).out, "sign-in\n");
    EXPECT_EQ(h.projects().total_calls(), 0) << "no request";
    EXPECT_TRUE(h.projects().opened().empty());
    // Without credentials, and with a config that does not load: quiet.
    ::unsetenv("DESCOPE_PROD_MANAGEMENT_KEY");
    EXPECT_EQ(h.run({"__complete", "environments"}).out, "dev\nprod\n");
    test::write_text(h.config_path(), "version: 1\nenvironments: [\n");
    const CliResult broken = h.run({"__complete", "environments"});
    EXPECT_EQ(broken.exit_code, 0);
    EXPECT_EQ(broken.out, "");
    EXPECT_EQ(broken.err, "");
}

TEST(CliCompletion, TheHiddenCommandIsNotOffered) {
    CliHarness h;
    EXPECT_FALSE(contains(h.run({"help"}).out, "__complete"));
    const CliResult r = h.run({"completon"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, "did you mean 'completion'?")) << r.err;
}

}  // namespace completion_test
}  // namespace descope_mgmt::cli_test
