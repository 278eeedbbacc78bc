// The client against what the live Descope service is known to do (docs/real-service.md, rows
// R1-R15), end to end: the real descope-mgmt binary against the real descope-emulator, which
// behaves that way by default (company keys, defined custom attributes, built-ins, visibility
// lag, session floors, the license handshake).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/emulator_process.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "util/file.hpp"

namespace descope_mgmt::test {
namespace {

using nlohmann::json;

const std::string kProject = "P2" + std::string(26, 'r');
const std::string kProjectKey = "K2ProjectScopedKeyNeverPrinted01";
const std::string kCompanyKey = "K2CompanyKeyThatIsNeverPrinted02";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class RealServiceE2e : public ::testing::Test {
  protected:
    void SetUp() override {
        char tmpl[] = "/tmp/dm-real-service-XXXXXX";
        m_dir = ::mkdtemp(tmpl);
    }
    void TearDown() override {
        m_emu.reset();
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }

    void start(std::vector<std::string> extra = {}, const std::string& project = kProject) {
        std::vector<std::string> args = {"--project",     project + ":" + kProjectKey + ":Real",
                                         "--company-key", kCompanyKey,
                                         "--request-log", log_path().string()};
        args.insert(args.end(), extra.begin(), extra.end());
        auto emu = EmulatorProcess::start(args);
        ASSERT_TRUE(emu) << emu.error().message;
        m_emu = std::move(*emu);
        m_project = project;
    }

    std::filesystem::path log_path() const { return m_dir / "requests.jsonl"; }

    void config(const std::string& body) {
        std::ofstream(m_dir / "descope.yaml") << "version: 1\nenvironments:\n  test: {}\n" << body;
    }
    void config_text(const std::string& text) { std::ofstream(m_dir / "descope.yaml") << text; }

    ProcessResult mgmt(std::vector<std::string> args, const std::string& key = kProjectKey) {
        ProcessOptions o;
        o.cwd = m_dir;
        o.env = {{"DESCOPE_BASE_URL", m_emu->base_url()},
                 {"DESCOPE_TEST_PROJECT_ID", m_project},
                 {"DESCOPE_TEST_MANAGEMENT_KEY", key},
                 {"DESCOPE_MGMT_RETRY_BACKOFF", "0.01,0.02,0.04,0.08,0.16"},
                 {"DESCOPE_MGMT_BACKUP_DIR", (m_dir / "backups").string()},
                 {"NO_COLOR", "1"}};
        o.unset_env = {"DESCOPE_MGMT_CONFIG"};
        o.timeout = std::chrono::seconds(90);
        args.insert(args.begin(), DM_MGMT_BINARY);
        ProcessResult r = run_process(args, o);
        for (const auto& k : {kProjectKey, kCompanyKey}) {
            EXPECT_FALSE(contains(r.out, k)) << "key in stdout";
            EXPECT_FALSE(contains(r.err, k)) << "key in stderr";
        }
        return r;
    }

    /// A direct call to the emulator, as the console would make it (out of band).
    json call(const std::string& method, const std::string& path, const std::string& body = "",
              const std::string& key = kProjectKey) {
        std::vector<std::string> argv = {
            "curl", "-s", "-X", method, "-H", "Authorization: Bearer " + m_project + ":" + key};
        if (!body.empty()) {
            argv.push_back("-d");
            argv.push_back(body);
        }
        argv.push_back(m_emu->base_url() + path);
        ProcessResult r = run_process(argv);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return json::parse(r.out, nullptr, false);
    }

    /// The request log's records, in order.
    std::vector<json> requests() const {
        std::vector<json> out;
        std::ifstream in(log_path());
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) out.push_back(json::parse(line));
        return out;
    }
    std::size_t count(const std::string& path) const {
        std::size_t n = 0;
        for (const json& r : requests())
            if (r["path"] == path) ++n;
        return n;
    }

