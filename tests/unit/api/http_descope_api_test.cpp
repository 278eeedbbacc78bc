// Every DescopeApi operation sends the exact method, path and body of descope-api.md and reads
// the answer into the model.
#include "api/http_descope_api.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "api_harness.hpp"
#include "util/version.hpp"

namespace descope_mgmt::api {
namespace {

using nlohmann::json;
using test::FakeTransport;
using testing::Harness;

model::Tenant acme_with_plan() {
    model::Tenant t;
    t.id = "acme";
    t.name = "Acme";
    t.self_provisioning_domains = {"acme.com"};
    t.custom_attributes["plan"] = std::string("gold");
    return t;
}

struct Case {
    const char* name;
    std::function<bool(HttpDescopeApi&)> call;  // true = the operation reported success
    const char* method;
    const char* path;
    const char* body;  // expected JSON body; nullptr = no body
};

TEST(HttpDescopeApi, EveryOperationSendsTheDocumentedRequest) {
    model::Tenant with_settings = acme_with_plan();
    with_settings.session_settings = model::SessionSettings{};
    with_settings.session_settings->inactivity_timeout =
        model::Duration{30, model::TimeUnit::minutes};
    const std::vector<Case> cases = {
        {"load_all_tenants", [](auto& a) { return bool(a.load_all_tenants()); }, "GET",
         "/v1/mgmt/tenant/all", nullptr},
        {"load_tenant", [](auto& a) { return bool(a.load_tenant("a b&c")); }, "GET",
         "/v1/mgmt/tenant?id=a%20b%26c", nullptr},
        {"create_tenant", [](auto& a) { return bool(a.create_tenant(acme_with_plan())); }, "POST",
         "/v1/mgmt/tenant/create",
         R"({"id":"acme","name":"Acme","selfProvisioningDomains":["acme.com"],
             "customAttributes":{"plan":"gold"},"enforceSSO":false,"disabled":false})"},
        {"update_tenant", [](auto& a) { return bool(a.update_tenant(acme_with_plan())); }, "POST",
         "/v1/mgmt/tenant/update",
         R"({"id":"acme","name":"Acme","selfProvisioningDomains":["acme.com"],
             "customAttributes":{"plan":"gold"},"enforceSSO":false,"disabled":false})"},
        {"delete_tenant", [](auto& a) { return bool(a.delete_tenant("acme", true)); }, "POST",
         "/v1/mgmt/tenant/delete", R"({"id":"acme","cascade":true})"},
        {"load_tenant_settings", [](auto& a) { return bool(a.load_tenant_settings("acme")); },
         "GET", "/v1/mgmt/tenant/settings?id=acme", nullptr},
        {"update_tenant_settings",
         [&](auto& a) { return bool(a.update_tenant_settings(with_settings)); }, "POST",
         "/v1/mgmt/tenant/settings",
         R"({"tenantId":"acme","selfProvisioningDomains":["acme.com"],"enabled":false,
             "refreshTokenExpiration":0,"refreshTokenExpirationUnit":"",
             "sessionTokenExpiration":0,"sessionTokenExpirationUnit":"",
             "stepupTokenExpiration":0,"stepupTokenExpirationUnit":"",
             "enableInactivity":true,"inactivityTime":30,"inactivityTimeUnit":"minutes",
             "JITDisabled":false})"},
        {"update_default_roles",
         [](auto& a) { return bool(a.update_default_roles("acme", {"viewer"})); }, "POST",
         "/v1/mgmt/tenant/updateDefaultRoles", R"({"id":"acme","defaultRoles":["viewer"]})"},
        {"load_all_permissions", [](auto& a) { return bool(a.load_all_permissions()); }, "GET",
         "/v1/mgmt/permission/all", nullptr},
        {"create_permission",
         [](auto& a) {
             return bool(a.create_permission({"p1", "d"}));
         },
         "POST", "/v1/mgmt/permission/create", R"({"name":"p1","description":"d"})"},
        {"update_permission",
         [](auto& a) {
             return bool(a.update_permission("p1", {"p2", "d"}));
         },
         "POST", "/v1/mgmt/permission/update", R"({"name":"p1","newName":"p2","description":"d"})"},
        {"delete_permission", [](auto& a) { return bool(a.delete_permission("p1")); }, "POST",
         "/v1/mgmt/permission/delete", R"({"name":"p1"})"},
        {"load_all_roles", [](auto& a) { return bool(a.load_all_roles()); }, "GET",
         "/v1/mgmt/role/all", nullptr},
        {"create_role",
         [](auto& a) {
             return bool(a.create_role({"Admin", "admins", "", {"perm.a"}}));
         },
         "POST", "/v1/mgmt/role/create",
         R"({"name":"Admin","description":"admins","permissionNames":["perm.a"]})"},
        {"update_role",
         [](auto& a) {
             return bool(a.update_role("Admin", {"Administrator", "admins", "t1", {"perm.a"}}));
         },
         "POST", "/v1/mgmt/role/update",
         R"({"name":"Admin","newName":"Administrator","description":"admins",
             "permissionNames":["perm.a"],"tenantId":"t1"})"},
        {"delete_role", [](auto& a) { return bool(a.delete_role("Admin", "t1")); }, "POST",
         "/v1/mgmt/role/delete", R"({"name":"Admin","tenantId":"t1"})"},
        {"list_flows", [](auto& a) { return bool(a.list_flows()); }, "POST", "/v1/mgmt/flow/list",
         "{}"},
        {"export_flow", [](auto& a) { return bool(a.export_flow("sign-in")); }, "POST",
         "/v1/mgmt/flow/export", R"({"flowId":"sign-in"})"},
        {"import_flow",
         [](auto& a) {
             return bool(a.import_flow({"my-flow", R"({"flow":{"id":"my-flow"},"screens":[]})"}));
         },
         "POST", "/v1/mgmt/flow/import",
         R"({"flowId":"my-flow","flow":{"id":"my-flow"},"screens":[]})"},
        {"delete_flows", [](auto& a) { return bool(a.delete_flows({"old-flow"})); }, "POST",
         "/v1/mgmt/flow/delete", R"({"ids":["old-flow"]})"},
        {"export_theme", [](auto& a) { return bool(a.export_theme()); }, "POST",
         "/v1/mgmt/theme/export", "{}"},
        {"import_theme",
         [](auto& a) { return bool(a.import_theme({R"({"theme":{"id":"","cssTemplate":{}}})"})); },
         "POST", "/v1/mgmt/theme/import", R"({"theme":{"id":"","cssTemplate":{}}})"},
        {"list_projects", [](auto& a) { return bool(a.list_projects()); }, "POST",
         "/v1/mgmt/projects/list", "{}"},
        {"update_project_name", [](auto& a) { return bool(a.update_project_name("New")); }, "POST",
         "/v1/mgmt/project/update/name", R"({"name":"New"})"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        Harness h;
        // Answers with the right shape for every read.
        h.transport->set_handler([](const HttpRequest& r) {
            if (r.url.find("/flow/export") != std::string::npos) {
                return FakeTransport::ok(R"({"flow":{"id":"sign-in"},"screens":[]})");
            }
            if (r.url.find("/theme/export") != std::string::npos) {
                return FakeTransport::ok(R"({"theme":{"id":""}})");
            }
            if (r.url.find("/tenant/create") != std::string::npos) {
                return FakeTransport::ok(R"({"id":"acme"})");
            }
            if (r.url.find("/tenant?id=") != std::string::npos) {
                return FakeTransport::ok(R"({"id":"acme","name":"Acme"})");
            }
            return FakeTransport::empty_project(r);
        });
        auto options = h.options();
        options.preserve_unmanaged_fields = false;  // exactly one request per operation
        auto api = h.make(options);
        EXPECT_TRUE(c.call(*api));
        auto reqs = h.transport->requests();
        // The settings POST replaces the whole record: the live one is always read first.
        if (c.path == std::string("/v1/mgmt/tenant/settings")) {
            ASSERT_EQ(reqs.size(), 2u);
            EXPECT_EQ(reqs[0].route, "GET /v1/mgmt/tenant/settings");
            reqs.erase(reqs.begin());
        }
        ASSERT_EQ(reqs.size(), 1u);
        EXPECT_EQ(reqs[0].request.method, c.method);
        EXPECT_EQ(reqs[0].path, c.path);
        EXPECT_EQ(reqs[0].request.url, std::string("http://127.0.0.1:9") + c.path);
        if (c.body) {
            ASSERT_TRUE(reqs[0].request.body);
            EXPECT_EQ(json::parse(*reqs[0].request.body), json::parse(c.body));
        } else {
            EXPECT_FALSE(reqs[0].request.body);
        }
    }
}

