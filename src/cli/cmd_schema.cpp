#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/context.hpp"

namespace descope_mgmt::cli {

// Placeholder until the config loader lands (issue 2).
void define_schema(CLI::App& sub, Context& ctx) {
    sub.callback([&ctx] {
        ctx.action = [&ctx] {
            ctx.error("schema: not implemented yet");
            return exit_code::error;
        };
    });
}

}  // namespace descope_mgmt::cli
