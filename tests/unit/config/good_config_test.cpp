// Valid configs: defaults, credential defaults, DESCOPE_BASE_URL, rate limits, tenants with all
// fields, environment selection and overrides through desired_state().
#include <gtest/gtest.h>

#include <algorithm>

#include "config_test_support.hpp"

namespace descope_mgmt::config {
namespace {

using testing::FakeEnv;
using testing::load_text;
using testing::rendered;

const char* const kProjectDev = "P2devdevdevdevdevdevdevdevd";              // 27 chars: invalid
const char* const kProjectA = "P2aaaaaaaaaaaaaaaaaaaaaaaaaa";               // 28
const char* const kProjectB = "Puse1bbbbbbbbbbbbbbbbbbbbbbbbbbb";           // 32
const char* const kProjectLong = "Puse1ccccccccccccccccccccccccccccccccc";  // 38 (R13)

const model::Tenant* find_tenant(const model::DesiredState& s, const std::string& id) {
    for (const auto& t : s.tenants)
        if (t.id == id) return &t;
    return nullptr;
}

TEST(GoodConfig, MinimalConfigGetsTheDefaults) {
    FakeEnv env(
        {{"DESCOPE_DEV_PROJECT_ID", kProjectA}, {"DESCOPE_DEV_MANAGEMENT_KEY", "K2secret"}});
    const LoadResult r = load_text("version: 1\nenvironments:\n  dev:\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_TRUE(r.diagnostics.empty()) << rendered(r);
    const Config& c = *r.config;
    EXPECT_EQ(c.version, 1);
    // Descope's general limit, per IP (docs.descope.com/rate-limiting): one bucket for all.
    EXPECT_EQ(c.defaults.rate_limit, (model::RateLimit{100, 60}));
    EXPECT_EQ(c.defaults.rate_limit_scope, model::RateLimitScope::shared);
    EXPECT_TRUE(c.defaults.prune.empty());
    ASSERT_EQ(c.environments.size(), 1u);
    const model::Environment& dev = c.environments[0];
    EXPECT_EQ(dev.name, "dev");
    EXPECT_EQ(dev.project_id, kProjectA);
    EXPECT_EQ(dev.management_key.reveal(), "K2secret");
    EXPECT_FALSE(dev.is_protected);
    EXPECT_FALSE(dev.project_name);
    EXPECT_FALSE(dev.base_url);
    EXPECT_EQ(dev.rate_limit, (model::RateLimit{100, 60}));
    EXPECT_TRUE(dev.credential_problems.empty());
    EXPECT_EQ(c.find_environment("dev"), &dev);
    EXPECT_EQ(c.find_environment("prod"), nullptr);
    EXPECT_EQ(c.path, "descope.yaml");
}

TEST(GoodConfig, RateLimitScopeEnvironmentIsTheOption) {
    FakeEnv env;
    const LoadResult r = load_text(
        "version: 1\ndefaults:\n  rate_limit: { scope: environment }\nenvironments:\n  dev: {}\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.config->defaults.rate_limit_scope, model::RateLimitScope::environment);
    EXPECT_EQ(r.config->environments[0].rate_limit, (model::RateLimit{100, 60}));
}

TEST(GoodConfig, ProjectIdsOfTwentyEightOrMoreCharacters) {
    FakeEnv env;
    const LoadResult r =
        load_text("version: 1\nenvironments:\n  a: { project_id: " + std::string(kProjectA) +
                  " }\n  b: { project_id: " + std::string(kProjectB) +
                  " }\n  c: { project_id: " + std::string(kProjectLong) + " }\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.diagnostics.error_count(), 0u) << rendered(r);
    EXPECT_EQ(r.config->environments[2].project_id, kProjectLong);
    EXPECT_EQ(std::string(kProjectLong).size(), 38u);
}

TEST(GoodConfig, CredentialDefaultsUseTheUpperCasedEnvironmentName) {
    FakeEnv env(
        {{"DESCOPE_EU_WEST_PROJECT_ID", kProjectB}, {"DESCOPE_EU_WEST_MANAGEMENT_KEY", "K2eu"}});
    const LoadResult r = load_text("version: 1\nenvironments:\n  eu-west: {}\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.config->environments[0].project_id, kProjectB);
    EXPECT_EQ(r.config->environments[0].management_key.reveal(), "K2eu");
}

TEST(GoodConfig, ExplicitCredentialsAndSettings) {
    FakeEnv env({{"PROD_ID", kProjectA}, {"PROD_KEY", "K2prod"}});
    const LoadResult r = load_text(
        "version: 1\n"
        "defaults:\n"
        "  rate_limit: { requests: 300, per_seconds: 30, scope: shared }\n"
        "  prune: [roles, flows]\n"
        "  backups: { dir: /srv/descope-backups, keep: 30 }\n"
        "environments:\n"
        "  prod:\n"
        "    project_id: ${PROD_ID}\n"
        "    management_key: ${PROD_KEY}\n"
        "    protected: true\n"
        "    project_name: Acme (prod)\n"
        "    base_url: https://auth.acme.com/descope\n"
        "    rate_limit: { requests: 100 }\n");
    ASSERT_TRUE(r.config) << rendered(r);
    const Config& c = *r.config;
    EXPECT_EQ(c.defaults.rate_limit_scope, model::RateLimitScope::shared);
    EXPECT_EQ(c.defaults.prune,
              (std::set<model::PruneType>{model::PruneType::roles, model::PruneType::flows}));
    EXPECT_EQ(c.defaults.backups.dir, "/srv/descope-backups");
    EXPECT_EQ(c.defaults.backups.keep, 30);
    const model::Environment& prod = c.environments[0];
    EXPECT_EQ(prod.project_id, kProjectA);
    EXPECT_EQ(prod.management_key.reveal(), "K2prod");
    EXPECT_TRUE(prod.is_protected);
    EXPECT_EQ(prod.project_name, "Acme (prod)");
    EXPECT_EQ(prod.base_url, "https://auth.acme.com/descope");
    // Unset fields of an environment's rate limit come from the defaults.
    EXPECT_EQ(prod.rate_limit, (model::RateLimit{100, 30}));
}

TEST(GoodConfig, DescopeBaseUrlOverridesEveryEnvironment) {
    FakeEnv env({{"DESCOPE_BASE_URL", "http://127.0.0.1:18080"}});
    const LoadResult r = load_text(
        "version: 1\nenvironments:\n  dev: {}\n  prod:\n    base_url: https://api.descope.com\n");
    ASSERT_TRUE(r.config) << rendered(r);
    for (const auto& e : r.config->environments)
        EXPECT_EQ(e.base_url, "http://127.0.0.1:18080");
}

// Issue 13: the config records what DESCOPE_BASE_URL overrode, for the warning commands give.
TEST(GoodConfig, DescopeBaseUrlRecordsWhatItOverrode) {
    FakeEnv env({{"DESCOPE_BASE_URL", "http://127.0.0.1:18080"}});
    const LoadResult r = load_text(
        "version: 1\nenvironments:\n  dev: {}\n  prod:\n    protected: true\n"
        "    base_url: https://auth.acme.com\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.config->environments[0].overridden_base_url, "");
    EXPECT_EQ(r.config->environments[1].overridden_base_url, "https://auth.acme.com");
    FakeEnv none;
    const LoadResult plain = load_text("version: 1\nenvironments:\n  dev: {}\n");
    ASSERT_TRUE(plain.config);
    EXPECT_FALSE(plain.config->environments[0].overridden_base_url);
}

TEST(GoodConfig, InvalidDescopeBaseUrlIsAnError) {
    FakeEnv env({{"DESCOPE_BASE_URL", "ftp://example.com"}});
    const LoadResult r = load_text("version: 1\nenvironments:\n  dev: {}\n");
    EXPECT_FALSE(r.config);
    ASSERT_EQ(r.diagnostics.error_count(), 1u) << rendered(r);
    EXPECT_EQ(r.diagnostics.items()[0].message,
              "DESCOPE_BASE_URL (in the process environment) is not a valid URL: use an http(s) "
              "URL, e.g. https://api.descope.com");
    EXPECT_EQ(rendered(r).find("ftp://example.com"), std::string::npos);
}

TEST(GoodConfig, UnsetCredentialsAreWarningsKeptForLaterCommands) {
    FakeEnv env;
    const LoadResult r =
        load_text("version: 1\nenvironments:\n  dev: {}\n  prod:\n    project_id: ${PROD_ID}\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.diagnostics.error_count(), 0u);
    ASSERT_EQ(r.diagnostics.warning_count(), 2u) << rendered(r);
    const auto& dev = r.config->environments[0];
    ASSERT_EQ(dev.credential_problems.size(), 1u);
    EXPECT_EQ(dev.credential_problems[0].severity, diag::Severity::error);
    EXPECT_EQ(dev.credential_problems[0].message,
              "environment 'dev': environment variables DESCOPE_DEV_PROJECT_ID and "
              "DESCOPE_DEV_MANAGEMENT_KEY are not set");
    EXPECT_EQ(dev.credential_problems[0].location, (diag::SourceLocation{"descope.yaml", 3, 3}));
    const auto& prod = r.config->environments[1];
    ASSERT_EQ(prod.credential_problems.size(), 1u);
    EXPECT_EQ(prod.credential_problems[0].message,
              "environment 'prod': environment variables PROD_ID and DESCOPE_PROD_MANAGEMENT_KEY "
              "are not set");
    // Located at the ${PROD_ID} reference.
    EXPECT_EQ(prod.credential_problems[0].location, (diag::SourceLocation{"descope.yaml", 5, 17}));
    EXPECT_TRUE(prod.project_id.empty());
}

TEST(GoodConfig, MalformedProjectIdFromVariableIsAnErrorWithoutItsValue) {
    FakeEnv env({{"DESCOPE_DEV_PROJECT_ID", kProjectDev}, {"DESCOPE_DEV_MANAGEMENT_KEY", "K"}});
    const LoadResult r = load_text("version: 1\nenvironments:\n  dev: {}\n");
    ASSERT_EQ(r.diagnostics.error_count(), 1u) << rendered(r);
    EXPECT_EQ(r.diagnostics.items()[0].message,
              "invalid project id (the value of ${DESCOPE_DEV_PROJECT_ID}, the default for "
              "environment 'dev'): a project id is 'P' followed by 27 or more letters or digits "
              "(see Project Settings in the Descope console)");
    EXPECT_EQ(rendered(r).find(kProjectDev), std::string::npos);
}

TEST(GoodConfig, LiteralManagementKeyIsAWarningAndNeverShown) {
    FakeEnv env;
    const std::string key = "K2literalKeyThatShouldNotBeHere";
    const LoadResult r =
        load_text("version: 1\nenvironments:\n  dev:\n    project_id: " + std::string(kProjectA) +
                  "\n    management_key: " + key + "\n    project_name: ${MISSING}\n");
    EXPECT_FALSE(r.config);  // ${MISSING} is an error; the key must not show in its output
    const std::string out = rendered(r);
    EXPECT_NE(out.find("warning: the management key of environment 'dev' is written in the "
                       "config file"),
              std::string::npos)
        << out;
    EXPECT_EQ(out.find(key), std::string::npos) << out;
    EXPECT_EQ(r.sources.line("descope.yaml", 5),
              "    management_key: " + std::string(key.size(), '*'));
}

TEST(GoodConfig, ShortLiteralKeyIsMaskedOnlyWhereItStands) {
    FakeEnv env;
    const LoadResult r = load_text(
        "version: 1\nenvironments:\n  dev:\n    management_key: K\n    project_name: Kit\n");
    EXPECT_EQ(r.sources.line("descope.yaml", 4), "    management_key: *");
    EXPECT_EQ(r.sources.line("descope.yaml", 5), "    project_name: Kit");
}

TEST(GoodConfig, TenantWithEveryField) {
    FakeEnv env({{"SEATS", "50"}});
    const LoadResult r = load_text(R"(version: 1
environments:
  dev: {}
roles:
  - name: viewer
  - name: auditor
    tenant: acme
tenants:
  - id: holding
    name: Holding
  - id: acme
    name: Acme Corp
    self_provisioning_domains: [acme.com, eu.acme.com]
    custom_attributes:
      plan: enterprise
      seats: ${SEATS}
      quoted: "50"
      ratio: 0.5
      beta: true
      tags: [a, b]
      country: no
    enforce_sso: true
    disabled: false
    parent: holding
    default_roles: [viewer, auditor]
    session_settings:
      refresh_token_expiration: 4w
      session_token_expiration: 10m
      stepup_token_expiration: 5m
      inactivity_timeout: 30m
      jit_disabled: true
)");
    ASSERT_TRUE(r.config) << rendered(r);
    ASSERT_EQ(r.config->tenants.size(), 2u);
    const model::Tenant& t = r.config->tenants[1].tenant;
    EXPECT_EQ(t.id, "acme");
    EXPECT_EQ(t.name, "Acme Corp");
    EXPECT_EQ(t.self_provisioning_domains, (std::vector<std::string>{"acme.com", "eu.acme.com"}));
    EXPECT_EQ(t.custom_attributes.at("plan"), model::AttributeValue(std::string("enterprise")));
    EXPECT_EQ(t.custom_attributes.at("seats"), model::AttributeValue(std::int64_t{50}));
    EXPECT_EQ(t.custom_attributes.at("quoted"), model::AttributeValue(std::string("50")));
    EXPECT_EQ(t.custom_attributes.at("ratio"), model::AttributeValue(0.5));
    EXPECT_EQ(t.custom_attributes.at("beta"), model::AttributeValue(true));
    EXPECT_EQ(t.custom_attributes.at("tags"),
              model::AttributeValue(std::vector<std::string>{"a", "b"}));
    // YAML 1.2: `no` is text, not false.
    EXPECT_EQ(t.custom_attributes.at("country"), model::AttributeValue(std::string("no")));
    EXPECT_TRUE(t.enforce_sso);
    EXPECT_FALSE(t.disabled);
    EXPECT_EQ(t.parent, "holding");
    EXPECT_EQ(t.default_roles, (std::vector<std::string>{"viewer", "auditor"}));
    ASSERT_TRUE(t.session_settings);
    const model::SessionSettings& s = *t.session_settings;
    EXPECT_EQ(s.refresh_token_expiration, (model::Duration{4, model::TimeUnit::weeks}));
    EXPECT_EQ(s.session_token_expiration, (model::Duration{10, model::TimeUnit::minutes}));
    EXPECT_EQ(s.stepup_token_expiration, (model::Duration{5, model::TimeUnit::minutes}));
    EXPECT_EQ(s.inactivity_timeout, (model::Duration{30, model::TimeUnit::minutes}));
    EXPECT_TRUE(s.jit_disabled);
    EXPECT_FALSE(r.config->tenants[0].tenant.session_settings);  // omitted = not managed
    EXPECT_EQ(r.config->roles[1].role.tenant_id, "acme");
}

TEST(GoodConfig, EscapedReferenceIsLiteral) {
    FakeEnv env({{"X", "value"}});
    const LoadResult r = load_text(
        "version: 1\nenvironments:\n  dev: {}\npermissions:\n  - name: p\n"
        "    description: \"costs $$5, uses $${X} and ${X}\"\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.config->permissions[0].permission.description, "costs $$5, uses ${X} and value");
}

TEST(GoodConfig, SameRoleNameInDifferentScopes) {
    FakeEnv env;
    const LoadResult r = load_text(
        "version: 1\nenvironments:\n  dev: {}\ntenants:\n  - id: a\n    name: A\n  - id: b\n"
        "    name: B\nroles:\n  - name: admin\n  - name: admin\n    tenant: a\n"
        "  - name: admin\n    tenant: b\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.config->roles.size(), 3u);
}

const char* const kSelection = R"(version: 1
environments:
  test: {}
  dev: {}
  prod: {}
permissions:
  - name: projects.read
  - name: audit.read
    environments: [prod]
roles:
  - name: viewer
    permissions: [projects.read]
  - name: auditor
    tenant: globex
    permissions: [audit.read]
    environments: [prod]
tenants:
  - id: acme
    name: Acme
    self_provisioning_domains: [acme.com]
    custom_attributes: { plan: pro, seats: 5 }
    default_roles: [viewer]
    overrides:
      prod:
        name: Acme Corporation
        self_provisioning_domains: [acme.com, acme.io]
        custom_attributes: { plan: enterprise }
        enforce_sso: true
        session_settings: { session_token_expiration: 5m }
      test: { disabled: true, default_roles: [] }
  - id: globex
    name: Globex
    environments: [prod]
)";

TEST(DesiredState, SelectsResourcesPerEnvironment) {
    FakeEnv env;
    const LoadResult r = load_text(kSelection);
    ASSERT_TRUE(r.config) << rendered(r);
    const model::DesiredState dev = desired_state(*r.config, "dev");
    EXPECT_EQ(dev.environment, "dev");
    EXPECT_EQ(dev.permissions.size(), 1u);
    EXPECT_EQ(dev.roles.size(), 1u);
    EXPECT_EQ(dev.tenants.size(), 1u);
    EXPECT_EQ(find_tenant(dev, "globex"), nullptr);
    const model::DesiredState prod = desired_state(*r.config, "prod");
    EXPECT_EQ(prod.permissions.size(), 2u);
    EXPECT_EQ(prod.roles.size(), 2u);
    EXPECT_NE(find_tenant(prod, "globex"), nullptr);
}

TEST(DesiredState, OverridesReplaceWholeFieldsInTheirEnvironmentOnly) {
    FakeEnv env;
    const LoadResult r = load_text(kSelection);
    ASSERT_TRUE(r.config) << rendered(r);
    const model::DesiredState dev_state = desired_state(*r.config, "dev");
    const model::Tenant* dev = find_tenant(dev_state, "acme");
    ASSERT_NE(dev, nullptr);
    EXPECT_EQ(dev->name, "Acme");
    EXPECT_EQ(dev->self_provisioning_domains, (std::vector<std::string>{"acme.com"}));
    EXPECT_FALSE(dev->enforce_sso);
    EXPECT_FALSE(dev->session_settings);

    const model::DesiredState prod_state = desired_state(*r.config, "prod");
    const model::Tenant* prod = find_tenant(prod_state, "acme");
    ASSERT_NE(prod, nullptr);
    EXPECT_EQ(prod->name, "Acme Corporation");
    EXPECT_EQ(prod->self_provisioning_domains, (std::vector<std::string>{"acme.com", "acme.io"}));
    // The override's mapping replaces the tenant's: "seats" is gone.
    EXPECT_EQ(
        prod->custom_attributes,
        (model::CustomAttributes{{"plan", model::AttributeValue(std::string("enterprise"))}}));
    EXPECT_TRUE(prod->enforce_sso);
    ASSERT_TRUE(prod->session_settings);
    EXPECT_EQ(prod->session_settings->session_token_expiration,
              (model::Duration{5, model::TimeUnit::minutes}));
    EXPECT_EQ(prod->default_roles, (std::vector<std::string>{"viewer"}));  // not overridden

    const model::DesiredState test_state = desired_state(*r.config, "test");
    const model::Tenant* test = find_tenant(test_state, "acme");
    ASSERT_NE(test, nullptr);
    EXPECT_TRUE(test->disabled);
    EXPECT_TRUE(test->default_roles.empty());
    EXPECT_EQ(test->name, "Acme");
}

TEST(DesiredState, CarriesTheProjectName) {
    FakeEnv env;
    const LoadResult r =
        load_text("version: 1\nenvironments:\n  dev: { project_name: Acme (dev) }\n  prod: {}\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(desired_state(*r.config, "dev").project_name, "Acme (dev)");
    EXPECT_FALSE(desired_state(*r.config, "prod").project_name);
    EXPECT_FALSE(desired_state(*r.config, "prod").theme);
}

TEST(GoodConfig, OverrideForUnselectedEnvironmentIsAWarning) {
    FakeEnv env;
    const LoadResult r = load_text(
        "version: 1\nenvironments:\n  dev: {}\n  prod: {}\ntenants:\n  - id: a\n    name: A\n"
        "    environments: [prod]\n    overrides:\n      dev: { name: B }\n");
    ASSERT_TRUE(r.config) << rendered(r);
    bool found = false;
    for (const auto& d : r.diagnostics.items()) {
        if (d.message ==
            "override for environment 'dev' is never used: the tenant is not in that environment") {
            found = true;
            EXPECT_EQ(d.severity, diag::Severity::warning);
            EXPECT_EQ(d.location.line, 10);
            EXPECT_EQ(d.location.column, 7);
        }
    }
    EXPECT_TRUE(found) << rendered(r);
}

TEST(GoodConfig, ListsWithEveryItemCommentedOutAreEmpty) {
    FakeEnv env;
    const LoadResult r = load_text(
        "version: 1\ndefaults:\n  prune:\nenvironments:\n  dev:\npermissions:\nroles:\n"
        "tenants:\n  # - id: acme\n  #   name: Acme\nflows:\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_TRUE(r.config->tenants.empty());
    EXPECT_TRUE(r.config->defaults.prune.empty());
}

TEST(GoodConfig, AnchorsAndAliasesAreExpanded) {
    FakeEnv env;
    const LoadResult r = load_text(
        "version: 1\nenvironments:\n  dev: {}\n  prod: {}\ntenants:\n  - id: a\n    name: A\n"
        "    self_provisioning_domains: &domains [a.com, b.com]\n  - id: b\n    name: B\n"
        "    self_provisioning_domains: *domains\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.config->tenants[1].tenant.self_provisioning_domains,
              (std::vector<std::string>{"a.com", "b.com"}));
}

TEST(Load, MissingFileIsAnErrorNamingIt) {
    FakeEnv env;
    const LoadResult r = load("/nonexistent/dir/descope.yaml", testing::fake_env);
    EXPECT_FALSE(r.config);
    ASSERT_EQ(r.diagnostics.error_count(), 1u);
    EXPECT_EQ(r.diagnostics.items()[0].location.file, "/nonexistent/dir/descope.yaml");
    EXPECT_EQ(
        r.diagnostics.items()[0].message,
        "no config file: /nonexistent/dir/descope.yaml not found (-c, DESCOPE_MGMT_CONFIG); "
        "run `descope-mgmt init` to start one, or `descope-mgmt init --from-live -e ENV ...` to "
        "adopt existing projects (as `export-config --dir DIR` does from a config)");
}

TEST(Load, ReadsTheFileAndResolvesPathsFromItsFolder) {
    FakeEnv env;
    testing::TempDir dir;
    dir.write("flows/sign-in.json", testing::flow_export("sign-in"));
    dir.write("descope.yaml",
              "version: 1\nenvironments:\n  dev: {}\nflows:\n  - id: sign-in\n"
              "    file: flows/sign-in.json\n");
    const LoadResult r = load(dir.path() / "descope.yaml", testing::fake_env);
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.config->flows[0].file, dir.path() / "flows/sign-in.json");
    EXPECT_EQ(r.config->flows[0].flow.document, testing::flow_export("sign-in"));
}

// R3: the values at Descope's floors pass (just below: bad_config_test).
TEST(GoodConfig, SessionSettingsAtTheFloors) {
    FakeEnv env;
    const LoadResult r = load_text(R"(version: 1
environments:
  dev: {}
  prod: {}
tenants:
  - id: a
    name: A
    session_settings:
      refresh_token_expiration: 3m
      session_token_expiration: 180s
      stepup_token_expiration: 90s
      inactivity_timeout: 10m
    overrides:
      prod:
        session_settings: { refresh_token_expiration: 180s, inactivity_timeout: 600s }
  - id: b
    name: B
    session_settings: { session_token_expiration: 4w, inactivity_timeout: 1h }
)");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.diagnostics.error_count(), 0u) << rendered(r);
    EXPECT_EQ(r.diagnostics.warning_count(), 2u) << rendered(r);  // credentials
    const model::SessionSettings& a = *r.config->tenants[0].tenant.session_settings;
    EXPECT_EQ(a.refresh_token_expiration, (model::Duration{3, model::TimeUnit::minutes}));
    EXPECT_EQ(a.session_token_expiration, (model::Duration{180, model::TimeUnit::seconds}));
    EXPECT_EQ(a.stepup_token_expiration, (model::Duration{90, model::TimeUnit::seconds}));
    EXPECT_EQ(a.inactivity_timeout, (model::Duration{10, model::TimeUnit::minutes}));
    const auto prod_state = desired_state(*r.config, "prod");  // outlives the pointer below
    const model::Tenant* prod = find_tenant(prod_state, "a");
    ASSERT_NE(prod, nullptr);
    EXPECT_EQ(prod->session_settings->inactivity_timeout,
              (model::Duration{600, model::TimeUnit::seconds}));
    EXPECT_FALSE(prod->session_settings->session_token_expiration);
}

// R14: 100 characters pass, counted as characters, not bytes.
TEST(GoodConfig, RoleNamesOfHundredCharacters) {
    FakeEnv env;
    std::string accented;
    for (int i = 0; i < 100; ++i)
        accented += "\xc3\xa9";  // é: 2 bytes, 1 character
    const LoadResult r = load_text("version: 1\nenvironments:\n  dev: {}\nroles:\n  - name: " +
                                   std::string(100, 'r') + "\n  - name: " + accented + "\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.config->roles[0].role.name.size(), 100u);
    EXPECT_EQ(r.config->roles[1].role.name, accented);
}

// R5: Descope's built-ins exist in every project; declaring them stays allowed.
TEST(GoodConfig, BuiltinRolesAndPermissionsNeedNoDeclaration) {
    FakeEnv env;
    const LoadResult r = load_text(R"(version: 1
environments:
  dev: {}
  prod: {}
roles:
  - name: support
    permissions: [SSO Admin, User Admin, Impersonate]
tenants:
  - id: acme
    name: Acme
    default_roles: [Tenant Admin, support]
    overrides:
      prod: { default_roles: [Tenant Admin] }
)");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(r.diagnostics.error_count(), 0u) << rendered(r);
    EXPECT_EQ(r.diagnostics.warning_count(), 2u) << rendered(r);  // credentials
    EXPECT_EQ(r.config->roles[0].role.permissions,
              (std::vector<std::string>{"SSO Admin", "User Admin", "Impersonate"}));

    const LoadResult declared = load_text(R"(version: 1
environments:
  dev: {}
permissions:
  - name: Impersonate
    description: Impersonate users
roles:
  - name: Tenant Admin
    description: Edited built-in
    permissions: [Impersonate, User Admin]
tenants:
  - id: acme
    name: Acme
    default_roles: [Tenant Admin]
)");
    ASSERT_TRUE(declared.config) << rendered(declared);
    EXPECT_EQ(declared.diagnostics.error_count(), 0u) << rendered(declared);
}

// R12: unconfirmed rather than wrong, so a warning at the role's name; the config loads.
TEST(GoodConfig, TenantScopedDefaultRoleIsAWarning) {
    FakeEnv env;
    const LoadResult r = load_text(R"(version: 1
environments:
  dev: {}
  prod: {}
roles:
  - name: viewer
  - name: auditor
    tenant: acme
tenants:
  - id: acme
    name: Acme
    default_roles: [viewer, auditor]
    overrides:
      prod: { default_roles: [auditor] }
)");
    ASSERT_TRUE(r.config) << rendered(r);
    std::vector<const diag::Diagnostic*> found;
    for (const auto& d : r.diagnostics.items())
        if (d.message.find("tenant-scoped") != std::string::npos) found.push_back(&d);
    ASSERT_EQ(found.size(), 2u) << rendered(r);
    EXPECT_EQ(found[0]->severity, diag::Severity::warning);
    EXPECT_EQ(found[0]->message, "default role 'auditor' of tenant 'acme' is a tenant-scoped role");
    EXPECT_EQ(found[0]->location, (diag::SourceLocation{"descope.yaml", 12, 29}));
    ASSERT_FALSE(found[0]->notes.empty());
    EXPECT_EQ(found[0]->notes[0],
              "Descope documents default roles as project-level roles; it may refuse or ignore a "
              "tenant-scoped one");
    EXPECT_EQ(found[1]->message,
              "default role 'auditor' of tenant 'acme' (override for 'prod') is a tenant-scoped "
              "role");
    EXPECT_EQ(found[1]->location, (diag::SourceLocation{"descope.yaml", 14, 31}));
}

const char* const kNewFields = R"(version: 1
environments:
  dev: {}
  prod: {}
roles:
  - name: viewer
    default: true
    private: false
  - name: editor
tenants:
  - id: acme
    name: Acme
    role_inheritance: user_only
    enforce_sso_exclusions: [U2break, U2glass]
    federated_app_ids: [app-a]
    overrides:
      prod:
        role_inheritance: none
        enforce_sso_exclusions: []
        federated_app_ids: [app-a, app-b]
  - id: globex
    name: Globex
)";

TEST(GoodConfig, FieldsLeftOutKeepTheLiveValueAndDeclaredOnesAreRead) {
    FakeEnv env;
    const LoadResult r = load_text(kNewFields);
    ASSERT_TRUE(r.config) << rendered(r);
    const model::Role& viewer = r.config->roles[0].role;
    EXPECT_EQ(viewer.is_default, true);
    EXPECT_EQ(viewer.is_private, false);
    const model::Role& editor = r.config->roles[1].role;
    EXPECT_FALSE(editor.is_default);  // not declared: the live value is kept
    EXPECT_FALSE(editor.is_private);

    const model::Tenant& acme = r.config->tenants[0].tenant;
    EXPECT_EQ(acme.role_inheritance, "userOnly");  // the wire value
    EXPECT_EQ(acme.enforce_sso_exclusions, (std::vector<std::string>{"U2break", "U2glass"}));
    EXPECT_EQ(acme.federated_app_ids, (std::vector<std::string>{"app-a"}));
    const model::Tenant& globex = r.config->tenants[1].tenant;
    EXPECT_FALSE(globex.role_inheritance);
    EXPECT_FALSE(globex.enforce_sso_exclusions);
    EXPECT_FALSE(globex.federated_app_ids);
}

TEST(DesiredState, OverridesReplaceTheNewTenantFields) {
    FakeEnv env;
    const LoadResult r = load_text(kNewFields);
    ASSERT_TRUE(r.config) << rendered(r);
    const model::DesiredState dev_state = desired_state(*r.config, "dev");
    const model::Tenant* dev = find_tenant(dev_state, "acme");
    ASSERT_NE(dev, nullptr);
    EXPECT_EQ(dev->role_inheritance, "userOnly");
    EXPECT_EQ(dev->enforce_sso_exclusions, (std::vector<std::string>{"U2break", "U2glass"}));
    const model::DesiredState prod_state = desired_state(*r.config, "prod");
    const model::Tenant* prod = find_tenant(prod_state, "acme");
    ASSERT_NE(prod, nullptr);
    EXPECT_EQ(prod->role_inheritance, "none");
    // An empty list is declared: no exclusions in prod (not "keep the live value").
    EXPECT_EQ(prod->enforce_sso_exclusions, std::vector<std::string>{});
    EXPECT_EQ(prod->federated_app_ids, (std::vector<std::string>{"app-a", "app-b"}));
    EXPECT_FALSE(find_tenant(prod_state, "globex")->role_inheritance);
}

}  // namespace
}  // namespace descope_mgmt::config
