#include "emulator/fault_injector.hpp"

#include <gtest/gtest.h>

#include <map>

namespace descope_mgmt::emulator {
namespace {

std::vector<int> sequence(std::uint64_t seed, int n) {
    auto injector = FaultInjector::create(
        {{FaultKind::unavailable, 0.2}, {FaultKind::reset, 0.1}, {FaultKind::slow, 0.1}}, seed);
    EXPECT_TRUE(injector);
    std::vector<int> out;
    for (int i = 0; i < n; ++i) {
        const auto fault = injector->next();
        out.push_back(fault ? static_cast<int>(*fault) : -1);
    }
    return out;
}

TEST(FaultInjector, SameSeedSameSequenceOtherSeedOtherSequence) {
    EXPECT_EQ(sequence(7, 200), sequence(7, 200));
    EXPECT_NE(sequence(7, 200), sequence(8, 200));
}

TEST(FaultInjector, FrequenciesFollowTheProbabilities) {
    std::map<int, int> counts;
    for (int v : sequence(1, 20000))
        counts[v]++;
    EXPECT_NEAR(counts[static_cast<int>(FaultKind::unavailable)] / 20000.0, 0.2, 0.02);
    EXPECT_NEAR(counts[static_cast<int>(FaultKind::reset)] / 20000.0, 0.1, 0.02);
    EXPECT_NEAR(counts[-1] / 20000.0, 0.6, 0.02);
}

TEST(FaultInjector, ProbabilityOneAlwaysAndNoFaultsNever) {
    auto always = FaultInjector::create({{FaultKind::malformed, 1.0}}, 3);
    ASSERT_TRUE(always);
    for (int i = 0; i < 100; ++i)
        EXPECT_EQ(always->next(), FaultKind::malformed);
    auto never = FaultInjector::create({}, 3);
    ASSERT_TRUE(never);
    EXPECT_FALSE(never->next().has_value());
}

TEST(FaultInjector, RejectsRepeatsAndProbabilitiesOverOne) {
    EXPECT_FALSE(FaultInjector::create({{FaultKind::reset, 0.5}, {FaultKind::reset, 0.1}}, 1));
    EXPECT_FALSE(FaultInjector::create({{FaultKind::reset, 0.6}, {FaultKind::slow, 0.6}}, 1));
}

TEST(ParseFault, KnowsEveryKind) {
    for (const char* text :
         {"429=0.1", "500=0.1", "503=1", "reset=0", "malformed=0.5", "slow=0.25"}) {
        auto fault = parse_fault(text);
        ASSERT_TRUE(fault) << text;
        EXPECT_EQ(std::string(to_string(fault->kind)) + "=",
                  std::string(text).substr(0, std::string(text).find('=') + 1));
    }
    EXPECT_FALSE(parse_fault("404=0.1"));
    EXPECT_FALSE(parse_fault("503"));
    EXPECT_FALSE(parse_fault("503=1.5"));
    EXPECT_FALSE(parse_fault("503=abc"));
}

}  // namespace
}  // namespace descope_mgmt::emulator
