// start_emulator: EmulatorProcess::start for gtest suites (kept apart from emulator_process.cpp,
// which the benchmarks compile without GoogleTest).
#include <gtest/gtest.h>

#include "support/emulator_process.hpp"

namespace descope_mgmt::test {

std::unique_ptr<EmulatorProcess> start_emulator(const std::vector<std::string>& args) {
    auto emu = EmulatorProcess::start(args);
    EXPECT_TRUE(emu) << (emu ? "" : emu.error().message);
    return emu ? std::move(*emu) : nullptr;
}

}  // namespace descope_mgmt::test
