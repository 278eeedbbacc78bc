// --target accepts every address `plan -o json` prints (issue 13), and parse errors name the
// command they are about, with "did you mean", at every level.

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "cli_harness.hpp"

namespace descope_mgmt::cli_test {
namespace {

/// (environment, address) of every change of a `plan -o json` document.
std::set<std::pair<std::string, std::string>> help_target_addresses(const nlohmann::json& doc) {
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& env : doc["environments"])
        for (const auto& change : env["changes"])
            out.insert({env["name"].get<std::string>(), change["address"].get<std::string>()});
    return out;
}

TEST(HelpTarget, EveryAddressThePlanPrintsIsAcceptedByTargetAndSelectsThatChange) {
    CliHarness fresh;
    const nlohmann::json all = fresh.run({"-o", "json", "plan"}).json();
    const auto addresses = help_target_addresses(all);
    std::set<std::string> types;
    for (const auto& [env, address] : addresses)
        types.insert(address.substr(0, address.find(':')));
    for (const char* type : {"tenant", "role", "permission", "flow", "theme"})
        EXPECT_TRUE(types.count(type)) << type << " missing from\n" << all.dump(2);
    for (const auto& [env, address] : addresses) {
        const CliResult r = fresh.run({"-o", "json", "-e", env, "plan", "--target", address});
        EXPECT_EQ(r.exit_code, 0) << address << "\n" << r.err;
        const auto selected = help_target_addresses(r.json());
        EXPECT_TRUE(selected.count({env, address})) << address << "\n" << r.out;
    }
}

TEST(HelpTarget, TenantSettingsAndSingletonAddressesAreAccepted) {
    CliHarness h;
    for (const char* address :
         {"tenant_settings:acme", "tenant_default_roles:acme", "theme:theme", "theme"}) {
        const CliResult r = h.run({"-e", "dev", "plan", "--target", address});
        EXPECT_EQ(r.exit_code, 0) << address << "\n" << r.err;
    }
    const CliResult typo = h.run({"-e", "dev", "plan", "--target", "tenant_setings:acme"});
    EXPECT_EQ(typo.exit_code, 1);
    EXPECT_TRUE(contains(typo.err, "did you mean 'tenant_settings'")) << typo.err;
}

TEST(HelpTarget, ParseErrorsNameTheCommandAndSuggestAtEveryLevel) {
    CliHarness h;
    const CliResult sub = h.run({"tenant", "lst"});
    EXPECT_EQ(sub.exit_code, 1);
    EXPECT_TRUE(contains(sub.err, "unknown command 'lst' for 'tenant': did you mean 'list'?"))
        << sub.err;
    EXPECT_TRUE(contains(sub.err, "run 'descope-mgmt tenant --help'")) << sub.err;
    const CliResult top = h.run({"pln"});
    EXPECT_EQ(top.exit_code, 1);
    EXPECT_TRUE(contains(top.err, "unknown command 'pln': did you mean 'plan'?")) << top.err;
    const CliResult flag = h.run({"plan", "--tagret", "tenant:acme"});
    EXPECT_EQ(flag.exit_code, 1);
    EXPECT_TRUE(
        contains(flag.err, "unknown option '--tagret' for 'plan': did you mean '--target'?"))
        << flag.err;
    const CliResult bare = h.run({"role"});
    EXPECT_EQ(bare.exit_code, 1);
    EXPECT_TRUE(contains(bare.err, "'role' needs a command: list")) << bare.err;
    const CliResult help = h.run({"help", "tenant", "shw"});
    EXPECT_EQ(help.exit_code, 1);
    EXPECT_TRUE(contains(help.err, "unknown command 'shw' for 'tenant': did you mean 'show'?"))
        << help.err;
}

TEST(HelpTarget, RestoreWithoutOneEnvironmentSaysEnvIsRequired) {
    CliHarness h;
    const CliResult r = h.run({"restore", "backup.json", "--yes"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, "choose one with -e NAME (required for restore)")) << r.err;
}

}  // namespace
}  // namespace descope_mgmt::cli_test
