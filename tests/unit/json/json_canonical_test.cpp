#include "plan/json_canonical.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "json_test_support.hpp"

namespace descope_mgmt {
namespace {

using nlohmann::json;
using plan::JsonDocumentKind;

json canonical(std::string_view text, JsonDocumentKind kind) {
    auto result = plan::canonical_json(text, kind);
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().to_string());
    return result ? *result : json();
}

TEST(CanonicalJson, SortsKeysAtEveryLevel) {
    const auto text = plan::canonical_compact_json(R"({"b":1,"a":{"z":[{"y":1,"x":2}],"c":3}})",
                                                   JsonDocumentKind::generic);
    ASSERT_TRUE(text.has_value());
    EXPECT_EQ(*text, R"({"a":{"c":3,"z":[{"x":2,"y":1}]},"b":1})");
}

TEST(CanonicalJson, PrettyFormIsTwoSpaceIndentedWithTrailingNewline) {
    const auto text =
        plan::canonical_pretty_json(R"({"b":[1,{}],"a":"é"})", JsonDocumentKind::generic);
    ASSERT_TRUE(text.has_value());
    EXPECT_EQ(*text, "{\n  \"a\": \"é\",\n  \"b\": [\n    1,\n    {}\n  ]\n}\n");
}

TEST(CanonicalJson, RemovesFlowServerMetadataButNotLookalikesInsideTheGraph) {
    const json doc = canonical(R"({
      "flow": {"id": "f", "version": 9, "modifiedTime": "1726067547", "etag": "e1",
               "createdTime": 5, "updatedTime": 6,
               "dsl": {"version": 2, "tasks": [{"id": "t1", "etag": "kept"}]}},
      "screens": [{"id": "S1", "version": 4, "modifiedTime": "1", "etag": "x",
                   "htmlTemplate": {"version": "kept"}}]
    })",
                               JsonDocumentKind::flow);
    const auto& flow = doc.at("flow");
    for (const char* key : {"version", "modifiedTime", "etag", "createdTime", "updatedTime"})
        EXPECT_FALSE(flow.contains(key)) << key;
    EXPECT_EQ(flow.at("dsl").at("version"), 2);
    EXPECT_EQ(flow.at("dsl").at("tasks")[0].at("etag"), "kept");
    const auto& screen = doc.at("screens")[0];
    EXPECT_FALSE(screen.contains("version"));
    EXPECT_FALSE(screen.contains("modifiedTime"));
    EXPECT_FALSE(screen.contains("etag"));
    EXPECT_EQ(screen.at("htmlTemplate").at("version"), "kept");
}

TEST(CanonicalJson, RemovesThemeVersionAndKeepsItsTemplate) {
    const json doc = canonical(R"({"theme":{"id":"","version":7,"cssTemplate":{"version":1}}})",
                               JsonDocumentKind::theme);
    EXPECT_FALSE(doc.at("theme").contains("version"));
    EXPECT_EQ(doc.at("theme").at("cssTemplate").at("version"), 1);
}

TEST(CanonicalJson, GenericDocumentsKeepEveryField) {
    const json doc = canonical(R"({"flow":{"version":9,"etag":"e"}})", JsonDocumentKind::generic);
    EXPECT_EQ(doc.at("flow").at("version"), 9);
    EXPECT_EQ(doc.at("flow").at("etag"), "e");
}

TEST(CanonicalJson, FillsZeroValuesTheServerWouldEmit) {
    const json doc = canonical(R"({"flow":{"id":"f","dsl":{}},"screens":[{"id":"S1"}]})",
                               JsonDocumentKind::flow);
    EXPECT_EQ(doc.at("flow").at("disabled"), false);
    EXPECT_EQ(doc.at("flow").at("description"), "");
    EXPECT_EQ(doc.at("flow").at("translateTargetLangs"), json::array());
    EXPECT_EQ(doc.at("screens")[0].at("inputs"), json::array());
    EXPECT_EQ(doc.at("screens")[0].at("componentsVersion"), "");
    EXPECT_FALSE(doc.at("flow").at("dsl").contains("disabled"));
}

