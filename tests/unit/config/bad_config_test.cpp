// One broken config per case: each must produce exactly the expected error message at the
// expected line:column (and, unless stated, no other error: no cascades).
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace descope_mgmt::config {
namespace {

using testing::FakeEnv;
using testing::load_text;
using testing::rendered;

struct BadCase {
    const char* name;
    std::string yaml;
    std::string message;
    int line;
    int column;
    std::string note = {};   // when set: the error's first note
    std::size_t errors = 1;  // total errors expected
};

void PrintTo(const BadCase& c, std::ostream* os) {
    *os << c.name;
}

// Lines 1-4 of most cases.
const std::string H = "version: 1\nenvironments:\n  dev: {}\n  prod: {}\n";

const BadCase kCases[] = {
    {"EmptyFile", "", "the config file is empty", 1, 1},
    {"OnlyComments", "# nothing yet\n", "the config file is empty", 1, 1},
    {"NotAMapping", "- dev\n- prod\n",
     "the config file must be a mapping of keys (version, environments, ...), got a list", 1, 1},
    {"YamlSyntax", "version: 1\nenvironments: [dev\n",
     "YAML syntax error: flow sequence without a closing bracket", 3, 1},
    {"SecondDocument", H + "---\nversion: 1\n", "a second YAML document ('---') is not allowed", 5,
     1},
    {"UnsupportedVersion", "version: 2\nenvironments:\n  dev: {}\n",
     "invalid config version '2' for 'version': this descope-mgmt reads version 1 (a newer "
     "descope-mgmt may read this file)",
     1, 10},
    {"MissingVersion", "environments:\n  dev: {}\n",
     "missing required key 'version' at the top level", 1, 1},
    {"UnknownTopLevelKey", H + "tenents: []\n", "unknown key 'tenents' at the top level", 5, 1,
     "did you mean 'tenants'?"},
    {"DuplicateTopLevelKey", "version: 1\nversion: 1\nenvironments:\n  dev: {}\n",
     "duplicate key 'version' (first defined at line 1)", 2, 1},
    {"DuplicateNestedKey", H + "tenants:\n  - id: acme\n    name: Acme\n    name: Acme 2\n",
     "duplicate key 'name' (first defined at line 7)", 8, 5},
    {"NoEnvironments", "version: 1\nenvironments: {}\n", "'environments' must not be empty", 2, 15},
    {"UpperCaseEnvironmentName", "version: 1\nenvironments:\n  Prod: {}\n",
     "invalid environment name 'Prod' in 'environments': use lower-case letters, digits, '-' "
     "and '_', starting with a letter",
     3, 3},
    {"ReservedEnvironmentName", "version: 1\nenvironments:\n  all: {}\n",
     "invalid environment name 'all' in 'environments': 'all' is reserved: '--env all' selects "
     "every environment",
     3, 3},
    {"BooleanAsWord", H + "tenants:\n  - id: acme\n    name: Acme\n    enforce_sso: maybe\n",
     "'enforce_sso' must be true or false, got a string", 8, 18},
    {"Yaml11Boolean", H + "tenants:\n  - id: acme\n    name: Acme\n    disabled: yes\n",
     "'disabled' must be true or false, got a string", 8, 15,
     "YAML 1.2 reads this as text: write true or false"},
    {"NumberForName", H + "tenants:\n  - id: acme\n    name: 123\n",
     "'name' must be a name, got an integer", 7, 11, "quote it to use it as text: \"123\""},
    {"ScalarForList", H + "tenants:\n  - id: acme\n    name: Acme\n    environments: prod\n",
     "'environments' must be a list of environment names, got a string", 8, 19,
     "write a list, e.g. [dev, staging, prod]"},
    {"UnknownTenantKey", H + "tenants:\n  - id: acme\n    name: Acme\n    nmae: Acme\n",
     "unknown key 'nmae' in a tenant", 8, 5, "did you mean 'name'?"},
    {"UnknownOverrideKey",
     H + "tenants:\n  - id: acme\n    name: Acme\n    overrides:\n      prod: { parent: x }\n",
     "unknown key 'parent' in a tenant override", 9, 15,
     "valid keys: name, self_provisioning_domains, custom_attributes, enforce_sso, disabled, "
     "default_roles, session_settings, role_inheritance, enforce_sso_exclusions, "
     "federated_app_ids"},
    {"MissingTenantName", H + "tenants:\n  - id: acme\n", "missing required key 'name' in a tenant",
     6, 5},
    {"UnsetVariable", H + "tenants:\n  - id: acme\n    name: ${ACME_NAME}\n",
     "environment variable ACME_NAME is not set", 7, 11,
     "set it in the environment (export ACME_NAME=...), or write '$${' for a literal '${'"},
    {"UnsetVariableInsideQuotes", H + "tenants:\n  - id: acme\n    name: \"Acme ${SUFFIX}\"\n",
     "environment variable SUFFIX is not set", 7, 17},
    {"LowerCaseVariable", H + "tenants:\n  - id: acme\n    name: ${acme}\n",
     "invalid variable name in '${acme}'", 7, 11},
    {"UnterminatedVariable", H + "tenants:\n  - id: acme\n    name: \"Acme ${NAME\"\n",
     "unterminated variable reference '${NAME'", 7, 17},
    {"UnsetVariableOutsideCredentials",
     "version: 1\nenvironments:\n  dev:\n    project_name: "
     "${DEV_NAME}\n",
     "environment variable DEV_NAME is not set", 4, 19},
    {"FlowMappingNeedsQuotes", H + "tenants:\n  - { id: acme, name: ${NAME} }\n",
     "YAML syntax error: missing comma in flow mapping", 6, 24,
     "inside { } or [ ], quote ${VAR} references: \"${NAME}\""},
    {"DuplicateTenantId", H + "tenants:\n  - id: acme\n    name: Acme\n  - id: acme\n    name: B\n",
     "duplicate tenant id 'acme' (first declared at line 6)", 8, 9},
    {"DuplicatePermission", H + "permissions:\n  - name: projects.read\n  - name: projects.read\n",
     "duplicate permission 'projects.read' (first declared at line 6)", 7, 11},
    {"DuplicateProjectRole", H + "roles:\n  - name: admin\n  - name: viewer\n  - name: admin\n",
     "duplicate role 'admin' (first declared at line 6)", 8, 11},
    {"DuplicateTenantRole",
     H + "tenants:\n  - id: acme\n    name: Acme\nroles:\n  - name: auditor\n    tenant: acme\n"
         "  - name: auditor\n    tenant: acme\n",
     "duplicate role 'auditor' of tenant 'acme' (first declared at line 9)", 11, 11},
    {"UndeclaredPermission",
     H + "permissions:\n  - name: projects.read\nroles:\n  - name: admin\n"
         "    permissions: [projects.read, projects.raed]\n",
     "role 'admin' uses undeclared permission 'projects.raed'", 9, 34,
     "did you mean 'projects.read'?"},
    {"PermissionMissingInEnvironment",
     H + "permissions:\n  - name: billing.read\n    environments: [prod]\nroles:\n"
         "  - name: admin\n    permissions: [billing.read]\n",
     "role 'admin' uses permission 'billing.read', which is not in environment 'dev'", 10, 19},
    {"RoleForUndeclaredTenant",
     H + "tenants:\n  - id: acme\n    name: Acme\nroles:\n  - name: auditor\n    tenant: acmee\n",
     "role 'auditor' is scoped to undeclared tenant 'acmee'", 10, 13, "did you mean 'acme'?"},
    {"RoleTenantMissingInEnvironment",
     H + "tenants:\n  - id: acme\n    name: Acme\n    environments: [prod]\nroles:\n"
         "  - name: auditor\n    tenant: acme\n",
     "role 'auditor' is scoped to tenant 'acme', which is not in environment 'dev'", 11, 13},
    {"UndeclaredParent", H + "tenants:\n  - id: acme\n    name: Acme\n    parent: holdings\n",
     "tenant 'acme' has undeclared parent 'holdings'", 8, 13, "declare the parent under 'tenants'"},
    {"OwnParent", H + "tenants:\n  - id: acme\n    name: Acme\n    parent: acme\n",
     "tenant 'acme' is its own parent", 8, 13},
    {"ParentCycle",
     H + "tenants:\n  - id: a\n    name: A\n    parent: c\n  - id: b\n    name: B\n    parent: a\n"
         "  - id: c\n    name: C\n    parent: b\n",
     "tenant parents form a cycle: 'a' -> 'c' -> 'b' -> 'a'", 8, 13},
    {"ParentMissingInEnvironment",
     H + "tenants:\n  - id: holding\n    name: Holding\n    environments: [prod]\n"
         "  - id: acme\n    name: Acme\n    parent: holding\n",
     "tenant 'acme' has parent 'holding', which is not in environment 'dev'", 11, 13},
    {"UndeclaredDefaultRole",
     H + "roles:\n  - name: viewer\ntenants:\n  - id: acme\n    name: Acme\n"
         "    default_roles: [veiwer]\n",
     "tenant 'acme' has undeclared default role 'veiwer'", 10, 21, "did you mean 'viewer'?"},
    {"DefaultRoleOfAnotherTenant",
     H + "roles:\n  - name: auditor\n    tenant: globex\ntenants:\n  - id: globex\n"
         "    name: Globex\n  - id: acme\n    name: Acme\n    default_roles: [auditor]\n",
     "default role 'auditor' of tenant 'acme' belongs to tenant 'globex'", 13, 21},
    {"DefaultRoleMissingInEnvironment",
     H + "roles:\n  - name: viewer\n    environments: [dev]\ntenants:\n  - id: acme\n"
         "    name: Acme\n    default_roles: [viewer]\n",
     "tenant 'acme' has default role 'viewer', which is not in environment 'prod'", 11, 21},
    {"UnknownEnvironmentInSelection",
     H + "tenants:\n  - id: acme\n    name: Acme\n    environments: [dev, prd]\n",
     "unknown environment 'prd' in 'environments'", 8, 25, "did you mean 'prod'?"},
    {"UnknownEnvironmentInOverrides",
     H + "tenants:\n  - id: acme\n    name: Acme\n    overrides:\n      staging: { name: X }\n",
     "unknown environment 'staging' in 'overrides'", 9, 7, "declared environments: dev, prod"},
    {"UpperCaseDomain",
     H + "tenants:\n  - id: acme\n    name: Acme\n    self_provisioning_domains: [Acme.com]\n",
     "invalid domain 'Acme.com' in 'self_provisioning_domains': write domains in lower case", 8,
     33},
    {"DomainWithScheme",
     H + "tenants:\n  - id: acme\n    name: Acme\n    self_provisioning_domains: "
         "[https://acme.com]\n",
     "invalid domain 'https://acme.com' in 'self_provisioning_domains': remove the scheme: write "
     "only the host name, e.g. acme.com",
     8, 33},
    {"DomainWithPort",
     H + "tenants:\n  - id: acme\n    name: Acme\n    self_provisioning_domains:\n"
         "      - acme.com:8443\n",
     "invalid domain 'acme.com:8443' in 'self_provisioning_domains': remove the port: write only "
     "the host name",
     9, 9},
    {"DomainWithoutDot",
     H + "tenants:\n  - id: acme\n    name: Acme\n    self_provisioning_domains: [acme]\n",
     "invalid domain 'acme' in 'self_provisioning_domains': a domain has at least two labels, "
     "e.g. acme.com",
     8, 33},
    {"DomainListedTwice",
     H + "tenants:\n  - id: acme\n    name: Acme\n    self_provisioning_domains: [acme.com, "
         "acme.com]\n",
     "'acme.com' is listed twice in 'self_provisioning_domains' (first at line 8)", 8, 43},
    {"MalformedProjectId", "version: 1\nenvironments:\n  dev:\n    project_id: P2abc\n",
     "invalid project id 'P2abc' for 'project_id': a project id is 'P' followed by 27 or more "
     "letters or digits (see Project Settings in the Descope console)",
     4, 17},
    // 'P' + 26: one short of Descope's shortest id (R13).
    {"ProjectIdOfTwentySevenCharacters",
     "version: 1\nenvironments:\n  dev:\n    project_id: P" + std::string(26, 'a') + "\n",
     "invalid project id 'P" + std::string(26, 'a') +
         "' for 'project_id': a project id is 'P' followed by 27 or more letters or digits (see "
         "Project Settings in the Descope console)",
     4, 17},
    {"BadDuration",
     H + "tenants:\n  - id: acme\n    name: Acme\n    session_settings:\n"
         "      refresh_token_expiration: 4x\n",
     "invalid duration '4x' for 'refresh_token_expiration': use <number><s|m|h|d|w> with a "
     "positive whole number, e.g. 90s, 30m, 12h, 7d or 4w",
     9, 33},
    {"DurationWithoutUnit",
     H + "tenants:\n  - id: acme\n    name: Acme\n    session_settings:\n"
         "      session_token_expiration: 10\n",
     "invalid duration '10' for 'session_token_expiration': add a unit: s (seconds), m "
     "(minutes), h (hours), d (days) or w (weeks), e.g. 30m",
     9, 33},
    {"ZeroDuration",
     H + "tenants:\n  - id: acme\n    name: Acme\n    session_settings: { inactivity_timeout: 0m "
         "}\n",
     "invalid duration '0m' for 'inactivity_timeout': use <number><s|m|h|d|w> with a positive "
     "whole number, e.g. 90s, 30m, 12h, 7d or 4w",
     8, 45},
    // Descope's floors (R3): each just below; the values at the floor are in good_config_test.
    {"RefreshTokenBelowFloor",
     H + "tenants:\n  - id: acme\n    name: Acme\n    session_settings:\n"
         "      refresh_token_expiration: 2m\n",
     "invalid duration '2m' for 'refresh_token_expiration': Descope's minimum is 3 minutes (3m "
     "or 180s)",
     9, 33},
    {"RefreshTokenBelowFloorInSeconds",
     H + "tenants:\n  - id: acme\n    name: Acme\n    session_settings:\n"
         "      refresh_token_expiration: 179s\n",
     "invalid duration '179s' for 'refresh_token_expiration': Descope's minimum is 3 minutes (3m "
     "or 180s)",
     9, 33},
    {"SessionTokenBelowFloor",
     H + "tenants:\n  - id: acme\n    name: Acme\n    session_settings:\n"
         "      session_token_expiration: 179s\n",
     "invalid duration '179s' for 'session_token_expiration': Descope's minimum is 3 minutes (3m "
     "or 180s)",
     9, 33},
    {"InactivityBelowFloor",
     H + "tenants:\n  - id: acme\n    name: Acme\n    session_settings:\n"
         "      inactivity_timeout: 9m\n",
     "invalid duration '9m' for 'inactivity_timeout': Descope's minimum is 10 minutes (10m or "
     "600s)",
     9, 27},
    {"InactivityBelowFloorInSeconds",
     H + "tenants:\n  - id: acme\n    name: Acme\n    session_settings:\n"
         "      inactivity_timeout: 599s\n",
     "invalid duration '599s' for 'inactivity_timeout': Descope's minimum is 10 minutes (10m or "
     "600s)",
     9, 27},
    {"SessionTokenLongerThanRefreshToken",
     H + "tenants:\n  - id: acme\n    name: Acme\n    session_settings:\n"
         "      refresh_token_expiration: 10m\n      session_token_expiration: 601s\n",
     "invalid duration '601s' for 'session_token_expiration': longer than "
     "'refresh_token_expiration' ('10m', line 9)",
     10, 33, "Descope requires the session token to expire no later than the refresh token"},
    {"FloorInOverride",
     H + "tenants:\n  - id: acme\n    name: Acme\n    overrides:\n      prod:\n"
         "        session_settings: { session_token_expiration: 2m }\n",
     "invalid duration '2m' for 'session_token_expiration': Descope's minimum is 3 minutes (3m "
     "or 180s)",
     10, 55},
    {"SessionTokenLongerThanRefreshTokenInOverride",
     H + "tenants:\n  - id: acme\n    name: Acme\n    overrides:\n      prod:\n"
         "        session_settings: { refresh_token_expiration: 1h, session_token_expiration: "
         "2h }\n",
     "invalid duration '2h' for 'session_token_expiration': longer than "
     "'refresh_token_expiration' ('1h', line 10)",
     10, 85},
    // R14: at most 100 characters (100 passes: good_config_test).
    {"RoleNameOfHundredAndOneCharacters", H + "roles:\n  - name: " + std::string(101, 'r') + "\n",
     "'name' must have at most 100 characters, got 101", 6, 11,
     "Descope allows at most 100 characters in a role name (terraform-provider-descope: "
     "internal/models/authorization/role.go)"},
    // R5: built-ins need no declaration, but a misspelt one is still undeclared.
    {"MisspeltBuiltinDefaultRole",
     H + "tenants:\n  - id: acme\n    name: Acme\n    default_roles: [Tenant admin]\n",
     "tenant 'acme' has undeclared default role 'Tenant admin'", 8, 21,
     "did you mean 'Tenant Admin'?"},
    {"MisspeltBuiltinPermission", H + "roles:\n  - name: admin\n    permissions: [Impersonat]\n",
     "role 'admin' uses undeclared permission 'Impersonat'", 7, 19, "did you mean 'Impersonate'?"},
    {"WireSpellingOfRoleInheritance",
     H + "tenants:\n  - id: acme\n    name: Acme\n    role_inheritance: userOnly\n",
     "invalid role inheritance 'userOnly' for 'role_inheritance': expected one of none, "
     "user_only",
     8, 23, "did you mean 'user_only'?"},
    {"EmptySsoExclusion",
     H + "tenants:\n  - id: acme\n    name: Acme\n    enforce_sso_exclusions: [\"\"]\n",
     "an item of 'enforce_sso_exclusions' must not be empty", 8, 30},
    {"SsoExclusionListedTwice",
     H + "tenants:\n  - id: acme\n    name: Acme\n    enforce_sso_exclusions: [U1, U1]\n",
     "'U1' is listed twice in 'enforce_sso_exclusions' (first at line 8)", 8, 34},
    {"FederatedAppIdListedTwiceInOverride",
     H + "tenants:\n  - id: acme\n    name: Acme\n    overrides:\n"
         "      prod: { federated_app_ids: [a1, a1] }\n",
     "'a1' is listed twice in 'federated_app_ids' (first at line 9)", 9, 39},
    {"RoleDefaultNotABoolean", H + "roles:\n  - name: admin\n    default: yes\n",
     "'default' must be true or false, got a string", 7, 14,
     "YAML 1.2 reads this as text: write true or false"},
    {"ZeroRateLimit", H + "defaults:\n  rate_limit: { requests: 0 }\n",
     "'requests' must be at least 1, got 0", 6, 27},
    {"ZeroBackupsKept", H + "defaults:\n  backups: { keep: 0 }\n",
     "'keep' must be at least 1, got 0", 6, 20},
    {"TooManyBackupsKept", H + "defaults:\n  backups: { keep: 5000000000 }\n",
     "'keep' must be at most 1000000000, got 5000000000", 6, 20},
    {"HugeRateLimit", H + "defaults:\n  rate_limit: { requests: 2000000000 }\n",
     "'requests' must be at most 1000000000, got 2000000000", 6, 27},
    {"BackupsCannotBeSwitchedOffInTheConfig", H + "defaults:\n  backups: { enabled: false }\n",
     "unknown key 'enabled' in the automatic backups", 6, 14},
    {"BadRateLimitScope", H + "defaults:\n  rate_limit: { scope: per-ip }\n",
     "invalid rate limit scope 'per-ip' for 'scope': expected one of environment, shared", 6, 24},
    {"BadPruneType", H + "defaults:\n  prune: [tenants, users]\n",
     "invalid resource type 'users' in 'prune': expected one of tenants, roles, permissions, "
     "flows",
     6, 20},
    {"PlainHttpBaseUrl",
     "version: 1\nenvironments:\n  dev:\n    base_url: http://api.descope.com\n",
     "invalid URL 'http://api.descope.com' for 'base_url': plain http:// is allowed only for "
     "loopback addresses (127.0.0.1, [::1], localhost): use https://",
     4, 15},
    {"BaseUrlWithoutScheme", "version: 1\nenvironments:\n  dev:\n    base_url: api.descope.com\n",
     "invalid URL 'api.descope.com' for 'base_url': use an http(s) URL, e.g. "
     "https://api.descope.com",
     4, 15},
    {"AttributeValueMapping",
     H + "tenants:\n  - id: acme\n    name: Acme\n    custom_attributes:\n      plan: { tier: 1 "
         "}\n",
     "'plan' in 'custom_attributes' must be a string, number, true/false or a list of strings, "
     "got a mapping",
     9, 13},
    {"AttributeListOfMappings",
     H + "tenants:\n  - id: acme\n    name: Acme\n    custom_attributes:\n      tags: [a, {b: "
         "1}]\n",
     "an item of 'tags' in 'custom_attributes' must be a string, got a mapping", 9, 17},
    {"SameTenantName",
     H + "tenants:\n  - id: acme\n    name: Acme\n  - id: acme2\n    name: Acme\n"
         "    environments: [prod]\n",
     "tenants 'acme' and 'acme2' have the same name in environment 'prod'", 9, 11},
    {"SameTenantNameAfterOverride",
     H + "tenants:\n  - id: acme\n    name: Acme\n  - id: acme2\n    name: Acme 2\n"
         "    overrides: { prod: { name: Acme } }\n",
     "tenants 'acme' and 'acme2' have the same name in environment 'prod'", 9, 11},
    {"UnsupportedTag", H + "tenants: !custom []\n", "unsupported YAML tag '!custom'", 5, 10},
    {"ComplexKey", H + "? [a, b]\n: c\n", "a key must be text", 5, 3},
    {"FlowWithoutFile", H + "flows:\n  - id: sign-in\n", "missing required key 'file' in a flow", 6,
     5},
    {"EmptyThemeFile", H + "theme:\n  file: \"\"\n", "'file' must not be empty", 6, 9},
    {"TenantIdWithSpace", H + "tenants:\n  - id: acme corp\n    name: Acme\n",
     "invalid id 'acme corp' for 'id': it cannot contain spaces or control characters", 6, 9},
};

class BadConfig : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadConfig, ReportsTheProblemAtItsLocation) {
    const BadCase& c = GetParam();
    FakeEnv env;
    const LoadResult r = load_text(c.yaml);
    EXPECT_FALSE(r.config.has_value());
    const diag::Diagnostic* found = nullptr;
    for (const auto& d : r.diagnostics.items())
        if (d.severity == diag::Severity::error && d.message == c.message) found = &d;
    ASSERT_NE(found, nullptr) << "expected: " << c.message << "\ngot:\n" << rendered(r);
    EXPECT_EQ(found->location.file, "descope.yaml");
    EXPECT_EQ(found->location.line, c.line) << rendered(r);
    EXPECT_EQ(found->location.column, c.column) << rendered(r);
    if (!c.note.empty()) {
        ASSERT_FALSE(found->notes.empty()) << rendered(r);
        EXPECT_EQ(found->notes.front(), c.note);
    }
    EXPECT_EQ(r.diagnostics.error_count(), c.errors) << rendered(r);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadConfig, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<BadCase>& param) {
                             return std::string(param.param.name);
                         });

