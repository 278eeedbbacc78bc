#include "cli/adopt.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "backup/backup.hpp"
#include "backup/config_export.hpp"
#include "backup/timestamp.hpp"
#include "cli/context.hpp"
#include "cli/plan_workflow.hpp"
#include "config/config.hpp"
#include "config/value_checks.hpp"
#include "plan/differ.hpp"
#include "render/backup_view.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::cli {

namespace {

namespace fs = std::filesystem;

/// What the new config keeps of an environment of the config it was read with: the key's
/// variable when it is not the default one, `protected`, and the config's own base_url (not
/// DESCOPE_BASE_URL's).
backup::ExportedEnvironment exported_environment(Context& ctx, const model::Environment& env,
                                                 const model::LiveState& live) {
    backup::ExportedEnvironment e;
    e.name = env.name;
    e.project_id = env.project_id;
    e.live = &live;
    e.is_protected = env.is_protected;
    e.base_url = env.overridden_base_url ? *env.overridden_base_url : env.base_url.value_or("");
    const auto& origin = env.management_key_origin;
    const std::string default_variable =
        config::default_credential_variable(env.name, "MANAGEMENT_KEY");
    if (origin.location.known() && origin.variables.size() == 1 &&
        origin.variables.front() != default_variable)
        e.management_key_variable = origin.variables.front();
    if (origin.location.known() && origin.variables.empty())
        ctx.warning(fmt::format(
            "{}: its management key is written in the config ({}); the new config reads it from "
            "${{{}}} instead (a key never goes into a file)",
            env.name, origin.config_key, default_variable));
    return e;
}

/// Loads the written config back and plans it against what was read: every change it would
/// make, as "ENV: ADDRESS" (none, normally; a note said why otherwise).
std::vector<std::string> round_trip_changes(const fs::path& config_file,
                                            const std::vector<const model::LiveState*>& live,
                                            const std::vector<std::string>& names) {
    std::vector<std::string> out;
    // Every ${VAR} of the file is a credential (values are written with `$${`): any text does.
    // DESCOPE_BASE_URL is left out: where the projects are reached is not what is compared.
    const auto loaded = config::load(config_file, [](const std::string& name) {
        if (name == "DESCOPE_BASE_URL") return std::optional<std::string>();
        return std::optional<std::string>("placeholder");
    });
    if (!loaded.config) {
        out.push_back(fmt::format("the written config does not load: {}",
                                  loaded.diagnostics.items().empty()
                                      ? std::string("unknown problem")
                                      : loaded.diagnostics.items().front().message));
        return out;
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto plan = plan::diff(config::desired_state(*loaded.config, names[i]), *live[i], {});
        if (!plan) {
            out.push_back(fmt::format("{}: {}", names[i], plan.error().text()));
            continue;
        }
        for (const auto& c : plan->changes)
            if (c.action != plan::Action::no_op)
                out.push_back(fmt::format("{}: {}", names[i], c.address()));
    }
    return out;
}

/// The plan command for `config_file`: without -c when plain `plan` finds it (./descope.yaml,
/// or $DESCOPE_MGMT_CONFIG).
std::string plan_command(const fs::path& config_file) {
    const fs::path normal = config_file.lexically_normal();
    const char* variable = std::getenv("DESCOPE_MGMT_CONFIG");
    const fs::path default_file =
        variable != nullptr && *variable != '\0' ? fs::path(variable) : fs::path("descope.yaml");
    if (normal == default_file.lexically_normal()) return "descope-mgmt plan";
    return "descope-mgmt -c " + config_file.string() + " plan";
}

}  // namespace

