// `tenant list`, `role list`, `permission list` run as the real descope-mgmt binary against
// descope-emulator; and the management key never appears in stdout, stderr or any file, even at
// the highest verbosity, in JSON output, through retries and errors.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "support/emulator_process.hpp"
#include "support/files.hpp"
#include "support/process.hpp"

namespace descope_mgmt::test {
namespace {

using nlohmann::json;

const std::string kDev = "P2" + std::string(26, 'd');
const std::string kProd = "P2" + std::string(26, 'p');
const std::string kDevKey = "K2DevKeyThatMustNeverBePrinted0001";
const std::string kProdKey = "K2ProdKeyThatMustNeverBePrinted002";

class ApiCliE2e : public ::testing::Test {
  protected:
    void SetUp() override {
        std::ofstream(dir.path() / "descope.yaml")
            << "version: 1\nenvironments:\n  dev: {}\n  prod: {}\n";
    }

    void start_emulator(std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {
            "--project", kDev + ":" + kDevKey + ":Dev", "--project",
            kProd + ":" + kProdKey + ":Prod", "--request-log",
            (dir.path() / "emulator-requests.jsonl").string(),
            // Lists here are of what the tests seed: no built-ins (they are shown in
            // api_real_service_e2e_test.cpp); the attribute the seed sets is defined (R4).
            "--bare", "--tenant-attribute", "seats:number"};
        args.insert(args.end(), extra.begin(), extra.end());
        auto started = EmulatorProcess::start(args);
        ASSERT_TRUE(started) << started.error().message;
        emu = std::move(*started);
    }

    ProcessResult mgmt(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
        ProcessOptions o;
        o.cwd = dir.path();
        o.env = {{"DESCOPE_BASE_URL", emu->base_url()},
                 {"DESCOPE_DEV_PROJECT_ID", kDev},
                 {"DESCOPE_DEV_MANAGEMENT_KEY", kDevKey},
                 {"DESCOPE_PROD_PROJECT_ID", kProd},
                 {"DESCOPE_PROD_MANAGEMENT_KEY", kProdKey},
                 {"DESCOPE_MGMT_RETRY_BACKOFF", "0.01,0.02,0.04,0.08,0.16,0.32"}};
        for (auto& [k, v] : env)
            o.env[k] = v;
        o.unset_env = {"DESCOPE_MGMT_CONFIG", "NO_COLOR"};
        o.timeout = std::chrono::seconds(60);
        args.insert(args.begin(), DM_MGMT_BINARY);
        return run_process(args, o);
    }

    void seed(const std::string& project, const std::string& key, const std::string& path,
              const std::string& body) {
        ProcessResult r = run_process({"curl", "-s", "-X", "POST", "-H",
                                       "Authorization: Bearer " + project + ":" + key, "-d", body,
                                       emu->base_url() + path});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }

    /// No key anywhere: output, and every file under the working folder.
    void expect_no_key(const ProcessResult& r, const std::vector<std::string>& keys) {
        for (const auto& key : keys) {
            EXPECT_EQ(r.out.find(key), std::string::npos) << "key in stdout:\n" << r.out;
            EXPECT_EQ(r.err.find(key), std::string::npos) << "key in stderr:\n" << r.err;
            for (const auto& f : std::filesystem::recursive_directory_iterator(dir.path())) {
                if (!f.is_regular_file()) continue;
                EXPECT_EQ(test::read_text(f.path()).find(key), std::string::npos)
                    << "key in " << f.path();
            }
        }
    }

