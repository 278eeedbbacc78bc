// `drift` against descope-emulator: exit 0 when every environment matches the config, 2 with a
// matrix and details when one was edited out of band, and a JSON document for monitoring.
#include <gtest/gtest.h>

#include <fstream>

#include "e2e/plan_e2e_support.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

using nlohmann::json;

class DriftE2e : public PlanE2e {
  protected:
    void SetUp() override {
        PlanE2e::SetUp();
        auto apply = mgmt({"apply", "--auto-approve"});
        ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
    }
};

TEST_F(DriftE2e, NoDriftAfterApply) {
    auto r = mgmt({"drift"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    for (const auto& e : environments())
        EXPECT_TRUE(contains(r.out, e + ": no drift")) << r.out;
    // Cron: -q prints nothing when there is nothing to say.
    auto quiet = mgmt({"drift", "-q"});
    EXPECT_EQ(quiet.exit_code, 0);
    EXPECT_TRUE(quiet.out.empty()) << quiet.out;
    EXPECT_TRUE(quiet.err.empty()) << quiet.err;
}

TEST_F(DriftE2e, OutOfBandEditShowsInTheMatrixAndTheDetails) {
    auto acme = api("prod", "GET", "/v1/mgmt/tenant?id=acme");
    api("prod", "POST", "/v1/mgmt/tenant/update",
        {{"id", "acme"},
         {"name", "Acme Corporation"},
         {"selfProvisioningDomains", json::array({"acme.com", "evil.example"})},
         {"customAttributes", acme["customAttributes"]},
         {"enforceSSO", acme["enforceSSO"]}});
    api("prod", "POST", "/v1/mgmt/role/create", {{"name", "ghost"}});
    api("prod", "POST", "/v1/mgmt/tenant/create", {{"id", "T2signup"}, {"name", "Signed up"}});

    auto r = mgmt({"drift"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "RESOURCE     test     devtest  dev      staging  prod\n"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "role:ghost   -        -        -        -        extra\n"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "tenant:acme  in sync  in sync  in sync  in sync  differs\n"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "dev: no drift")) << r.out;
    EXPECT_TRUE(contains(r.out, "prod: drift: 1 differs, 0 missing, 1 extra")) << r.out;
    EXPECT_TRUE(contains(r.out, "1 tenant not in the config")) << r.out;
    // Details: the plan's field-level change.
    EXPECT_TRUE(contains(r.out, "~ tenant acme")) << r.out;
    EXPECT_TRUE(contains(r.out, "self_provisioning_domains")) << r.out;

    auto j = mgmt({"drift", "-o", "json"});
    EXPECT_EQ(j.exit_code, 2);
    const auto doc = json::parse(j.out);
    EXPECT_EQ(doc["format_version"], 1);
    EXPECT_EQ(doc["drift"], true);
    for (const auto& e : doc["environments"]) {
        EXPECT_EQ(e["drift"], e["name"] == "prod") << e["name"];
        if (e["name"] == "prod") {
            EXPECT_EQ(e["counts"]["differs"], 1);
            EXPECT_EQ(e["counts"]["unmanaged_tenants"], 1);
            ASSERT_EQ(e["changes"].size(), 1u);
            EXPECT_EQ(e["changes"][0]["address"], "tenant:acme");
        }
    }
    // --ignore-extra: the role alone would not count, but the tenant still differs.
    EXPECT_EQ(mgmt({"drift", "--ignore-extra"}).exit_code, 2);
    EXPECT_EQ(mgmt({"drift", "-e", "dev"}).exit_code, 0);
}

TEST_F(DriftE2e, ExtraRoleIsDriftUnlessIgnored) {
    api("staging", "POST", "/v1/mgmt/role/create", {{"name", "ghost"}});
    EXPECT_EQ(mgmt({"drift", "-e", "staging"}).exit_code, 2);
    auto ignored = mgmt({"drift", "-e", "staging", "--ignore-extra"});
    EXPECT_EQ(ignored.exit_code, 0) << ignored.out;
    EXPECT_TRUE(contains(ignored.out, "1 extra not counted")) << ignored.out;
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e

namespace descope_mgmt::plan_e2e {
namespace {

TEST_F(PlanE2e, FlowEditedInTheConsoleIsDriftWithItsPaths) {
    std::filesystem::create_directories(m_dir / "flows");
    std::ofstream(m_dir / "flows" / "sign-in.json")
        // Hand-written: no managementConfig and no zero values; the server fills them in and
        // the canonical form must still see no drift.
        << R"({"flow":{"id":"sign-in","name":"Sign In","dsl":{"next":"t1"}},"screens":[]})";
    write_config(std::string(kConfig) + "flows:\n  - id: sign-in\n    file: flows/sign-in.json\n");
    ASSERT_EQ(mgmt({"apply", "-e", "dev", "--auto-approve"}).exit_code, 0);
    EXPECT_EQ(mgmt({"drift", "-e", "dev"}).exit_code, 0);

    api("dev", "POST", "/v1/mgmt/flow/import",
        {{"flowId", "sign-in"},
         {"flow", {{"id", "sign-in"}, {"name", "Sign In"}, {"dsl", {{"next", "t9"}}}}},
         {"screens", json::array()}});
    auto r = mgmt({"drift", "-e", "dev"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "flow:sign-in  differs")) << r.out;
    EXPECT_TRUE(contains(r.out, "dsl.next")) << r.out;
    EXPECT_TRUE(contains(r.out, "\"t9\" -> \"t1\"")) << r.out;
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
