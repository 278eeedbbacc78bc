// The API client (HttpDescopeApi over libcurl) against the real descope-emulator binary:
// every operation, error values, and the transport's rules.
#include <gtest/gtest.h>

#include "api/base_url.hpp"
#include "api/curl_transport.hpp"
#include "api/http_descope_api.hpp"
#include "api_scenario.hpp"
#include "support/emulator_process.hpp"

namespace descope_mgmt::api {
namespace {

using test::EmulatorProcess;

constexpr const char* kProject = "P2e2eapiclientprojectxxxxxxx";
constexpr const char* kKey = "K2e2eSecretKeyForTheApiClient";

std::unique_ptr<HttpDescopeApi> client(const std::string& base_url, const std::string& key = kKey,
                                       model::RateLimit limit = {200, 60}) {
    ClientOptions o;
    o.environment = "e2e";
    o.project_id = kProject;
    o.management_key = util::Secret(key);
    o.base_url = base_url;
    o.retry.backoff = {std::chrono::milliseconds(10), std::chrono::milliseconds(20)};
    auto limiter = std::make_shared<RateLimiter>(util::SystemClock::instance(), limit);
    return std::make_unique<HttpDescopeApi>(std::move(o), std::make_shared<CurlTransport>(),
                                            limiter);
}

TEST(ApiClientE2e, EveryOperationAgainstTheEmulator) {
    // The scenario reads and renames the project, which needs a company-level key (R1): the
    // client's key is the emulator's company key; the project's own key is another one.
    auto emu = EmulatorProcess::start(
        {"--project", std::string(kProject) + ":K2projectOnly:E2E", "--company-key", kKey});
    ASSERT_TRUE(emu) << emu.error().message;
    auto api = client((*emu)->base_url());
    test::ScenarioOptions o;
    o.project_id = kProject;
    test::run_every_operation(*api, o);
    test::cleanup(*api, o.prefix);
    auto tenants = api->load_all_tenants();
    ASSERT_TRUE(tenants);
    EXPECT_TRUE(tenants->empty());
    EXPECT_EQ(api->stats().retries, 0u);
    EXPECT_GE(api->stats().calls, 45u);    // the scenario really went over the wire
    EXPECT_EQ(api->stats().failures, 1u);  // only the load of the deleted tenant (404)
}

TEST(ApiClientE2e, ErrorsCarryStatusCodeAndMessage) {
    auto emu = EmulatorProcess::start({"--project", std::string(kProject) + ":" + kKey});
    ASSERT_TRUE(emu) << emu.error().message;
    auto api = client((*emu)->base_url());
    model::Tenant nameless;
    nameless.id = "acme";
    auto r = api->create_tenant(nameless);
    ASSERT_FALSE(r);
    EXPECT_EQ(
        r.error().to_string(),
        "e2e: creating tenant acme: HTTP 400 Bad Request: The name field is required (E011002)");
    auto missing = api->load_tenant("nope");
    ASSERT_FALSE(missing);
    EXPECT_TRUE(missing.error().is_not_found());

    auto bad_key = client((*emu)->base_url(), "K2wrong");
    auto denied = bad_key->load_all_roles();
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().http_status, 401);
    EXPECT_FALSE(denied.error().retryable);
    EXPECT_EQ(denied.error().to_string().find("K2wrong"), std::string::npos);
}

TEST(ApiClientE2e, ConnectionRefusedIsARetriedConnectError) {
    auto emu = EmulatorProcess::start({"--project", std::string(kProject) + ":" + kKey});
    ASSERT_TRUE(emu) << emu.error().message;
    const std::string url = (*emu)->base_url();
    (*emu)->stop();
    auto api = client(url);
    auto r = api->load_all_permissions();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().http_status, 0);
    EXPECT_TRUE(r.error().retryable);
    EXPECT_EQ(r.error().attempts, 3);
    EXPECT_NE(r.error().message.find("connect failed"), std::string::npos) << r.error().message;
}

TEST(ApiClientE2e, TransportRefusesPlainHttpToNonLoopbackHosts) {
    CurlTransport transport;
    HttpRequest request;
    request.method = "GET";
    request.url = "http://example.com/v1/mgmt/tenant/all";
    request.headers.emplace_back("Authorization", "Bearer P:K");
    auto r = transport.send(request);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, TransportErrorKind::invalid_request);
    EXPECT_FALSE(resolve_base_url(kProject, std::string("http://example.com")));
}

TEST(ApiClientE2e, ConnectionsAreReused) {
    auto emu = EmulatorProcess::start({"--project", std::string(kProject) + ":" + kKey});
    ASSERT_TRUE(emu) << emu.error().message;
    auto transport = std::make_shared<CurlTransport>();
    ClientOptions o;
    o.environment = "e2e";
    o.project_id = kProject;
    o.management_key = util::Secret(kKey);
    o.base_url = (*emu)->base_url();
    HttpDescopeApi api(
        o, transport,
        std::make_shared<RateLimiter>(util::SystemClock::instance(), model::RateLimit{1000, 1}));
    for (int i = 0; i < 50; ++i)
        ASSERT_TRUE(api.load_all_permissions());
    EXPECT_EQ(transport->connections_opened(), 1u);
}

}  // namespace
}  // namespace descope_mgmt::api
