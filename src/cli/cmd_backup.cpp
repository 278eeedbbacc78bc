// `backup [--dir DIR]`: one backup document per selected environment, read live.
// `backup verify FILE`: check a backup file offline (format, schema, checksum) and say what it
// holds. Exit 0 success / valid, 1 error / refused, 130 interrupted.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <memory>

#include "api/executor.hpp"
#include "backup/automatic_backup.hpp"
#include "backup/backup_reader.hpp"
#include "backup/timestamp.hpp"
#include "cli/automatic_backups.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/plan_workflow.hpp"
#include "cli/workspace.hpp"
#include "render/backup_view.hpp"
#include "util/strings.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::cli {

namespace {

struct BackupFlags {
    std::string dir;               // --dir; "" = each environment's automatic-backup folder
    std::string settings = "all";  // --settings all|managed
    bool stable_name = false;      // --stable-name
};

std::optional<std::string> process_env(const std::string& name) {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
}

/// A backup per environment, or nullopt where its read was cut short by Ctrl-C.
using Taken = std::optional<util::Result<backup::TakenBackup>>;

/// Reads environments `envs` (indexes into the workspace) with `scopes` in one executor run (lane
/// = environment), then hands each state read to `write(source, state, notes, taken_at)`.
/// Where `bases[t]` is set (an earlier read of that environment, the plan's), the read makes
/// only the calls it did not, and `taken_at` is when that earlier read began; otherwise when
/// this read began.
template <class Write>
std::vector<Taken> read_then_write(Context& ctx, Workspace& s, const std::vector<std::size_t>& envs,
                                   const std::vector<plan::ReadScope>& scopes,
                                   const std::vector<const plan::LiveBasis*>& bases, Write write) {
    std::vector<plan::LiveReadTarget> targets;
    for (std::size_t t = 0; t < envs.size(); ++t)
        targets.push_back({&s.client(envs[t]), s.environment(envs[t]).name, scopes[t], bases[t]});
    api::Executor executor = s.executor();
    const backup::Timestamp began = backup::now_utc();
    auto read = read_live_all_shown(ctx, targets, executor);
    std::vector<Taken> taken(envs.size());
    for (std::size_t t = 0; t < envs.size(); ++t) {
        const model::Environment& env = s.environment(envs[t]);
        const backup::BackupSource source{env.name, env.project_id};
        const backup::Timestamp taken_at =
            bases[t] != nullptr ? std::chrono::floor<std::chrono::milliseconds>(bases[t]->read_at)
                                : began;
        if (read[t].state) {
            taken[t] = write(source, *read[t].state, std::move(read[t].notes), taken_at);
        } else if (!read[t].state.error().cancelled) {
            taken[t] = backup::backup_not_taken(source, read[t].state.error());
        }
    }
    return taken;
}

/// The tenants whose session settings a change of `plan` may alter or remove.
std::set<std::string> settings_at_stake(const plan::EnvironmentPlan& plan) {
    std::set<std::string> ids;
    for (const auto& c : plan.changes) {
        const bool tenant_goes =
            c.kind == plan::ResourceKind::tenant &&
            (c.action == plan::Action::remove || c.action == plan::Action::replace);
        if (c.kind == plan::ResourceKind::tenant_settings || tenant_goes) ids.insert(c.key);
    }
    return ids;
}

int run_backup_verify(Context& ctx, const std::string& file) {
    auto result = backup::read_backup(file);
    ctx.show_unless_quiet(render::verify_view(file, result));
    if (!result) {
        ctx.error(result.error().message);
        // Every schema problem, not just the first: a hand-edited file may have several.
        for (std::size_t i = 1; i < result.error().details.size(); ++i)
            fmt::print(ctx.err, "  {}\n",
                       util::terminal_safe(result.error().details[i], util::kMaxShownLineBytes));
        return exit_code::error;
    }
    return exit_code::ok;
}

int run_backup(Context& ctx, const BackupFlags& flags) {
    // A backup reads live projects only: a broken flow file must not stand in its way.
    Workspace* ws = &ctx.workspace();
    auto options =
        backup::automatic_backup_options(ws->config.path, ws->config.defaults.backups, process_env);
    if (!options) {
        ctx.error(options.error().message);
        return exit_code::error;
    }
    Workspace& s = *ws;

    std::vector<std::size_t> envs;
    std::vector<plan::ReadScope> scopes;
    for (std::size_t i = 0; i < s.size(); ++i) {
        std::optional<std::set<std::string>> settings_for;
        if (flags.settings == "managed")
            settings_for =
                backup::managed_settings(config::desired_state(ws->config, s.environment(i).name));
        envs.push_back(i);
        scopes.push_back(plan::ReadScope::whole_project(settings_for));
    }
    const std::vector<Taken> taken = read_then_write(
        ctx, s, envs, scopes, std::vector<const plan::LiveBasis*>(envs.size(), nullptr),
        [&](const backup::BackupSource& source, const model::LiveState& state,
            std::vector<std::string> notes, backup::Timestamp taken_at) {
            const auto folder = flags.dir.empty()
                                    ? backup::automatic_backup_folder(*options, source.environment)
                                    : std::filesystem::path(flags.dir);
            return backup::write_taken_backup(source, state, std::move(notes), folder,
                                              flags.stable_name, taken_at);
        });

    bool failed = false;
    std::vector<render::BackupTaken> shown(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const model::Environment& env = s.environment(i);
        render::BackupTaken& b = shown[i];
        b.read.environment = env.name;
        b.read.project_id = env.project_id;
        b.read.interrupted = s.interrupted();
        if (taken[i] && *taken[i]) {
            const auto& t = **taken[i];
            b.read.status = api::TaskStatus::succeeded;
            b.file = t.path;
            b.summary = t.summary;
            b.notes = t.notes;
            for (const std::string& note : t.notes)
                ctx.warning(note);
        } else {
            failed = true;
            b.read.status = taken[i] ? api::TaskStatus::failed : api::TaskStatus::interrupted;
            b.error = taken[i] ? taken[i]->error().message
                               : fmt::format("{}: backup not taken (interrupted)", env.name);
            ctx.error(b.error);
        }
    }
    ctx.show_unless_quiet(render::backup_taken_view(shown));
    if (s.interrupted()) return exit_code::interrupted;
    return failed ? exit_code::error : exit_code::ok;
}

/// " (2 older backups deleted)", " (1 older backup and 1 left-over temporary file deleted)",
/// or "" when rotation deleted nothing. Temporary files are the hidden ones.
std::string rotation_note(const std::vector<std::filesystem::path>& deleted) {
    std::size_t temporary = 0;
    for (const auto& p : deleted)
        if (p.filename().string().starts_with(".")) ++temporary;
    const std::size_t backups = deleted.size() - temporary;
    std::vector<std::string> parts;
    if (backups > 0)
        parts.push_back(fmt::format("{} older backup{}", backups, backups == 1 ? "" : "s"));
    if (temporary > 0)
        parts.push_back(
            fmt::format("{} left-over temporary file{}", temporary, temporary == 1 ? "" : "s"));
    return parts.empty() ? "" : " (" + util::join(parts, " and ") + " deleted)";
}

}  // namespace

