#pragma once
// `flow deploy` and `theme deploy`: `apply` restricted to the declared flows or the theme.

#include "cli/context.hpp"

namespace CLI {
class App;
}

namespace descope_mgmt::cli {

/// Defines `flow deploy [ID ...]`: plan the declared flows (all, or the given ids) with the
/// engine's rules, confirm like `apply`, then import them.
void define_flow_deploy(CLI::App& sub, Context& ctx);

/// Defines `theme deploy`: plan the declared theme, confirm like `apply`, then import it.
void define_theme_deploy(CLI::App& sub, Context& ctx);

}  // namespace descope_mgmt::cli
