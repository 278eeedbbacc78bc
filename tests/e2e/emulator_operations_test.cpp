// End-to-end tests of the emulator's operational behaviour (interface.md): --state across a
// restart, --rate-limit with Retry-After, every --fault kind and its seed, --request-log.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "e2e/emulator_test_client.hpp"
#include "support/emulator_process.hpp"
#include "support/files.hpp"

namespace descope_mgmt::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

TEST(EmulatorState, SurvivesARestartAndNeverStoresKeys) {
    test::TempDir dir{"dm-emu-e2e"};
    const auto state = dir.path() / "state.json";
    const std::vector<std::string> args = {"--project",     "P2a:K2secretA",  "--project",
                                           "P2b:K2secretB", "--state",        state.string(),
                                           "--company-key", "K2secretCompany"};
    {
        auto emu = test::start_emulator(args);
        ASSERT_TRUE(emu);
        EmulatorClient a(emu->base_url(), "P2a", "K2secretA");
        ASSERT_EQ(a.post("/v1/mgmt/tenant/create", {{"id", "acme"}, {"name", "Acme"}}).status, 200);
        ASSERT_EQ(a.post("/v1/mgmt/permission/create", {{"name", "p"}}).status, 200);
        ASSERT_EQ(
            a.post("/v1/mgmt/role/create", {{"name", "r"}, {"permissionNames", {"p"}}}).status,
            200);
        ASSERT_EQ(
            a.post("/v1/mgmt/flow/import", {{"flowId", "f"}, {"flow", {{"name", "F"}}}}).status,
            200);
        ASSERT_EQ(a.post("/v1/mgmt/project/update/name", {{"name", "Renamed"}}).status, 200);
        // Saved after every change, before the answer: no shutdown needed to see it.
        EXPECT_NE(test::read_text(state).find("acme"), std::string::npos);
        EXPECT_EQ(emu->stop(), 0);
    }
    const std::string saved = test::read_text(state);
    EXPECT_EQ(saved.find("K2secret"), std::string::npos);  // neither project nor company keys
    struct stat st {};
    ASSERT_EQ(::stat(state.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    // No temporary files left next to it (atomic write = temp + rename).
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);

    auto emu = test::start_emulator(args);
    ASSERT_TRUE(emu);
    EmulatorClient a(emu->base_url(), "P2a", "K2secretA");
    EXPECT_EQ(a.get("/v1/mgmt/tenant?id=acme").json()["name"], "Acme");
    const json roles = a.get("/v1/mgmt/role/all").json()["roles"];
    ASSERT_EQ(roles.size(), 2u);  // the built-in Tenant Admin, saved with the rest, and r
    EXPECT_EQ(roles[0]["name"], "Tenant Admin");
    EXPECT_EQ(roles[1]["permissionNames"], json({"p"}));
    EXPECT_EQ(a.post("/v1/mgmt/flow/export", {{"flowId", "f"}}).json()["flow"]["version"], 1);
    EmulatorClient company(emu->base_url(), "P2a", "K2secretCompany");
    EXPECT_EQ(company.post("/v1/mgmt/projects/list", json::object()).json()["projects"][0]["name"],
              "Renamed");
    EmulatorClient b(emu->base_url(), "P2b", "K2secretB");
    EXPECT_EQ(b.get("/v1/mgmt/tenant/all").json()["tenants"], json::array());
}

TEST(EmulatorState, KeepsProjectsNotNamedOnThisStartAndRejectsABadFile) {
    test::TempDir dir{"dm-emu-e2e"};
    const auto state = dir.path() / "state.json";
    {
        auto emu = test::start_emulator(
            {"--project", "P2a:K", "--project", "P2b:K", "--state", state.string()});
        ASSERT_TRUE(emu);
        EmulatorClient b(emu->base_url(), "P2b", "K");
        ASSERT_EQ(b.post("/v1/mgmt/tenant/create", {{"id", "bee"}, {"name", "Bee"}}).status, 200);
    }
    {
        auto emu = test::start_emulator({"--project", "P2a:K", "--state", state.string()});
        ASSERT_TRUE(emu);
        EmulatorClient a(emu->base_url(), "P2a", "K");
        ASSERT_EQ(a.post("/v1/mgmt/tenant/create", {{"id", "ay"}, {"name", "Ay"}}).status, 200);
    }
    auto emu = test::start_emulator(
        {"--project", "P2a:K", "--project", "P2b:K", "--state", state.string()});
    ASSERT_TRUE(emu);
    EmulatorClient b(emu->base_url(), "P2b", "K");
    EXPECT_EQ(b.get("/v1/mgmt/tenant?id=bee").status, 200);

    std::ofstream(dir.path() / "bad.json") << "{not json";
    auto bad =
        EmulatorProcess::start({"--project", "P:K", "--state", (dir.path() / "bad.json").string()});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("bad.json"), std::string::npos) << bad.error().message;
}