TEST(CanonicalJson, AMissingOrPartialManagementConfigEqualsTheServersZeroValue) {
    const json server = canonical(
        R"({"flow":{"id":"f","managementConfig":{"triggers":{"enabled":false,"triggerType":"",
            "eventTriggers":{"triggeringEventTypes":[]}}}}})",
        JsonDocumentKind::flow);
    EXPECT_EQ(canonical(R"({"flow":{"id":"f"}})", JsonDocumentKind::flow), server);
    EXPECT_EQ(canonical(R"({"flow":{"id":"f","managementConfig":{}}})", JsonDocumentKind::flow),
              server);
    EXPECT_EQ(canonical(R"({"flow":{"id":"f","managementConfig":{"triggers":{}}}})",
                        JsonDocumentKind::flow),
              server);
    EXPECT_EQ(
        canonical(R"({"flow":{"id":"f","managementConfig":{"triggers":{"triggerType":null}}}})",
                  JsonDocumentKind::flow),
        server);
    const json enabled =
        canonical(R"({"flow":{"id":"f","managementConfig":{"triggers":{"enabled":true}}}})",
                  JsonDocumentKind::flow);
    EXPECT_EQ(enabled.at("flow").at("managementConfig").at("triggers").at("enabled"), true);
    EXPECT_EQ(enabled.at("flow").at("managementConfig").at("triggers").at("triggerType"), "");
}

TEST(CanonicalJson, KeepsExplicitValuesOverDefaults) {
    const json doc = canonical(R"({"flow":{"id":"f","disabled":true,"description":"d"}})",
                               JsonDocumentKind::flow);
    EXPECT_EQ(doc.at("flow").at("disabled"), true);
    EXPECT_EQ(doc.at("flow").at("description"), "d");
}

TEST(CanonicalJson, AddsNoDefaultsWhereTheParentIsMissing) {
    const json doc = canonical(R"({"screens":[]})", JsonDocumentKind::flow);
    EXPECT_EQ(doc, json::parse(R"({"screens":[]})"));
}

TEST(CanonicalJson, SortsScreensById) {
    const json doc = canonical(R"({"screens":[{"id":"SC2"},{"id":"SC10"},{"id":"SC1"}]})",
                               JsonDocumentKind::flow);
    const auto& screens = doc.at("screens");
    EXPECT_EQ(screens[0].at("id"), "SC1");
    EXPECT_EQ(screens[1].at("id"), "SC10");
    EXPECT_EQ(screens[2].at("id"), "SC2");
}

TEST(CanonicalJson, LeavesScreenOrderWhenIdsDoNotIdentifyThem) {
    for (const char* text :
         {R"({"screens":[{"id":"b"},{"id":"a"},{"id":"a"}]})",
          R"({"screens":[{"id":"b"},{"name":"a"}]})", R"({"screens":[{"id":"b"},"a"]})"}) {
        const json doc = canonical(text, JsonDocumentKind::flow);
        EXPECT_EQ(doc.at("screens")[0].at("id"), "b") << text;
    }
}

TEST(CanonicalJson, DoesNotSortArraysInsideTheFlowGraph) {
    const json doc =
        canonical(R"({"flow":{"dsl":{"tasks":[{"id":"b"},{"id":"a"}]}}})", JsonDocumentKind::flow);
    EXPECT_EQ(doc.at("flow").at("dsl").at("tasks")[0].at("id"), "b");
}

TEST(CanonicalJson, WritesIntegralFloatsAsIntegers) {
    const auto text = plan::canonical_compact_json(
        R"([1.0,-0.0,-3.0,2.5,1e300,1e2,12345678901234567890])", JsonDocumentKind::generic);
    ASSERT_TRUE(text.has_value());
    EXPECT_EQ(*text, "[1,0,-3,2.5,1e+300,100,12345678901234567890]");
}

TEST(CanonicalJson, ExportedElsewhereAndReorderedIsTheSameDocument) {
    const json exported = testing::generate_flow({});
    json elsewhere = exported;
    testing::as_exported_elsewhere(elsewhere);
    testing::SplitMix rng(7);
    const auto a = plan::canonical_compact_json(exported.dump(), JsonDocumentKind::flow);
    const auto b = plan::canonical_compact_json(testing::dump_shuffled(elsewhere, rng),
                                                JsonDocumentKind::flow);
    ASSERT_TRUE(a.has_value() && b.has_value());
    EXPECT_EQ(*a, *b);
    // ...while a real edit is not.
    json edited = elsewhere;
    testing::edit_a_little(edited);
    const auto c = plan::canonical_compact_json(edited.dump(), JsonDocumentKind::flow);
    ASSERT_TRUE(c.has_value());
    EXPECT_NE(*a, *c);
}

