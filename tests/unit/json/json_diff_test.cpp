#include "plan/json_diff.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "json_test_support.hpp"

namespace descope_mgmt {
namespace {

using nlohmann::json;
using plan::JsonChange;
using plan::JsonChangeKind;

std::vector<std::string> lines(std::string_view before, std::string_view after) {
    std::vector<std::string> out;
    for (const auto& change : plan::diff_json(json::parse(before), json::parse(after)))
        out.push_back(plan::render_json_change(change, 80));
    return out;
}

using Lines = std::vector<std::string>;

TEST(JsonDiff, IdenticalValuesHaveNoChanges) {
    const json flow = testing::generate_flow({.tasks = 20, .screens = 4});
    EXPECT_TRUE(plan::diff_json(flow, flow).empty());
}

TEST(JsonDiff, ReportsAChangedLeafWithItsPath) {
    EXPECT_EQ(lines(R"({"dsl":{"tasks":[{"next":"a"},{"next":"x"},{},{"next":"a"}]}})",
                    R"({"dsl":{"tasks":[{"next":"a"},{"next":"x"},{},{"next":"b"}]}})"),
              Lines{R"(dsl.tasks[3].next: "a" -> "b")"});
}

TEST(JsonDiff, ReportsAddedAndRemovedKeysAsAbsent) {
    EXPECT_EQ(lines(R"({"a":1,"b":{"c":true}})", R"({"b":{"c":true,"d":[1]},"e":null})"),
              (Lines{"a: 1 -> (absent)", "b.d: (absent) -> [1]", "e: (absent) -> null"}));
}

TEST(JsonDiff, NullIsAValueNotAnAbsence) {
    EXPECT_EQ(lines(R"({"a":null,"b":1})", R"({"a":0,"b":null})"),
              (Lines{"a: null -> 0", "b: 1 -> null"}));
}

TEST(JsonDiff, TypeChangesAreChanges) {
    EXPECT_EQ(
        lines(R"({"n":1,"o":{"x":1},"b":true,"f":1.5})", R"({"n":"1","o":[1],"b":"true","f":1})"),
        (Lines{R"(b: true -> "true")", "f: 1.5 -> 1", R"(n: 1 -> "1")", R"(o: {"x":1} -> [1])"}));
}

TEST(JsonDiff, AFloatAndAnIntegerOfTheSameValueDiffer) {
    // diff_json compares values as given; canonicalisation is what makes 1.0 and 1 the same.
    EXPECT_EQ(lines("[1.0]", "[1]"), Lines{"[0]: 1.0 -> 1"});
    EXPECT_EQ(lines("[-0.0]", "[0.0]"), Lines{"[0]: -0.0 -> 0.0"});
    EXPECT_TRUE(lines("[5]", "[5]").empty());
}

TEST(JsonDiff, ArraysWithoutIdentityCompareByIndex) {
    EXPECT_EQ(lines(R"({"l":["en","fr","de"]})", R"({"l":["en","es"]})"),
              (Lines{R"(l[1]: "fr" -> "es")", R"(l[2]: "de" -> (absent))"}));
    EXPECT_EQ(lines("[1]", "[1,2,3]"), (Lines{"[1]: (absent) -> 2", "[2]: (absent) -> 3"}));
}

TEST(JsonDiff, IdKeyedArraysMatchElementsAcrossAnInsertion) {
    EXPECT_EQ(
        lines(
            R"({"screens":[{"id":"A","v":1},{"id":"B","v":2},{"id":"C","v":3}]})",
            R"({"screens":[{"id":"A","v":1},{"id":"N","v":0},{"id":"B","v":2},{"id":"C","v":4}]})"),
        (Lines{R"(screens[id=N]: (absent) -> {"id":"N","v":0})", "screens[id=C].v: 3 -> 4"}));
}

TEST(JsonDiff, NestedIdentityPaths) {
    EXPECT_EQ(
        lines(
            R"({"screens":[{"id":"SC1","inputs":[{"name":"email","required":false},{"name":"phone"}]}]})",
            R"({"screens":[{"id":"SC1","inputs":[{"name":"email","required":true},{"name":"phone"}]}]})"),
        Lines{"screens[id=SC1].inputs[name=email].required: false -> true"});
}

TEST(JsonDiff, ReportsAReorderOnceInsteadOfEveryElement) {
    EXPECT_EQ(
        lines(R"([{"id":"a"},{"id":"b"},{"id":"c"}])", R"([{"id":"c"},{"id":"a"},{"id":"b"}])"),
        Lines{R"((root): order ["a","b","c"] -> ["c","a","b"])"});
}

TEST(JsonDiff, AnInsertionAloneIsNoReorder) {
    const auto changes = plan::diff_json(json::parse(R"([{"id":"a"},{"id":"c"}])"),
                                         json::parse(R"([{"id":"a"},{"id":"b"},{"id":"c"}])"));
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].kind, JsonChangeKind::add);
    EXPECT_EQ(changes[0].path, "[id=b]");
}

