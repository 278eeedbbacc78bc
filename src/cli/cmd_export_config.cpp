// `export-config --env NAME --dir DIR`: adopt an existing project. Reads the whole project
// (every tenant's session settings included) and writes DIR/descope.yaml plus its flow and
// theme files, such that `plan` against the same project right after shows no changes.
// Exit 0 written, 1 error, 130 interrupted.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "api/executor.hpp"
#include "backup/backup.hpp"
#include "backup/config_export.hpp"
#include "backup/live_snapshot.hpp"
#include "backup/timestamp.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/plan_workflow.hpp"
#include "cli/workspace.hpp"
#include "render/backup_view.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::cli {

namespace {

struct ExportConfigCommand {
    std::string dir;
    bool force = false;
};

int run_export_config(Context& ctx, const ExportConfigCommand& cmd) {
    // Exactly one environment (the one rule: single_environment); the config's flow files are
    // not needed.
    Workspace* ws = &ctx.workspace();
    const std::filesystem::path dir = cmd.dir;
    std::error_code ec;
    if (!cmd.force && std::filesystem::exists(dir / "descope.yaml", ec)) {
        ctx.error(fmt::format(
            "{} exists; nothing was written (choose another --dir, or --force to replace it)",
            (dir / "descope.yaml").string()));
        return exit_code::error;
    }
    Workspace& s = *ws;
    const model::Environment& env = s.environment(0);

    api::Executor executor = s.executor();
    auto read = read_live_all_shown(
        ctx, {{&s.client(0), env.name, plan::ReadScope::whole_project(std::nullopt)}}, executor);
    const std::vector<std::string>& unread = read[0].notes;
    auto& live = read[0].state;
    if (s.interrupted()) {
        ctx.error("interrupted while reading the project; nothing was written");
        return exit_code::interrupted;
    }
    if (!live) {
        ctx.error(live.error().to_string() + "; nothing was written");
        return exit_code::error;
    }
    for (const std::string& note : unread)
        ctx.warning(note + "; the config gets no project_name");
    auto exported = backup::export_config(*live, {env.name, env.project_id, backup::now_utc()});
    if (!exported) {
        ctx.error(exported.error().message + "; nothing was written");
        return exit_code::error;
    }
    render::ConfigExported shown{env.name, env.project_id,  dir / "descope.yaml",
                                 {},       exported->notes, backup::summarize(*live)};
    // Into a temporary folder first, renamed into place (util::write_folder_atomically): a run
    // killed or interrupted part-way leaves nothing half-made, and descope.yaml, which refers to
    // the other files, comes last.
    std::vector<util::FolderFile> files;
    for (std::size_t i = 1; i <= exported->files.size(); ++i) {
        const auto& f = exported->files[i % exported->files.size()];
        files.push_back({f.path, f.content});
    }
    for (const auto& f : exported->files)
        shown.files.push_back((dir / f.path).string());
    auto written = util::write_folder_atomically(dir, files, [&s] { return s.interrupted(); });
    if (!written && s.interrupted()) {
        ctx.error("interrupted; nothing was written");
        return exit_code::interrupted;
    }
    if (!written) {
        ctx.error(written.error().message + "; nothing was written");
        return exit_code::error;
    }
    for (const auto& leftover : written->removed_leftovers)
        ctx.warning(fmt::format("removed {}, left by an export-config that did not finish",
                                leftover.string()));
    for (const auto& note : exported->notes)
        ctx.warning(note);
    ctx.show(render::config_exported_view(shown));
    return exit_code::ok;
}

}  // namespace

void define_export_config(CLI::App& sub, Context& ctx) {
    auto cmd = std::make_shared<ExportConfigCommand>();
    sub.add_option("--dir", cmd->dir, "folder for descope.yaml, flows/ and themes/")
        ->type_name("DIR")
        ->required();
    sub.add_flag("--force", cmd->force, "replace an existing DIR/descope.yaml");
    sub.footer(R"(Examples:
  descope-mgmt export-config -e prod --dir adopted     adopted/descope.yaml, flows/, themes/
  descope-mgmt -c adopted/descope.yaml plan -e prod    no changes
DIR is written into a temporary folder next to it and renamed into place: an
interrupted run leaves nothing half-made. Reads every tenant's session settings (one
call per tenant). The key stays in
${DESCOPE_<ENV>_MANAGEMENT_KEY}; it is never written. See docs/backup.md, "Adopt a project".)");
    sub.callback(
        [&ctx, cmd] { ctx.action = [&ctx, cmd] { return run_export_config(ctx, *cmd); }; });
}

}  // namespace descope_mgmt::cli
