// Every help page of the real binary, golden-tested (tests/golden/help/; UPDATE_GOLDEN=1
// rewrites them): a change to any --help shows in review. The pages are found by walking the
// "Subcommands:" sections from the top level, so a new command gets its golden file.

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "support/golden.hpp"
#include "support/process.hpp"

namespace descope_mgmt::test {
namespace {

ProcessResult help_e2e_run(std::vector<std::string> args) {
    args.insert(args.begin(), DM_MGMT_BINARY);
    ProcessOptions options;
    options.unset_env = {"DESCOPE_MGMT_CONFIG", "NO_COLOR"};
    return run_process(args, options);
}

/// The names listed under "Subcommands:" in a help page.
std::vector<std::string> help_e2e_subcommands(const std::string& page) {
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

/// Every command path: {} (the top level), {"plan"}, {"tenant", "show"}, ...
void help_e2e_walk(const std::vector<std::string>& path,
                   std::vector<std::vector<std::string>>& out) {
    out.push_back(path);
    std::vector<std::string> args = path;
    args.push_back("--help");
    for (const std::string& name : help_e2e_subcommands(help_e2e_run(args).out)) {
        std::vector<std::string> sub = path;
        sub.push_back(name);
        help_e2e_walk(sub, out);
    }
}

std::string help_e2e_name(const std::vector<std::string>& path) {
    std::string name = "descope-mgmt";
    for (const auto& word : path)
        name += "_" + word;
    return name + ".txt";
}

std::vector<std::vector<std::string>> help_e2e_paths() {
    std::vector<std::vector<std::string>> paths;
    help_e2e_walk({}, paths);
    return paths;
}

TEST(HelpE2e, EveryHelpPageMatchesItsGoldenFile) {
    const auto paths = help_e2e_paths();
    EXPECT_GT(paths.size(), 20u);
    for (const auto& path : paths) {
        std::vector<std::string> args = path;
        args.push_back("--help");
        const ProcessResult r = help_e2e_run(args);
        EXPECT_EQ(r.exit_code, 0) << help_e2e_name(path) << "\n" << r.err;
        EXPECT_EQ(r.err, "") << help_e2e_name(path);
        expect_golden("help", help_e2e_name(path), r.out);
    }
}

TEST(HelpE2e, HelpCommandPrintsTheSamePageAsDashDashHelp) {
    for (const auto& path : help_e2e_paths()) {
        std::vector<std::string> dashed = path;
        dashed.push_back("--help");
        std::vector<std::string> help = path;
        help.insert(help.begin(), "help");
        const ProcessResult by_command = help_e2e_run(help);
        EXPECT_EQ(by_command.exit_code, 0) << help_e2e_name(path) << "\n" << by_command.err;
        EXPECT_EQ(by_command.out, help_e2e_run(dashed).out) << help_e2e_name(path);
    }
}

TEST(HelpE2e, EveryPageButTheTopHasGlobalOptionsAndItsOwnExamples) {
    const std::string top = help_e2e_run({"--help"}).out;
    const std::string top_examples = top.substr(top.find("Examples:"));
    for (const auto& path : help_e2e_paths()) {
        if (path.empty()) continue;
        std::vector<std::string> args = path;
        args.push_back("--help");
        const std::string page = help_e2e_run(args).out;
        EXPECT_NE(page.find("\nGlobal options:\n"), std::string::npos) << help_e2e_name(path);
        EXPECT_NE(page.find("-c,--config FILE"), std::string::npos) << help_e2e_name(path);
        EXPECT_NE(page.find("--dry-run"), std::string::npos) << help_e2e_name(path);
        EXPECT_NE(page.find("Example"), std::string::npos) << help_e2e_name(path);
        EXPECT_EQ(page.find(top_examples), std::string::npos) << help_e2e_name(path);
    }
}

TEST(HelpE2e, RestoreMarksEnvAsRequired) {
    const std::string page = help_e2e_run({"restore", "--help"}).out;
    EXPECT_NE(page.find("REQUIRED (unless the config has one environment)"), std::string::npos)
        << page;
}

TEST(HelpE2e, TargetHelpListsEveryForm) {
    const std::string page = help_e2e_run({"plan", "--help"}).out;
    for (const char* form :
         {"tenant:ID", "tenant_settings:ID", "tenant_default_roles:ID", "role:NAME",
          "role:TENANT/NAME", "permission:NAME", "flow:ID", "theme", "project"})
        EXPECT_NE(page.find(form), std::string::npos) << form << "\n" << page;
}

TEST(HelpE2e, AMistypedSubcommandIsSuggestedWithExitOne) {
    const ProcessResult r = help_e2e_run({"tenant", "lst"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("unknown command 'lst' for 'tenant': did you mean 'list'?"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace descope_mgmt::test
