// `descope-mgmt doctor` end to end: the real binary against descope-emulator hosting two
// projects (dev with a 28-character id, prod with a 32-character one, so it has a region),
// with project-scoped keys and a company key (R1), with and without built-ins (R5), and the
// request log to count what doctor sends.

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/emulator_process.hpp"
#include "support/process.hpp"

namespace descope_mgmt {
namespace {

using nlohmann::json;

const std::string kDevId = "P2docdev00000000000000000000";       // 28: default US host
const std::string kProdId = "Puse1docprod00000000000000000000";  // 32: region use1
const std::string kDevKey = "K2docdevprojectkey";
const std::string kProdKey = "K2docprodprojectkey";
const std::string kCompanyKey = "K2doccompanykey";
const std::string kWrongKey = "K2docwrongkeyNEVERSHOWN";

// Refers to built-ins without declaring them: the permission Impersonate and the role
// Tenant Admin (R5). prod manages its project name, which needs a company key (R1).
const char* kConfig = R"(version: 1
environments:
  dev: {}
  prod: { project_name: Acme }
permissions:
  - name: projects.read
roles:
  - name: viewer
    permissions: [projects.read, Impersonate]
tenants:
  - id: acme
    name: Acme
    default_roles: [Tenant Admin]
)";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class DoctorE2e : public ::testing::Test {
  protected:
    void SetUp() override {
        char tmpl[] = "/tmp/dm_doctor_e2e.XXXXXX";
        m_dir = mkdtemp(tmpl);
        std::ofstream(m_dir / "descope.yaml") << kConfig;
    }
    void TearDown() override {
        m_emulator.reset();
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }

    void start(std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {"--company-key", kCompanyKey,
                                         "--project",     kDevId + ":" + kDevKey + ":Acme dev",
                                         "--project",     kProdId + ":" + kProdKey + ":Acme",
                                         "--request-log", log_path().string()};
        args.insert(args.end(), extra.begin(), extra.end());
        auto emu = test::EmulatorProcess::start(args);
        ASSERT_TRUE(emu) << emu.error().message;
        m_emulator = std::move(*emu);
    }

    std::filesystem::path log_path() const { return m_dir / "requests.jsonl"; }

    /// Runs `descope-mgmt doctor ARGS` with the given keys ("" = variable unset).
    test::ProcessResult doctor(std::vector<std::string> args, const std::string& dev_key,
                               const std::string& prod_key) const {
        test::ProcessOptions o;
        o.env["DESCOPE_BASE_URL"] = m_emulator->base_url();
        o.env["NO_COLOR"] = "1";
        o.env["DESCOPE_MGMT_RETRY_BACKOFF"] = "";
        o.env["DESCOPE_DEV_PROJECT_ID"] = kDevId;
        o.env["DESCOPE_PROD_PROJECT_ID"] = kProdId;
        o.unset_env = {"DESCOPE_MGMT_CONFIG"};
        if (dev_key.empty())
            o.unset_env.push_back("DESCOPE_DEV_MANAGEMENT_KEY");
        else
            o.env["DESCOPE_DEV_MANAGEMENT_KEY"] = dev_key;
        if (prod_key.empty())
            o.unset_env.push_back("DESCOPE_PROD_MANAGEMENT_KEY");
        else
            o.env["DESCOPE_PROD_MANAGEMENT_KEY"] = prod_key;
        o.cwd = m_dir;
        args.insert(args.begin(), {DM_MGMT_BINARY, "doctor"});
        auto r = test::run_process(args, o);
        for (const auto& key : {kDevKey, kProdKey, kCompanyKey, kWrongKey}) {
            EXPECT_FALSE(contains(r.out, key)) << "key leaked to stdout";
            EXPECT_FALSE(contains(r.err, key)) << "key leaked to stderr";
        }
        return r;
    }

    /// The whole stdout must be one JSON document.
    static json parse(const test::ProcessResult& r) {
        json doc = json::parse(r.out, nullptr, false);
        EXPECT_FALSE(doc.is_discarded()) << r.out << r.err;
        return doc;
    }

    static const json& env(const json& doc, const std::string& name) {
        for (const auto& e : doc["environments"])
            if (e["name"] == name) return e;
        static const json none;
        ADD_FAILURE() << "no environment " << name;
        return none;
    }