TEST(HttpDescopeApi, SendsIdentityHeadersAndContentTypeOnlyWithABody) {
    Harness h;
    auto api = h.make();
    ASSERT_TRUE(api->load_all_roles());
    ASSERT_TRUE(api->create_permission({"p", ""}));
    auto reqs = h.transport->requests();
    ASSERT_EQ(reqs.size(), 2u);
    auto header = [](const HttpRequest& r, const std::string& name) -> std::optional<std::string> {
        for (const auto& [n, v] : r.headers)
            if (n == name) return v;
        return std::nullopt;
    };
    EXPECT_EQ(header(reqs[0].request, "Authorization"),
              std::string("Bearer ") + testing::kProjectId + ":" + testing::kKey);
    EXPECT_EQ(header(reqs[0].request, "x-descope-project-id"), testing::kProjectId);
    EXPECT_EQ(header(reqs[0].request, "User-Agent"), std::string("descope-mgmt/") + util::kVersion);
    EXPECT_FALSE(header(reqs[0].request, "Content-Type"));
    EXPECT_EQ(header(reqs[1].request, "Content-Type"), "application/json");
}

TEST(HttpDescopeApi, ReadsAnswersIntoTheModel) {
    Harness h;
    h.transport->script("GET /v1/mgmt/tenant/all",
                        {FakeTransport::ok(R"({"tenants":[{"id":"a","name":"A"},{"id":"b"}]})")});
    h.transport->script("GET /v1/mgmt/tenant/settings",
                        {FakeTransport::ok(R"({"enabled":true,"sessionTokenExpiration":10,
                            "sessionTokenExpirationUnit":"minutes","JITDisabled":true})")});
    h.transport->script(
        "POST /v1/mgmt/projects/list",
        {FakeTransport::ok(std::string(R"({"projects":[{"id":"Pother","name":"X"},{"id":")") +
                           testing::kProjectId + R"(","name":"Mine"}]})")});
    h.transport->script("POST /v1/mgmt/tenant/create", {FakeTransport::ok(R"({"id":"gen-7"})")});
    auto api = h.make();
    auto tenants = api->load_all_tenants();
    ASSERT_TRUE(tenants);
    ASSERT_EQ(tenants->size(), 2u);
    EXPECT_EQ((*tenants)[0].name, "A");
    auto settings = api->load_tenant_settings("a");
    ASSERT_TRUE(settings);
    EXPECT_EQ(settings->session_token_expiration, (model::Duration{10, model::TimeUnit::minutes}));
    EXPECT_TRUE(settings->jit_disabled);
    auto name = api->load_project_name();
    ASSERT_TRUE(name);
    EXPECT_EQ(*name, "Mine");
    model::Tenant no_id;
    no_id.name = "Generated";
    auto id = api->create_tenant(no_id);
    ASSERT_TRUE(id);
    EXPECT_EQ(*id, "gen-7");
}

