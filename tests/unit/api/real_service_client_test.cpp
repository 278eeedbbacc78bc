// The client's side of docs/real-service.md through HttpDescopeApi with a FakeTransport and a
// FakeClock: the license handshake (R9), unexpected answers (R2), the project name with a
// project-scoped key (R1) and refused custom attributes (R4).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/http_descope_api.hpp"
#include "api_harness.hpp"

namespace descope_mgmt::api {
namespace {

using test::FakeTransport;
using testing::Harness;

std::optional<std::string> header(const HttpRequest& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
        if (k == name) return v;
    return std::nullopt;
}

TEST(LicenseHandshake, FetchedOnceBeforeTheFirstRequestAndSentOnEveryOne) {
    Harness h;
    h.transport->script("GET /v1/mgmt/license",
                        {FakeTransport::ok(R"({"rateLimitTier":"tier3"})")});
    auto o = h.options();
    o.fetch_license = true;
    auto api = h.make(o);
    ASSERT_TRUE(api->load_all_roles());
    ASSERT_TRUE(api->load_all_permissions());
    auto tier = api->license_tier();
    ASSERT_TRUE(tier);
    EXPECT_EQ(*tier, "tier3");
    const auto reqs = h.transport->requests();
    ASSERT_EQ(reqs.size(), 3u);
    EXPECT_EQ(reqs[0].route, "GET /v1/mgmt/license");
    EXPECT_FALSE(header(reqs[0].request, "x-descope-license"));
    EXPECT_EQ(header(reqs[1].request, "x-descope-license"), "tier3");
    EXPECT_EQ(header(reqs[2].request, "x-descope-license"), "tier3");
    EXPECT_EQ(h.transport->count("GET /v1/mgmt/license"), 1u);
}

TEST(LicenseHandshake, AFailureIsNeverFatalNorRetried) {
    Harness h;
    h.transport->script("GET /v1/mgmt/license", {FakeTransport::status(503)});
    auto o = h.options();
    o.fetch_license = true;
    auto api = h.make(o);
    ASSERT_TRUE(api->load_all_roles());
    EXPECT_EQ(h.transport->count("GET /v1/mgmt/license"), 1u) << "one attempt only";
    EXPECT_FALSE(api->license_tier());
    const auto reqs = h.transport->requests();
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_FALSE(header(reqs[1].request, "x-descope-license"));
    EXPECT_NE(h.all_logs().find("requests go without x-descope-license"), std::string::npos)
        << h.all_logs();
}

TEST(LicenseHandshake, OffByDefault) {
    Harness h;
    auto api = h.make();
    ASSERT_TRUE(api->load_all_roles());
    EXPECT_EQ(h.transport->count("GET /v1/mgmt/license"), 0u);
}

TEST(UnexpectedAnswer, AnUnknownUnitIsNamedAndNotRetried) {
    Harness h;
    h.transport->script(
        "GET /v1/mgmt/tenant/settings",
        {FakeTransport::ok(
            R"({"enabled":true,"sessionTokenExpiration":2,"sessionTokenExpirationUnit":"fortnights"})")});
    auto api = h.make();
    auto r = api->load_tenant_settings("acme");
    ASSERT_FALSE(r);
    EXPECT_EQ(h.transport->count("GET /v1/mgmt/tenant/settings"), 1u) << "not retried";
    EXPECT_FALSE(r.error().retryable);
    const std::string text = r.error().to_string();
    EXPECT_NE(text.find("reading the session settings of tenant acme"), std::string::npos) << text;
    EXPECT_NE(text.find("unexpected answer"), std::string::npos) << text;
    EXPECT_NE(text.find("sessionTokenExpirationUnit"), std::string::npos) << text;
    EXPECT_NE(text.find("fortnights"), std::string::npos) << text;
}

TEST(UnexpectedAnswer, ABodyThatIsNotJsonIsStillRetried) {
    Harness h;
    h.transport->script("GET /v1/mgmt/role/all",
                        {FakeTransport::ok("{not json"), FakeTransport::ok(R"({"roles":[]})")});
    auto api = h.make();
    EXPECT_TRUE(api->load_all_roles());
    EXPECT_EQ(h.transport->count("GET /v1/mgmt/role/all"), 2u);
}

TEST(ProjectName, AProjectScopedKeyIsExplainedAndNotRetried) {
    Harness h;
    h.transport->script("POST /v1/mgmt/projects/list",
                        {FakeTransport::error(401, "E011003", "company key needed")});
    auto api = h.make();
    auto r = api->load_project_name();
    ASSERT_FALSE(r);
    EXPECT_EQ(h.transport->count("POST /v1/mgmt/projects/list"), 1u);
    EXPECT_TRUE(r.error().needs_company_key);
    EXPECT_NE(r.error().message.find("company-level management key"), std::string::npos)
        << r.error().message;
    EXPECT_NE(r.error().message.find("project_name"), std::string::npos);
}

TEST(CustomAttributes, ARefusalSaysWhereAttributesAreDefined) {
    Harness h;
    h.transport->script(
        "POST /v1/mgmt/tenant/create",
        {FakeTransport::error(400, "E011004", "Custom attribute 'tier' is unknown")});
    auto api = h.make();
    model::Tenant t;
    t.id = "acme";
    t.name = "Acme";
    t.custom_attributes = {{"tier", std::int64_t{3}}, {"plan", std::string("gold")}};
    auto r = api->create_tenant(t);
    ASSERT_FALSE(r);
    const std::string& m = r.error().message;
    EXPECT_NE(m.find("Custom attribute 'tier' is unknown"), std::string::npos) << m;
    EXPECT_NE(m.find("Custom Attributes tab of the Tenants page"), std::string::npos) << m;
    EXPECT_NE(m.find("plan, tier"), std::string::npos) << m;

    // Without attributes, the refusal is shown as it is.
    h.transport->script("POST /v1/mgmt/tenant/create",
                        {FakeTransport::error(400, "E011002", "The name field is required")});
    model::Tenant bare;
    bare.id = "x";
    auto plain = api->create_tenant(bare);
    ASSERT_FALSE(plain);
    EXPECT_EQ(plain.error().message, "The name field is required");
}

}  // namespace
}  // namespace descope_mgmt::api
