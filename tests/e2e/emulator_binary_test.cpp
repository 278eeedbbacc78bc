// End-to-end tests of the descope-emulator binary: command line, startup line, HTTP conventions,
// authentication and isolation, configurable unknowns, concurrency, shutdown.
#include <gtest/gtest.h>
#include <signal.h>

#include <cctype>
#include <thread>

#include "e2e/emulator_test_client.hpp"
#include "support/emulator_process.hpp"
#include "support/process.hpp"

namespace descope_mgmt::test {
namespace {

using nlohmann::json;

const std::vector<std::string> kTwoProjects = {"--project", "P2alpha:K2alpha:Alpha", "--project",
                                               "P2beta:K2beta"};

std::unique_ptr<EmulatorProcess> start(const std::vector<std::string>& args = kTwoProjects) {
    return test::start_emulator(args);
}

TEST(EmulatorBinary, PrintsExactlyOneListeningLine) {
    auto emu = start();
    ASSERT_TRUE(emu);
    // std::regex would do, but GCC 12 warns inside <regex> under -fsanitize (maybe-uninitialized).
    const std::string out = emu->stdout_text();
    const std::string prefix = "listening on http://127.0.0.1:";
    ASSERT_EQ(out.rfind(prefix, 0), 0u) << out;
    const std::string port = out.substr(prefix.size());
    EXPECT_EQ(port, std::to_string(emu->port()) + "\n") << "exactly one line: " << out;
    EXPECT_GT(emu->port(), 0);
    EXPECT_EQ(emu->base_url(), "http://127.0.0.1:" + std::to_string(emu->port()));
}

TEST(EmulatorBinary, HelpTeachesAndMistakesExitOne) {
    const auto help = run_process({DM_EMULATOR_BINARY, "--help"});
    EXPECT_EQ(help.exit_code, 0);
    for (const char* flag :
         {"--project", "--state", "--rate-limit", "--fault", "--seed", "--request-log",
          "--not-found-status", "--delete-missing", "--company-key", "--tenant-attribute",
          "--visibility-lag-ms", "--bare", "--delete-parent"}) {
        EXPECT_NE(help.out.find(flag), std::string::npos) << flag;
    }
    // Issue 13: the examples' project ids are ones descope-mgmt accepts ('P' and 27 or more
    // letters or digits), so that they can be copied into a config.
    std::size_t examples = 0;
    for (auto at = help.out.find("--project P2"); at != std::string::npos;
         at = help.out.find("--project P2", at + 1)) {
        const std::size_t start = at + std::string("--project ").size();
        const std::string id = help.out.substr(start, help.out.find(':', start) - start);
        EXPECT_GE(id.size(), 28u) << id;
        for (char c : id)
            EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << id;
        ++examples;
    }
    EXPECT_GT(examples, 0u);
    const auto no_project = run_process({DM_EMULATOR_BINARY});
    EXPECT_EQ(no_project.exit_code, 1);
    EXPECT_NE(no_project.err.find("--project"), std::string::npos);
    const auto bad_fault =
        run_process({DM_EMULATOR_BINARY, "--project", "P:K", "--fault", "404=1"});
    EXPECT_EQ(bad_fault.exit_code, 1);
    EXPECT_NE(bad_fault.err.find("--fault"), std::string::npos);
}

TEST(EmulatorBinary, ABusyPortIsAnError) {
    auto first = start();
    ASSERT_TRUE(first);
    ProcessOptions options;
    options.timeout = std::chrono::milliseconds(10'000);
    const auto second = run_process(
        {DM_EMULATOR_BINARY, "--project", "P:K", "--port", std::to_string(first->port())}, options);
    EXPECT_EQ(second.exit_code, 1);
    EXPECT_NE(second.err.find("cannot listen"), std::string::npos) << second.err;
}

TEST(EmulatorBinary, SpeaksJsonWithDescopeErrorBodies) {
    auto emu = start();
    ASSERT_TRUE(emu);
    EmulatorClient alpha(emu->base_url(), "P2alpha", "K2alpha");
    const auto license = alpha.get("/v1/mgmt/license");
    EXPECT_EQ(license.status, 200);
    EXPECT_EQ(license.header("Content-Type"), "application/json");
    EXPECT_EQ(license.json(), json({{"rateLimitTier", "tier1"}}));

    const auto created = alpha.post("/v1/mgmt/tenant/create", {{"id", "acme"}, {"name", "Acme"}});
    EXPECT_EQ(created.status, 200);
    EXPECT_EQ(created.json(), json({{"id", "acme"}}));
    const auto updated =
        alpha.post("/v1/mgmt/tenant/update", {{"id", "acme"}, {"name", "Acme Inc"}});
    EXPECT_EQ(updated.status, 200);
    EXPECT_EQ(updated.body, "{}");  // never an empty body

    const auto missing = alpha.post("/v1/mgmt/tenant/create", json::object());
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.json(), json({{"errorCode", "E011002"},
                                    {"errorDescription", "Missing arguments"},
                                    {"errorMessage", "The name field is required"}}));
    const auto unknown = alpha.get("/v1/mgmt/tenant?id=nope");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_TRUE(unknown.json().contains("errorCode"));
    const auto duplicate = alpha.post("/v1/mgmt/tenant/create", {{"id", "acme"}, {"name", "X"}});
    EXPECT_EQ(duplicate.status, 400);
    const auto malformed = alpha.post_raw("/v1/mgmt/tenant/create", "{\"name\":");
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(malformed.json()["errorCode"], "E011001");
    const auto wrong_type = alpha.post("/v1/mgmt/tenant/search", {{"topLevelOnly", "yes"}});
    EXPECT_EQ(wrong_type.status, 400);
    const auto no_route = alpha.get("/v1/mgmt/nothing/here");
    EXPECT_EQ(no_route.status, 404);
    EXPECT_TRUE(no_route.json().contains("errorDescription"));
}

TEST(EmulatorBinary, KeysAreCheckedAndProjectsIsolated) {
    auto emu = start();
    ASSERT_TRUE(emu);
    EmulatorClient alpha(emu->base_url(), "P2alpha", "K2alpha");
    EmulatorClient beta(emu->base_url(), "P2beta", "K2beta");
    ASSERT_EQ(alpha.post("/v1/mgmt/tenant/create", {{"id", "only-alpha"}, {"name", "A"}}).status,
              200);
    EXPECT_EQ(beta.get("/v1/mgmt/tenant/all").json()["tenants"], json::array());
    EXPECT_EQ(beta.get("/v1/mgmt/tenant?id=only-alpha").status, 404);
    // Beta's id with alpha's key, a wrong key, no key, another scheme: all 401.
    for (auto [project, key] : std::vector<std::pair<std::string, std::string>>{
             {"P2beta", "K2alpha"}, {"P2alpha", "wrong"}, {"P2nobody", "K2alpha"}}) {
        EmulatorClient c(emu->base_url(), project, key);
        const auto r = c.get("/v1/mgmt/tenant/all");
        EXPECT_EQ(r.status, 401) << project;
        EXPECT_EQ(r.json()["errorCode"], "E011003");
    }
    EmulatorClient anonymous(emu->base_url(), "", "");
    EXPECT_EQ(anonymous.get("/v1/mgmt/tenant/all").status, 401);
    httplib::Client basic(emu->base_url());
    EXPECT_EQ(basic.Get("/v1/mgmt/tenant/all", {{"Authorization", "Basic abc"}})->status, 401);
    EXPECT_EQ(basic.Get("/v1/mgmt/tenant/all", {{"Authorization", "Bearer P2alpha"}})->status, 401);
    // projects/list needs a company key (R1; emulator_fidelity_test.cpp).
    EXPECT_EQ(alpha.post("/v1/mgmt/projects/list", json::object()).status, 401);
}

TEST(EmulatorBinary, UnknownsAreConfigurable) {
    auto emu = start({"--project", "P2a:K2a", "--not-found-status", "400", "--duplicate-status",
                      "409", "--delete-missing", "ok", "--unauthorized-status", "403"});
    ASSERT_TRUE(emu);
    EmulatorClient a(emu->base_url(), "P2a", "K2a");
    EXPECT_EQ(a.get("/v1/mgmt/tenant?id=nope").status, 400);
    ASSERT_EQ(a.post("/v1/mgmt/tenant/create", {{"id", "t"}, {"name", "T"}}).status, 200);
    EXPECT_EQ(a.post("/v1/mgmt/tenant/create", {{"id", "t"}, {"name", "T"}}).status, 409);
    const auto deleted = a.post("/v1/mgmt/tenant/delete", {{"id", "nope"}});
    EXPECT_EQ(deleted.status, 200);
    EXPECT_EQ(deleted.body, "{}");
    EXPECT_EQ(a.post("/v1/mgmt/role/delete", {{"name", "nope"}}).status, 200);
    EmulatorClient wrong(emu->base_url(), "P2a", "nope");
    EXPECT_EQ(wrong.get("/v1/mgmt/tenant/all").status, 403);
}

TEST(EmulatorBinary, ServesManyConcurrentClients) {
    auto emu = start();
    ASSERT_TRUE(emu);
    constexpr int kThreads = 24, kRequests = 40;
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            EmulatorClient c(emu->base_url(), t % 2 ? "P2alpha" : "P2beta",
                             t % 2 ? "K2alpha" : "K2beta");
            for (int i = 0; i < kRequests; ++i) {
                const std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
                if (c.post("/v1/mgmt/tenant/create", {{"id", id}, {"name", id}}).status == 200 &&
                    c.get("/v1/mgmt/tenant?id=" + id).status == 200) {
                    ++ok;
                }
            }
        });
    }
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(ok.load(), kThreads * kRequests);
    EmulatorClient alpha(emu->base_url(), "P2alpha", "K2alpha");
    EXPECT_EQ(alpha.get("/v1/mgmt/tenant/all").json()["tenants"].size(), kThreads / 2 * kRequests);
}

