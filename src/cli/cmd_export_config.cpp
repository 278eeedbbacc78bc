// `export-config [-e ENV ...] --dir DIR`: adopt existing projects. Reads each selected
// environment's whole project (every tenant's session settings included) and writes one
// DIR/descope.yaml for all of them, plus its flow and theme files, such that `plan` right after
// shows no changes in any of them (cli/adopt.hpp). Exit 0 written, 1 error, 130 interrupted.

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/adopt.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"

namespace descope_mgmt::cli {

namespace {

struct ExportConfigCommand {
    std::string dir;
    bool force = false;
};

}  // namespace

void define_export_config(CLI::App& sub, Context& ctx) {
    auto cmd = std::make_shared<ExportConfigCommand>();
    sub.add_option("--dir", cmd->dir, "folder for descope.yaml, flows/ and themes/")
        ->type_name("DIR")
        ->required();
    sub.add_flag("--force", cmd->force,
                 "replace an existing DIR/descope.yaml and flow/theme files");
    sub.footer(R"(Reads every environment selected with -e (default: all of the config's) and writes
one config for all of them: what is the same everywhere once, `environments: [...]` on
what exists only in some, `overrides:` for what differs, a flow or the theme that differs
as one file per environment (flows/ENV/ID.json). The environments keep their project id,
protected flag, base_url and key variable; no key is ever written.

Examples:
  descope-mgmt export-config -e prod --dir adopted          one environment
  descope-mgmt export-config --dir infra                    every environment of the config
  descope-mgmt -c infra/descope.yaml plan                   no changes, in each of them
Every environment must be read, or nothing is written. A new DIR is written into a
temporary folder next to it and renamed into place: an interrupted run leaves nothing
half-made (into an existing DIR, file by file with descope.yaml last). Existing files
are replaced only with --force.
Reads every tenant's session settings (one call per tenant). With no config at all:
descope-mgmt init --from-live -e ENV ... See docs/backup.md, "Adopting existing projects".)");
    sub.callback([&ctx, cmd] {
        ctx.action = [&ctx, cmd] {
            AdoptRequest request;
            request.config_file = std::filesystem::path(cmd->dir) / "descope.yaml";
            request.force = cmd->force;
            return adopt_projects(ctx, ctx.workspace(), request);
        };
    });
}

}  // namespace descope_mgmt::cli