TEST(HttpDescopeApi, ProjectNameMissingFromTheListIsAClearError) {
    Harness h;
    h.transport->script("POST /v1/mgmt/projects/list",
                        {FakeTransport::ok(R"({"projects":[{"id":"Pother","name":"X"}]})")});
    auto name = h.make()->load_project_name();
    ASSERT_FALSE(name);
    EXPECT_EQ(name.error().to_string(),
              std::string("dev: reading the project name: the project is not in the "
                          "projects/list answer"));
}

TEST(HttpDescopeApi, ErrorsReadLikeTheSpec) {
    Harness h;
    h.transport->script("POST /v1/mgmt/tenant/create",
                        {FakeTransport::error(400, "E011002", "The name field is required")});
    model::Tenant plain = acme_with_plan();
    plain.custom_attributes.clear();
    auto r = h.make()->create_tenant(plain);
    ASSERT_FALSE(r);
    EXPECT_EQ(
        r.error().to_string(),
        "dev: creating tenant acme: HTTP 400 Bad Request: The name field is required (E011002)");
    EXPECT_EQ(r.error().http_status, 400);
    EXPECT_EQ(r.error().error_code, "E011002");
    EXPECT_FALSE(r.error().retryable);
    EXPECT_EQ(r.error().attempts, 1);
    // A refused keyed create is read back once (a lost earlier copy could explain it); the
    // tenant is not there, so the refusal stands.
    const auto reqs = h.transport->requests();
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_EQ(reqs[1].route, "GET /v1/mgmt/tenant");
}