    static std::vector<std::string> codes(const json& e) {
        std::vector<std::string> out;
        for (const auto& p : e["problems"])
            out.push_back(p["code"].get<std::string>());
        return out;
    }

    /// The request log: "METHOD PATH" per project, in order.
    std::map<std::string, std::vector<json>> requests() const {
        std::map<std::string, std::vector<json>> out;
        std::ifstream in(log_path());
        std::string line;
        while (std::getline(in, line))
            if (!line.empty()) {
                json j = json::parse(line);
                out[j["project"].get<std::string>()].push_back(j);
            }
        return out;
    }

    static std::multiset<std::string> paths(const std::vector<json>& lines) {
        std::multiset<std::string> out;
        for (const auto& j : lines)
            out.insert(j["method"].get<std::string>() + " " + j["path"].get<std::string>());
        return out;
    }

    std::filesystem::path m_dir;
    std::unique_ptr<test::EmulatorProcess> m_emulator;
};

TEST_F(DoctorE2e, ProjectKeyWithDeclaredProjectNameFailsAndSaysWhy) {
    start();
    auto r = doctor({}, kDevKey, kProdKey);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "project key")) << r.out;
    EXPECT_TRUE(contains(r.out, "project_name")) << r.out;
    EXPECT_TRUE(contains(r.out, "company-level management key")) << r.out;
    EXPECT_TRUE(contains(r.out, "plan, apply, drift would fail")) << r.out;
    EXPECT_TRUE(contains(r.out, "doctor: 1 of 2 environments ready")) << r.out;

    auto doc = parse(doctor({"-o", "json"}, kDevKey, kProdKey));
    const json& prod = env(doc, "prod");
    EXPECT_EQ(prod["key_scope"]["scope"], "project");
    EXPECT_EQ(codes(prod), std::vector<std::string>{"project_name_needs_company_key"});
    EXPECT_EQ(prod["problems"][0]["commands"], json::array({"plan", "apply", "drift"}));
    EXPECT_TRUE(contains(prod["problems"][0]["reason"].get<std::string>(), "company-level"));
    // dev declares no project name: a project key is all it needs.
    EXPECT_EQ(env(doc, "dev")["key_scope"]["scope"], "project");
    EXPECT_TRUE(env(doc, "dev")["ok"].get<bool>());
    EXPECT_FALSE(doc["ok"].get<bool>());
}

TEST_F(DoctorE2e, CompanyKeyIsReadyEverywhere) {
    start();
    auto r = doctor({}, kCompanyKey, kCompanyKey);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "company key")) << r.out;
    EXPECT_TRUE(contains(r.out, "rate-limit tier tier1")) << r.out;
    EXPECT_TRUE(contains(r.out, "live: \"Acme\"")) << r.out;
    EXPECT_TRUE(contains(r.out, "doctor: 2 of 2 environments ready; nothing would fail")) << r.out;

    auto j = doctor({"-o", "json"}, kCompanyKey, kCompanyKey);
    EXPECT_EQ(j.exit_code, 0);
    auto doc = parse(j);
    for (const char* name : {"dev", "prod"}) {
        EXPECT_EQ(env(doc, name)["key_scope"]["scope"], "company") << name;
        EXPECT_EQ(env(doc, name)["license"]["tier"], "tier1") << name;
        EXPECT_EQ(env(doc, name)["problems"], json::array()) << name;
    }
    EXPECT_EQ(env(doc, "prod")["project_name"], json({{"declared", "Acme"}, {"live", "Acme"}}));
}

