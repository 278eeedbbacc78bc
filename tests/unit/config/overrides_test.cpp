// Per-environment `overrides:` of permissions, roles, flows and the theme (tenants' are in
// good_config_test.cpp): desired_state() per environment, environment names checked as for
// tenants, role override permissions checked as the role's own, override files read and checked
// as the main `file:`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "config_test_support.hpp"

namespace descope_mgmt::config {
namespace {

using testing::FakeEnv;
using testing::load_text;
using testing::only_error;
using testing::rendered;
using testing::TempDir;

const std::string kOverridesHead = "version: 1\nenvironments:\n  dev: {}\n  prod: {}\n";

const diag::Diagnostic* find_message(const LoadResult& r, const std::string& message) {
    for (const auto& d : r.diagnostics.items())
        if (d.message == message) return &d;
    return nullptr;
}

/// Warnings about overrides (the configs leave credentials unset: those warnings are not counted).
std::size_t override_warnings(const LoadResult& r) {
    std::size_t n = 0;
    for (const auto& d : r.diagnostics.items())
        if (d.severity == diag::Severity::warning &&
            d.message.find("override") != std::string::npos)
            ++n;
    return n;
}

const model::Role* find_role(const model::DesiredState& s, const std::string& name) {
    for (const auto& r : s.roles)
        if (r.name == name) return &r;
    return nullptr;
}

/// A flow export of `id` whose flow name is `name` (to tell the files apart).
std::string named_flow_export(const std::string& id, const std::string& name) {
    auto doc = nlohmann::json::parse(testing::flow_export(id));
    doc["flow"]["name"] = name;
    return doc.dump(2) + "\n";
}

TEST(PermissionOverrides, ReplaceTheDescriptionInTheirEnvironment) {
    FakeEnv env;
    const LoadResult r = load_text(kOverridesHead +
                                   "permissions:\n"
                                   "  - name: projects.read\n"
                                   "    description: Read projects\n"
                                   "    overrides:\n"
                                   "      prod: { description: Read every project }\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(override_warnings(r), 0u) << rendered(r);
    const auto dev = desired_state(*r.config, "dev");
    const auto prod = desired_state(*r.config, "prod");
    ASSERT_EQ(dev.permissions.size(), 1u);
    ASSERT_EQ(prod.permissions.size(), 1u);
    EXPECT_EQ(dev.permissions[0].description, "Read projects");
    EXPECT_EQ(prod.permissions[0].description, "Read every project");
    EXPECT_EQ(prod.permissions[0].name, "projects.read");
}

TEST(RoleOverrides, ReplaceEachSetFieldInTheirEnvironment) {
    FakeEnv env;
    const LoadResult r = load_text(kOverridesHead +
                                   "permissions:\n"
                                   "  - name: projects.read\n"
                                   "  - name: projects.write\n"
                                   "roles:\n"
                                   "  - name: admin\n"
                                   "    description: Admin\n"
                                   "    permissions: [projects.read, SSO Admin]\n"
                                   "    private: true\n"
                                   "    overrides:\n"
                                   "      prod: { description: Admins, permissions: "
                                   "[projects.read, projects.write], default: true, "
                                   "private: false }\n"
                                   "  - name: viewer\n"
                                   "    overrides:\n"
                                   "      dev: { default: false }\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(override_warnings(r), 0u) << rendered(r);
    const auto dev = desired_state(*r.config, "dev");
    const auto prod = desired_state(*r.config, "prod");
    const model::Role* dev_admin = find_role(dev, "admin");
    const model::Role* prod_admin = find_role(prod, "admin");
    ASSERT_NE(dev_admin, nullptr);
    ASSERT_NE(prod_admin, nullptr);
    EXPECT_EQ(dev_admin->description, "Admin");
    EXPECT_EQ(dev_admin->permissions, (std::vector<std::string>{"projects.read", "SSO Admin"}));
    EXPECT_FALSE(dev_admin->is_default);
    EXPECT_EQ(dev_admin->is_private, true);
    EXPECT_EQ(prod_admin->description, "Admins");
    // Replaced, not merged.
    EXPECT_EQ(prod_admin->permissions,
              (std::vector<std::string>{"projects.read", "projects.write"}));
    EXPECT_EQ(prod_admin->is_default, true);
    EXPECT_EQ(prod_admin->is_private, false);
    // An override's default/private makes the flag managed in that environment only.
    EXPECT_EQ(find_role(dev, "viewer")->is_default, false);
    EXPECT_FALSE(find_role(prod, "viewer")->is_default);
    EXPECT_FALSE(find_role(prod, "viewer")->is_private);
}

struct OverrideProblem {
    const char* name;
    std::string yaml;
    std::string message;
    int line;
    int column;
    std::string note;
};

void PrintTo(const OverrideProblem& c, std::ostream* os) {
    *os << c.name;
}

const OverrideProblem kOverrideProblems[] = {
    {"PermissionUnknownEnvironment",
     "permissions:\n  - name: p\n    overrides:\n      staging: { description: X }\n",
     "unknown environment 'staging' in 'overrides'", 8, 7, "declared environments: dev, prod"},
    {"RoleUnknownEnvironment",
     "roles:\n  - name: r\n    overrides:\n      prd: { default: true }\n",
     "unknown environment 'prd' in 'overrides'", 8, 7, "did you mean 'prod'?"},
    {"PermissionOverrideCannotRename",
     "permissions:\n  - name: p\n    overrides:\n      prod: { name: q }\n",
     "unknown key 'name' in a permission override", 8, 15, "valid keys: description"},
    {"RoleOverrideCannotRescope",
     "tenants:\n  - id: acme\n    name: Acme\nroles:\n  - name: r\n    overrides:\n"
     "      prod: { tenant: acme }\n",
     "unknown key 'tenant' in a role override", 11, 15,
     "valid keys: description, permissions, default, private"},
    {"RoleOverrideCannotRename", "roles:\n  - name: r\n    overrides:\n      prod: { name: s }\n",
     "unknown key 'name' in a role override", 8, 15,
     "valid keys: description, permissions, default, private"},
    {"RoleOverrideUndeclaredPermission",
     "permissions:\n  - name: projects.read\nroles:\n  - name: admin\n    overrides:\n"
     "      prod: { permissions: [projects.raed] }\n",
     "role 'admin' uses undeclared permission 'projects.raed'", 10, 29,
     "did you mean 'projects.read'?"},
    {"RoleOverridePermissionNotInThatEnvironment",
     "permissions:\n  - name: p\n    environments: [dev]\nroles:\n  - name: admin\n"
     "    environments: [prod]\n    overrides:\n      prod: { permissions: [p] }\n",
     "role 'admin' uses permission 'p', which is not in environment 'prod'", 12, 29,
     "add the environments to the permission's 'environments', or limit the role's"},
    {"RoleOverrideDefaultMustBeBoolean",
     "roles:\n  - name: r\n    overrides:\n      prod: { default: maybe }\n",
     "'default' must be true or false, got a string", 8, 24, ""},
};

class OverrideProblems : public ::testing::TestWithParam<OverrideProblem> {};

TEST_P(OverrideProblems, AreOneErrorAtTheirLocation) {
    const OverrideProblem& c = GetParam();
    FakeEnv env;
    const LoadResult r = load_text(kOverridesHead + c.yaml);
    EXPECT_FALSE(r.config);
    const diag::Diagnostic* d = find_message(r, c.message);
    ASSERT_NE(d, nullptr) << "expected: " << c.message << "\ngot:\n" << rendered(r);
    EXPECT_EQ(d->severity, diag::Severity::error);
    EXPECT_EQ(d->location, (diag::SourceLocation{"descope.yaml", c.line, c.column})) << rendered(r);
    if (!c.note.empty()) {
        ASSERT_FALSE(d->notes.empty()) << rendered(r);
        EXPECT_EQ(d->notes.front(), c.note);
    }
    EXPECT_EQ(r.diagnostics.error_count(), 1u) << rendered(r);
}

INSTANTIATE_TEST_SUITE_P(Cases, OverrideProblems, ::testing::ValuesIn(kOverrideProblems),
                         [](const ::testing::TestParamInfo<OverrideProblem>& param) {
                             return std::string(param.param.name);
                         });

TEST(RoleOverrides, BuiltInPermissionsNeedNoDeclaration) {
    FakeEnv env;
    const LoadResult r = load_text(kOverridesHead +
                                   "roles:\n  - name: admin\n    overrides:\n"
                                   "      prod: { permissions: [User Admin, Impersonate] }\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(find_role(desired_state(*r.config, "prod"), "admin")->permissions,
              (std::vector<std::string>{"User Admin", "Impersonate"}));
}

TEST(RoleOverrides, TheRolesOwnPermissionsNeedNotExistWhereAnOverrideReplacesThem) {
    FakeEnv env;
    const LoadResult r =
        load_text(kOverridesHead +
                  "permissions:\n  - name: dev.debug\n    environments: [dev]\n"
                  "  - name: projects.read\n"
                  "roles:\n  - name: admin\n    permissions: [dev.debug]\n"
                  "    overrides:\n      prod: { permissions: [projects.read] }\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(find_role(desired_state(*r.config, "prod"), "admin")->permissions,
              (std::vector<std::string>{"projects.read"}));
}

TEST(TenantOverrides, TheTenantsOwnDefaultRolesNeedNotExistWhereAnOverrideReplacesThem) {
    FakeEnv env;
    const std::string tenants =
        "tenants:\n  - id: acme\n    name: Acme\n    default_roles: [beta]\n"
        "    overrides:\n      prod: { default_roles: [] }\n";
    const LoadResult r =
        load_text(kOverridesHead + "roles:\n  - name: beta\n    environments: [dev]\n" + tenants);
    ASSERT_TRUE(r.config) << rendered(r);
    const auto prod = desired_state(*r.config, "prod");
    ASSERT_EQ(prod.tenants.size(), 1u);
    EXPECT_TRUE(prod.tenants[0].default_roles.empty());
    // Without the override, prod would name a role it does not have.
    const LoadResult without =
        load_text(kOverridesHead + "roles:\n  - name: beta\n    environments: [dev]\n" +
                  "tenants:\n  - id: acme\n    name: Acme\n    default_roles: [beta]\n");
    EXPECT_FALSE(without.config);
}

TEST(Overrides, ForAnEnvironmentTheResourceIsNotInAreAWarning) {
    FakeEnv env;
    const LoadResult r = load_text(kOverridesHead +
                                   "permissions:\n  - name: p\n    environments: [prod]\n"
                                   "    overrides:\n      dev: { description: X }\n"
                                   "roles:\n  - name: r\n    environments: [dev]\n"
                                   "    overrides:\n      prod: { default: true }\n");
    ASSERT_TRUE(r.config) << rendered(r);
    const diag::Diagnostic* p = find_message(
        r,
        "override for environment 'dev' is never used: the permission is not in that environment");
    ASSERT_NE(p, nullptr) << rendered(r);
    EXPECT_EQ(p->severity, diag::Severity::warning);
    EXPECT_EQ(p->location, (diag::SourceLocation{"descope.yaml", 9, 7}));
    ASSERT_FALSE(p->notes.empty());
    EXPECT_EQ(p->notes[0], "add it to the permission's 'environments', or remove the override");
    const diag::Diagnostic* ro = find_message(
        r, "override for environment 'prod' is never used: the role is not in that environment");
    ASSERT_NE(ro, nullptr) << rendered(r);
    EXPECT_EQ(ro->severity, diag::Severity::warning);
    EXPECT_EQ(ro->location, (diag::SourceLocation{"descope.yaml", 14, 7}));
    EXPECT_EQ(override_warnings(r), 2u) << rendered(r);
}

class FileOverrides : public ::testing::Test {
  protected:
    LoadResult load_config(const std::string& body, LoadOptions options = {}) {
        const auto path = m_dir.write("descope.yaml", kOverridesHead + body);
        return load(path, testing::fake_env, options);
    }
    std::string config_file() const { return (m_dir.path() / "descope.yaml").string(); }

    FakeEnv m_env;
    TempDir m_dir;
};

const std::string kSignInWithOverride =
    "flows:\n"
    "  - id: sign-in\n"
    "    file: flows/sign-in.json\n"
    "    overrides:\n"
    "      prod: { file: flows/prod/sign-in.json }\n";  // the override's file: at 9:21

TEST_F(FileOverrides, AFlowOverrideFileIsTheFlowsDocumentInItsEnvironment) {
    m_dir.write("flows/sign-in.json", testing::flow_export("sign-in"));
    m_dir.write("flows/prod/sign-in.json", named_flow_export("sign-in", "Prod sign-in"));
    const LoadResult r = load_config(kSignInWithOverride);
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(override_warnings(r), 0u) << rendered(r);
    const auto dev = desired_state(*r.config, "dev");
    const auto prod = desired_state(*r.config, "prod");
    ASSERT_EQ(dev.flows.size(), 1u);
    ASSERT_EQ(prod.flows.size(), 1u);
    EXPECT_EQ(dev.flows[0].document, testing::flow_export("sign-in"));
    EXPECT_EQ(prod.flows[0].id, "sign-in");
    EXPECT_EQ(prod.flows[0].document, named_flow_export("sign-in", "Prod sign-in"));
    // The declaration keeps the main file's document; the override holds its own.
    const FlowDecl& decl = r.config->flows.at(0);
    EXPECT_EQ(decl.flow.document, testing::flow_export("sign-in"));
    ASSERT_EQ(decl.overrides.count("prod"), 1u);
    const FileOverride& o = decl.overrides.at("prod");
    EXPECT_EQ(o.file, m_dir.path() / "flows/prod/sign-in.json");
    EXPECT_EQ(o.document, named_flow_export("sign-in", "Prod sign-in"));
    EXPECT_EQ(o.location, (diag::SourceLocation{config_file(), 9, 21}));
}

TEST_F(FileOverrides, AFlowOverrideFileWithoutIdMeansTheFlowsId) {
    m_dir.write("flows/sign-in.json", testing::flow_export("sign-in"));
    m_dir.write("flows/prod/sign-in.json", R"({"flow": {"name": "P"}, "screens": []})");
    const LoadResult r = load_config(kSignInWithOverride);
    ASSERT_TRUE(r.config) << rendered(r);
    const auto prod = desired_state(*r.config, "prod");
    EXPECT_EQ(nlohmann::json::parse(prod.flows.at(0).document)["flow"]["id"], "sign-in");
}

TEST_F(FileOverrides, AMissingFlowOverrideFileIsAnErrorAtItsFileKey) {
    m_dir.write("flows/sign-in.json", testing::flow_export("sign-in"));
    const LoadResult r = load_config(kSignInWithOverride);
    const auto& d = only_error(r);
    EXPECT_EQ(d.message, "flow file 'flows/prod/sign-in.json' not found");
    EXPECT_EQ(d.location, (diag::SourceLocation{config_file(), 9, 21}));
}

TEST_F(FileOverrides, BadJsonInAFlowOverrideFileIsLocatedInThatFile) {
    m_dir.write("flows/sign-in.json", testing::flow_export("sign-in"));
    const auto json =
        m_dir.write("flows/prod/sign-in.json",
                    "{\n  \"flow\": {\n    \"id\": \"sign-in\",\n    \"name\" \"x\"\n  }\n}\n");
    const LoadResult r = load_config(kSignInWithOverride);
    const auto& d = only_error(r);
    EXPECT_EQ(d.location, (diag::SourceLocation{json.string(), 4, 14}));
    EXPECT_EQ(d.message,
              "invalid JSON in flow file: syntax error while parsing object separator - "
              "unexpected string literal; expected ':'");
    ASSERT_EQ(d.notes.size(), 1u);
    EXPECT_EQ(d.notes[0], "flow 'sign-in' is declared at " + config_file() + ":9:21");
}

TEST_F(FileOverrides, AFlowOverrideFileMustHoldTheSameFlow) {
    m_dir.write("flows/sign-in.json", testing::flow_export("sign-in"));
    m_dir.write("flows/prod/sign-in.json", testing::flow_export("sign-up"));
    const LoadResult r = load_config(kSignInWithOverride);
    const auto& d = only_error(r);
    EXPECT_EQ(d.message, "flow file 'flows/prod/sign-in.json' holds flow 'sign-up', not 'sign-in'");
    EXPECT_EQ(d.location, (diag::SourceLocation{config_file(), 9, 21}));
}

TEST_F(FileOverrides, AFlowOverrideFileOutsideTheConfigFolderIsRefused) {
    m_dir.write("flows/sign-in.json", testing::flow_export("sign-in"));
    TempDir elsewhere;
    const auto outside = elsewhere.write("sign-in.json", testing::flow_export("sign-in"));
    const LoadResult r = load_config(
        "flows:\n  - id: sign-in\n    file: flows/sign-in.json\n    overrides:\n"
        "      prod: { file: " +
        outside.string() + " }\n");
    const auto& d = only_error(r);
    EXPECT_EQ(d.message,
              "flow file '" + outside.string() + "' is outside the config file's folder");
    EXPECT_EQ(d.location, (diag::SourceLocation{config_file(), 9, 21}));
}

TEST_F(FileOverrides, AFlowOverrideCannotChangeTheIdOrType) {
    m_dir.write("flows/sign-in.json", testing::flow_export("sign-in"));
    m_dir.write("flows/prod/sign-in.json", testing::flow_export("sign-in"));
    const LoadResult r = load_config(
        "flows:\n  - id: sign-in\n    file: flows/sign-in.json\n    overrides:\n"
        "      prod: { file: flows/prod/sign-in.json, type: custom }\n");
    const auto& d = only_error(r);
    EXPECT_EQ(d.message, "unknown key 'type' in a flow override");
    EXPECT_EQ(d.location, (diag::SourceLocation{config_file(), 9, 46}));
    ASSERT_FALSE(d.notes.empty());
    EXPECT_EQ(d.notes[0], "valid keys: file");
}

TEST_F(FileOverrides, FlowAndThemeOverridesNameDeclaredEnvironments) {
    m_dir.write("flows/sign-in.json", testing::flow_export("sign-in"));
    m_dir.write("themes/theme.json", testing::theme_export());
    const LoadResult r = load_config(
        "flows:\n  - id: sign-in\n    file: flows/sign-in.json\n    overrides:\n"
        "      prd: { file: flows/sign-in.json }\n"
        "theme:\n  file: themes/theme.json\n  overrides:\n"
        "    staging: { file: themes/theme.json }\n");
    EXPECT_FALSE(r.config);
    EXPECT_EQ(r.diagnostics.error_count(), 2u) << rendered(r);
    const auto* flow = find_message(r, "unknown environment 'prd' in 'overrides'");
    ASSERT_NE(flow, nullptr) << rendered(r);
    EXPECT_EQ(flow->location, (diag::SourceLocation{config_file(), 9, 7}));
    ASSERT_FALSE(flow->notes.empty());
    EXPECT_EQ(flow->notes[0], "did you mean 'prod'?");
    const auto* theme = find_message(r, "unknown environment 'staging' in 'overrides'");
    ASSERT_NE(theme, nullptr) << rendered(r);
    EXPECT_EQ(theme->location, (diag::SourceLocation{config_file(), 13, 5}));
}

TEST_F(FileOverrides, AFlowOverrideForAnEnvironmentTheFlowIsNotInIsAWarning) {
    m_dir.write("flows/sign-in.json", testing::flow_export("sign-in"));
    const LoadResult r = load_config(
        "flows:\n  - id: sign-in\n    file: flows/sign-in.json\n    environments: [dev]\n"
        "    overrides:\n      prod: { file: flows/sign-in.json }\n");
    ASSERT_TRUE(r.config) << rendered(r);
    const auto* d = find_message(
        r, "override for environment 'prod' is never used: the flow is not in that environment");
    ASSERT_NE(d, nullptr) << rendered(r);
    EXPECT_EQ(d->severity, diag::Severity::warning);
    EXPECT_EQ(d->location, (diag::SourceLocation{config_file(), 10, 7}));
}

TEST_F(FileOverrides, AThemeOverrideFileIsTheThemeInItsEnvironment) {
    const std::string prod_theme =
        R"({"theme": {"id": "", "version": 1, "cssTemplate": {"dark": {}}, "codeMode": false}})"
        "\n";
    m_dir.write("themes/theme.json", testing::theme_export());
    m_dir.write("themes/prod/theme.json", prod_theme);
    const LoadResult r = load_config(
        "theme:\n  file: themes/theme.json\n  overrides:\n"
        "    prod: { file: themes/prod/theme.json }\n");
    ASSERT_TRUE(r.config) << rendered(r);
    EXPECT_EQ(override_warnings(r), 0u) << rendered(r);
    const auto dev = desired_state(*r.config, "dev");
    const auto prod = desired_state(*r.config, "prod");
    ASSERT_TRUE(dev.theme);
    ASSERT_TRUE(prod.theme);
    EXPECT_EQ(dev.theme->document, testing::theme_export());
    EXPECT_EQ(prod.theme->document, prod_theme);
    EXPECT_EQ(r.config->theme->theme.document, testing::theme_export());
    EXPECT_EQ(r.config->theme->overrides.at("prod").location,
              (diag::SourceLocation{config_file(), 8, 19}));
}

TEST_F(FileOverrides, AThemeOverrideFileIsCheckedAsTheMainOne) {
    m_dir.write("themes/theme.json", testing::theme_export());
    m_dir.write("themes/prod/theme.json", R"({"styles": {}})");
    const LoadResult r = load_config(
        "theme:\n  file: themes/theme.json\n  overrides:\n"
        "    prod: { file: themes/prod/theme.json }\n");
    const auto& d = only_error(r);
    EXPECT_EQ(d.message, "theme file 'themes/prod/theme.json' is not a theme export");
    EXPECT_EQ(d.location, (diag::SourceLocation{config_file(), 8, 19}));
}

TEST_F(FileOverrides, WithoutResourceFilesOverrideFilesAreNotRead) {
    const LoadResult r = load_config(kSignInWithOverride +
                                         "theme:\n  file: themes/theme.json\n  overrides:\n"
                                         "    prod: { file: themes/prod/theme.json }\n",
                                     {.read_resource_files = false});
    ASSERT_TRUE(r.config) << rendered(r);
    const auto prod = desired_state(*r.config, "prod");
    ASSERT_EQ(prod.flows.size(), 1u);
    EXPECT_TRUE(prod.flows[0].document.empty());
    ASSERT_TRUE(prod.theme);
    EXPECT_TRUE(prod.theme->document.empty());
    EXPECT_EQ(r.config->flows.at(0).overrides.at("prod").file,
              m_dir.path() / "flows/prod/sign-in.json");
    // The default reads them, and the missing files are errors.
    EXPECT_EQ(load_config(kSignInWithOverride).diagnostics.error_count(), 2u);
}

}  // namespace
}  // namespace descope_mgmt::config
