// examples/descope.yaml: the config users copy first must validate, and mean what it says.
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace descope_mgmt::config {
namespace {

using testing::FakeEnv;
using testing::rendered;

const std::filesystem::path kExample =
    std::filesystem::path(DM_SOURCE_DIR) / "examples/descope.yaml";

std::size_t count_tenant(const model::DesiredState& s, const std::string& id) {
    std::size_t n = 0;
    for (const auto& t : s.tenants)
        n += t.id == id ? 1 : 0;
    return n;
}

TEST(Example, ValidatesWithoutCredentialsWithWarningsOnly) {
    FakeEnv env;
    const LoadResult r = load(kExample, testing::fake_env);
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.diagnostics.error_count(), 0u) << rendered(r);
    // One warning per environment: its credential variables are not set.
    EXPECT_EQ(r.diagnostics.warning_count(), 5u) << rendered(r);
    for (const auto& e : r.config->environments)
        EXPECT_EQ(e.credential_problems.size(), 1u);
}

TEST(Example, ValidatesCleanlyWithCredentials) {
    FakeEnv env;
    for (const char* e : {"TEST", "DEVTEST", "DEV", "STAGING", "PROD"}) {
        env.set(std::string("DESCOPE_") + e + "_PROJECT_ID", "P" + std::string(27, 'x'));
        env.set(std::string("DESCOPE_") + e + "_MANAGEMENT_KEY", "K2key");
    }
    const LoadResult r = load(kExample, testing::fake_env);
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.diagnostics.error_count(), 0u) << rendered(r);
    EXPECT_EQ(r.diagnostics.warning_count(), 0u) << rendered(r);
}

TEST(Example, FiveEnvironmentsWithTheirDifferences) {
    FakeEnv env;
    const LoadResult r = load(kExample, testing::fake_env);
    ASSERT_TRUE(r.config) << rendered(r);
    const Config& c = *r.config;
    std::vector<std::string> names;
    for (const auto& e : c.environments)
        names.push_back(e.name);
    EXPECT_EQ(names, (std::vector<std::string>{"test", "devtest", "dev", "staging", "prod"}));
    EXPECT_TRUE(c.find_environment("prod")->is_protected);
    // One bucket for all: Descope limits plain API traffic per IP (R9).
    EXPECT_EQ(c.defaults.rate_limit, (model::RateLimit{100, 60}));
    EXPECT_EQ(c.defaults.rate_limit_scope, model::RateLimitScope::shared);

    const auto prod = desired_state(c, "prod");
    const auto test = desired_state(c, "test");
    EXPECT_EQ(count_tenant(prod, "globex"), 1u);  // prod-only tenant
    EXPECT_EQ(count_tenant(test, "globex"), 0u);
    EXPECT_EQ(count_tenant(test, "qa-sandbox"), 1u);
    EXPECT_EQ(count_tenant(prod, "qa-sandbox"), 0u);
    EXPECT_EQ(prod.flows.size(), 2u);
    EXPECT_EQ(test.flows.size(), 1u);
    ASSERT_TRUE(prod.theme);
    EXPECT_NE(prod.theme->document.find("\"cssTemplate\""), std::string::npos);

    bool has_parent = false;
    bool has_tenant_role = false;
    for (const auto& t : prod.tenants)
        has_parent = has_parent || !t.parent.empty();
    for (const auto& ro : prod.roles)
        has_tenant_role = has_tenant_role || !ro.tenant_id.empty();
    EXPECT_TRUE(has_parent);
    EXPECT_TRUE(has_tenant_role);
    for (const auto& t : prod.tenants) {
        if (t.id == "acme") {
            EXPECT_EQ(t.name, "Acme Corporation");  // prod override
        }
    }
    for (const auto& t : desired_state(c, "dev").tenants) {
        if (t.id == "acme") {
            EXPECT_EQ(t.name, "Acme Corp");
        }
    }
}

}  // namespace
}  // namespace descope_mgmt::config
