// Issue 15: `init` writes a starter config that validates and plans as written, the schema file
// its first line names and the .gitignore entry; it never replaces a config without --force.
// A missing config says to run init (or export-config).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "cli_harness.hpp"
#include "config/definitions.hpp"
#include "support/files.hpp"

namespace descope_mgmt::cli_test {
namespace init_test {

namespace fs = std::filesystem;

/// Sets the credentials of the starter's five environments for the test's lifetime (the
/// harness sets dev's and prod's itself).
class StarterCredentials {
  public:
    StarterCredentials() {
        for (const char* env : {"TEST", "DEVTEST", "STAGING"}) {
            std::string id = std::string("P2initunit") + env;
            id.resize(28, '0');
            set(std::string("DESCOPE_") + env + "_PROJECT_ID", id);
            set(std::string("DESCOPE_") + env + "_MANAGEMENT_KEY",
                std::string("K2initsecret") + env);
        }
    }
    ~StarterCredentials() {
        for (const auto& [name, old] : m_saved) {
            if (old.empty())
                ::unsetenv(name.c_str());
            else
                ::setenv(name.c_str(), old.c_str(), 1);
        }
    }
    StarterCredentials(const StarterCredentials&) = delete;
    StarterCredentials& operator=(const StarterCredentials&) = delete;

