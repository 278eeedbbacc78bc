// `schema`: the config's JSON Schema, generated from the loader's own key table.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "config/definitions.hpp"

namespace descope_mgmt::cli {

namespace {

constexpr const char* kSchemaFooter =
    R"(The schema (JSON Schema draft 2020-12) comes from the same key table the loader checks
against, so editors flag what `validate` would flag (unknown keys, types, allowed values).

Examples:
  descope-mgmt schema > descope-mgmt.schema.json
  then put this first line in descope.yaml (VS Code YAML extension, yaml-language-server):
    # yaml-language-server: $schema=./descope-mgmt.schema.json)";

}  // namespace

void define_schema(CLI::App& sub, Context& ctx) {
    sub.footer(kSchemaFooter);
    sub.callback([&ctx] {
        ctx.action = [&ctx] {
            fmt::print(ctx.out, "{}", config::json_schema());
            return exit_code::ok;
        };
    });
}

}  // namespace descope_mgmt::cli
