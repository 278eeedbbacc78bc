// `restore FILE --env NAME`: verify a backup, refuse one from another project unless told,
// then plan it against the live project and apply it with apply's rules (confirmation, typed
// name for protected environments, prune, --max-deletes, an automatic backup first).
// Exit 0 restored (or nothing to do), 1 error or refused, 130 interrupted.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "backup/backup_files.hpp"
#include "backup/backup_reader.hpp"
#include "backup/restore.hpp"
#include "backup/timestamp.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/plan_workflow.hpp"
#include "render/backup_view.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::cli {

namespace {

struct RestoreCommand {
    std::string file;
    bool allow_other_project = false;
    PlanFlags plan;
    ApplyFlags apply;
};

/// FILE itself, or the newest backup of `environment` when FILE is a folder.
util::Result<std::filesystem::path> resolve_backup_file(const std::string& file,
                                                        const std::string& environment) {
    std::error_code ec;
    if (!std::filesystem::is_directory(file, ec)) return std::filesystem::path(file);
    const auto backups = backup::list_backups(file, environment);
    if (backups.empty())
        return util::error(fmt::format("{}: no backups of environment '{}' here ({}-*.json)", file,
                                       environment, environment));
    return backups.back().path;
}

int run_restore(Context& ctx, RestoreCommand& cmd) {
    // Exactly one environment (the one rule: single_environment). The backup is the desired
    // state: a missing or broken flow file in the config must not stand in the way of a restore.
    // Opening the workspace makes no API call: a bad file still never reaches the API.
    Workspace* ws = &ctx.workspace();
    const model::Environment& env = *ws->environments.front();
    auto path = resolve_backup_file(cmd.file, env.name);
    if (!path) {
        ctx.error(path.error().message);
        return exit_code::error;
    }
    // Verify before anything else: a bad file must never reach the API.
    auto backup = backup::read_backup(*path);
    if (!backup) {
        ctx.error(backup.error().message + "; nothing was changed");
        for (std::size_t i = 1; i < backup.error().details.size(); ++i)
            fmt::print(ctx.err, "  {}\n",
                       util::terminal_safe(backup.error().details[i], util::kMaxShownLineBytes));
        return exit_code::error;
    }
    if (auto same = backup::check_same_project(*backup, env.project_id, env.name); !same) {
        if (!cmd.allow_other_project) {
            ctx.error(same.error().message + "; nothing was changed");
            return exit_code::error;
        }
        ctx.warning(fmt::format("restoring a backup of project {} into project {} ({})",
                                backup->metadata.project_id, env.project_id, env.name));
    }
    ctx.info(fmt::format("restoring {} (environment {}, taken {}): {}", path->string(),
                         backup->metadata.environment,
                         backup::format_iso8601(backup->metadata.created_at),
                         render::describe_counts(backup::summarize(backup->state))));

    auto options = plan_options(ws->config, cmd.plan);
    if (!options) {
        ctx.error(options.error().message);
        return exit_code::error;
    }
    std::vector<model::DesiredState> desired{backup::desired_from_backup(*backup, env.name)};
    // The project name is managed only where the config manages it: reading it needs a
    // company-level key (R1, docs/real-service.md), which a project-scoped key does not have.
    if (!env.project_name) desired[0].project_name.reset();
    auto plan = make_plan_from(ctx, *ws, std::move(desired), *options);
    if (!plan) return exit_code::error;
    cmd.apply.what = fmt::format("restore {}", path->filename().string());  // "... in prod?"
    return show_plan_then_apply(ctx, *ws, *plan, cmd.plan.max_deletes, cmd.apply);
}

}  // namespace

void define_restore(CLI::App& sub, Context& ctx) {
    auto cmd = std::make_shared<RestoreCommand>();
    sub.add_option("FILE", cmd->file,
                   "a backup file, or a folder: then its newest backup of the environment")
        ->required();
    sub.add_flag("--allow-other-project", cmd->allow_other_project,
                 "restore a backup taken from another project id (e.g. prod's into staging)");
    add_apply_flags(sub, cmd->apply, "restore without asking (also for protected environments)");
    add_plan_flags(sub, cmd->plan);
    sub.footer(R"(Examples:
  descope-mgmt restore .descope-mgmt/backups/prod -e prod     the newest automatic backup
  descope-mgmt restore prod-20240501T123456.789Z.json -e prod --dry-run    the plan only
  descope-mgmt restore prod.json -e staging --allow-other-project
The backup is verified first (format, schema, checksum); objects created after it are deleted
only for pruned types (--prune, defaults.prune). See docs/backup.md.)");
    sub.callback([&ctx, cmd] { ctx.action = [&ctx, cmd] { return run_restore(ctx, *cmd); }; });
}

}  // namespace descope_mgmt::cli
