// `apply`: plan, confirm, change, report. Exit 0 done (or nothing to do), 1 error or partial
// apply, 130 interrupted.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/plan_file_commands.hpp"
#include "cli/plan_workflow.hpp"

namespace descope_mgmt::cli {

namespace {

struct ApplyCommand {
    PlanFlags plan;
    ApplyFlags apply;
    std::string file;  // apply FILE: a plan file
    bool allow_config_change = false;
};

int run_apply(Context& ctx, const ApplyCommand& cmd) {
    Workspace* ws = &ctx.workspace();
    if (!cmd.file.empty()) {
        if (!cmd.plan.targets.empty() || !cmd.plan.prune.empty() || cmd.plan.max_deletes >= 0) {
            ctx.error(
                "apply FILE applies the saved plan as it is: --target, --prune and "
                "--max-deletes belong to `plan --out FILE`");
            return exit_code::error;
        }
        return apply_plan_file(ctx, *ws, cmd.file, cmd.allow_config_change, cmd.apply);
    }
    if (cmd.allow_config_change) {
        ctx.error("--allow-config-change is for apply FILE (a plan file)");
        return exit_code::error;
    }
    auto options = plan_options(ws->config, cmd.plan);
    if (!options) {
        ctx.error(options.error().message);
        return exit_code::error;
    }
    auto plan = make_plan(ctx, *ws, *options);
    if (!plan) return exit_code::error;
    return show_plan_then_apply(ctx, *ws, *plan, cmd.plan.max_deletes, cmd.apply);
}

}  // namespace

void define_apply(CLI::App& sub, Context& ctx) {
    auto cmd = std::make_shared<ApplyCommand>();
    add_apply_flags(sub, cmd->apply,
                    "apply without asking (also for protected environments); needed when "
                    "standard input is not a terminal");
    add_plan_flags(sub, cmd->plan);
    sub.add_option("PLAN_FILE", cmd->file,
                   "apply exactly this plan file (from plan --out): refused when what it changes "
                   "moved live since, or the config or tool version changed; no \"yes\" asked, "
                   "protected environments still ask for their name unless -y")
        ->type_name("FILE");
    sub.add_flag("--allow-config-change", cmd->allow_config_change,
                 "apply FILE even though the config now asks for something else");
    sub.footer(R"(Examples:
  descope-mgmt apply                      show the plan, ask, apply every environment
  descope-mgmt apply prod.plan            exactly the reviewed plan of plan --out prod.plan
  descope-mgmt apply -e dev --auto-approve
  descope-mgmt apply --parallel           every environment at the same time
  descope-mgmt --dry-run apply            show the plan only
Environments are read at once, then changed one at a time in config order (each backed up just
before its turn); the first that fails stops the rollout and the later ones are not started.
Protected environments (protected: true) also ask you to type their name. Without a terminal,
apply refuses unless --auto-approve is given. Exit 0 done, 1 error or partial, 130 interrupted.)");
    sub.callback([&ctx, cmd] {
        // A plan file names its environments: they are the selection unless -e says otherwise
        // (and then it must say the same).
        if (!cmd->file.empty() && ctx.global.envs.empty())
            ctx.global.envs = plan_file_environments(cmd->file);
        ctx.action = [&ctx, cmd] { return run_apply(ctx, *cmd); };
    });
}

}  // namespace descope_mgmt::cli
