#pragma once

#include <string>

namespace descope_mgmt::cli {

struct Context;

/// The whole command line: parses argv, runs the command, returns the process exit code
/// (0 ok / no changes, 1 error, 2 changes or drift, 130 interrupted).
int run(int argc, char** argv);
/// The same with a prepared context: its streams, and in tests a fake ClientFactory.
int run(int argc, char** argv, Context& ctx);

/// Runs ctx.action, the command `command` ("tenant list"), in one place: an exception becomes
/// "internal error: ..." and exit 1; with -o json stdout gets exactly one JSON document, the
/// command's, or {"format_version", "command", "tool_version", "ok": false, "exit_code",
/// "errors"} when it failed without printing one. Returns the exit code.
int run_command(Context& ctx, const std::string& command);

}  // namespace descope_mgmt::cli
