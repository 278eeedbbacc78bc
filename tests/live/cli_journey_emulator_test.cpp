// The live CLI journey (tests/live/cli_journey.hpp), the very same code, against the real
// descope-emulator on every CI run: it proves the steps, the prefix handling and the clean-up
// without credentials. The emulator hides a new object for 300 ms (--visibility-lag-ms, R7),
// so the journey's polling and apply's retries are exercised too, and it hosts objects that
// are not the journey's, which must be untouched at the end. The request log gives the
// journey's cost in API calls, step by step (docs/live-tests.md quotes it).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "live/cli_journey.hpp"
#include "support/emulator_process.hpp"

namespace descope_mgmt::live {
namespace {

using namespace std::chrono_literals;

const std::string kProjectId = [] {
    std::string id = "P2livejourney";
    id.resize(28, '0');
    return id;
}();
const std::string kKey = "K2livejourneysecretkey";

std::size_t count_lines(const std::filesystem::path& file) {
    std::ifstream in(file);
    return static_cast<std::size_t>(
        std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
}

class CliJourneyEmulator : public ::testing::Test {
  protected:
    void SetUp() override {
        char tmpl[] = "/tmp/dm_live_emulator.XXXXXX";
        m_dir = ::mkdtemp(tmpl);
        m_log = m_dir / "requests.jsonl";
        std::vector<std::string> args = {
            "--project",           kProjectId + ":" + kKey + ":Scratch",
            "--visibility-lag-ms", "300",
            "--request-log",       m_log.string()};
        // DM_LIVE_EMULATOR_ARGS adds options, e.g. "--rate-limit 100/60" (Descope's limit per
        // IP: the journey then meets 429s and waits as told) or a longer lag.
        if (const char* extra = std::getenv("DM_LIVE_EMULATOR_ARGS")) {
            std::istringstream words(extra);
            for (std::string w; words >> w;)
                args.push_back(w);
        }
        auto emu = test::EmulatorProcess::start(args);
        ASSERT_TRUE(emu) << emu.error().message;
        m_emulator = std::move(*emu);
        m_journey =
            std::make_unique<CliJourney>(JourneyProject{kProjectId, kKey, m_emulator->base_url()});
        seed_objects_that_are_not_ours();
    }

    void TearDown() override {
        if (m_journey) m_journey->clean_up();
        m_journey.reset();
        m_emulator.reset();
        std::error_code ec;
        // DM_LIVE_REQUEST_LOG=FILE keeps the emulator's request log (one JSON line per request).
        if (const char* keep = std::getenv("DM_LIVE_REQUEST_LOG"); keep && *keep)
            std::filesystem::copy_file(m_log, keep,
                                       std::filesystem::copy_options::overwrite_existing, ec);
        if (!m_dir.empty()) std::filesystem::remove_all(m_dir, ec);
    }

    /// A permission, a role and a parent/child pair of tenants someone else owns.
    void seed_objects_that_are_not_ours() {
        auto& api = m_journey->client();
        ASSERT_TRUE(api.create_permission({"other.read", "not the journey's"}));
        std::this_thread::sleep_for(400ms);  // past the visibility lag
        model::Role role;
        role.name = "other-role";
        role.permissions = {"other.read"};
        ASSERT_TRUE(api.create_role(role));
        model::Tenant holding;
        holding.id = "other-holding";
        holding.name = "Other Holding";
        ASSERT_TRUE(api.create_tenant(holding));
        std::this_thread::sleep_for(400ms);
        model::Tenant child;
        child.id = "other-child";
        child.name = "Other Child";
        child.parent = "other-holding";
        ASSERT_TRUE(api.create_tenant(child));
        std::this_thread::sleep_for(400ms);
        m_before = snapshot();
    }

    /// Everything in the project that is not the journey's, as comparable text.
    std::string snapshot() {
        auto& api = m_journey->client();
        const std::string ours = m_journey->prefix() + "-";
        std::string out;
        auto tenants = api.load_all_tenants();
        auto roles = api.load_all_roles();
        auto permissions = api.load_all_permissions();
        EXPECT_TRUE(tenants && roles && permissions);
        if (!tenants || !roles || !permissions) return out;
        std::sort(tenants->begin(), tenants->end(),
                  [](const auto& a, const auto& b) { return a.id < b.id; });
        for (const auto& t : *tenants) {
            if (t.id.rfind(ours, 0) == 0) continue;
            out += "tenant " + t.id + " '" + t.name + "' parent '" + t.parent + "'\n";
        }
        std::sort(roles->begin(), roles->end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        for (const auto& r : *roles) {
            if (r.name.rfind(ours, 0) == 0) continue;
            out += "role " + r.tenant_id + "/" + r.name + " [";
            for (const auto& p : r.permissions)
                out += p + ",";
            out += "]\n";
        }
        std::sort(permissions->begin(), permissions->end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        for (const auto& p : *permissions) {
            if (p.name.rfind(ours, 0) == 0) continue;
            out += "permission " + p.name + " '" + p.description + "'\n";
        }
        return out;
    }

    /// Counts the requests of each step from the emulator's request log.
    void count_requests_per_step() {
        m_journey->on_step = [this](const std::string& step) { mark(step); };
    }
    void mark(const std::string& next) {
        const std::size_t now = count_lines(m_log);
        if (!m_current.empty()) m_steps.emplace_back(m_current, now - m_mark);
        m_current = next;
        m_mark = now;
    }

    std::filesystem::path m_dir;
    std::filesystem::path m_log;
    std::unique_ptr<test::EmulatorProcess> m_emulator;
    std::unique_ptr<CliJourney> m_journey;
    std::string m_before;
    std::string m_current;
    std::size_t m_mark = 0;
    std::vector<std::pair<std::string, std::size_t>> m_steps;
};

TEST_F(CliJourneyEmulator, TheWholeJourneyTouchesOnlyItsPrefixAndCleansUp) {
    count_requests_per_step();
    m_journey->run();
    ASSERT_FALSE(HasFailure());
    m_journey->clean_up();
    std::this_thread::sleep_for(100ms);
    mark("");

    // Nothing of the journey is left; everything else is as it was (built-ins included).
    auto left = prefixed_objects(m_journey->client(), m_journey->prefix());
    ASSERT_TRUE(left);
    EXPECT_TRUE(left->empty());
    EXPECT_EQ(snapshot(), m_before);
    EXPECT_NE(m_before.find("role /Tenant Admin"), std::string::npos) << m_before;
    EXPECT_NE(m_before.find("tenant other-child 'Other Child' parent 'other-holding'"),
              std::string::npos)
        << m_before;

    std::size_t journey = 0;
    std::cout << "[ info     ] API requests per step (emulator request log):\n";
    for (const auto& [step, n] : m_steps) {
        std::cout << "[ info     ]   " << step << ": " << n << "\n";
        if (step != "clean-up") journey += n;
    }
    std::cout << "[ info     ] journey " << journey << " requests, clean-up "
              << (m_steps.empty() ? 0 : m_steps.back().second) << std::endl;
    // Descope allows 100 requests / 60 s per IP: the journey must stay a small one.
    EXPECT_LT(journey, 150u);
}

TEST_F(CliJourneyEmulator, AJourneyThatStopsAfterApplyIsStillCleanedUp) {
    // As if the step after apply had failed: the objects exist, some a moment old (R7).
    m_journey->run(Step::apply);
    ASSERT_FALSE(HasFailure());
    m_journey->clean_up();
    auto left = prefixed_objects(m_journey->client(), m_journey->prefix());
    ASSERT_TRUE(left);
    EXPECT_TRUE(left->empty());
    EXPECT_EQ(snapshot(), m_before);
}

TEST_F(CliJourneyEmulator, TheCleanUpRefusesAPrefixThatIsNotTheJourneys) {
    for (const std::string bad : {"", "dmlive-", "other", "dmlive-1 x"}) {
        auto left = delete_prefixed(m_journey->client(), bad);
        ASSERT_EQ(left.size(), 1u) << "'" << bad << "'";
        EXPECT_EQ(left[0].rfind("refused:", 0), 0u) << left[0];
    }
    EXPECT_EQ(snapshot(), m_before);
}

}  // namespace
}  // namespace descope_mgmt::live
