#pragma once
// The command table: every subcommand is registered from here, so --help, dispatch and
// "did you mean ...?" all come from one list. Only commands that work are listed.

#include <vector>

namespace CLI {
class App;
}

namespace descope_mgmt::cli {

struct Context;

struct CommandEntry {
    const char* name;
    const char* summary;
    /// Adds the subcommand's options to `sub` and sets ctx.action from its callback.
    void (*define)(CLI::App& sub, Context& ctx);
};

const std::vector<CommandEntry>& command_table();

// One function per command, each in its own cmd_*.cpp file.
void define_validate(CLI::App& sub, Context& ctx);
void define_schema(CLI::App& sub, Context& ctx);

}  // namespace descope_mgmt::cli