TEST_F(DoctorE2e, WrongKeyIsRefusedWithoutShowingIt) {
    start();
    auto r = doctor({}, kWrongKey, kProdKey);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "refused")) << r.out;
    EXPECT_TRUE(contains(r.out, "DESCOPE_DEV_MANAGEMENT_KEY")) << r.out;
    EXPECT_TRUE(contains(r.out, "every command that talks to Descope would fail")) << r.out;

    auto doc = parse(doctor({"-o", "json", "-e", "dev"}, kWrongKey, kProdKey));
    ASSERT_EQ(doc["environments"].size(), 1u);
    const json& dev = env(doc, "dev");
    EXPECT_EQ(dev["credentials"]["status"], "refused");
    EXPECT_EQ(dev["credentials"]["error"]["http_status"], 401);
    EXPECT_EQ(codes(dev), std::vector<std::string>{"credentials_refused"});
    EXPECT_EQ(dev["key_scope"]["scope"], "not_checked");
    // A refused key costs the license handshake and one read, nothing more: two runs, so
    // four requests for dev in the emulator's log, and six for prod (checked once).
    EXPECT_EQ(dev["api_calls"], 2);
    const auto log = requests();
    EXPECT_EQ(
        paths(log.at(kDevId)),
        (std::multiset<std::string>{"GET /v1/mgmt/license", "GET /v1/mgmt/license",
                                    "GET /v1/mgmt/permission/all", "GET /v1/mgmt/permission/all"}));
    EXPECT_EQ(log.at(kProdId).size(), 6u);
}

TEST_F(DoctorE2e, UnsetCredentialsAreReportedAndTheOtherEnvironmentIsStillChecked) {
    start();
    auto doc = parse(doctor({"-o", "json"}, kCompanyKey, ""));
    const json& prod = env(doc, "prod");
    EXPECT_EQ(prod["credentials"]["status"], "not_set");
    EXPECT_TRUE(contains(prod["credentials"]["details"].dump(), "DESCOPE_PROD_MANAGEMENT_KEY"));
    EXPECT_EQ(codes(prod), std::vector<std::string>{"credentials_not_set"});
    EXPECT_EQ(prod["api_calls"], 0);
    EXPECT_EQ(env(doc, "dev")["credentials"]["status"], "accepted");
    EXPECT_EQ(requests().count(kProdId), 0u) << "nothing is sent without credentials";
}

TEST_F(DoctorE2e, BareProjectReportsTheMissingBuiltinsTheConfigUses) {
    start({"--bare"});
    auto r = doctor({"-e", "dev"}, kCompanyKey, kCompanyKey);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "apply would fail")) << r.out;
    EXPECT_TRUE(contains(r.out, "permission \"Impersonate\"")) << r.out;
    EXPECT_TRUE(contains(r.out, "role \"viewer\"")) << r.out;

    auto doc = parse(doctor({"-o", "json", "-e", "dev"}, kCompanyKey, kCompanyKey));
    const json& dev = env(doc, "dev");
    EXPECT_EQ(codes(dev), (std::vector<std::string>{"builtin_missing", "builtin_missing"}));
    EXPECT_TRUE(contains(dev["problems"].dump(), "Tenant Admin"));
    EXPECT_TRUE(contains(dev["problems"].dump(), "tenant \\\"acme\\\" (default_roles)"));
    EXPECT_EQ(dev["builtins"]["permissions"]["missing"],
              json::array({"SSO Admin", "User Admin", "Impersonate"}));
    EXPECT_EQ(dev["builtins"]["roles"]["missing"], json::array({"Tenant Admin"}));
}

TEST_F(DoctorE2e, JsonDocumentShape) {
    start();
    auto r = doctor({"-o", "json"}, kCompanyKey, kCompanyKey);
    auto doc = parse(r);
    EXPECT_EQ(doc["format_version"], 1);
    EXPECT_EQ(doc["command"], "doctor");
    EXPECT_EQ(doc["summary"], json({{"environments", 2}, {"ready", 2}, {"problems", 0}}));
    const json& dev = env(doc, "dev");
    for (const char* key :
         {"name", "project_id", "ok", "credentials", "key_scope", "license", "rate_limit",
          "base_url", "builtins", "declared", "project_name", "api_calls", "problems"})
        EXPECT_TRUE(dev.contains(key)) << key;
    EXPECT_EQ(dev["project_id"], kDevId);
    EXPECT_EQ(dev["rate_limit"],
              json({{"requests", 100}, {"per_seconds", 60}, {"scope", "shared"}}));
    EXPECT_EQ(dev["base_url"]["url"], m_emulator->base_url());
    EXPECT_EQ(dev["base_url"]["source"], "DESCOPE_BASE_URL");
    EXPECT_EQ(dev["base_url"]["region"], nullptr);
    EXPECT_EQ(env(doc, "prod")["base_url"]["region"], "use1");
    EXPECT_EQ(dev["builtins"]["roles"]["found"], json::array({"Tenant Admin"}));
    EXPECT_EQ(dev["builtins"]["permissions"]["missing"], json::array());
    // A fresh project: nothing declared exists yet; apply would create it (not a problem).
    EXPECT_EQ(dev["declared"]["tenants"], json({{"declared", 1},
                                                {"checked", true},
                                                {"found", 0},
                                                {"missing", json::array({"acme"})}}));
    EXPECT_EQ(dev["declared"]["roles"]["missing"], json::array({"viewer"}));
    EXPECT_EQ(dev["declared"]["permissions"]["missing"], json::array({"projects.read"}));
    EXPECT_EQ(dev["declared"]["flows"]["declared"], 0);
    EXPECT_EQ(dev["project_name"]["declared"], nullptr);
}