TEST(JsonDiff, OrdersReorderThenRemovalsThenTheRest) {
    EXPECT_EQ(
        lines(R"([{"id":"a","v":1},{"id":"gone"},{"id":"b"}])",
              R"([{"id":"b"},{"id":"new"},{"id":"a","v":2}])"),
        (Lines{R"((root): order ["a","b"] -> ["b","a"])", R"([id=gone]: {"id":"gone"} -> (absent))",
               R"([id=new]: (absent) -> {"id":"new"})", "[id=a].v: 1 -> 2"}));
}

TEST(JsonDiff, PicksTheFirstIdentityKeyThatIdentifiesEveryElement) {
    // All share flowId; names are unique: matched by name.
    EXPECT_EQ(lines(R"([{"flowId":"f","name":"x","v":1},{"flowId":"f","name":"y","v":1}])",
                    R"([{"flowId":"f","name":"y","v":1},{"flowId":"f","name":"x","v":2}])"),
              (Lines{R"((root): order ["x","y"] -> ["y","x"])", "[name=x].v: 1 -> 2"}));
}

TEST(JsonDiff, FallsBackToIndexWhenAnIdIsMissingDuplicatedOrNotScalar) {
    EXPECT_EQ(lines(R"([{"id":"a"},{"id":"a","v":1}])", R"([{"id":"a"},{"id":"a","v":2}])"),
              Lines{"[1].v: 1 -> 2"});
    EXPECT_EQ(lines(R"([{"id":"a","v":1},{"v":1}])", R"([{"id":"a","v":2},{"v":1}])"),
              Lines{"[0].v: 1 -> 2"});
    EXPECT_EQ(lines(R"([{"id":{"x":1},"v":1}])", R"([{"id":{"x":1},"v":2}])"),
              Lines{"[0].v: 1 -> 2"});
    EXPECT_EQ(lines(R"([{"id":1.5,"v":1}])", R"([{"id":1.5,"v":2}])"), Lines{"[0].v: 1 -> 2"});
}

TEST(JsonDiff, TellsAStringIdFromAnIntegerId) {
    EXPECT_EQ(lines(R"([{"id":1}])", R"([{"id":"1"}])"),
              (Lines{R"([id=1]: {"id":1} -> (absent))", R"([id="1"]: (absent) -> {"id":"1"})"}));
}

TEST(JsonDiff, QuotesKeysAndIdsThatAreNotPlainWords) {
    EXPECT_EQ(lines(R"({"a.b":{"x y":1},"é":0,"":1})", R"({"a.b":{"x y":2},"é":1,"":2})"),
              (Lines{R"([""]: 1 -> 2)", R"(["a.b"]["x y"]: 1 -> 2)", R"(["é"]: 0 -> 1)"}));
    EXPECT_EQ(lines(R"([{"id":"a b","v":1}])", R"([{"id":"a b","v":2}])"),
              Lines{R"([id="a b"].v: 1 -> 2)"});
    EXPECT_EQ(lines(R"([{"id":"x]y","v":1}])", R"([{"id":"x]y","v":2}])"),
              Lines{R"([id="x]y"].v: 1 -> 2)"});
}