TEST(EmulatorRateLimit, RefusesOverTheLimitAndHonouringRetryAfterLetsTheNextThrough) {
    auto emu =
        test::start_emulator({"--project", "P2a:K", "--project", "P2b:K", "--rate-limit", "5/2"});
    ASSERT_TRUE(emu);
    EmulatorClient a(emu->base_url(), "P2a", "K");
    for (int i = 0; i < 5; ++i)
        ASSERT_EQ(a.get("/v1/mgmt/tenant/all").status, 200) << i;
    const auto refused = a.get("/v1/mgmt/tenant/all");
    ASSERT_EQ(refused.status, 429);
    EXPECT_EQ(refused.json(), json({{"errorCode", "E130429"},
                                    {"errorDescription", "https://docs.descope.com/rate-limit"},
                                    {"errorMessage", "API rate limit exceeded."}}));
    const int retry_after = std::stoi(refused.header("Retry-After"));
    EXPECT_GE(retry_after, 1);
    EXPECT_LE(retry_after, 2);
    // The limit is per project.
    EmulatorClient b(emu->base_url(), "P2b", "K");
    EXPECT_EQ(b.get("/v1/mgmt/tenant/all").status, 200);
    std::this_thread::sleep_for(std::chrono::seconds(retry_after));
    EXPECT_EQ(a.get("/v1/mgmt/tenant/all").status, 200);
}

// One emulator per fault kind, each with probability 1.
class EmulatorFault : public ::testing::Test {
  protected:
    std::unique_ptr<EmulatorProcess> with_fault(const std::string& fault) {
        return test::start_emulator({"--project", "P2a:K", "--fault", fault, "--slow-ms", "400"});
    }
};

TEST_F(EmulatorFault, TooManyRequests) {
    auto emu = with_fault("429=1");
    ASSERT_TRUE(emu);
    const auto r = EmulatorClient(emu->base_url(), "P2a", "K").get("/v1/mgmt/tenant/all");
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(r.header("Retry-After"), "1");
    EXPECT_EQ(r.json()["errorCode"], "E130429");
}

TEST_F(EmulatorFault, ServerErrors) {
    for (int status : {500, 503}) {
        auto emu = with_fault(std::to_string(status) + "=1");
        ASSERT_TRUE(emu);
        const auto r = EmulatorClient(emu->base_url(), "P2a", "K").get("/v1/mgmt/tenant/all");
        EXPECT_EQ(r.status, status);
        EXPECT_TRUE(r.json().contains("errorCode")) << r.body;
    }
}

TEST_F(EmulatorFault, ResetClosesTheConnectionWithoutAnAnswer) {
    auto emu = with_fault("reset=1");
    ASSERT_TRUE(emu);
    const auto r = EmulatorClient(emu->base_url(), "P2a", "K").get("/v1/mgmt/tenant/all");
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.error, httplib::Error::Success);
    EXPECT_NE(r.error, httplib::Error::Connection);  // it connected, then got nothing
}

