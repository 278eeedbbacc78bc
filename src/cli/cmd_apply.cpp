// `apply`: plan, confirm, change, report. Exit 0 done (or nothing to do), 1 error or partial
// apply, 130 interrupted.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/plan_workflow.hpp"

namespace descope_mgmt::cli {

namespace {

struct ApplyCommand {
    PlanFlags plan;
    ApplyFlags apply;
};

int run_apply(Context& ctx, const ApplyCommand& cmd) {
    Workspace* ws = &ctx.workspace();
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
    sub.footer(R"(Examples:
  descope-mgmt apply                      show the plan, ask, apply every environment
  descope-mgmt apply -e dev --auto-approve
  descope-mgmt apply --parallel           every environment at the same time
  descope-mgmt --dry-run apply            show the plan only
Environments are read at once, then changed one at a time in config order (each backed up just
before its turn); the first that fails stops the rollout and the later ones are not started.
Protected environments (protected: true) also ask you to type their name. Without a terminal,
apply refuses unless --auto-approve is given. Exit 0 done, 1 error or partial, 130 interrupted.)");
    sub.callback([&ctx, cmd] { ctx.action = [&ctx, cmd] { return run_apply(ctx, *cmd); }; });
}

}  // namespace descope_mgmt::cli