TEST(EmulatorBinary, SigtermAndSigintStopCleanlyAndPromptly) {
    for (int sig : {SIGTERM, SIGINT}) {
        auto emu = start();
        ASSERT_TRUE(emu);
        EmulatorClient c(emu->base_url(), "P2alpha", "K2alpha");
        c.raw().set_keep_alive(true);  // an idle keep-alive connection stays open (timeout 5 s)
        ASSERT_EQ(c.get("/v1/mgmt/tenant/all").status, 200);
        const auto before = std::chrono::steady_clock::now();
        emu->send_signal(sig);
        EXPECT_EQ(emu->wait(std::chrono::milliseconds(5000)), 0) << strsignal(sig);
        EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(2));
    }
}

TEST(EmulatorBinary, ShutdownDoesNotWaitForSlowRequests) {
    auto emu = start({"--project", "P2a:K2a", "--latency-ms", "60000"});
    ASSERT_TRUE(emu);
    std::thread waiting([&] {
        EmulatorClient c(emu->base_url(), "P2a", "K2a");
        c.get("/v1/mgmt/tenant/all");
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto before = std::chrono::steady_clock::now();
    EXPECT_EQ(emu->stop(), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(5));
    waiting.join();
}

}  // namespace
}  // namespace descope_mgmt::test
