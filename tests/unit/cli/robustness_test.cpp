// Issue 12 (robustness), run in-process on fake projects (cli_harness.hpp):
//   finding 5   a management key written in the config is never printed, however malformed
//               the file, in text or in JSON;
//   finding 16  flow and theme files stay in the config's folder unless the config allows
//               otherwise, and Descope's length limits are checked by validate;
//   "Text"      names and messages from a config or a server reach the terminal escaped, and
//               long server messages are cut.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_harness.hpp"

namespace descope_mgmt::cli_test {
namespace robustness {

namespace fs = std::filesystem;

/// A management key of the real shape ('K', a digit, letters and digits), and a secret of no
/// particular shape, which only its key's name can betray.
constexpr const char* kKeyShaped = "K2Xq7RtLmN4pZs9VbC3dWf6Hj8KyRobust";
constexpr const char* kShapeless = "zq-Shapeless-Secret-Value-77";

struct LeakCase {
    const char* name;
    const char* environments;  // the config's environments block; KEY stands for the secret
    bool name_reveals_it;      // the secret is under a key whose name says so
};

std::string with_key(std::string text, const std::string& key) {
    for (auto pos = text.find("KEY"); pos != std::string::npos; pos = text.find("KEY", pos))
        text.replace(pos, 3, key);
    return text;
}

// The eight cases of finding 5 first, then more of the same kind.
const LeakCase kLeakCases[] = {
    {"SyntaxErrorOnTheKeyLine", "  dev:\n    management_key: KEY: oops\n", true},
    {"DuplicateKey",
     "  dev:\n    management_key: ${DESCOPE_DEV_MANAGEMENT_KEY}\n    management_key: KEY\n", true},
    {"KeyAsAList", "  dev:\n    management_key: [KEY]\n", true},
    {"KeyAsABlockList", "  dev:\n    management_key:\n    - KEY\n", true},
    {"MisspeltName", "  dev:\n    managment_key: KEY\n", true},
    {"KeyPastedIntoProjectId", "  dev:\n    project_id: KEY\n", false},
    {"UnclosedQuote", "  dev:\n    management_key: \"KEY\n  prod: {}\n", true},
    {"KeyAsAMapping", "  dev:\n    management_key:\n      value: KEY\n", true},
    {"FlowMappingBesideAnUnknownKey", "  dev: {management_key: KEY, protcted: true}\n", true},
    {"MisspeltWithoutTheWordKey", "  dev:\n    managment_kye: KEY\n", true},
    {"BlockScalar", "  dev:\n    management_key: |\n      KEY\n", true},
    {"InvalidUtf8OnTheKeyLine", "  dev:\n    management_key: KEY \xE9\n", true},
    {"KeyAtTheTopLevel", "  dev: {}\nmanagement_key: KEY\n", true},
    {"NumberAsKey", "  dev:\n    management_key: 12345678901234567890\n", true},
};

class KeyNeverPrinted : public ::testing::TestWithParam<LeakCase> {};

TEST_P(KeyNeverPrinted, InTextOrJsonWhateverTheError) {
    const LeakCase& c = GetParam();
    std::vector<std::string> secrets = {kKeyShaped};
    if (c.name_reveals_it) secrets.push_back(kShapeless);
    if (std::string(c.environments).find("KEY") == std::string::npos)
        secrets = {"12345678901234567890"};
    for (const std::string& secret : secrets) {
        CliHarness h("version: 1\nenvironments:\n" + with_key(c.environments, secret));
        const CliResult text = h.run({"validate"});
        // Each case is reported (most as errors; a block scalar is a valid key, so a warning).
        EXPECT_TRUE(contains(text.err, "error:") || contains(text.err,
                                                             "warning: the management "
                                                             "key of environment"))
            << text.err;
        EXPECT_FALSE(contains(text.out + text.err, secret)) << text.out << text.err;
        const CliResult json = h.run({"-o", "json", "validate"});
        EXPECT_EQ(json.exit_code, text.exit_code) << json.out;
        EXPECT_FALSE(json.json()["diagnostics"].empty()) << json.out;
        EXPECT_FALSE(contains(json.out + json.err, secret)) << json.out << json.err;
        // Every other command stops at the same config, and says no more.
        const CliResult plan = h.run({"plan"});
        EXPECT_FALSE(contains(plan.out + plan.err, secret)) << plan.out << plan.err;
    }
}

INSTANTIATE_TEST_SUITE_P(Finding5, KeyNeverPrinted, ::testing::ValuesIn(kLeakCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(KeyMasking, ExcerptsStillShowWhatIsWrong) {
    CliHarness h(std::string("version: 1\nenvironments:\n  dev: {management_key: ") + kKeyShaped +
                 ", protcted: true}\n  prod: {project_id: " + kKeyShaped + "}\n");
    const CliResult r = h.run({"validate"});
    EXPECT_EQ(r.exit_code, 1);
    // The masked value keeps its width, so the caret still points at the unknown key.
    const std::string stars(std::string(kKeyShaped).size(), '*');
    const std::string line = "  dev: {management_key: " + stars + ", protcted: true}";
    EXPECT_TRUE(contains(r.err, "error: unknown key 'protcted' in an environment\n  " + line +
                                    "\n" + std::string(2 + line.find("protcted"), ' ') + "^\n"))
        << r.err;
    EXPECT_TRUE(contains(r.err, "invalid project id '" + stars +
                                    "' for 'project_id': this looks like a management key"))
        << r.err;
    // A ${VAR} reference is not a secret: it stays readable.
    CliHarness refs("version: 1\nenvironments:\n  dev:\n    management_key: ${UNSET_KEY_VAR}\n");
    const CliResult w = refs.run({"validate", "--strict"});
    EXPECT_TRUE(contains(w.err, "management_key: ${UNSET_KEY_VAR}\n")) << w.err;
}

// --- Finding 16: files outside the config's folder ---

constexpr const char* kTargetFirstLine = "FIRST LINE OF A FILE OUTSIDE {";

class FilesOutside : public ::testing::Test {
  protected:
    void SetUp() override {
        m_outside.write("secret.json", std::string(kTargetFirstLine) + "\n");
        m_outside.write("flow.json", R"({"flow": {"id": "sign-in"}, "screens": []})");
    }

    std::string config(const std::string& file, const std::string& defaults = "") const {
        return "version: 1\n" + defaults + "environments:\n  dev: {}\n  prod: {}\nflows:\n" +
               "  - id: sign-in\n    file: " + file + "\n";
    }
    test::TempDir m_outside{"dm-outside"};
};

TEST_F(FilesOutside, DotDotAbsoluteAndSymlinkedPathsAreLocatedErrors) {
    for (const std::string kind : {"dotdot", "absolute", "symlink"}) {
        CliHarness h(kConfig);
        std::string file = (m_outside.path() / "secret.json").string();
        if (kind == "dotdot")
            file = (fs::relative(m_outside.path(), h.dir()) / "secret.json").string();
        if (kind == "symlink") {
            fs::create_symlink(m_outside.path() / "secret.json", h.dir() / "flows" / "link.json");
            file = "flows/link.json";
        }
        test::write_text(h.dir() / "descope.yaml", config(file));
        const CliResult r = h.run({"validate"});
        EXPECT_EQ(r.exit_code, 1) << kind;
        EXPECT_TRUE(contains(r.err, h.config_path() + ":7:11: error: flow file '" + file +
                                        "' is outside the config file's folder\n"))
            << kind << "\n"
            << r.err;
        EXPECT_TRUE(contains(
            r.err, "note: it leads to " + fs::canonical(m_outside.path() / "secret.json").string()))
            << r.err;
        EXPECT_TRUE(contains(r.err, "files_outside_config: allow")) << r.err;
        // The file was not read: its first line is not shown.
        EXPECT_FALSE(contains(r.out + r.err, kTargetFirstLine)) << r.err;
        const CliResult json = h.run({"-o", "json", "validate"});
        EXPECT_FALSE(contains(json.out, kTargetFirstLine)) << json.out;
    }
}

TEST_F(FilesOutside, FlowExportDoesNotWriteThere) {
    CliHarness h(kConfig);
    h.seed_declared();
    test::write_text(h.dir() / "descope.yaml",
                     config((m_outside.path() / "exported.json").string()));
    const CliResult r = h.run({"-e", "prod", "flow", "export", "sign-in"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_TRUE(contains(r.err, "is outside the config file's folder")) << r.err;
    EXPECT_FALSE(fs::exists(m_outside.path() / "exported.json"));
}

TEST_F(FilesOutside, AllowedWhenTheConfigSaysSo) {
    CliHarness h(kConfig);
    test::write_text(h.dir() / "descope.yaml", config((m_outside.path() / "flow.json").string(),
                                                      "defaults: {files_outside_config: allow}\n"));
    const CliResult r = h.run({"validate"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.out,
                         "valid: 2 environments (dev, prod), 0 permissions, 0 roles, 0 "
                         "tenants, 1 flow"))
        << r.out;
    test::write_text(h.dir() / "descope.yaml",
                     config("flows/sign-in.json", "defaults: {files_outside_config: sometimes}\n"));
    const CliResult bad = h.run({"validate"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_TRUE(contains(bad.err, "expected one of refuse, allow")) << bad.err;
}

// --- Finding 16: length limits ---

TEST(LengthLimits, AFiftyMegabyteTenantNameIsALocatedErrorQuickly) {
    const std::string name(50 * 1024 * 1024, 'N');
    CliHarness h(
        "version: 1\nenvironments:\n  dev: {}\n  prod: {}\ntenants:\n  - id: acme\n"
        "    name: " +
        name + "\n");
    const auto started = std::chrono::steady_clock::now();
    const CliResult r = h.run({"validate"});
    const auto elapsed = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, h.config_path() +
                                    ":7:11: error: 'name' must have at most 1000 characters, got "
                                    "52428800\n"))
        << r.err.substr(0, 2000);
    EXPECT_TRUE(contains(r.err, "docs/config.md, \"Length limits\"")) << r.err.substr(0, 2000);
    // The excerpt is cut: stderr is a few lines, not 50 MB.
    EXPECT_LT(r.err.size(), 10'000u);
    // Linear work only (a quadratic step takes hours on 50 MB); generous for sanitizer builds.
    EXPECT_LT(elapsed, std::chrono::seconds(60));
    const CliResult json = h.run({"-o", "json", "validate"});
    EXPECT_LT(json.out.size(), 10'000u);
}

TEST(LengthLimits, DescopesOwnLimitsNameTheirSource) {
    CliHarness h("version: 1\nenvironments:\n  dev: {}\n  prod: {}\npermissions:\n  - name: " +
                 std::string(101, 'p') + "\n    description: " + std::string(255, 'd') + "\n");
    const CliResult r = h.run({"validate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, ":6:11: error: 'name' must have at most 100 characters, got 101\n"))
        << r.err;
    EXPECT_TRUE(contains(r.err,
                         "note: Descope allows at most 100 characters in a permission name "
                         "(terraform-provider-descope: "
                         "internal/models/project/authorization/permission.go)"))
        << r.err;
    EXPECT_TRUE(contains(r.err, "'description' must have at most 254 characters, got 255"))
        << r.err;
}

// --- "Text": what reaches the terminal is escaped ---

bool has_control_byte(const std::string& text) {
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
    }
    return false;
}

TEST(TerminalText, AnEscapeSequenceInAConfigTenantNameIsShownEscapedInPlan) {
    // YAML's "\e" is ESC.
    CliHarness h(
        "version: 1\nenvironments:\n  dev: {}\n  prod: {}\ntenants:\n  - id: acme\n"
        "    name: \"Acme\\e[31m Red\\u202eevil\\r\"\n");
    const CliResult r = h.run({"plan"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(has_control_byte(r.out + r.err)) << r.out << r.err;
    EXPECT_FALSE(contains(r.out, "\xE2\x80\xAE")) << r.out;
    EXPECT_TRUE(contains(r.out, "name: \"Acme\\u001b[31m Red\\u202eevil\\u000d\"")) << r.out;
}

TEST(TerminalText, AnEscapeSequenceInAServerTenantIsShownEscaped) {
    CliHarness h;
    h.seed_declared();
    model::Tenant evil;
    evil.id = "evil\x1b[2J";
    evil.name =
        "Evil\x1b]0;pwned\x07 \xE2\x80\xAE"
        "desrever";
    evil.self_provisioning_domains = {"evil.com\r"};
    h.project("prod").seed_tenant(evil);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"-e", "prod", "tenant", "list"},
          {"-e", "prod", "tenant", "show", "evil\x1b[2J"},
          {"-e", "prod", "plan", "--prune", "tenants"},
          {"-e", "prod", "drift", "--all", "--prune", "tenants"}}) {
        const CliResult r = h.run(args);
        EXPECT_FALSE(has_control_byte(r.out + r.err)) << args[2] << "\n" << r.out << r.err;
        EXPECT_FALSE(contains(r.out + r.err, "\xE2\x80\xAE")) << args[2] << "\n" << r.out;
        EXPECT_TRUE(contains(r.out + r.err, "evil\\x1b[2J") ||
                    contains(r.out + r.err, "evil\\u001b[2J"))
            << args[2] << "\n"
            << r.out << r.err;
    }
}

TEST(TerminalText, AFiveMegabyteServerMessageIsCutAndEscaped) {
    CliHarness h;
    api::ApiError e;
    e.environment = "prod";
    e.operation = "tenant list";
    e.http_status = 500;
    e.error_code = "E\x1b[31m";
    e.message = "\x1b[2J\x1b]0;owned\x07" + std::string(5 * 1024 * 1024, 'x');
    h.project("prod").fail_every_call(e);
    const CliResult r = h.run({"plan"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_FALSE(has_control_byte(r.out + r.err)) << r.err.substr(0, 3000);
    EXPECT_TRUE(contains(r.err, "\\x1b[2J\\x1b]0;owned\\x07xxx")) << r.err.substr(0, 3000);
    EXPECT_TRUE(contains(r.err, "bytes, cut)")) << r.err.substr(0, 3000);
    EXPECT_LT(r.err.size(), 20'000u);
}

}  // namespace robustness
}  // namespace descope_mgmt::cli_test
