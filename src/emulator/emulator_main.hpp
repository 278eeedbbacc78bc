#pragma once

namespace descope_mgmt::emulator {

/// descope-emulator's command line (see docs/emulator.md); returns the exit code.
int run(int argc, char** argv);

}  // namespace descope_mgmt::emulator
