// `flow list` against the emulator: tables, JSON, managed flags, failing environments.
#include "flow_e2e_fixture.hpp"

namespace descope_mgmt::test::flow_e2e {
namespace {

TEST_F(FlowCommandsE2e, ListShowsEveryFlowAndWhetherTheConfigManagesIt) {
    seed_dev();
    import_flow(kProdProject, kProdKey, sign_in_import_body("prod"));

    const auto text = mgmt({"flow", "list"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("dev: 2 flows, 1 managed"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("prod: 1 flow, 0 managed"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("ID       NAME     DISABLED  MANAGED"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("sign-up  Sign Up  yes       no"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("declared in the config but not in this project: step-up"),
              std::string::npos)
        << text.out;

    const auto j = mgmt({"flow", "list", "-o", "json"});
    ASSERT_EQ(j.exit_code, 0) << j.err;
    const json doc = json::parse(j.out);
    EXPECT_EQ(doc["format_version"], 1);
    EXPECT_EQ(doc["command"], "flow list");
    ASSERT_EQ(doc["environments"].size(), 2u);
    const json& dev = doc["environments"][0];
    EXPECT_EQ(dev["name"], "dev");
    EXPECT_EQ(dev["project_id"], kDevProject);
    EXPECT_EQ(dev["status"], "ok");
    ASSERT_EQ(dev["flows"].size(), 2u);
    EXPECT_EQ(dev["flows"][0], (json{{"id", "sign-in"},
                                     {"name", "Sign In"},
                                     {"description", ""},
                                     {"disabled", false},
                                     {"managed", true}}));
    EXPECT_EQ(dev["flows"][1]["id"], "sign-up");
    EXPECT_EQ(dev["flows"][1]["disabled"], true);
    EXPECT_EQ(dev["flows"][1]["managed"], false);
    EXPECT_EQ(dev["declared_missing"], json::array());
    const json& prod = doc["environments"][1];
    EXPECT_EQ(prod["name"], "prod");
    ASSERT_EQ(prod["flows"].size(), 1u);
    EXPECT_EQ(prod["flows"][0]["managed"], false);  // declared for dev only
    EXPECT_EQ(prod["declared_missing"], json::array({"step-up"}));

    const auto one = mgmt({"flow", "list", "-e", "prod", "-o", "json"});
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_EQ(json::parse(one.out)["environments"].size(), 1u);
}

TEST_F(FlowCommandsE2e, ListReportsTheFailingEnvironmentAndStillShowsTheOthers) {
    seed_dev();
    const auto r = mgmt({"flow", "list"}, "K2wrongProdKey");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("prod: listing the flows: HTTP 401 Unauthorized"), std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("K2wrongProdKey"), std::string::npos) << "the key leaked: " << r.err;
    EXPECT_NE(r.out.find("dev: 2 flows, 1 managed"), std::string::npos) << r.out;

    const auto j = mgmt({"flow", "list", "-o", "json"}, "K2wrongProdKey");
    EXPECT_EQ(j.exit_code, 1);
    const json doc = json::parse(j.out);
    EXPECT_EQ(doc["environments"][0]["status"], "ok");
    EXPECT_EQ(doc["environments"][1]["status"], "error");
    EXPECT_EQ(doc["environments"][1]["error"]["http_status"], 401);
    EXPECT_EQ(doc["environments"][1]["error"]["operation"], "flow list");
}

}  // namespace
}  // namespace descope_mgmt::test::flow_e2e