    std::filesystem::path m_dir;
    std::unique_ptr<EmulatorProcess> m_emu;
    std::string m_project;
};

// R1: a project-scoped key (the least-privilege key most teams create) can apply, back up and
// export a config that does not manage the project name; the name is simply not recorded.
TEST_F(RealServiceE2e, ProjectScopedKeyWorksWhenTheNameIsNotManaged) {
    start();
    config("tenants:\n  - { id: acme, name: Acme }\n");
    auto applied = mgmt({"apply", "--auto-approve"});
    ASSERT_EQ(applied.exit_code, 0) << applied.err;
    EXPECT_TRUE(contains(applied.err, "backup taken before the changes")) << applied.err;
    // The name is not managed, so neither the plan nor the automatic backup asks for it.
    EXPECT_EQ(count("/v1/mgmt/projects/list"), 0u);

    // An explicit backup tries, says why the name is missing, and carries on.
    auto backup = mgmt({"backup", "--dir", (m_dir / "manual").string()});
    ASSERT_EQ(backup.exit_code, 0) << backup.err;
    EXPECT_TRUE(contains(backup.err, "the project name is not recorded")) << backup.err;
    EXPECT_TRUE(contains(backup.err, "company-level management key")) << backup.err;

    auto exported = mgmt({"export-config", "-e", "test", "--dir", (m_dir / "out").string()});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    const std::string text = test::read_text(m_dir / "out" / "descope.yaml");
    EXPECT_FALSE(contains(text, "project_name")) << text;
    EXPECT_TRUE(contains(text, "acme")) << text;
}

// R1: a declared project_name with a project key is one clear error, asked once, not retried.
TEST_F(RealServiceE2e, DeclaredProjectNameWithAProjectKeyIsOneClearError) {
    start();
    config_text("version: 1\nenvironments:\n  test: { project_name: Real }\n");
    auto plan = mgmt({"plan"});
    EXPECT_EQ(plan.exit_code, 1) << plan.err;
    EXPECT_TRUE(contains(plan.err, "company-level management key")) << plan.err;
    EXPECT_TRUE(contains(plan.err, "project_name")) << plan.err;
    EXPECT_EQ(count("/v1/mgmt/projects/list"), 1u);

    // The same config with a company key plans (and the name is in sync).
    auto company = mgmt({"plan", "--detailed-exitcode"}, kCompanyKey);
    EXPECT_EQ(company.exit_code, 0) << company.err << company.out;
}

// R2 + R3: live settings in seconds are read; the floors are Descope's, so validate rejects
// below them (located) and the write sends only what can be accepted.
TEST_F(RealServiceE2e, SecondsAreReadAndLifetimesBelowTheFloorsAreRejectedByValidate) {
    start();
    call("POST", "/v1/mgmt/tenant/create", R"({"id":"acme","name":"Acme"})");
    call("POST", "/v1/mgmt/tenant/settings",
         R"({"tenantId":"acme","enabled":true,"refreshTokenExpiration":7200,
             "refreshTokenExpirationUnit":"seconds","sessionTokenExpiration":600,
             "sessionTokenExpirationUnit":"seconds"})");
    config(
        "tenants:\n  - id: acme\n    name: Acme\n    session_settings:\n"
        "      refresh_token_expiration: 7200s\n      session_token_expiration: 600s\n");
    auto plan = mgmt({"plan", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 0) << plan.err << plan.out;
    EXPECT_EQ(count("/v1/mgmt/tenant/settings"), 2u) << "one out-of-band write, one read";

    config(
        "tenants:\n  - id: acme\n    name: Acme\n    session_settings:\n"
        "      refresh_token_expiration: 2m\n      session_token_expiration: 3m\n");
    auto bad = mgmt({"validate"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_TRUE(contains(bad.err, "descope.yaml:8:33: error:")) << bad.err;
    EXPECT_TRUE(contains(bad.err, "3 minutes")) << bad.err;
}

// R4: an attribute the project does not define is refused by Descope; the error names it and
// says where attributes are defined.
TEST_F(RealServiceE2e, AnUndefinedCustomAttributeIsExplained) {
    start({"--tenant-attribute", "plan"});
    config("tenants:\n  - { id: acme, name: Acme, custom_attributes: { plan: gold, tier: 3 } }\n");
    auto applied = mgmt({"apply", "--auto-approve"});
    EXPECT_EQ(applied.exit_code, 1) << applied.err;
    const std::string all = applied.out + applied.err;
    EXPECT_TRUE(contains(all, "'tier'")) << all;
    EXPECT_TRUE(contains(all, "Custom Attributes tab of the Tenants page")) << all;

    config("tenants:\n  - { id: acme, name: Acme, custom_attributes: { plan: gold } }\n");
    auto ok = mgmt({"apply", "--auto-approve"});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

// R5: the built-ins are referenced without being declared, listed as built-in, never planned
// for deletion (even with --prune) and never drift.
TEST_F(RealServiceE2e, BuiltInsAreReferencedListedAndNeverPruned) {
    start();
    config(
        "roles:\n  - { name: support, permissions: [Impersonate, User Admin] }\n"
        "tenants:\n  - { id: acme, name: Acme, default_roles: [Tenant Admin] }\n");
    ASSERT_EQ(mgmt({"validate"}).exit_code, 0);
    auto plan = mgmt({"plan", "--prune", "roles", "--prune", "permissions", "-o", "json"});
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    EXPECT_FALSE(contains(plan.out, "\"action\": \"delete\"")) << plan.out;
    auto applied = mgmt({"apply", "--prune", "roles", "--prune", "permissions", "--auto-approve"});
    ASSERT_EQ(applied.exit_code, 0) << applied.err;
    json roles = call("GET", "/v1/mgmt/role/all");
    bool tenant_admin = false;
    for (const json& r : roles["roles"])
        if (r["name"] == "Tenant Admin") tenant_admin = true;
    EXPECT_TRUE(tenant_admin) << roles.dump();
    EXPECT_EQ(call("GET", "/v1/mgmt/permission/all")["permissions"].size(), 3u);

    auto drift = mgmt({"drift"});
    EXPECT_EQ(drift.exit_code, 0) << drift.out << drift.err;

    auto listed = mgmt({"permission", "list", "-o", "json"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    json doc = json::parse(listed.out);
    for (const json& p : doc["environments"][0]["permissions"])
        EXPECT_EQ(p["built_in"], true) << p.dump();
    auto roles_text = mgmt({"role", "list"});
    EXPECT_TRUE(contains(roles_text.out, "built-in")) << roles_text.out;
}

// R7: Descope shows a new object only after a moment; the apply retries the changes that need it.
TEST_F(RealServiceE2e, ChangesThatNeedANewObjectWaitForItToBecomeVisible) {
    start({"--visibility-lag-ms", "1200"});
    const std::string body =
        "permissions:\n  - { name: p1 }\n"
        "roles:\n  - { name: viewer, permissions: [p1] }\n"
        "  - { name: auditor, tenant: acme }\n"
        "tenants:\n  - id: acme\n    name: Acme\n    default_roles: [viewer]\n"
        "    session_settings: { refresh_token_expiration: 4w, session_token_expiration: 10m }\n"
        "  - { id: acme-eu, name: Acme EU, parent: acme }\n";
    config(body);
    auto impatient = mgmt({"apply", "--auto-approve", "--visibility-timeout", "0"});
    EXPECT_EQ(impatient.exit_code, 1) << "without waiting, Descope's lag makes changes fail\n"
                                      << impatient.err;

    m_emu.reset();
    std::filesystem::remove(log_path());
    start({"--visibility-lag-ms", "1200"});
    auto patient = mgmt({"-v", "apply", "--auto-approve"});
    EXPECT_EQ(patient.exit_code, 0) << patient.err << patient.out;
    EXPECT_TRUE(contains(patient.err, "visibility: test:")) << patient.err;
    EXPECT_TRUE(contains(patient.err, "applied after")) << patient.err;
    ::sleep(2);  // past the lag: everything is visible
    EXPECT_EQ(mgmt({"plan", "--detailed-exitcode"}).exit_code, 0);
}

// R8: the theme's id and version are Descope's: not in the exported file, never a change.
TEST_F(RealServiceE2e, ThemeIdAndVersionAreNeverInFilesNorChanges) {
    start();
    call("POST", "/v1/mgmt/theme/import", R"({"theme":{"cssTemplate":{"a":1}}})");
    config("");
    auto exported = mgmt({"theme", "export", "-e", "test", "--out", "theme.json"});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    const std::string file = test::read_text(m_dir / "theme.json");
    EXPECT_FALSE(contains(file, "\"id\"")) << file;
    EXPECT_FALSE(contains(file, "\"version\"")) << file;
    config("theme: { file: theme.json }\n");
    EXPECT_EQ(mgmt({"plan", "--detailed-exitcode"}).exit_code, 0);
    // An import elsewhere bumps the version: still no change.
    call("POST", "/v1/mgmt/theme/import", R"({"theme":{"cssTemplate":{"a":1}}})");
    EXPECT_EQ(mgmt({"plan", "--detailed-exitcode"}).exit_code, 0);
}

// R9: the tier is fetched once per project and sent on every later request.
TEST_F(RealServiceE2e, TheLicenseTierIsFetchedOnceAndSentOnEveryRequest) {
    start();
    config("permissions:\n  - { name: p1 }\ntenants:\n  - { id: acme, name: Acme }\n");
    ASSERT_EQ(mgmt({"apply", "--auto-approve"}).exit_code, 0);
    const auto log = requests();
    ASSERT_GT(log.size(), 3u);
    EXPECT_EQ(log[0]["path"], "/v1/mgmt/license");
    EXPECT_EQ(count("/v1/mgmt/license"), 1u);
    for (std::size_t i = 1; i < log.size(); ++i)
        EXPECT_EQ(log[i].value("license", ""), "tier1") << log[i].dump();
}

// R11: deleting a parent and its sub-tenant deletes the child first; Descope's cascade is not
// relied on.
TEST_F(RealServiceE2e, PruningAParentDeletesItsSubTenantsFirst) {
    start();
    call("POST", "/v1/mgmt/tenant/create", R"({"id":"holding","name":"Holding"})");
    call("POST", "/v1/mgmt/tenant/create", R"({"id":"child","name":"Child","parent":"holding"})");
    config("tenants:\n  - { id: keep, name: Keep }\n");
    auto applied = mgmt({"apply", "--prune", "tenants", "--auto-approve"});
    EXPECT_EQ(applied.exit_code, 0) << applied.err << applied.out;
    json all = call("GET", "/v1/mgmt/tenant/all");
    ASSERT_EQ(all["tenants"].size(), 1u) << all.dump();
    EXPECT_EQ(all["tenants"][0]["id"], "keep");
}

// R13: project ids longer than 32 characters.
TEST_F(RealServiceE2e, ProjectIdsOfThirtyEightCharactersWork) {
    const std::string long_id = "P2" + std::string(36, 'x');
    start({}, long_id);
    config("tenants:\n  - { id: acme, name: Acme }\n");
    EXPECT_EQ(mgmt({"validate"}).exit_code, 0);
    EXPECT_EQ(mgmt({"apply", "--auto-approve"}).exit_code, 0);
    EXPECT_EQ(mgmt({"plan", "--detailed-exitcode"}).exit_code, 0);
}

// Session settings are one record: what the config leaves out keeps its live value, and turning
// custom lifetimes on without both of them is refused before anything is sent.
TEST_F(RealServiceE2e, SessionSettingsLeftOutKeepTheirLiveValue) {
    start();
    call("POST", "/v1/mgmt/tenant/create", R"({"id":"acme","name":"Acme"})");
    call("POST", "/v1/mgmt/tenant/settings",
         R"({"tenantId":"acme","enabled":true,"refreshTokenExpiration":2,
             "refreshTokenExpirationUnit":"weeks","sessionTokenExpiration":10,
             "sessionTokenExpirationUnit":"minutes","enableInactivity":true,
             "inactivityTime":45,"inactivityTimeUnit":"minutes"})");
    config(
        "tenants:\n  - id: acme\n    name: Acme\n"
        "    session_settings: { session_token_expiration: 15m }\n");
    auto plan = mgmt({"plan", "-o", "json"});
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    EXPECT_TRUE(contains(plan.out, "session_token_expiration")) << plan.out;
    EXPECT_FALSE(contains(plan.out, "refresh_token_expiration")) << plan.out;
    EXPECT_FALSE(contains(plan.out, "inactivity_timeout")) << plan.out;
    ASSERT_EQ(mgmt({"apply", "--auto-approve"}).exit_code, 0);
    json live = call("GET", "/v1/mgmt/tenant/settings?id=acme");
    EXPECT_EQ(live["refreshTokenExpiration"], 2) << live.dump();
    EXPECT_EQ(live["refreshTokenExpirationUnit"], "weeks");
    EXPECT_EQ(live["sessionTokenExpiration"], 15);
    EXPECT_EQ(live["inactivityTime"], 45);

    config(
        "tenants:\n  - id: fresh\n    name: Fresh\n"
        "    session_settings: { refresh_token_expiration: 4w }\n");
    auto refused = mgmt({"plan"});
    EXPECT_EQ(refused.exit_code, 1) << refused.out;
    EXPECT_TRUE(contains(refused.err, "session_token_expiration")) << refused.err;
    EXPECT_EQ(count("/v1/mgmt/tenant/create"), 1u) << "nothing was created for 'fresh'";
}

// The remaining fields of the endpoints already called: managed when declared, kept otherwise.
TEST_F(RealServiceE2e, OptionalTenantAndRoleFieldsAreManagedWhenDeclared) {
    start();
    config(
        "roles:\n  - { name: viewer, default: true, private: true }\n"
        "tenants:\n  - id: acme\n    name: Acme\n    role_inheritance: user_only\n"
        "    enforce_sso_exclusions: [U2admin]\n    federated_app_ids: [app1]\n");
    ASSERT_EQ(mgmt({"apply", "--auto-approve"}).exit_code, 0);
    json t = call("GET", "/v1/mgmt/tenant?id=acme");
    EXPECT_EQ(t["roleInheritance"], "userOnly") << t.dump();
    EXPECT_EQ(t["enforceSSOExclusions"], json::array({"U2admin"}));
    EXPECT_EQ(t["federatedAppIds"], json::array({"app1"}));
    bool found = false;
    const json roles = call("GET", "/v1/mgmt/role/all");
    for (const json& r : roles["roles"]) {
        if (r["name"] != "viewer") continue;
        found = true;
        EXPECT_EQ(r["default"], true);
        EXPECT_EQ(r["private"], true);
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(mgmt({"plan", "--detailed-exitcode"}).exit_code, 0);

    // Left out: the live values stay, through an update of other fields.
    config(
        "roles:\n  - { name: viewer, description: Read only }\n"
        "tenants:\n  - { id: acme, name: Acme Corp }\n");
    ASSERT_EQ(mgmt({"apply", "--auto-approve"}).exit_code, 0);
    t = call("GET", "/v1/mgmt/tenant?id=acme");
    EXPECT_EQ(t["name"], "Acme Corp");
    EXPECT_EQ(t["roleInheritance"], "userOnly") << t.dump();
    EXPECT_EQ(t["enforceSSOExclusions"], json::array({"U2admin"}));
    const json after = call("GET", "/v1/mgmt/role/all");
    for (const json& r : after["roles"]) {
        if (r["name"] == "viewer") {
            EXPECT_EQ(r["private"], true) << r.dump();
        }
    }
}

}  // namespace
}  // namespace descope_mgmt::test
