// The `validate` and `schema` commands, through the real binary: exit codes, where output goes,
// text and JSON shapes. The child starts from an empty environment (PATH only) so results do not
// depend on the developer's shell.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/files.hpp"
#include "support/process.hpp"

namespace descope_mgmt::test {
namespace {

namespace fs = std::filesystem;

class ValidateCommand : public ::testing::Test {
  protected:
    /// Runs descope-mgmt in the source folder with `args` and only PATH plus `env` set.
    ProcessResult run(const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env = {}) {
        std::vector<std::string> argv = {DM_MGMT_BINARY};
        argv.insert(argv.end(), args.begin(), args.end());
        ProcessOptions options;
        options.inherit_env = false;
        options.env = env;
        options.env["PATH"] = "/usr/bin:/bin";
        options.cwd = DM_SOURCE_DIR;
        return run_process(argv, options);
    }

    fs::path write(const std::string& name, const std::string& text) {
        return m_dir.write(name, text);
    }

    TempDir m_dir{"dm-validate-cli"};
};

TEST_F(ValidateCommand, ExampleIsValidWithWarningsForUnsetCredentials) {
    const ProcessResult r = run({"-c", "examples/descope.yaml", "validate"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out,
              "examples/descope.yaml: valid: 5 environments (test, devtest, dev, staging, prod), "
              "6 permissions, 6 roles, 5 tenants, 2 flows, a theme\n");
    EXPECT_NE(r.err.find("examples/descope.yaml:18:3: warning: environment 'test': environment "
                         "variables DESCOPE_TEST_PROJECT_ID and DESCOPE_TEST_MANAGEMENT_KEY are "
                         "not set\n"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("0 errors, 5 warnings\n"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("\033["), std::string::npos);  // not a terminal: no colour
}

TEST_F(ValidateCommand, QuietPrintsNothingOnSuccess) {
    const ProcessResult r = run({"-c", "examples/descope.yaml", "-q", "validate"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
}

TEST_F(ValidateCommand, ConfigFromEnvironmentVariable) {
    const ProcessResult r = run({"validate"}, {{"DESCOPE_MGMT_CONFIG", "examples/descope.yaml"}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("examples/descope.yaml: valid:", 0), 0u) << r.out;
}

TEST_F(ValidateCommand, SelectedEnvironmentNeedsItsCredentials) {
    const ProcessResult missing = run({"-c", "examples/descope.yaml", "validate", "-e", "prod"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("examples/descope.yaml:27:17: error: environment 'prod': "),
              std::string::npos)
        << missing.err;
    EXPECT_NE(missing.err.find("1 error, 0 warnings"), std::string::npos) << missing.err;
    const ProcessResult set = run({"-c", "examples/descope.yaml", "validate", "-e", "prod"},
                                  {{"DESCOPE_PROD_PROJECT_ID", "P2abcdefghijklmnopqrstuvwxyz"},
                                   {"DESCOPE_PROD_MANAGEMENT_KEY", "K2key"}});
    EXPECT_EQ(set.exit_code, 0) << set.err;
    const ProcessResult unknown = run({"-c", "examples/descope.yaml", "validate", "-e", "prd"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("error: unknown environment 'prd' (from --env)\n  note: did you "
                               "mean 'prod'?"),
              std::string::npos)
        << unknown.err;
}

TEST_F(ValidateCommand, StrictTurnsWarningsIntoErrors) {
    const ProcessResult r = run({"-c", "examples/descope.yaml", "validate", "--strict"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("5 errors, 0 warnings"), std::string::npos) << r.err;
}

const char* const kBroken = R"(version: 1
environments:
  dev:
    management_key: K2thisIsALiteralKey
tenants:
  - id: acme
    nmae: Acme
    self_provisioning_domains: [Acme.com]
roles:
  - name: admin
    permissions: [missing.permission]
)";

TEST_F(ValidateCommand, BrokenConfigListsEveryErrorWithItsLocation) {
    const fs::path config = write("descope.yaml", kBroken);
    const ProcessResult r = run({"-c", config.string(), "validate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    const std::string f = config.string();
    for (const std::string& expected :
         {f + ":6:5: error: missing required key 'name' in a tenant\n",
          f + ":7:5: error: unknown key 'nmae' in a tenant\n      nmae: Acme\n      ^\n  note: "
              "did you mean 'name'?\n",
          f + ":8:33: error: invalid domain 'Acme.com' in 'self_provisioning_domains': write "
              "domains in lower case\n",
          f + ":11:19: error: role 'admin' uses undeclared permission 'missing.permission'\n",
          std::string("4 errors, 2 warnings\n")})
        EXPECT_NE(r.err.find(expected), std::string::npos) << expected << "\n---\n" << r.err;
    EXPECT_EQ(r.err.find("K2thisIsALiteralKey"), std::string::npos) << r.err;
}

TEST_F(ValidateCommand, JsonOutputIsOneDocumentOnStdout) {
    const fs::path config = write("descope.yaml", kBroken);
    const ProcessResult r = run({"-c", config.string(), "--output", "json", "validate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "");
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["format_version"], 1);
    EXPECT_EQ(doc["valid"], false);
    EXPECT_EQ(doc["error_count"], 4);
    EXPECT_EQ(doc["warning_count"], 2);
    EXPECT_TRUE(doc["summary"].is_null());
    bool found = false;
    for (const auto& d : doc["diagnostics"]) {
        if (d["message"] == "unknown key 'nmae' in a tenant") {
            found = true;
            EXPECT_EQ(d["severity"], "error");
            EXPECT_EQ(d["file"], config.string());
            EXPECT_EQ(d["line"], 7);
            EXPECT_EQ(d["column"], 5);
            EXPECT_EQ(d["notes"], nlohmann::json::array({"did you mean 'name'?"}));
        }
    }
    EXPECT_TRUE(found) << r.out;
    EXPECT_EQ(r.out.find("K2thisIsALiteralKey"), std::string::npos);
}

TEST_F(ValidateCommand, EveryCommandThatFailsWithJsonOutputPrintsOneErrorDocument) {
    // Before: these printed nothing on stdout, so `descope-mgmt -o json ... | jq` saw no input.
    const std::vector<std::vector<std::string>> commands = {
        {"plan"},         {"apply", "--auto-approve"},    {"drift"}, {"tenant", "list"}, {"backup"},
        {"flow", "list"}, {"export-config", "--dir", "x"}};
    for (const auto& command : commands) {
        std::vector<std::string> args = {"-c", "nowhere.yaml", "-o", "json"};
        args.insert(args.end(), command.begin(), command.end());
        const ProcessResult r = run(args);
        EXPECT_EQ(r.exit_code, 1) << command[0];
        const auto doc = nlohmann::json::parse(r.out, nullptr, false);
        ASSERT_TRUE(doc.is_object()) << command[0] << ": " << r.out;
        EXPECT_EQ(doc["format_version"], 1);
        EXPECT_EQ(doc["ok"], false);
        EXPECT_EQ(doc["exit_code"], 1);
        EXPECT_EQ(doc["command"], command[0] == "tenant" || command[0] == "flow"
                                      ? command[0] + " " + command[1]
                                      : command[0]);
        ASSERT_FALSE(doc["errors"].empty());
        EXPECT_EQ(
            doc["errors"][0],
            "no config file: ./nowhere.yaml not found (-c, DESCOPE_MGMT_CONFIG); run "
            "`descope-mgmt init` to start one, or `descope-mgmt init --from-live -e ENV ...` to "
            "adopt existing projects (as `export-config --dir DIR` does from a config)")
            << r.out;
    }
    // A command that prints its own document on failure keeps it (validate's diagnostics).
    const ProcessResult v = run({"-c", "nowhere.yaml", "-o", "json", "validate"});
    EXPECT_EQ(nlohmann::json::parse(v.out)["valid"], false);
}

TEST_F(ValidateCommand, MissingConfigFile) {
    const ProcessResult r = run({"-c", "nowhere.yaml", "validate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("nowhere.yaml: error: no config file: ./nowhere.yaml not found (-c, "
                         "DESCOPE_MGMT_CONFIG); run `descope-mgmt init` to start one"),
              std::string::npos)
        << r.err;
}

TEST_F(ValidateCommand, HelpTeachesWithExamples) {
    const ProcessResult r = run({"validate", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Examples:\n  descope-mgmt validate "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("--strict"), std::string::npos);
}

TEST_F(ValidateCommand, SchemaPrintsTheJsonSchema) {
    const ProcessResult r = run({"schema"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["$schema"], "https://json-schema.org/draft/2020-12/schema");
    EXPECT_EQ(r.out, read_text(fs::path(DM_SOURCE_DIR) / "docs/descope-mgmt.schema.json"));
}

}  // namespace
}  // namespace descope_mgmt::test
