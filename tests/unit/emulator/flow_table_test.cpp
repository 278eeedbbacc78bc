// Semantics of the emulated flow and theme API, v1 and v2 (descope-api.md §4).
#include "emulator/flow_table.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "emulator/project_store.hpp"

namespace descope_mgmt::emulator {
namespace {

using nlohmann::json;

class FlowTableTest : public ::testing::Test {
  protected:
    std::int64_t now = 1726067547;
    FlowTable flows{[this] { return now; }, "TH2theme"};

    json ok(const Reply& reply) {
        EXPECT_TRUE(reply.has_value()) << (reply ? "" : reply.error().message);
        return reply ? *reply : json();
    }
    StoreError err(const Reply& reply) {
        EXPECT_FALSE(reply.has_value()) << (reply ? reply->dump() : "");
        return reply ? StoreError{} : reply.error();
    }
    static json import_body(const std::string& id, const json& dsl) {
        return {
            {"flowId", id},
            {"flow", {{"id", "ignored"}, {"name", "My Flow"}, {"dsl", dsl}, {"disabled", false}}},
            {"screens", {{{"id", "s1"}, {"flowId", id}, {"htmlTemplate", {{"a", 1}}}}}}};
    }
};

TEST_F(FlowTableTest, ImportIsAnUpsertThatBumpsVersionAndTime) {
    const json first = ok(flows.import_v1(import_body("my-flow", {{"x", 1}})));
    EXPECT_EQ(first["flow"]["id"], "my-flow");  // the body's flowId wins over flow.id
    EXPECT_EQ(first["flow"]["version"], 1);
    EXPECT_EQ(first["flow"]["modifiedTime"], "1726067547");  // int64 -> string, like protojson
    EXPECT_EQ(first["flow"]["translateTargetLangs"], json::array());
    EXPECT_EQ(first["screens"][0]["inputs"], json::array());
    EXPECT_EQ(first["screens"][0]["flowId"], "my-flow");
    now += 60;
    const json same = ok(flows.import_v1(import_body("my-flow", {{"x", 1}})));
    EXPECT_EQ(same["flow"]["version"], 2);
    EXPECT_EQ(same["flow"]["modifiedTime"], "1726067607");
    EXPECT_EQ(same["flow"]["etag"], first["flow"]["etag"]);  // same content, same etag
    const json changed = ok(flows.import_v1(import_body("my-flow", {{"x", 2}})));
    EXPECT_NE(changed["flow"]["etag"], first["flow"]["etag"]);
    EXPECT_EQ(ok(flows.export_v1({{"flowId", "my-flow"}})), changed);
}

TEST_F(FlowTableTest, ManagementConfigIsEmittedWithEveryNestedZeroValue) {
    const json zero = json::parse(
        R"({"triggers":{"enabled":false,"triggerType":"","eventTriggers":{"triggeringEventTypes":[]}}})");
    EXPECT_EQ(ok(flows.import_v1(import_body("a", {})))["flow"]["managementConfig"], zero);
    json partial = import_body("b", {});
    partial["flow"]["managementConfig"] = {{"triggers", {{"enabled", true}}}};
    const json b = ok(flows.import_v1(partial))["flow"]["managementConfig"];
    EXPECT_EQ(b["triggers"]["enabled"], true);
    EXPECT_EQ(b["triggers"]["triggerType"], "");
    EXPECT_EQ(b["triggers"]["eventTriggers"]["triggeringEventTypes"], json::array());
    json nulls = import_body("c", {});
    nulls["flow"]["managementConfig"] = {{"triggers", {{"triggerType", nullptr}}}};
    EXPECT_EQ(ok(flows.import_v1(nulls))["flow"]["managementConfig"], zero);
}

TEST_F(FlowTableTest, ListFiltersAndCounts) {
    ok(flows.import_v1(import_body("b", json::object())));
    ok(flows.import_v1(import_body("a", json::object())));
    const json all = ok(flows.list(json::object()));
    EXPECT_EQ(all["total"], 2);
    EXPECT_EQ(all["flows"][0]["id"], "a");
    const json some = ok(flows.list({{"ids", {"b"}}}));
    EXPECT_EQ(some["total"], 1);
    EXPECT_EQ(some["flows"][0]["id"], "b");
}

TEST_F(FlowTableTest, ExportAndDeleteErrors) {
    EXPECT_EQ(err(flows.export_v1({{"flowId", "nope"}})).kind, ErrorKind::not_found);
    EXPECT_EQ(err(flows.export_v1(json::object())).message, "The flowId field is required");
    EXPECT_EQ(err(flows.import_v1({{"flow", json::object()}})).kind, ErrorKind::missing_argument);
    ok(flows.import_v1(import_body("a", json::object())));
    ok(flows.remove({{"ids", {"a", "never-existed"}}}));
    EXPECT_EQ(ok(flows.list(json::object()))["total"], 0);
    EXPECT_EQ(err(flows.remove(json::object())).kind, ErrorKind::missing_argument);
}

TEST_F(FlowTableTest, V2ExportConvertsAndV2ImportRoundTrips) {
    ok(flows.import_v1(import_body("f", {{"step", "x"}})));
    const json v2 = ok(flows.export_v2({{"flowId", "f"}}))["flow"];
    EXPECT_EQ(v2["flowId"], "f");
    EXPECT_EQ(v2["metadata"]["name"], "My Flow");
    EXPECT_EQ(v2["contents"], json({{"step", "x"}}));
    EXPECT_EQ(v2["screens"][0]["screenId"], "s1");
    EXPECT_EQ(v2["screens"][0]["contents"], json({{"a", 1}}));
    json copy = v2;
    copy["flowId"] = "g";
    copy["references"] = {{"connectors", {{"c1", "Conn"}}}};
    EXPECT_EQ(ok(flows.import_v2({{"flow", copy}})), json::object());
    const json back = ok(flows.export_v2({{"flowId", "g"}}))["flow"];
    EXPECT_EQ(back["contents"], v2["contents"]);
    EXPECT_EQ(back["screens"], v2["screens"]);
    EXPECT_EQ(back["metadata"], v2["metadata"]);
    EXPECT_EQ(back["references"], copy["references"]);
    EXPECT_EQ(err(flows.import_v2(json::object())).message, "The flow field is required");
}

TEST_F(FlowTableTest, ThemeImportReplacesAndExportsInBothShapes) {
    EXPECT_EQ(ok(flows.export_theme_v1()), json({{"theme",
                                                  {{"id", "TH2theme"},
                                                   {"version", 0},
                                                   {"cssTemplate", json::object()},
                                                   {"componentsVersion", ""},
                                                   {"codeMode", false}}}}));
    const json imported =
        ok(flows.import_theme_v1({{"theme", {{"cssTemplate", {{"dark", true}}}}}}));
    EXPECT_EQ(imported["theme"]["cssTemplate"], json({{"dark", true}}));
    EXPECT_EQ(imported["theme"]["version"], 1);
    EXPECT_EQ(ok(flows.export_theme_v2())["theme"]["styles"], json({{"dark", true}}));
    ok(flows.import_theme_v2(
        {{"theme", {{"styles", {{"light", true}}}, {"componentsVersion", "1.2"}}}}));
    EXPECT_EQ(ok(flows.export_theme_v1())["theme"]["cssTemplate"], json({{"light", true}}));
    EXPECT_EQ(ok(flows.export_theme_v1())["theme"]["componentsVersion"], "1.2");
    EXPECT_EQ(err(flows.import_theme_v1(json::object())).message, "The theme field is required");
}

}  // namespace
}  // namespace descope_mgmt::emulator