int adopt_projects(Context& ctx, Workspace& ws, const AdoptRequest& request) {
    const fs::path dir = request.config_file.parent_path().empty()
                             ? fs::path(".")
                             : request.config_file.parent_path();
    std::error_code ec;
    if (!request.force && fs::exists(fs::symlink_status(request.config_file, ec))) {
        ctx.error(fmt::format("{} exists; nothing was written ({})", request.config_file.string(),
                              request.from_init
                                  ? "--force replaces it, or -c names another file"
                                  : "choose another --dir, or --force to replace it"));
        return exit_code::error;
    }

    std::vector<plan::LiveReadTarget> targets;
    for (std::size_t i = 0; i < ws.size(); ++i)
        targets.push_back(
            {&ws.client(i), ws.environment(i).name, plan::ReadScope::whole_project(std::nullopt)});
    api::Executor executor = ws.executor();
    auto read = read_live_all_shown(ctx, targets, executor);
    if (ws.interrupted()) {
        ctx.error("interrupted while reading the projects; nothing was written");
        return exit_code::interrupted;
    }
    bool failed = false;
    for (std::size_t i = 0; i < read.size(); ++i) {
        if (read[i].state) continue;
        ctx.error(read[i].state.error().to_string());
        failed = true;
    }
    if (failed) {
        ctx.error("nothing was written: every environment must be read to write one config");
        return exit_code::error;
    }

    std::vector<backup::ExportedEnvironment> environments;
    std::vector<const model::LiveState*> live;
    std::vector<std::string> names;
    render::ConfigExported shown;
    shown.config_file = request.config_file;
    shown.plan_command = plan_command(request.config_file);
    for (std::size_t i = 0; i < read.size(); ++i) {
        const model::Environment& env = ws.environment(i);
        for (const std::string& note : read[i].notes)
            ctx.warning(note + "; the config gets no project_name for it");
        environments.push_back(exported_environment(ctx, env, *read[i].state));
        live.push_back(&*read[i].state);
        names.push_back(env.name);
        shown.environments.push_back({env.name, env.project_id, backup::summarize(*read[i].state)});
    }
    backup::ExportOptions options;
    options.exported_at = backup::now_utc();
    options.schema_file = request.schema_file;
    auto exported = backup::export_config(environments, options);
    if (!exported) {
        ctx.error(exported.error().message + "; nothing was written");
        return exit_code::error;
    }
    // The config is written last (util::write_folder_atomically renames in this order): it
    // refers to the others.
    exported->files.front().path = request.config_file.filename();
    std::vector<util::FolderFile> files;
    for (const auto& extra : request.extra_files) {
        files.push_back({extra.path, extra.content});
        shown.also_written.push_back(
            fmt::format("{} ({})", (dir / extra.path).lexically_normal().string(), extra.what));
    }
    for (std::size_t i = 1; i <= exported->files.size(); ++i) {
        const auto& f = exported->files[i % exported->files.size()];
        files.push_back({f.path, f.content});
    }
    for (const auto& f : files)
        shown.files.push_back((dir / f.path).lexically_normal().string());
    std::rotate(shown.files.begin(), shown.files.end() - 1, shown.files.end());
    shown.notes = exported->notes;
    // Flow and theme files that exist are replaced only with --force, as the config is.
    std::vector<std::string> existing;
    for (std::size_t i = 1; i < exported->files.size(); ++i)
        if (fs::exists(fs::symlink_status(dir / exported->files[i].path, ec)))
            existing.push_back((dir / exported->files[i].path).lexically_normal().string());
    if (!request.force && !existing.empty()) {
        ctx.error(fmt::format("{} exist{}; nothing was written (--force replaces them)",
                              util::join(existing, ", "), existing.size() == 1 ? "s" : ""));
        return exit_code::error;
    }
    const bool dir_existed = fs::is_directory(dir, ec);
    auto written = util::write_folder_atomically(dir, files, [&ws] { return ws.interrupted(); });
    if (!written && ws.interrupted()) {
        ctx.error("interrupted; nothing was written");
        return exit_code::interrupted;
    }
    if (!written) {
        // Only a failed rename comes after files were moved into place (util/file.hpp).
        const bool some_moved =
            dir_existed && written.error().message.find(": rename failed:") != std::string::npos;
        ctx.error(written.error().message +
                  (some_moved ? fmt::format("; files of {} renamed into place before it stay ({} "
                                            "is renamed last)",
                                            dir.string(), request.config_file.filename().string())
                              : std::string("; nothing was written")));
        return exit_code::error;
    }
    for (const auto& leftover : written->removed_leftovers)
        ctx.warning(fmt::format("removed {}, left by an {} that did not finish", leftover.string(),
                                request.from_init ? "init --from-live" : "export-config"));
    for (const auto& note : exported->notes)
        ctx.warning(note);
    const auto changes = round_trip_changes(request.config_file, live, names);
    if (!changes.empty())
        ctx.warning(fmt::format(
            "`plan` with the written config would still change {} thing{}: {}{}", changes.size(),
            changes.size() == 1 ? "" : "s", util::join(changes, ", "),
            exported->notes.empty() ? " (please report this: the export should have no changes)"
                                    : " (see the notes above)"));
    shown.clean = exported->notes.empty() && changes.empty();
    ctx.show(render::config_exported_view(shown));
    report_api_stats(ctx, ws);
    return exit_code::ok;
}

}  // namespace descope_mgmt::cli
