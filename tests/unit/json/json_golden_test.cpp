// Golden outputs of canonicalisation and the semantic diff (tests/golden/json_diff).
// A case NAME is NAME.before.json + NAME.after.json -> NAME.txt; canonical forms are
// NAME.input.json -> NAME.canonical.json. NAME starts with the document kind (flow_, theme_,
// generic_). Regenerate with UPDATE_GOLDEN=1 and review `git diff tests/golden`.

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "json_test_support.hpp"
#include "plan/json_canonical.hpp"
#include "plan/json_diff.hpp"
#include "support/files.hpp"

namespace descope_mgmt {
namespace {

using plan::JsonDocumentKind;

JsonDocumentKind kind_of(const std::string& name) {
    if (name.rfind("flow_", 0) == 0) return JsonDocumentKind::flow;
    if (name.rfind("theme_", 0) == 0) return JsonDocumentKind::theme;
    return JsonDocumentKind::generic;
}

// Names of the files in the golden folder ending in `suffix`, with the suffix cut, sorted.
std::vector<std::string> cases_with(const std::string& suffix) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(test::golden_dir("json_diff"))) {
        const auto file = entry.path().filename().string();
        if (file.size() > suffix.size() && file.ends_with(suffix))
            names.push_back(file.substr(0, file.size() - suffix.size()));
    }
    std::sort(names.begin(), names.end());
    return names;
}

// The full diff, then the summary form the plan uses for long diffs.
std::string report(const std::string& name, const std::vector<plan::JsonChange>& changes) {
    std::string out = "# " + name + " (" + std::string(plan::to_string(kind_of(name))) + "): ";
    if (changes.empty()) return out + "no changes\n";
    out += std::to_string(changes.size()) + (changes.size() == 1 ? " change\n" : " changes\n");
    out +=
        plan::render_json_diff(changes, {.max_changes = 0, .max_value_length = 60, .indent = "  "});
    out += "# summary (max 3 changes, values cut at 24 characters)\n";
    out +=
        plan::render_json_diff(changes, {.max_changes = 3, .max_value_length = 24, .indent = "  "});
    return out;
}

TEST(JsonGolden, DiffCases) {
    const auto names = cases_with(".before.json");
    EXPECT_GE(names.size(), 7u) << "golden cases went missing from "
                                << test::golden_dir("json_diff");
    for (const auto& name : names) {
        SCOPED_TRACE(name);
        const auto before =
            test::read_text(test::golden_dir("json_diff") / (name + ".before.json"));
        const auto after = test::read_text(test::golden_dir("json_diff") / (name + ".after.json"));
        ASSERT_FALSE(after.empty()) << name << ".after.json is missing or empty";
        const auto changes = plan::diff_json_documents(before, after, kind_of(name));
        ASSERT_TRUE(changes.has_value()) << changes.error().to_string();
        testing::expect_golden(name + ".txt", report(name, *changes));
    }
}

TEST(JsonGolden, CanonicalForms) {
    const auto names = cases_with(".input.json");
    EXPECT_GE(names.size(), 2u);
    for (const auto& name : names) {
        SCOPED_TRACE(name);
        const auto input = test::read_text(test::golden_dir("json_diff") / (name + ".input.json"));
        const auto canonical = plan::canonical_pretty_json(input, kind_of(name));
        ASSERT_TRUE(canonical.has_value()) << canonical.error().to_string();
        testing::expect_golden(name + ".canonical.json", *canonical);
    }
}

// A large flow (about 0.4 MB) exported from staging and edited in the prod console: only the
// edits show, not the server metadata, the screen order or the tasks after the insertion.
TEST(JsonGolden, LargeGeneratedFlow) {
    const nlohmann::json staging =
        testing::generate_flow({.tasks = 300, .screens = 40, .inputs_per_screen = 6, .seed = 42});
    nlohmann::json prod = staging;
    testing::as_exported_elsewhere(prod);
    testing::edit_a_little(prod);
    const std::string staging_text = staging.dump(2);
    EXPECT_GT(staging_text.size(), 300'000u);
    const auto changes =
        plan::diff_json_documents(staging_text, prod.dump(), JsonDocumentKind::flow);
    ASSERT_TRUE(changes.has_value());
    testing::expect_golden("flow_large_generated.txt", report("flow_large_generated", *changes));
}

}  // namespace
}  // namespace descope_mgmt