TEST_F(DoctorE2e, FoundObjectsAreCounted) {
    start();
    // The declared permission, created out of band with the emulator's own API.
    httplib::Client client(m_emulator->host(), m_emulator->port());
    auto res = client.Post("/v1/mgmt/permission/create",
                           {{"Authorization", "Bearer " + kDevId + ":" + kDevKey}},
                           R"({"name":"projects.read"})", "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    auto doc = parse(doctor({"-o", "json", "-e", "dev"}, kDevKey, kProdKey));
    EXPECT_EQ(env(doc, "dev")["declared"]["permissions"],
              json({{"declared", 1}, {"checked", true}, {"found", 1}, {"missing", json::array()}}));
}

TEST_F(DoctorE2e, SixRequestsPerEnvironmentEachReadOnce) {
    start();
    auto r = doctor({}, kCompanyKey, kProdKey);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;  // prod: project key and project_name
    const auto log = requests();
    const std::multiset<std::string> expected = {
        "GET /v1/mgmt/license",    "GET /v1/mgmt/permission/all", "GET /v1/mgmt/role/all",
        "GET /v1/mgmt/tenant/all", "POST /v1/mgmt/flow/list",     "POST /v1/mgmt/projects/list"};
    for (const auto& id : {kDevId, kProdId}) {
        ASSERT_TRUE(log.count(id)) << id;
        EXPECT_EQ(log.at(id).size(), 6u) << id;
        EXPECT_EQ(paths(log.at(id)), expected) << id;
        // The tier goes with every request after the handshake (R9).
        for (const auto& line : log.at(id)) {
            if (line["path"] != "/v1/mgmt/license") {
                EXPECT_EQ(line.value("license", ""), "tier1");
            }
        }
    }
}

TEST_F(DoctorE2e, EnvironmentRateLimitScopeIsReported) {
    std::ofstream(m_dir / "descope.yaml") << R"(version: 1
defaults:
  rate_limit: { requests: 50, per_seconds: 30, scope: environment }
environments:
  dev: { rate_limit: { requests: 20 } }
  prod: {}
)";
    start();
    auto doc = parse(doctor({"-o", "json"}, kCompanyKey, kCompanyKey));
    EXPECT_EQ(env(doc, "dev")["rate_limit"],
              json({{"requests", 20}, {"per_seconds", 30}, {"scope", "environment"}}));
    EXPECT_EQ(env(doc, "prod")["rate_limit"],
              json({{"requests", 50}, {"per_seconds", 30}, {"scope", "environment"}}));
}

TEST_F(DoctorE2e, HelpSaysWhatIsCheckedAndThatNothingChanges) {
    test::ProcessOptions o;
    o.unset_env = {"DESCOPE_MGMT_CONFIG"};
    auto r = test::run_process({DM_MGMT_BINARY, "doctor", "--help"}, o);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const char* part : {"read-only", "Nothing is changed", "key scope", "built-ins",
                             "Examples:", "descope-mgmt doctor -e prod", "docs/doctor.md"})
        EXPECT_TRUE(contains(r.out, part)) << part << "\n" << r.out;
}

TEST_F(DoctorE2e, ConfigErrorsExitOne) {
    std::ofstream(m_dir / "descope.yaml") << "version: 1\nenvironments: {dev: {}}\nroles: [{}]\n";
    start();
    auto r = doctor({}, kDevKey, kProdKey);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace
}  // namespace descope_mgmt