    test::TempDir dir{"dm-api-cli"};
    std::unique_ptr<EmulatorProcess> emu;
};

TEST_F(ApiCliE2e, ListsEveryEnvironmentAsTablesAndJson) {
    start_emulator();
    seed(
        kDev, kDevKey, "/v1/mgmt/tenant/create",
        R"({"id":"acme","name":"Acme","selfProvisioningDomains":["acme.com"],"customAttributes":{"seats":5}})");
    seed(kDev, kDevKey, "/v1/mgmt/permission/create",
         R"({"name":"projects.read","description":"Read"})");
    seed(kDev, kDevKey, "/v1/mgmt/role/create",
         R"({"name":"admin","description":"Admins","permissionNames":["projects.read"]})");
    seed(kProd, kProdKey, "/v1/mgmt/tenant/create",
         R"({"id":"zeta","name":"Zeta","enforceSSO":true})");

    auto text = mgmt({"tenant", "list"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("dev: 1 tenant, 0 managed\n"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("acme  Acme  acme.com"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("prod: 1 tenant, 0 managed\n"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("enforce-sso"), std::string::npos) << text.out;

    auto js = mgmt({"-o", "json", "tenant", "list", "-e", "dev"});
    ASSERT_EQ(js.exit_code, 0) << js.err;
    json doc = json::parse(js.out);
    EXPECT_EQ(doc["format_version"], 1);
    EXPECT_EQ(doc["command"], "tenant list");
    ASSERT_EQ(doc["environments"].size(), 1u);
    EXPECT_EQ(doc["environments"][0]["name"], "dev");
    EXPECT_EQ(doc["environments"][0]["status"], "ok");
    EXPECT_EQ(doc["environments"][0]["tenants"][0]["id"], "acme");
    EXPECT_EQ(doc["environments"][0]["tenants"][0]["custom_attributes"]["seats"], 5);

    auto roles = mgmt({"role", "list", "-e", "dev", "-o", "json"});
    ASSERT_EQ(roles.exit_code, 0) << roles.err;
    json r = json::parse(roles.out);
    EXPECT_EQ(r["environments"][0]["roles"][0]["permissions"], json::array({"projects.read"}));
    auto perms = mgmt({"permission", "list", "-e", "dev"});
    ASSERT_EQ(perms.exit_code, 0) << perms.err;
    EXPECT_NE(perms.out.find("projects.read  -      Read"), std::string::npos) << perms.out;
}

TEST_F(ApiCliE2e, UnsetCredentialVariableNamesItAndTheEnvironment) {
    start_emulator();
    auto missing = [&] {
        ProcessOptions po;
        po.cwd = dir.path();
        po.env = {{"DESCOPE_BASE_URL", emu->base_url()},
                  {"DESCOPE_DEV_PROJECT_ID", kDev},
                  {"DESCOPE_DEV_MANAGEMENT_KEY", kDevKey},
                  {"DESCOPE_PROD_PROJECT_ID", kProd}};
        po.unset_env = {"DESCOPE_PROD_MANAGEMENT_KEY", "DESCOPE_MGMT_CONFIG"};
        return run_process({DM_MGMT_BINARY, "role", "list"}, po);
    }();
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("environment 'prod': environment variable "
                               "DESCOPE_PROD_MANAGEMENT_KEY is not set"),
              std::string::npos)
        << missing.err;
    EXPECT_TRUE(missing.out.empty()) << missing.out;
}

TEST_F(ApiCliE2e, OneFailingEnvironmentIsReportedAndTheOthersStillListed) {
    start_emulator();
    auto r = mgmt({"-o", "json", "permission", "list"},
                  {{"DESCOPE_PROD_MANAGEMENT_KEY", "K2wrongKeyNotToPrint"}});
    EXPECT_EQ(r.exit_code, 1);
    json doc = json::parse(r.out);
    EXPECT_EQ(doc["environments"][0]["status"], "ok");
    EXPECT_EQ(doc["environments"][1]["status"], "error");
    EXPECT_EQ(doc["environments"][1]["error"]["http_status"], 401);
    EXPECT_NE(
        r.err.find("descope-mgmt: error: prod: reading the permissions: HTTP 401 Unauthorized: "),
        std::string::npos)
        << r.err;
    expect_no_key(r, {"K2wrongKeyNotToPrint", kDevKey, kProdKey});
}

TEST_F(ApiCliE2e, TheKeyNeverAppearsAtTheHighestVerbosityInTextOrJson) {
    // Faults make the client retry and log errors; the request log is written to the folder.
    start_emulator(
        {"--fault", "503=0.3", "--fault", "malformed=0.1", "--fault", "reset=0.1", "--seed", "11"});
    for (const auto* command : {"tenant", "role", "permission"}) {
        for (const auto* output : {"text", "json"}) {
            auto r = mgmt({"-vv", "-o", output, command, "list"});
            SCOPED_TRACE(std::string(command) + " list -o " + output);
            EXPECT_NE(r.exit_code, -1);
            EXPECT_NE(r.err.find("http: dev GET /v1/mgmt/"), std::string::npos) << r.err;
            expect_no_key(r, {kDevKey, kProdKey});
        }
    }
    // With -vv the retries were logged: the test really exercised the error paths.
    auto r = mgmt({"-vv", "tenant", "list"});
    EXPECT_NE(r.err.find("retrying in "), std::string::npos) << r.err;
    expect_no_key(r, {kDevKey, kProdKey});
    // A key the server rejects is a key too.
    auto bad = mgmt({"-vv", "-o", "json", "tenant", "list"},
                    {{"DESCOPE_DEV_MANAGEMENT_KEY", "K2rejectedKeyMustNotLeak"}});
    EXPECT_EQ(bad.exit_code, 1);
    expect_no_key(bad, {"K2rejectedKeyMustNotLeak", kProdKey});
}

TEST_F(ApiCliE2e, CtrlCAbandonsWaitingRetriesReportsWhatHappenedAndExits130) {
    // Every answer is a 503 and the retry waits 30 s: without Ctrl-C this runs for a minute.
    start_emulator({"--fault", "503=1"});
    ProcessOptions o;
    o.env = {{"DESCOPE_BASE_URL", emu->base_url()},     {"DESCOPE_DEV_PROJECT_ID", kDev},
             {"DESCOPE_DEV_MANAGEMENT_KEY", kDevKey},   {"DESCOPE_PROD_PROJECT_ID", kProd},
             {"DESCOPE_PROD_MANAGEMENT_KEY", kProdKey}, {"DESCOPE_MGMT_RETRY_BACKOFF", "30,30"}};
    // Let both environments get their first 503 and start waiting for the retry, then Ctrl-C.
    o.interrupt_after = std::chrono::milliseconds(700);
    const std::string config = (dir.path() / "descope.yaml").string();
    const auto started = std::chrono::steady_clock::now();
    const ProcessResult r =
        run_process({DM_MGMT_BINARY, "-c", config, "-o", "json", "tenant", "list"}, o);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(r.exit_code, 130);
    EXPECT_LT(seconds, 5.0);  // it did not sit out the 30 s retry wait
    const std::string& err = r.err;
    json doc = json::parse(r.out);
    ASSERT_EQ(doc["environments"].size(), 2u);
    for (const auto& e : doc["environments"]) {
        EXPECT_EQ(e["status"], "interrupted") << e.dump();
        EXPECT_EQ(e["error"]["http_status"], 503) << e.dump();
        EXPECT_EQ(e["error"]["interrupted"], true) << e.dump();
    }
    EXPECT_NE(
        err.find(
            "dev: reading the tenants: HTTP 503 Service Unavailable: Injected fault (--fault 503) "
            "(E000503) (interrupted)"),
        std::string::npos)
        << err;
    // Exactly one request per environment went out, besides its one license handshake (never
    // retried): nothing new started after Ctrl-C.
    std::size_t requests = 0;
    std::size_t licenses = 0;
    std::ifstream log(dir.path() / "emulator-requests.jsonl");
    for (std::string line; std::getline(log, line);) {
        if (line.empty()) continue;
        if (line.find("/v1/mgmt/license") != std::string::npos) {
            ++licenses;
        } else {
            ++requests;
        }
    }
    EXPECT_EQ(requests, 2u);
    EXPECT_EQ(licenses, 2u);
}

}  // namespace
}  // namespace descope_mgmt::test
