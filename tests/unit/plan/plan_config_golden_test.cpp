// The config loader's desired states through the diff engine: environment selection and
// per-environment overrides as a user writes them in descope.yaml, planned against an empty
// project (golden text per environment).

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "plan_test_support.hpp"
#include "render/plan_text.hpp"

namespace descope_mgmt {
namespace {

std::optional<std::string> no_variables(const std::string&) {
    return std::nullopt;
}

constexpr const char* kYaml = R"(version: 1
environments:
  test: {}
  dev: { project_name: Acme (dev) }
  prod: { protected: true }
permissions:
  - name: projects.read
  - name: audit.read
    environments: [prod]
roles:
  - name: viewer
    permissions: [projects.read]
  - name: auditor
    tenant: acme
    permissions: [audit.read]
    environments: [prod]
tenants:
  - id: acme
    name: Acme Corp
    self_provisioning_domains: [acme.com]
    custom_attributes: { plan: business, seats: 50 }
    default_roles: [viewer]
    overrides:
      prod:
        name: Acme Corporation
        self_provisioning_domains: [acme.com, acme.io]
        custom_attributes: { plan: enterprise, seats: 500 }
        enforce_sso: true
        session_settings: { refresh_token_expiration: 4w, session_token_expiration: 15m }
  - id: initech
    name: Initech
    environments: [test, dev]
    overrides:
      test: { disabled: true }
)";

TEST(PlanConfigGolden, EnvironmentSelectionAndOverrides) {
    auto loaded = config::load_from_string(kYaml, "descope.yaml", no_variables);
    ASSERT_TRUE(loaded.config.has_value()) << loaded.diagnostics.items().front().message;
    std::string text;
    for (const std::string env : {"test", "dev", "prod"}) {
        const auto desired = config::desired_state(*loaded.config, env);
        model::LiveState empty;
        empty.environment = env;
        empty.project_name = "Project " + env;
        text += render::render_plan_text(plan_test::must_diff(desired, empty), {}) + "\n";
    }
    plan_test::expect_golden("config_environments.txt", text);
    // The facts the golden file shows, checked directly too.
    const auto prod = config::desired_state(*loaded.config, "prod");
    ASSERT_EQ(prod.tenants.size(), 1u);
    EXPECT_EQ(prod.tenants[0].name, "Acme Corporation");
    EXPECT_TRUE(prod.tenants[0].session_settings.has_value());
    EXPECT_EQ(config::desired_state(*loaded.config, "test").tenants.size(), 2u);
}

}  // namespace
}  // namespace descope_mgmt
