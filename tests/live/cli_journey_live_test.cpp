// The whole CLI journey (tests/live/cli_journey.hpp) with the real descope-mgmt binary against a
// REAL Descope project. Runs only when DESCOPE_TEST_PROJECT_ID and DESCOPE_TEST_MANAGEMENT_KEY
// are set (otherwise SKIPPED). Creates 2 permissions, 3 roles and 3 tenants named
// `dmlive-<epoch>-<random>-...`, and deletes everything with that prefix afterwards, also when a
// step failed. See docs/live-tests.md.
//
//   export DESCOPE_TEST_PROJECT_ID=P2... DESCOPE_TEST_MANAGEMENT_KEY=K2...
//   ctest --preset dev -L live --output-on-failure
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "live/cli_journey.hpp"

namespace descope_mgmt::live {
namespace {

std::optional<std::string> env(const char* name) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
}

class CliJourneyLive : public ::testing::Test {
  protected:
    void SetUp() override {
        auto project = env("DESCOPE_TEST_PROJECT_ID");
        auto key = env("DESCOPE_TEST_MANAGEMENT_KEY");
        if (!project || !key) {
            GTEST_SKIP()
                << "set DESCOPE_TEST_PROJECT_ID and DESCOPE_TEST_MANAGEMENT_KEY (a scratch "
                   "Descope project and its management key) to run the CLI journey "
                   "against a real project; see docs/live-tests.md";
        }
        // DESCOPE_BASE_URL, when set, is used as is (a custom domain, a region).
        m_journey =
            std::make_unique<CliJourney>(JourneyProject{*project, *key, env("DESCOPE_BASE_URL")});
    }

    // The clean-up runs whatever happened in the test (a failed ASSERT returns early).
    void TearDown() override {
        if (m_journey) m_journey->clean_up();
        m_journey.reset();
    }

    std::unique_ptr<CliJourney> m_journey;
};

TEST_F(CliJourneyLive, ValidatePlanApplyDriftBackupRestorePruneOnAPrefix) {
    m_journey->run();
}

}  // namespace
}  // namespace descope_mgmt::live
