#include "emulator/emulator_main.hpp"

#include <cstdio>

namespace descope_mgmt::emulator {

// Placeholder until the emulator lands (issue 3).
int run(int, char**) {
    std::fputs("descope-emulator: not implemented yet\n", stderr);
    return 1;
}

}  // namespace descope_mgmt::emulator
