// The helpers of `flow list`, `flow export` and `theme export`: environment choice, file
// names, quiet writes, canonical texts and the "unknown flow" explanation (on FakeDescopeApi).
#include "cli/flow_support.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "support/fake_descope_api.hpp"
#include "support/files.hpp"

namespace descope_mgmt::cli {
namespace {

namespace fs = std::filesystem;
using test::ApiOperation;
using test::FakeDescopeApi;

model::Environment env(std::string name, std::string project = "P2flowunit00000000000000000") {
    model::Environment e;
    e.name = std::move(name);
    e.project_id = std::move(project);
    return e;
}

using test::read_text;
using test::TempDir;

TEST(FlowSupport, AnExportReadsExactlyOneEnvironment) {
    const auto dev = env("dev");
    const auto prod = env("prod");
    auto one = single_environment({&dev}, "flow export");
    ASSERT_TRUE(one);
    EXPECT_EQ(*one, &dev);

    auto two = single_environment({&dev, &prod}, "theme export");
    ASSERT_FALSE(two);
    EXPECT_EQ(two.error().message,
              "theme export works on one environment, but 2 are selected (dev, prod): choose one "
              "with -e NAME (required for theme export), e.g. -e dev");
}

TEST(FlowSupport, WritesOnlyWhatChangedAndCreatesFolders) {
    TempDir dir;
    const fs::path file = dir.path() / "deep/er/sign-in.json";
    auto created = write_file_if_changed(file, "{}\n");
    ASSERT_TRUE(created) << created.error().message;
    EXPECT_EQ(*created, FileOutcome::created);
    EXPECT_EQ(read_text(file), "{}\n");

    const auto stamp = fs::last_write_time(file);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto same = write_file_if_changed(file, "{}\n");
    ASSERT_TRUE(same);
    EXPECT_EQ(*same, FileOutcome::unchanged);
    EXPECT_EQ(fs::last_write_time(file), stamp);

    auto updated = write_file_if_changed(file, "{\"a\": 1}\n");
    ASSERT_TRUE(updated);
    EXPECT_EQ(*updated, FileOutcome::updated);
    EXPECT_EQ(read_text(file), "{\"a\": 1}\n");

    auto onto_folder = write_file_if_changed(dir.path() / "deep", "x");
    ASSERT_FALSE(onto_folder);
    EXPECT_NE(onto_folder.error().message.find("is a directory"), std::string::npos);
    EXPECT_STREQ(to_string(FileOutcome::unchanged), "unchanged");
}

TEST(FlowSupport, CanonicalTextsDropServerFieldsAndSortScreens) {
    model::Flow flow{"sign-in",
                     R"({"screens":[{"id":"SC2","version":3},{"id":"SC1"}],
                         "flow":{"version":9,"etag":"x","modifiedTime":"1","id":"sign-in",
                                 "dsl":{"version":"2.1"},"x":1.0}})"};
    auto text = canonical_flow_text(flow);
    ASSERT_TRUE(text) << text.error().message;
    const auto doc = nlohmann::json::parse(*text);
    EXPECT_FALSE(doc["flow"].contains("version"));
    EXPECT_FALSE(doc["flow"].contains("etag"));
    EXPECT_FALSE(doc["flow"].contains("modifiedTime"));
    EXPECT_EQ(doc["flow"]["dsl"]["version"], "2.1");
    EXPECT_EQ(doc["screens"][0]["id"], "SC1");
    EXPECT_FALSE(doc["screens"][1].contains("version"));
    EXPECT_EQ(text->back(), '\n');
    EXPECT_NE(text->find("\"x\": 1\n"), std::string::npos) << *text;

    auto theme = canonical_theme_text(model::Theme{R"({"theme":{"version":2,"cssTemplate":{}}})"});
    ASSERT_TRUE(theme);
    EXPECT_FALSE(nlohmann::json::parse(*theme)["theme"].contains("version"));

    auto broken = canonical_flow_text(model::Flow{"x", "{"});
    ASSERT_FALSE(broken);
    EXPECT_NE(broken.error().message.find("flow x is not valid JSON"), std::string::npos);
}

TEST(FlowSupport, AnUnknownFlowIsExplainedWithTheLiveIdsAndASuggestion) {
    FakeDescopeApi api("dev");
    ASSERT_TRUE(api.import_flow({"sign-in", R"({"flow":{"id":"sign-in"},"screens":[]})"}));
    ASSERT_TRUE(api.import_flow({"sign-up", R"({"flow":{"id":"sign-up"},"screens":[]})"}));
    api.reset_calls();
    const auto dev = env("dev");

    auto failed = api.export_flow("sign-inn");
    ASSERT_FALSE(failed);
    bool not_found = false;
    const std::string message =
        explain_flow_export_error(api, dev, failed.error(), "sign-inn", not_found);
    EXPECT_TRUE(not_found);
    EXPECT_EQ(message,
              "dev: reading flow sign-inn: no flow with this id in project "
              "P2flowunit00000000000000000: did you mean 'sign-in'? (live flows: sign-in, "
              "sign-up)");
    EXPECT_EQ(api.calls(ApiOperation::list_flows), 1);
}

TEST(FlowSupport, OtherExportFailuresAreShownAsTheyAre) {
    FakeDescopeApi api("dev");
    ASSERT_TRUE(api.import_flow({"sign-in", R"({"flow":{"id":"sign-in"},"screens":[]})"}));
    api.reset_calls();
    const auto dev = env("dev");
    bool not_found = true;

    // The flow exists, so a 400 is not "no such flow".
    api::ApiError bad_request;
    bad_request.environment = "dev";
    bad_request.operation = "flow export";
    bad_request.subject = "sign-in";
    bad_request.http_status = 400;
    bad_request.message = "Something else";
    EXPECT_EQ(explain_flow_export_error(api, dev, bad_request, "sign-in", not_found),
              bad_request.to_string());
    EXPECT_FALSE(not_found);

    // Auth, rate-limit, server and network failures do not cost a flow/list.
    api.reset_calls();
    for (int status : {0, 401, 403, 429, 500, 503}) {
        api::ApiError e = bad_request;
        e.http_status = status;
        EXPECT_EQ(explain_flow_export_error(api, dev, e, "nope", not_found), e.to_string());
        EXPECT_FALSE(not_found);
    }
    EXPECT_EQ(api.calls(ApiOperation::list_flows), 0);

    // When the check itself fails, the original error is what the user sees.
    api.fail_nth_call(ApiOperation::list_flows, 1);
    EXPECT_EQ(explain_flow_export_error(api, dev, bad_request, "nope", not_found),
              bad_request.to_string());
    EXPECT_FALSE(not_found);
}

}  // namespace
}  // namespace descope_mgmt::cli
