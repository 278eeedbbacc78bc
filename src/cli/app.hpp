#pragma once

namespace descope_mgmt::cli {

/// The whole command line: parses argv, runs the command, returns the process exit code
/// (0 ok / no changes, 1 error, 2 changes or drift, 130 interrupted).
int run(int argc, char** argv);

}  // namespace descope_mgmt::cli
