// `flow` and its subcommands (one row each in flow_subcommands()); `flow deploy` is in
// cmd_deploy.cpp.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/deploy_commands.hpp"
#include "cli/flow_commands.hpp"

namespace descope_mgmt::cli {

namespace {

void define_flow_list(CLI::App& sub, Context& ctx) {
    sub.footer(R"(Lists the flows of each selected environment (-e NAME, repeatable; default all),
read live from Descope (one flow/list call per environment), with whether each one is managed:
declared under `flows:` in the config for that environment. Flows the config declares but
the project lacks are named after the table.

Examples:
  descope-mgmt flow list                   every environment
  descope-mgmt flow list -e prod           one environment
  descope-mgmt flow list -e prod -o json   as JSON (format: docs/flows.md, "Commands")

Exit codes: 0 listed everywhere, 1 an environment failed (the others are still shown),
130 interrupted.)");
    sub.callback([&ctx] { ctx.action = [&ctx] { return run_flow_list(ctx); }; });
}

void define_flow_export(CLI::App& sub, Context& ctx) {
    auto options = std::make_shared<FlowExportOptions>();
    ctx.completes_with[sub.add_option("id", options->id, "the flow to export (see 'flow list')")
                           ->type_name("ID")] = "flows";
    sub.add_flag("--all", options->all, "export every flow of the project (with --dir)");
    sub.add_option("--out", options->out, "write the flow to FILE (atomically) instead of stdout")
        ->type_name("FILE");
    sub.add_option("--dir", options->dir,
                   "with --all: the folder for the files, one DIR/<id>.json per flow "
                   "(created when missing)")
        ->type_name("DIR");
    sub.footer(R"(Exports flows from ONE environment (-e NAME; required when the config has several)
in canonical form: keys sorted, server-managed fields (version, modifiedTime, etag) removed,
screens sorted by id, 2-space indent, trailing newline. The file is exactly what the config's
`flows: [{file: ...}]` takes, and exporting an unchanged flow again gives the same bytes, so
git diffs show only real edits. A file that already holds the same text is not rewritten.

Examples:
  descope-mgmt flow export sign-up-or-in -e staging --out flows/sign-up-or-in.json
  descope-mgmt flow export sign-in -e dev                      print the flow on stdout
  descope-mgmt flow export --all --dir flows -e prod           one flows/<id>.json per flow
  descope-mgmt flow export --all --dir flows -e prod -o json   report the files as JSON

Exit codes: 0 exported, 1 error (unknown flow, API error, file not writable), 130 interrupted.)");
    // The options are checked together in run_flow_export, for messages that say what to do.
    sub.callback([&ctx, options] {
        ctx.action = [&ctx, options] { return run_flow_export(ctx, *options); };
    });
}

const std::vector<CommandEntry>& flow_subcommands() {
    static const std::vector<CommandEntry> table = {
        {"list", "list the flows of each selected environment, managed or not", define_flow_list,
         needs::live_clients},
        {"export", "write one flow (ID) or every flow (--all --dir DIR) as canonical JSON",
         define_flow_export, needs::one_live_environment},
        {"deploy", "plan, confirm and import the declared flows (all, or ID ...)",
         define_flow_deploy, needs::clients},
    };
    return table;
}

}  // namespace

void define_flow(CLI::App& sub, Context& ctx) {
    define_parent_command(sub, ctx, flow_subcommands());
    sub.footer(R"(Flows are kept as JSON files next to descope.yaml (`flows:` in the config). `list`
and `export` read live projects and never change them; `deploy` shows a plan and imports
only after confirmation, with the same rules as `apply`.

Examples:
  descope-mgmt flow list                                        managed or not, per environment
  descope-mgmt flow export sign-in -e staging --out flows/sign-in.json
  descope-mgmt flow export --all --dir flows -e prod            mirror every flow into flows/
  descope-mgmt flow deploy sign-in -e prod                      promote: plan, confirm, import

Run 'descope-mgmt flow COMMAND --help' for a command's options. Docs: docs/flows.md.)");
}

}  // namespace descope_mgmt::cli