bool check_automatic_backup_settings(Context& ctx, const Workspace& ws) {
    auto options =
        backup::automatic_backup_options(ws.config.path, ws.config.defaults.backups, process_env);
    if (options) return true;
    ctx.error(options.error().message + "; nothing was changed");
    return false;
}

bool take_automatic_backups(Context& ctx, Workspace& ws, const plan::Plan& plan,
                            std::optional<std::size_t> only) {
    auto options =
        backup::automatic_backup_options(ws.config.path, ws.config.defaults.backups, process_env);
    if (!options) {
        ctx.error(options.error().message + "; nothing was changed");
        return false;
    }
    if (!options->enabled) {
        if (only)
            ctx.warning(
                fmt::format("DESCOPE_MGMT_BACKUP=off: no backup of {} is taken before its changes",
                            plan.environments[*only].environment));
        else
            ctx.warning("DESCOPE_MGMT_BACKUP=off: no backup is taken before the changes");
        return true;
    }
    const std::size_t n = plan.environments.size();
    auto at_stake = [&](std::size_t i) {
        return plan.environments[i].has_changes() && (!only || *only == i);
    };
    std::vector<std::size_t> envs;
    std::vector<plan::ReadScope> scopes;
    std::vector<const plan::LiveBasis*> bases;
    for (std::size_t i = 0; i < n; ++i) {
        if (!at_stake(i)) continue;
        // Only a config that manages the name can change it, and only then is it read (a
        // project-scoped key cannot, R1): one call less, and no note at every apply.
        envs.push_back(i);
        scopes.push_back(plan::ReadScope::whole_project(
            settings_at_stake(plan.environments[i]), ws.environment(i).project_name.has_value()));
        // The state the plan was made from, as it was read: only what the plan did not read
        // (every flow, the theme, the settings of tenants it deletes) is read now.
        bases.push_back(plan.environments[i].live.get());
    }
    const std::vector<Taken> kept =
        read_then_write(ctx, ws, envs, scopes, bases,
                        [&](const backup::BackupSource& source, const model::LiveState& state,
                            std::vector<std::string> notes, backup::Timestamp taken_at) {
                            return backup::keep_automatic_backup(source, state, std::move(notes),
                                                                 *options, taken_at);
                        });
    std::vector<Taken> taken(n);
    for (std::size_t t = 0; t < envs.size(); ++t)
        taken[envs[t]] = kept[t];
    bool ok = true;
    for (std::size_t i = 0; i < n; ++i) {
        if (!at_stake(i)) continue;
        const std::string& name = plan.environments[i].environment;
        if (!taken[i] || !*taken[i]) {
            ctx.error(taken[i] ? taken[i]->error().message
                               : fmt::format("{}: backup not taken (interrupted)", name));
            ok = false;
            continue;
        }
        const auto& t = **taken[i];
        ctx.info(fmt::format("{}: backup taken before the changes: {}{}", name, t.path.string(),
                             rotation_note(t.rotated_out)));
        if (!t.warning.empty()) ctx.warning(t.warning);
        for (const std::string& note : t.notes)
            ctx.info(note);
    }
    if (!ok)
        ctx.error(fmt::format(
            "nothing was changed{}: a backup could not be taken first (DESCOPE_MGMT_BACKUP=off "
            "applies without one; defaults.backups.dir in the config chooses another folder)",
            only ? " in " + plan.environments[*only].environment : std::string()));
    return ok && !ws.interrupted();
}