TEST(JsonDiff, ARootTypeChangeIsOneChangeAtTheRoot) {
    EXPECT_EQ(lines("{}", "[]"), Lines{"(root): {} -> []"});
}

TEST(JsonDiff, StructuredChangesCarryCompactValues) {
    const auto changes =
        plan::diff_json(json::parse(R"({"a":{"b":[1, 2]}})"), json::parse(R"({"a":{}})"));
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0], (JsonChange{"a.b", JsonChangeKind::remove, "[1,2]", std::nullopt}));
}

TEST(JsonDiffDocuments, IgnoresServerFieldsAndScreenOrder) {
    json live = testing::generate_flow({.tasks = 10, .screens = 3});
    json desired = live;
    testing::as_exported_elsewhere(desired);
    const auto changes =
        plan::diff_json_documents(live.dump(), desired.dump(), plan::JsonDocumentKind::flow);
    ASSERT_TRUE(changes.has_value());
    EXPECT_TRUE(changes->empty()) << plan::render_json_diff(*changes, {});
    // The same comparison without canonicalisation would see them.
    EXPECT_FALSE(plan::diff_json(live, desired).empty());
}

TEST(JsonDiffDocuments, SaysWhichDocumentIsNotJson) {
    const auto bad_after = plan::diff_json_documents("{}", "{\n,", plan::JsonDocumentKind::flow);
    ASSERT_FALSE(bad_after.has_value());
    EXPECT_EQ(bad_after.error().message.rfind("after: ", 0), 0u) << bad_after.error().message;
    EXPECT_EQ(bad_after.error().line, 2);
    const auto bad_before = plan::diff_json_documents("[", "{}", plan::JsonDocumentKind::flow);
    ASSERT_FALSE(bad_before.has_value());
    EXPECT_EQ(bad_before.error().message.rfind("before: ", 0), 0u) << bad_before.error().message;
}

TEST(RenderJsonValue, CutsLongValuesOnCharacterBoundaries) {
    EXPECT_EQ(plan::render_json_value(std::nullopt, 10), "(absent)");
    EXPECT_EQ(plan::render_json_value(std::string("\"abc\""), 5), "\"abc\"");
    EXPECT_EQ(plan::render_json_value(std::string("\"abcdef\""), 5), "\"abcd...");
    EXPECT_EQ(plan::render_json_value(std::string("\"ééé\""), 3), "\"éé...");
}

TEST(RenderJsonDiff, SummarisesPastTheLimit) {
    std::vector<JsonChange> changes;
    for (int i = 0; i < 5; ++i)
        changes.push_back({"a" + std::to_string(i), JsonChangeKind::change, "1", "2"});
    EXPECT_EQ(plan::render_json_diff(changes, {.max_changes = 2, .indent = "    "}),
              "    a0: 1 -> 2\n    a1: 1 -> 2\n    ... and 3 more changes\n");
    EXPECT_EQ(plan::render_json_diff(changes, {.max_changes = 4}),
              "a0: 1 -> 2\na1: 1 -> 2\na2: 1 -> 2\na3: 1 -> 2\n... and 1 more change\n");
    EXPECT_EQ(plan::render_json_diff(changes, {.max_changes = 5}).find("more"), std::string::npos);
    EXPECT_EQ(plan::render_json_diff({}, {.max_changes = 2}), "");
}

TEST(JsonChangeToJson, EmbedsValuesAndOmitsAbsentSides) {
    const json added = JsonChange{"a.b", JsonChangeKind::add, std::nullopt, R"({"x":[1]})"};
    EXPECT_EQ(added, json::parse(R"({"path":"a.b","kind":"add","after":{"x":[1]}})"));
    const json reordered = JsonChange{"s", JsonChangeKind::reorder, R"(["a","b"])", R"(["b","a"])"};
    EXPECT_EQ(reordered.at("kind"), "reorder");
    EXPECT_EQ(reordered.at("before"), json::parse(R"(["a","b"])"));
}

}  // namespace
}  // namespace descope_mgmt