TEST(HttpDescopeApi, UpdatesKeepFieldsTheToolDoesNotManage) {
    Harness h;
    h.transport->script(
        "GET /v1/mgmt/tenant",
        {FakeTransport::ok(R"({"id":"acme","name":"Old","enforceSSOExclusions":["U1"],
                            "federatedAppIds":["F"],"roleInheritance":"userOnly",
                            "tenant":{"id":"acme","name":"Old","enforceSSOExclusions":["U1"],
                            "federatedAppIds":["F"],"roleInheritance":"userOnly"}})")});
    h.transport->script("GET /v1/mgmt/tenant/settings",
                        {FakeTransport::ok(R"({"domains":["sso.acme.com"],"authType":"saml"})")});
    h.transport->script(
        "GET /v1/mgmt/role/all",
        {FakeTransport::ok(R"({"roles":[{"name":"Admin","default":true,"private":true}]})")});
    auto api = h.make();
    ASSERT_TRUE(api->update_tenant(acme_with_plan()));
    model::Tenant t = acme_with_plan();
    t.session_settings = model::SessionSettings{};
    ASSERT_TRUE(api->update_tenant_settings(t));
    ASSERT_TRUE(api->update_role("Admin", {"Admin", "all", "", {}}));
    auto reqs = h.transport->requests();
    ASSERT_EQ(reqs.size(), 6u);
    EXPECT_EQ(reqs[0].route, "GET /v1/mgmt/tenant");
    json tenant_body = json::parse(*reqs[1].request.body);
    EXPECT_EQ(tenant_body["enforceSSOExclusions"], json::array({"U1"}));
    EXPECT_EQ(tenant_body["federatedAppIds"], json::array({"F"}));
    EXPECT_EQ(tenant_body["roleInheritance"], "userOnly");
    EXPECT_EQ(tenant_body["name"], "Acme");
    json settings_body = json::parse(*reqs[3].request.body);
    EXPECT_EQ(settings_body["domains"], json::array({"sso.acme.com"}));
    EXPECT_EQ(settings_body["authType"], "saml");
    json role_body = json::parse(*reqs[5].request.body);
    EXPECT_EQ(role_body["default"], true);
    EXPECT_EQ(role_body["private"], true);
    EXPECT_EQ(role_body["description"], "all");
}

TEST(HttpDescopeApi, SettingsUpdateWithoutSettingsIsALocalError) {
    Harness h;
    auto r = h.make()->update_tenant_settings(acme_with_plan());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().to_string(),
              "dev: updating the session settings of tenant acme: no session settings to send");
    EXPECT_TRUE(h.transport->requests().empty());
}

TEST(HttpDescopeApi, BadFlowDocumentIsALocalErrorAndNothingIsSent) {
    Harness h;
    auto r = h.make()->import_flow({"f", "{oops"});
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().to_string().find("dev: deploying flow f: flow \"f\" document"),
              std::string::npos);
    EXPECT_TRUE(h.transport->requests().empty());
}

TEST(HttpDescopeApi, MalformedReadIsAnErrorValueNeverAnException) {
    Harness h;
    h.transport->set_handler(
        [](const HttpRequest&) { return FakeTransport::ok(R"({"tenants":[{"id":42}]})"); });
    auto r = h.make()->load_all_tenants();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message,
              "unexpected answer (HTTP 200): tenants[0].id: expected a string, got integer");
    // JSON that does not map gets the same answer when asked again: reported at once (R2).
    EXPECT_EQ(r.error().attempts, 1);
    EXPECT_FALSE(r.error().retryable);
}

}  // namespace
}  // namespace descope_mgmt::api