void define_backup(CLI::App& sub, Context& ctx) {
    sub.require_subcommand(0, 1);
    auto flags = std::make_shared<BackupFlags>();
    sub.add_option("--dir", flags->dir,
                   "folder for the backups (default: the automatic backups' folder ENV/ under "
                   "$DESCOPE_MGMT_BACKUP_DIR, defaults.backups.dir or .descope-mgmt/backups "
                   "next to the config)")
        ->type_name("DIR");
    sub.add_option("--settings", flags->settings,
                   "tenants whose session settings are read: all (default; one call per "
                   "tenant) or managed (those the config manages)")
        ->check(CLI::IsMember({"all", "managed"}));
    sub.add_flag("--stable-name", flags->stable_name,
                 "write DIR/ENV.json (replacing the last one) instead of DIR/ENV-TIME.json, for "
                 "backups kept in git");
    sub.footer(R"(Examples:
  descope-mgmt backup -e prod                  .descope-mgmt/backups/prod/prod-<UTC time>.json
  descope-mgmt backup --dir backups --stable-name      backups/<env>.json, diff-friendly in git
  descope-mgmt backup verify FILE              check a backup offline
Every tenant, role, permission and flow (with its document), the theme and the project name;
never a key. See docs/backup.md.)");

    CLI::App* verify = sub.add_subcommand(
        "verify", "check a backup file (format, schema, checksum) and show what it holds");
    verify->fallthrough();
    ctx.needs_of[verify] = needs::nothing;
    auto file = std::make_shared<std::string>();
    verify->add_option("FILE", *file, "the backup file")->required();
    verify->footer(R"(Examples:
  descope-mgmt backup verify .descope-mgmt/backups/prod/prod-20240501T123456.789Z.json
  descope-mgmt backup verify -o json backup.json    {"valid": true|false, ...}
No network and no config needed. Exit 0 valid, 1 refused (truncated, edited, other format
version, not a backup) or unreadable. See docs/backup.md.)");
    verify->callback(
        [&ctx, file] { ctx.action = [&ctx, file] { return run_backup_verify(ctx, *file); }; });
    sub.callback([&ctx, verify, flags] {
        if (verify->parsed()) return;
        ctx.action = [&ctx, flags] { return run_backup(ctx, *flags); };
    });
}

}  // namespace descope_mgmt::cli