TEST_F(EmulatorFault, MalformedIsA200ThatIsNotJson) {
    auto emu = with_fault("malformed=1");
    ASSERT_TRUE(emu);
    const auto r = EmulatorClient(emu->base_url(), "P2a", "K").get("/v1/mgmt/tenant/all");
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.json().is_discarded()) << r.body;
}

TEST_F(EmulatorFault, SlowAnswersLateButCorrectly) {
    auto emu = with_fault("slow=1");
    ASSERT_TRUE(emu);
    const auto before = std::chrono::steady_clock::now();
    const auto r = EmulatorClient(emu->base_url(), "P2a", "K").get("/v1/mgmt/tenant/all");
    EXPECT_GE(std::chrono::steady_clock::now() - before, std::chrono::milliseconds(400));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json(), json({{"tenants", json::array()}}));
}

std::vector<int> statuses(const std::string& seed) {
    auto emu = test::start_emulator(
        {"--project", "P2a:K", "--fault", "503=0.3", "--fault", "500=0.2", "--seed", seed});
    std::vector<int> out;
    if (!emu) return out;
    EmulatorClient c(emu->base_url(), "P2a", "K");
    for (int i = 0; i < 40; ++i)
        out.push_back(c.get("/v1/mgmt/tenant/all").status);
    return out;
}

TEST_F(EmulatorFault, TheSameSeedGivesTheSameFaults) {
    const auto first = statuses("11");
    EXPECT_EQ(first.size(), 40u);
    EXPECT_EQ(first, statuses("11"));
    EXPECT_NE(first, statuses("12"));
    EXPECT_NE(std::count(first.begin(), first.end(), 200), 40);
    EXPECT_NE(std::count(first.begin(), first.end(), 200), 0);
}

TEST(EmulatorRequestLog, OneJsonLinePerRequestWithoutTheKey) {
    test::TempDir dir{"dm-emu-e2e"};
    const auto log = dir.path() / "requests.log";
    auto emu =
        test::start_emulator({"--project", "P2a:K2verysecret", "--request-log", log.string()});
    ASSERT_TRUE(emu);
    EmulatorClient good(emu->base_url(), "P2a", "K2verysecret");
    EmulatorClient bad(emu->base_url(), "P2a", "K2verysecretWRONG");
    ASSERT_EQ(good.post("/v1/mgmt/tenant/create", {{"id", "t"}, {"name", "T"}}).status, 200);
    ASSERT_EQ(good.get("/v1/mgmt/tenant?id=t").status, 200);
    ASSERT_EQ(bad.get("/v1/mgmt/tenant/all").status, 401);
    httplib::Client raw(emu->base_url());
    raw.Get("/v1/mgmt/tenant/all", {{"Authorization", "Bearer K2verysecret"}});  // a bare key
    const std::string text = test::read_text(log);
    EXPECT_EQ(text.find("K2verysecret"), std::string::npos) << text;
    std::istringstream lines(text);
    std::vector<json> records;
    for (std::string line; std::getline(lines, line);)
        records.push_back(json::parse(line));
    ASSERT_EQ(records.size(), 4u);
    EXPECT_EQ(records[0]["project"], "P2a");
    EXPECT_EQ(records[0]["method"], "POST");
    EXPECT_EQ(records[0]["path"], "/v1/mgmt/tenant/create");
    EXPECT_EQ(records[0]["status"], 200);
    EXPECT_TRUE(records[0]["ms"].is_number());
    EXPECT_TRUE(records[0]["time"].get<std::string>().ends_with("Z"));
    EXPECT_EQ(records[1]["path"], "/v1/mgmt/tenant");  // no query string
    EXPECT_EQ(records[2]["status"], 401);
    EXPECT_EQ(records[3]["project"], "");
}

}  // namespace
}  // namespace descope_mgmt::test
