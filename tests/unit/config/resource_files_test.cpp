// Flow and theme files: found relative to the config, parsed as JSON (errors located in the
// JSON file), shaped like Descope exports, ids matching.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "config_test_support.hpp"

namespace descope_mgmt::config {
namespace {

using testing::FakeEnv;
using testing::only_error;
using testing::rendered;
using testing::TempDir;

const std::string kHead = "version: 1\nenvironments:\n  dev: {}\n  prod: {}\n";

class ResourceFiles : public ::testing::Test {
  protected:
    LoadResult load_config(const std::string& body) {
        const auto path = m_dir.write("descope.yaml", kHead + body);
        return load(path, testing::fake_env);
    }
    std::string config_file() const { return (m_dir.path() / "descope.yaml").string(); }

    FakeEnv m_env;
    TempDir m_dir;
};

TEST_F(ResourceFiles, FlowsAndThemeAreReadIntoTheDesiredState) {
    m_dir.write("flows/sign-in.json", testing::flow_export("sign-in"));
    m_dir.write("flows/step-up.json", testing::flow_export("step-up"));
    m_dir.write("themes/theme.json", testing::theme_export());
    const LoadResult r = load_config(
        "flows:\n  - id: sign-in\n    type: sign-in\n    file: flows/sign-in.json\n"
        "  - id: step-up\n    file: flows/step-up.json\n    environments: [prod]\n"
        "theme:\n  file: themes/theme.json\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.config->flows[0].type, "sign-in");
    const model::DesiredState dev = desired_state(*r.config, "dev");
    ASSERT_EQ(dev.flows.size(), 1u);
    EXPECT_EQ(dev.flows[0].id, "sign-in");
    EXPECT_EQ(dev.flows[0].document, testing::flow_export("sign-in"));
    ASSERT_TRUE(dev.theme);
    EXPECT_EQ(dev.theme->document, testing::theme_export());
    EXPECT_EQ(desired_state(*r.config, "prod").flows.size(), 2u);
}

TEST_F(ResourceFiles, MissingFlowFile) {
    const LoadResult r = load_config("flows:\n  - id: sign-in\n    file: flows/nope.json\n");
    const auto& d = only_error(r);
    EXPECT_EQ(d.message, "flow file 'flows/nope.json' not found");
    EXPECT_EQ(d.location, (diag::SourceLocation{config_file(), 7, 11}));
    ASSERT_EQ(d.notes.size(), 1u);
    EXPECT_EQ(d.notes[0], "looked for " + (m_dir.path() / "flows/nope.json").string() +
                              " (paths are relative to the config file's folder)");
}

TEST_F(ResourceFiles, FlowFileThatIsADirectory) {
    m_dir.write("flows/x/keep", "");
    const LoadResult r = load_config("flows:\n  - id: x\n    file: flows/x\n");
    EXPECT_EQ(only_error(r).message, "flow file 'flows/x' is a directory, not a JSON file");
}

TEST_F(ResourceFiles, JsonSyntaxErrorIsLocatedInTheJsonFile) {
    const auto json =
        m_dir.write("flows/sign-in.json",
                    "{\n  \"flow\": {\n    \"id\": \"sign-in\",\n    \"name\" \"x\"\n  }\n}\n");
    const LoadResult r = load_config("flows:\n  - id: sign-in\n    file: flows/sign-in.json\n");
    const auto& d = only_error(r);
    EXPECT_EQ(d.location, (diag::SourceLocation{json.string(), 4, 14}));  // end of "x"
    EXPECT_EQ(d.message,
              "invalid JSON in flow file: syntax error while parsing object separator - "
              "unexpected string literal; expected ':'");
    ASSERT_EQ(d.notes.size(), 1u);
    EXPECT_EQ(d.notes[0], "flow 'sign-in' is declared at " + config_file() + ":7:11");
    // The renderer shows the JSON line with a caret under the error.
    EXPECT_NE(rendered(r).find("    \"name\" \"x\"\n" + std::string(2 + 13, ' ') + "^"),
              std::string::npos)
        << rendered(r);
}

TEST_F(ResourceFiles, TruncatedJson) {
    m_dir.write("themes/theme.json", "{\"theme\": {\"id\": \"\"");
    const LoadResult r = load_config("theme:\n  file: themes/theme.json\n");
    const auto& d = only_error(r);
    EXPECT_EQ(d.location.line, 1);
    EXPECT_EQ(d.location.column, 20);
    EXPECT_EQ(d.message,
              "invalid JSON in theme file: syntax error while parsing object - unexpected end of "
              "input; expected '}'");
}

TEST_F(ResourceFiles, FlowFileMustBeAFlowExport) {
    m_dir.write("flows/a.json", R"({"flowId": "a", "metadata": {}, "contents": {}})");
    const LoadResult r = load_config("flows:\n  - id: a\n    file: flows/a.json\n");
    const auto& d = only_error(r);
    EXPECT_EQ(d.message, "flow file 'flows/a.json' is not a flow export");
    ASSERT_EQ(d.notes.size(), 2u);
    EXPECT_EQ(d.notes[0], R"(expected a v1 flow export: {"flow": {"id": ...}, "screens": [...]})");
    EXPECT_EQ(d.notes[1],
              "this looks like a v2 export: export the flow again with 'descope-mgmt flow "
              "export' or from the console");
}

TEST_F(ResourceFiles, EveryScreenNeedsAUniqueId) {
    m_dir.write(
        "flows/a.json",
        R"({"flow": {"id": "a"}, "screens": [{"id": "S1"}, {"html": 1}, "S3", {"id": "S1"}]})");
    const LoadResult r = load_config("flows:\n  - id: a\n    file: flows/a.json\n");
    EXPECT_FALSE(r.config);
    std::vector<std::string> errors;
    for (const auto& d : r.diagnostics.items())
        if (d.severity == diag::Severity::error) errors.push_back(d.message);
    EXPECT_EQ(errors,
              (std::vector<std::string>{
                  "flow file 'flows/a.json': screens[1] must be an object with a non-empty string "
                  "\"id\"",
                  "flow file 'flows/a.json': screens[2] must be an object with a non-empty string "
                  "\"id\"",
                  "flow file 'flows/a.json': screen id 'S1' appears twice"}));
}

// Issue 13: the duplicate was reported at the descope.yaml line, not where it is.
TEST_F(ResourceFiles, ADuplicateScreenIdIsReportedWhereItIsInTheFlowFile) {
    m_dir.write("flows/a.json",
                "{\n"
                "  \"flow\": {\"id\": \"a\"},\n"
                "  \"screens\": [\n"
                "    {\"id\": \"S1\"},\n"
                "    {\"id\": \"S2\", \"html\": \"{\\\"id\\\": 1}\"},\n"
                "    {\"html\": [1, {\"x\": 2}], \"id\": \"S1\"}\n"
                "  ]\n"
                "}\n");
    const LoadResult r = load_config("flows:\n  - id: a\n    file: flows/a.json\n");
    const auto& d = only_error(r);
    EXPECT_EQ(d.message, "flow file 'flows/a.json': screen id 'S1' appears twice");
    EXPECT_EQ(d.location.file, (m_dir.path() / "flows" / "a.json").string());
    EXPECT_EQ(d.location.line, 6);
    EXPECT_EQ(d.location.column, 35);  // the second "S1"
    ASSERT_EQ(d.notes.size(), 3u);
    EXPECT_EQ(d.notes[0], "the first is screens[0], line 4");
    EXPECT_EQ(d.notes[2], "flow 'a' is declared at " + config_file() + ":7:11");
    // The flow file's line is shown under the message.
    EXPECT_NE(rendered(r).find(R"({"html": [1, {"x": 2}], "id": "S1"})"), std::string::npos)
        << rendered(r);
}

TEST_F(ResourceFiles, FlowFileMustHoldAnObject) {
    m_dir.write("flows/a.json", "[1, 2]");
    const LoadResult r = load_config("flows:\n  - id: a\n    file: flows/a.json\n");
    EXPECT_EQ(only_error(r).message, "flow file 'flows/a.json' must hold a JSON object");
}

TEST_F(ResourceFiles, FlowIdInTheFileMustMatch) {
    m_dir.write("flows/a.json", testing::flow_export("sign-in"));
    const LoadResult r = load_config("flows:\n  - id: sign-up\n    file: flows/a.json\n");
    const auto& d = only_error(r);
    EXPECT_EQ(d.message, "flow file 'flows/a.json' holds flow 'sign-in', not 'sign-up'");
    EXPECT_EQ(d.location.line, 7);
}

TEST_F(ResourceFiles, TopLevelKeysThatAreNeverDeployedAreAWarning) {
    m_dir.write("flows/a.json",
                R"({"flowId": "a", "flow": {"id": "a"}, "screens": [], "references": {}})");
    m_dir.write("themes/theme.json", R"({"theme": {"cssTemplate": {}}, "etag": "x"})");
    const LoadResult r = load_config(
        "flows:\n  - id: a\n    file: flows/a.json\ntheme:\n  file: themes/theme.json\n");
    ASSERT_TRUE(r.config) << rendered(r);
    std::vector<std::string> warnings;
    std::vector<std::string> notes;
    for (const auto& d : r.diagnostics.items()) {
        if (d.severity != diag::Severity::warning) continue;
        if (d.message.find(" file ") == std::string::npos) continue;  // not unset variables
        warnings.push_back(d.message);
        notes.insert(notes.end(), d.notes.begin(), d.notes.end());
    }
    EXPECT_EQ(warnings,
              (std::vector<std::string>{
                  "flow file 'flows/a.json': top-level keys 'flowId', 'references' are ignored",
                  "theme file 'themes/theme.json': top-level key 'etag' is ignored"}));
    EXPECT_EQ(notes,
              (std::vector<std::string>{R"(only "flow" and "screens" are deployed and compared)",
                                        R"(only "theme" is deployed and compared)"}));
}

TEST_F(ResourceFiles, WithoutResourceFilesAMissingFlowFileIsNotAnError) {
    const auto path =
        m_dir.write("descope.yaml", kHead + "flows:\n  - id: a\n    file: flows/a.json\n");
    const LoadResult r = load(path, testing::fake_env, {.read_resource_files = false});
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.config->flows.at(0).flow.id, "a");
    EXPECT_TRUE(r.config->flows.at(0).flow.document.empty());
    EXPECT_FALSE(load(path, testing::fake_env).config);  // the default still requires it
}

TEST_F(ResourceFiles, FlowFileWithoutIdIsAccepted) {
    m_dir.write("flows/a.json", R"({"flow": {"name": "A", "dsl": {}}, "screens": []})");
    const LoadResult r = load_config("flows:\n  - id: a\n    file: flows/a.json\n");
    ASSERT_TRUE(r.config) << rendered(r);
    // It means the config's id (what the import is sent, and the server keeps as flow.id).
    EXPECT_EQ(nlohmann::json::parse(r.config->flows.at(0).flow.document)["flow"]["id"], "a");
}

TEST_F(ResourceFiles, ThemeFileMustBeAThemeExport) {
    m_dir.write("theme.json", R"({"styles": {}})");
    const LoadResult r = load_config("theme:\n  file: theme.json\n");
    const auto& d = only_error(r);
    EXPECT_EQ(d.message, "theme file 'theme.json' is not a theme export");
    EXPECT_EQ(d.location, (diag::SourceLocation{config_file(), 6, 9}));
}

TEST_F(ResourceFiles, DuplicateFlowIds) {
    m_dir.write("flows/a.json", testing::flow_export("a"));
    const LoadResult r = load_config(
        "flows:\n  - id: a\n    file: flows/a.json\n  - id: a\n    file: flows/a.json\n");
    const auto& d = only_error(r);
    EXPECT_EQ(d.message, "duplicate flow id 'a' (first declared at line 6)");
    EXPECT_EQ(d.location, (diag::SourceLocation{config_file(), 8, 9}));
}

TEST_F(ResourceFiles, FilePathFromAnUnsetVariable) {
    const LoadResult r = load_config("flows:\n  - id: a\n    file: ${FLOW_FILE}\n");
    const auto& d = only_error(r);
    EXPECT_EQ(d.message, "environment variable FLOW_FILE is not set");
    EXPECT_EQ(d.location, (diag::SourceLocation{config_file(), 7, 11}));
}

}  // namespace
}  // namespace descope_mgmt::config
