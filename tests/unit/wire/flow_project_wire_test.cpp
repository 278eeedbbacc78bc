#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "wire/error_body.hpp"
#include "wire/flow_wire.hpp"
#include "wire/json_reader.hpp"
#include "wire/project_wire.hpp"

namespace descope_mgmt::wire {
namespace {

using nlohmann::json;

TEST(FlowWire, ReadsFlowList) {
    auto flows = parse_flow_list(json::parse(R"({"flows":[{"id":"sign-up-or-in","version":1,
      "name":"Sign Up or In","description":"","dsl":{},"modifiedTime":"1726067547",
      "disabled":true}],"total":1})"));
    ASSERT_TRUE(flows);
    ASSERT_EQ(flows->size(), 1u);
    EXPECT_EQ((*flows)[0], (model::FlowSummary{"sign-up-or-in", "Sign Up or In", "", true}));
    EXPECT_FALSE(parse_flow_list(json::parse(R"({"flows":[{"id":["x"]}]})")));
}

TEST(FlowWire, ExportKeepsFlowAndScreensOnly) {
    auto flow = parse_flow_export(
        "f1",
        json::parse(R"({"flow":{"id":"f1","dsl":{"b":1,"a":2}},"screens":[{"id":"s"}],"x":1})"));
    ASSERT_TRUE(flow);
    EXPECT_EQ(flow->id, "f1");
    EXPECT_EQ(json::parse(flow->document),
              json::parse(R"({"flow":{"id":"f1","dsl":{"a":2,"b":1}},"screens":[{"id":"s"}]})"));
    auto no_screens = parse_flow_export("f2", json::parse(R"({"flow":{}})"));
    ASSERT_TRUE(no_screens);
    EXPECT_EQ(json::parse(no_screens->document)["screens"], json::array());
    EXPECT_FALSE(parse_flow_export("f3", json::parse("{}")));
    EXPECT_FALSE(parse_flow_export("f3", json::parse(R"({"flow":[]})")));
}

TEST(FlowWire, ImportBodyUsesTheFlowIdAndRejectsBadDocuments) {
    auto body =
        flow_import_body({"my-flow", R"({"flow":{"id":"other","name":"My"},"screens":[]})"});
    ASSERT_TRUE(body);
    EXPECT_EQ((*body)["flowId"], "my-flow");
    EXPECT_EQ((*body)["flow"]["name"], "My");
    EXPECT_EQ((*body)["screens"], json::array());
    auto screens = flow_import_body(
        {"my-flow", R"({"flow":{},"screens":[{"id":"S1"},{"id":"S2","flowId":"stale"}]})"});
    ASSERT_TRUE(screens);
    EXPECT_EQ((*screens)["screens"],
              json::parse(R"([{"id":"S1","flowId":"my-flow"},{"id":"S2","flowId":"my-flow"}])"));
    auto bad = flow_import_body({"x", "{not json"});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("flow \"x\""), std::string::npos);
    EXPECT_FALSE(flow_import_body({"x", R"({"screens":[]})"}));
    EXPECT_EQ(flow_delete_body({"a", "b"}), json::parse(R"({"ids":["a","b"]})"));
    EXPECT_EQ(flow_export_body("a"), json::parse(R"({"flowId":"a"})"));
}

TEST(ThemeWire, ExportAndImport) {
    auto theme = parse_theme_export(json::parse(R"({"theme":{"id":"","cssTemplate":{"x":1}}})"));
    ASSERT_TRUE(theme);
    auto body = theme_import_body(*theme);
    ASSERT_TRUE(body);
    EXPECT_EQ((*body)["theme"]["cssTemplate"]["x"], 1);
    EXPECT_FALSE(parse_theme_export(json::parse("{}")));
    EXPECT_FALSE(theme_import_body({"[]"}));
}

TEST(ProjectWire, ReadsProjectsList) {
    auto projects = parse_project_list(json::parse(R"({"projects":[
      {"id":"P1","name":"Dev","environment":"","tags":["a"]},{"id":"P2","name":"Prod"}]})"));
    ASSERT_TRUE(projects);
    ASSERT_EQ(projects->size(), 2u);
    EXPECT_EQ((*projects)[0], (model::ProjectInfo{"P1", "Dev", "", {"a"}}));
    EXPECT_EQ((*projects)[1].name, "Prod");
    EXPECT_FALSE(parse_project_list(json::parse(R"({"projects":[{"tags":[1]}]})")));
    EXPECT_EQ(project_name_body("N"), json::parse(R"({"name":"N"})"));
}

TEST(ErrorBodyWire, ReadsDescopeErrorsAndSurvivesGarbage) {
    auto e = parse_error_body(
        R"({"errorCode":"E011002","errorDescription":"Missing arguments","errorMessage":"The name field is required"})");
    EXPECT_EQ(e.error_code, "E011002");
    EXPECT_EQ(e.best_message(), "The name field is required");
    auto desc_only = parse_error_body(R"({"errorCode":"E1","errorDescription":"d"})");
    EXPECT_EQ(desc_only.best_message(), "d");
    auto garbage = parse_error_body("<html>502 Bad Gateway</html>");
    EXPECT_EQ(garbage.error_code, "");
    EXPECT_EQ(garbage.best_message(), "");
    auto wrong = parse_error_body(R"({"errorCode":5})");
    EXPECT_EQ(wrong.error_code, "");
}

// Issue 12, finding 7: JSON nested about 100k deep crashed the tool (SIGSEGV).
TEST(JsonReader, AnAnswerNestedTooDeepIsAnErrorNotACrash) {
    const std::string deep =
        "{\"tenants\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
    auto r = parse_json(deep);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("deeper than 1000 levels"), std::string::npos)
        << r.error().message;
    const std::string fine = std::string(999, '[') + std::string(999, ']');
    EXPECT_TRUE(parse_json(fine));
}

TEST(JsonReader, ParseJsonNeverThrows) {
    EXPECT_FALSE(parse_json(""));
    EXPECT_FALSE(parse_json("{\"a\":"));
    EXPECT_FALSE(parse_json("\xff\xfe"));
    auto ok = parse_json(R"({"a":1})");
    ASSERT_TRUE(ok);
    EXPECT_EQ((*ok)["a"], 1);
}

}  // namespace
}  // namespace descope_mgmt::wire
