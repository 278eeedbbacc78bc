#pragma once
// The read side of flows and the theme: `flow list`, `flow export`, `theme export`
// (docs/flows.md, "Commands"). Each run_* loads the config, reads the selected environment(s)
// and returns the exit code (0 ok, 1 error, 130 interrupted).

#include <string>

namespace descope_mgmt::cli {

struct Context;

/// Per selected environment: every live flow (id, name, disabled) and whether the config
/// declares it for that environment; declared flows missing from the project are named too.
int run_flow_list(Context& ctx);

struct FlowExportOptions {
    std::string id;    // one flow (exclusive with `all`)
    bool all = false;  // every flow, into `dir`
    std::string out;   // file for one flow; "" or "-" = stdout
    std::string dir;   // folder for --all
};

/// Exports one flow (to `out` or stdout) or every flow (DIR/<id>.json) from exactly one
/// environment, in canonical form. Files whose content is already identical are not rewritten.
int run_flow_export(Context& ctx, const FlowExportOptions& options);

/// Exports the project theme from exactly one environment, in canonical form.
int run_theme_export(Context& ctx, const std::string& out);

}  // namespace descope_mgmt::cli