  private:
    void set(const std::string& name, const std::string& value) {
        const char* old = std::getenv(name.c_str());
        m_saved[name] = old != nullptr ? old : "";
        ::setenv(name.c_str(), value.c_str(), 1);
    }
    std::map<std::string, std::string> m_saved;
};

/// A harness whose folder has no config yet.
struct EmptyFolder {
    CliHarness h;
    EmptyFolder() { fs::remove(h.config_path()); }
};

std::size_t init_test_count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++n;
    return n;
}

TEST(CliInit, WritesACommentedStarterWithTheSchemaAndTheGitignoreEntry) {
    EmptyFolder f;
    const CliResult r = f.h.run({"init"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string yaml = test::read_text(f.h.config_path());
    EXPECT_EQ(yaml.rfind("# yaml-language-server: $schema=./descope-mgmt.schema.json\n", 0), 0u)
        << yaml;
    for (const char* env : {"test", "devtest", "dev", "staging", "prod"})
        EXPECT_TRUE(contains(yaml, std::string("\n  ") + env + ":\n")) << env;
    for (const char* part :
         {"project_id: ${DESCOPE_TEST_PROJECT_ID}",
          "management_key: ${DESCOPE_TEST_MANAGEMENT_KEY}",
          "management_key: ${DESCOPE_PROD_MANAGEMENT_KEY}", "protected: true",
          "# project_name: My App", "permissions:\n  - name:", "roles:\n  - name:",
          "tenants:\n  - id:", "custom_attributes:", "session_settings:", "# flows:", "# theme:"})
        EXPECT_TRUE(contains(yaml, part)) << part << "\n" << yaml;
    EXPECT_EQ(init_test_count(yaml, "protected: true"), 1u) << "only prod is protected";
    EXPECT_EQ(test::read_text(f.h.dir() / "descope-mgmt.schema.json"), config::json_schema());
    EXPECT_EQ(test::read_text(f.h.dir() / ".gitignore"),
              "# descope-mgmt: automatic backups and state (whole tenants); keep them out of git\n"
              ".descope-mgmt/\n");
    // What it wrote, and what to do next.
    EXPECT_TRUE(contains(r.out, "created " + f.h.config_path() + " (the config)")) << r.out;
    EXPECT_TRUE(contains(r.out, "descope-mgmt.schema.json")) << r.out;
    EXPECT_TRUE(contains(r.out, ".gitignore")) << r.out;
    for (const char* next :
         {"export DESCOPE_STAGING_PROJECT_ID=P2... DESCOPE_STAGING_MANAGEMENT_KEY", "validate",
          "plan", "apply -e test"})
        EXPECT_TRUE(contains(r.out, next)) << next << "\n" << r.out;
}

TEST(CliInit, TheStarterValidatesAsWrittenAndPlansOnceTheVariablesAreSet) {
    EmptyFolder f;
    ASSERT_EQ(f.h.run({"init"}).exit_code, 0);
    // test, devtest and staging have no credentials yet: warnings, not errors.
    const CliResult validate = f.h.run({"validate"});
    EXPECT_EQ(validate.exit_code, 0) << validate.err;
    EXPECT_TRUE(contains(validate.err, "DESCOPE_TEST_PROJECT_ID")) << validate.err;
    EXPECT_FALSE(contains(validate.err, "error:")) << validate.err;

    StarterCredentials credentials;
    const CliResult strict = f.h.run({"validate", "--strict"});
    EXPECT_EQ(strict.exit_code, 0) << strict.err;
    const CliResult plan = f.h.run({"plan", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 2) << plan.out << plan.err;
    const auto& opened = f.h.projects().opened();
    for (const char* env : {"test", "devtest", "dev", "staging", "prod"})
        EXPECT_NE(std::find(opened.begin(), opened.end(), env), opened.end()) << env;
    EXPECT_TRUE(contains(plan.out, "+ tenant example")) << plan.out;
    EXPECT_TRUE(contains(plan.out, "+ role viewer")) << plan.out;
    EXPECT_TRUE(contains(plan.out, "+ permission projects.read")) << plan.out;
    const CliResult apply = f.h.run({"apply", "--auto-approve"});
    EXPECT_EQ(apply.exit_code, 0) << apply.out << apply.err;
    const CliResult again = f.h.run({"plan", "--detailed-exitcode"});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
}

TEST(CliInit, RefusesToReplaceAConfigWithoutForceAndWritesNothing) {
    CliHarness h;  // its folder has a config already
    const std::string before = test::read_text(h.config_path());
    const CliResult r = h.run({"init"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, h.config_path() + " exists; nothing was written")) << r.err;
    EXPECT_TRUE(contains(r.err, "--force")) << r.err;
    EXPECT_EQ(test::read_text(h.config_path()), before);
    EXPECT_FALSE(fs::exists(h.dir() / ".gitignore"));
    EXPECT_FALSE(fs::exists(h.dir() / "descope-mgmt.schema.json"));

    const CliResult forced = h.run({"init", "--force"});
    EXPECT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_TRUE(contains(test::read_text(h.config_path()), "tenants:\n  - id: example"));
    EXPECT_TRUE(contains(forced.out, "updated " + h.config_path())) << forced.out;
}

TEST(CliInit, AddsTheGitignoreEntryOnceAndKeepsWhatWasThere) {
    EmptyFolder f;
    test::write_text(f.h.dir() / ".gitignore", "build/");  // no final newline
    ASSERT_EQ(f.h.run({"init"}).exit_code, 0);
    const std::string once = test::read_text(f.h.dir() / ".gitignore");
    EXPECT_EQ(once.rfind("build/\n# descope-mgmt:", 0), 0u) << once;
    EXPECT_EQ(init_test_count(once, ".descope-mgmt/"), 1u) << once;
    const CliResult again = f.h.run({"init", "--force"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(test::read_text(f.h.dir() / ".gitignore"), once);
    EXPECT_TRUE(contains(again.out, "unchanged " + (f.h.dir() / ".gitignore").string()))
        << again.out;

    // Another spelling of the same entry counts too.
    EmptyFolder g;
    test::write_text(g.h.dir() / ".gitignore", "/.descope-mgmt\n");
    ASSERT_EQ(g.h.run({"init"}).exit_code, 0);
    EXPECT_EQ(test::read_text(g.h.dir() / ".gitignore"), "/.descope-mgmt\n");
}

TEST(CliInit, WritesWhereMinusCSaysMakingTheFolder) {
    EmptyFolder f;
    const std::string nested = (f.h.dir() / "infra" / "descope.yaml").string();
    const CliResult r = f.h.run_without_config({"-c", nested, "init"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(nested));
    EXPECT_TRUE(fs::exists(f.h.dir() / "infra" / ".gitignore"));
    EXPECT_TRUE(fs::exists(f.h.dir() / "infra" / "descope-mgmt.schema.json"));
    EXPECT_TRUE(contains(r.out, "descope-mgmt -c " + nested + " validate")) << r.out;
}

TEST(CliInit, DryRunWritesNothingAndSaysWhatItWould) {
    EmptyFolder f;
    const CliResult r = f.h.run({"init", "--dry-run"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(fs::exists(f.h.config_path()));
    EXPECT_FALSE(fs::exists(f.h.dir() / ".gitignore"));
    EXPECT_FALSE(fs::exists(f.h.dir() / "descope-mgmt.schema.json"));
    EXPECT_TRUE(contains(r.out, "would create " + f.h.config_path() + " (the config)")) << r.out;
    EXPECT_TRUE(contains(r.out, "--dry-run: nothing was written")) << r.out;

    ASSERT_EQ(f.h.run({"init"}).exit_code, 0);
    const CliResult again = f.h.run({"init", "--force", "--dry-run"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(contains(again.out, "unchanged " + f.h.config_path())) << again.out;
}

TEST(CliInit, JsonListsTheFilesAndTheNextCommands) {
    EmptyFolder f;
    const CliResult r = f.h.run({"-o", "json", "init"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto doc = r.json();
    EXPECT_EQ(doc["command"], "init");
    ASSERT_EQ(doc["files"].size(), 3u) << doc.dump(2);
    EXPECT_EQ(doc["files"][0]["path"], f.h.config_path());
    EXPECT_EQ(doc["files"][0]["outcome"], "created");
    EXPECT_EQ(doc["environments"].size(), 5u);
    EXPECT_EQ(doc["variables"][0], "DESCOPE_TEST_PROJECT_ID");
    EXPECT_FALSE(doc["next"].empty());
}

TEST(CliInit, AMissingConfigSaysToRunInitOrExportConfig) {
    EmptyFolder f;
    for (const std::vector<std::string>& command :
         std::vector<std::vector<std::string>>{{"plan"}, {"validate"}, {"doctor"}, {"backup"}}) {
        const CliResult r = f.h.run(command);
        EXPECT_EQ(r.exit_code, 1) << command[0];
        EXPECT_TRUE(contains(r.err, "no config file: " + f.h.config_path() +
                                        " not found (-c, DESCOPE_MGMT_CONFIG); run "
                                        "`descope-mgmt init` to start one"))
            << command[0] << ": " << r.err;
        EXPECT_TRUE(contains(r.err,
                             "`descope-mgmt init --from-live -e ENV ...` to adopt existing "
                             "projects (as `export-config --dir DIR` does"))
            << command[0] << ": " << r.err;
    }
    // One line, not a diagnostic block about a file that is not there.
    const CliResult plan = f.h.run({"plan"});
    EXPECT_FALSE(contains(plan.err, "see above")) << plan.err;
    EXPECT_EQ(plan.err.find('\n'), plan.err.size() - 1) << plan.err;
}

}  // namespace init_test
}  // namespace descope_mgmt::cli_test