TEST(BadConfig, TableHasAtLeastThirtyCases) {
    EXPECT_GE(std::size(kCases), 30u);
}

TEST(BadConfig, ReportsEveryProblemOfOneFileTogether) {
    FakeEnv env;
    const LoadResult r = load_text(H +
                                   "tenents: []\n"
                                   "tenants:\n"
                                   "  - id: acme\n"
                                   "    name: Acme\n"
                                   "    parent: nobody\n"
                                   "    self_provisioning_domains: [ACME.COM]\n"
                                   "roles:\n"
                                   "  - name: admin\n"
                                   "    permissions: [missing]\n");
    EXPECT_EQ(r.diagnostics.error_count(), 4u) << rendered(r);
    // Sorted by position, so the output follows the file.
    int last = 0;
    for (const auto& d : r.diagnostics.items()) {
        EXPECT_GE(d.location.line, last);
        last = d.location.line;
    }
}

TEST(BadConfig, TooLongRoleNameFromAVariableIsNotPrinted) {
    const std::string name(101, 'q');
    FakeEnv env({{"ROLE", name}});
    const LoadResult r = load_text(H + "roles:\n  - name: ${ROLE}\n");
    ASSERT_EQ(r.diagnostics.error_count(), 1u) << rendered(r);
    EXPECT_NE(rendered(r).find("descope.yaml:6:11: error: 'name' (the value of ${ROLE}) is too "
                               "long: at most 100 characters"),
              std::string::npos)
        << rendered(r);
    EXPECT_EQ(rendered(r).find(name), std::string::npos);
}

TEST(BadConfig, RendersFileLineColumnSourceAndCaret) {
    FakeEnv env({{"DESCOPE_DEV_PROJECT_ID", "P" + std::string(27, 'a')},
                 {"DESCOPE_DEV_MANAGEMENT_KEY", "K"},
                 {"DESCOPE_PROD_PROJECT_ID", "P" + std::string(27, 'b')},
                 {"DESCOPE_PROD_MANAGEMENT_KEY", "K"}});
    const LoadResult r = load_text(H + "tenants:\n  - id: acme\n    name: Acme\n    nmae: x\n");
    EXPECT_EQ(rendered(r),
              "descope.yaml:8:5: error: unknown key 'nmae' in a tenant\n"
              "      nmae: x\n"
              "      ^\n"
              "  note: did you mean 'name'?\n"
              "1 error, 0 warnings\n");
}

}  // namespace
}  // namespace descope_mgmt::config
