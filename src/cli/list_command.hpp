#pragma once
// The read-only `list` subcommands (`tenant list`, `role list`, `permission list`): one API
// read per selected environment, run concurrently, shown as tables or as one JSON document
// (docs/api-client.md, "List commands").

#include "render/list_view.hpp"

namespace CLI {
class App;
}

namespace descope_mgmt::cli {

struct Context;

using render::ListKind;

/// Adds the list subcommand's help footer and sets ctx.action to run_list(kind).
void define_list_subcommand(CLI::App& sub, Context& ctx, ListKind kind);

/// Loads the config, builds the clients of the selected environments, lists, prints; returns
/// the exit code (0 ok, 1 error in any environment, 130 interrupted).
int run_list(Context& ctx, ListKind kind);

}  // namespace descope_mgmt::cli
