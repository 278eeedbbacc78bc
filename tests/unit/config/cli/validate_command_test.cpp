// The `validate` and `schema` commands, through the real binary: exit codes, where output goes,
// text and JSON shapes. The process environment is emptied (env -i) so results do not depend on
// the developer's shell.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

namespace {

namespace fs = std::filesystem;

struct Outcome {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class ValidateCommand : public ::testing::Test {
  protected:
    void SetUp() override {
        std::random_device rd;
        m_dir = fs::temp_directory_path() / ("dm-validate-cli-" + std::to_string(rd()));
        fs::create_directories(m_dir);
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }

    /// Runs descope-mgmt with `args` (already shell-quoted) and `env` ("A=1 B=2").
    Outcome run(const std::string& args, const std::string& env = "") {
        const fs::path out = m_dir / "stdout";
        const fs::path err = m_dir / "stderr";
        const std::string cmd = "cd '" + std::string(DM_SOURCE_DIR) +
                                "' && env -i PATH=/usr/bin:/bin " + env + " '" + DM_MGMT_BINARY +
                                "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
        const int status = std::system(cmd.c_str());
        Outcome r;
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        r.out = slurp(out);
        r.err = slurp(err);
        return r;
    }

    fs::path write(const std::string& name, const std::string& text) {
        std::ofstream(m_dir / name, std::ios::binary) << text;
        return m_dir / name;
    }

    fs::path m_dir;
};

TEST_F(ValidateCommand, ExampleIsValidWithWarningsForUnsetCredentials) {
    const Outcome r = run("-c examples/descope.yaml validate");
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
    const Outcome r = run("-c examples/descope.yaml -q validate");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
}

TEST_F(ValidateCommand, ConfigFromEnvironmentVariable) {
    const Outcome r = run("validate", "DESCOPE_MGMT_CONFIG=examples/descope.yaml");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("examples/descope.yaml: valid:", 0), 0u) << r.out;
}

TEST_F(ValidateCommand, SelectedEnvironmentNeedsItsCredentials) {
    const Outcome missing = run("-c examples/descope.yaml validate -e prod");
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("examples/descope.yaml:27:17: error: environment 'prod': "),
              std::string::npos)
        << missing.err;
    EXPECT_NE(missing.err.find("1 error, 0 warnings"), std::string::npos) << missing.err;
    const Outcome set = run("-c examples/descope.yaml validate -e prod",
                            "DESCOPE_PROD_PROJECT_ID=P2abcdefghijklmnopqrstuvwxyz "
                            "DESCOPE_PROD_MANAGEMENT_KEY=K2key");
    EXPECT_EQ(set.exit_code, 0) << set.err;
    const Outcome unknown = run("-c examples/descope.yaml validate -e prd");
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("error: unknown environment 'prd' (from --env)\n  note: did you "
                               "mean 'prod'?"),
              std::string::npos)
        << unknown.err;
}

TEST_F(ValidateCommand, StrictTurnsWarningsIntoErrors) {
    const Outcome r = run("-c examples/descope.yaml validate --strict");
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
    const Outcome r = run("-c '" + config.string() + "' validate");
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
    const Outcome r = run("-c '" + config.string() + "' --output json validate");
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

TEST_F(ValidateCommand, MissingConfigFile) {
    const Outcome r = run("-c nowhere.yaml validate");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("nowhere.yaml: error: config file not found"), std::string::npos) << r.err;
}

TEST_F(ValidateCommand, HelpTeachesWithExamples) {
    const Outcome r = run("validate --help");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Examples:\n  descope-mgmt validate "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("--strict"), std::string::npos);
}

TEST_F(ValidateCommand, SchemaPrintsTheJsonSchema) {
    const Outcome r = run("schema");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["$schema"], "https://json-schema.org/draft/2020-12/schema");
    EXPECT_EQ(r.out, slurp(fs::path(DM_SOURCE_DIR) / "docs/descope-mgmt.schema.json"));
}

}  // namespace