namespace descope_mgmt::emulator {
namespace {

// R8 (descope-java FlowServiceImplTest.java, descope-ruby-sdk flow_spec.rb): the theme id is the
// server's, non-blank and different per project; every import raises the version; whatever id
// and version the client sends is ignored.
TEST(ThemeFidelity, IdIsThePerProjectServerIdAndVersionGoesUpOnEveryImport) {
    ProjectStore a("P2alphaalphaalphaalphaalpha0", "A");
    ProjectStore b("P2betabetabetabetabetabetab0", "B");
    const json theme_a = (*a.flows().export_theme_v1())["theme"];
    const std::string id = theme_a["id"];
    EXPECT_FALSE(id.empty());
    EXPECT_NE((*b.flows().export_theme_v1())["theme"]["id"], id);
    EXPECT_EQ(ProjectStore("P2alphaalphaalphaalphaalpha0", "again")
                  .flows()
                  .export_theme_v1()
                  ->at("theme")["id"],
              id);  // derived, so stable across restarts
    long long version = theme_a["version"];
    for (int i = 0; i < 3; ++i) {
        const auto imported = a.flows().import_theme_v1(
            {{"theme", {{"id", "client-id"}, {"version", 99}, {"cssTemplate", {{"i", i}}}}}});
        ASSERT_TRUE(imported);
        EXPECT_EQ((*imported)["theme"]["id"], id);
        EXPECT_EQ((*imported)["theme"]["version"], version + 1);
        version = (*imported)["theme"]["version"];
    }
    ASSERT_TRUE(a.flows().import_theme_v2({{"theme", {{"styles", json::object()}}}}));
    EXPECT_EQ((*a.flows().export_theme_v1())["theme"]["version"], version + 1);
    EXPECT_EQ((*a.flows().export_theme_v1())["theme"]["id"], id);
}

}  // namespace
}  // namespace descope_mgmt::emulator