TEST(CanonicalJson, IsIdempotentOnAGeneratedFlow) {
    const std::string raw = testing::generate_flow({.tasks = 30, .screens = 6}).dump();
    const auto once = plan::canonical_pretty_json(raw, JsonDocumentKind::flow);
    ASSERT_TRUE(once.has_value());
    const auto twice = plan::canonical_pretty_json(*once, JsonDocumentKind::flow);
    ASSERT_TRUE(twice.has_value());
    EXPECT_EQ(*once, *twice);
}

TEST(CanonicalJson, EveryRulePathIsWellFormed) {
    for (const auto kind : {JsonDocumentKind::flow, JsonDocumentKind::theme}) {
        const auto& rules = plan::canonical_rules(kind);
        EXPECT_FALSE(rules.server_managed.empty()) << plan::to_string(kind);
        for (const auto& d : rules.defaults) {
            EXPECT_TRUE(json::accept(d.json)) << d.path;
            EXPECT_NE(d.path.back(), ']') << d.path;
        }
        for (const auto path : rules.server_managed)
            EXPECT_NE(path.back(), ']') << path;
    }
    EXPECT_TRUE(plan::canonical_rules(JsonDocumentKind::generic).server_managed.empty());
}

TEST(JsonSyntaxError, NamesLineAndCharacterColumn) {
    const auto r = plan::parse_json_document("{\n  \"a\": 1,\n  \"b\": tru\n}");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().line, 3);
    EXPECT_EQ(r.error().column, 11);  // the newline right after the bad literal
    EXPECT_NE(r.error().message.find("invalid literal"), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.find("json.exception"), std::string::npos) << r.error().message;
}

TEST(JsonSyntaxError, CountsCharactersNotBytes) {
    const auto r = plan::parse_json_document("{\"é\": x}");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().line, 1);
    EXPECT_EQ(r.error().column, 7);  // { " é " : space x
}

TEST(JsonSyntaxError, ReportsTruncatedAndEmptyInput) {
    const auto truncated = plan::parse_json_document("{\"a\":1");
    ASSERT_FALSE(truncated.has_value());
    EXPECT_EQ(truncated.error().to_string().substr(0, 4), "1:7:");
    const auto empty = plan::parse_json_document("");
    ASSERT_FALSE(empty.has_value());
    EXPECT_EQ(empty.error().line, 1);
    EXPECT_EQ(empty.error().column, 1);
}

TEST(JsonSyntaxError, PointsAtANumberTooLargeForADouble) {
    const auto r = plan::parse_json_document("[1,\n 1e999]");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().line, 2);
    EXPECT_EQ(r.error().column, 2);
    EXPECT_NE(r.error().message.find("1e999"), std::string::npos) << r.error().message;
}

TEST(ParseJsonDocument, RefusesNestingDeeperThanTheLimit) {
    const int limit = plan::k_max_json_depth;
    const std::string at_limit = std::string(limit, '[') + std::string(limit, ']');
    EXPECT_TRUE(plan::parse_json_document(at_limit).has_value());
    // Brackets inside strings do not count.
    const std::string in_string = "[\"" + std::string(2 * limit, '{') + "\"]";
    EXPECT_TRUE(plan::parse_json_document(in_string).has_value());

    const std::string too_deep = "{\"a\\\"[\":\n" + std::string(100'000, '[');
    const auto r = plan::parse_json_document(too_deep);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().line, 2);
    EXPECT_EQ(r.error().column, limit);  // the first '{' is level 1
    EXPECT_NE(r.error().message.find("nesting"), std::string::npos) << r.error().message;
}

TEST(ParseJsonDocument, SkipsAByteOrderMark) {
    const auto r = plan::parse_json_document("\xEF\xBB\xBF{\"a\":1}");
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->at("a"), 1);
}

}  // namespace
}  // namespace descope_mgmt
