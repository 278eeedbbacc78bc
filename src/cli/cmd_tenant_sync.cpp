// `tenant sync`: `apply` restricted to the config's tenants (with their session settings and
// default roles); roles, permissions and the project name are left alone.

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/plan_workflow.hpp"

namespace descope_mgmt::cli {

namespace {

struct SyncCommand {
    PlanFlags plan;
    ApplyFlags apply;
};

int run_tenant_sync(Context& ctx, SyncCommand cmd) {
    Workspace* ws = &ctx.workspace();
    auto options = plan_options(ws->config, cmd.plan);
    if (!options) {
        ctx.error(options.error().message);
        return exit_code::error;
    }
    // Only tenants may be pruned here.
    const bool prune_tenants = options->prune.count(model::PruneType::tenants) > 0;
    options->prune.clear();
    if (prune_tenants) options->prune.insert(model::PruneType::tenants);
    auto plan = make_plan(ctx, *ws, *options, [](model::DesiredState& d) {
        d.project_name.reset();
        d.permissions.clear();
        d.roles.clear();
        d.flows.clear();
        d.theme.reset();
    });
    if (!plan) return exit_code::error;
    for (auto& e : plan->environments) {
        std::erase_if(e.notes,
                      [](const std::string& n) { return n.find("tenant") == std::string::npos; });
    }
    cmd.apply.what = "sync the tenants";
    return show_plan_then_apply(ctx, *ws, *plan, cmd.plan.max_deletes, cmd.apply);
}

}  // namespace

void define_tenant_sync(CLI::App& sub, Context& ctx) {
    auto cmd = std::make_shared<SyncCommand>();
    add_apply_flags(sub, cmd->apply, "apply without asking");
    add_plan_flags(sub, cmd->plan);
    sub.footer(R"(Examples:
  descope-mgmt tenant sync -e staging          plan the tenants, confirm, apply them
  descope-mgmt tenant sync -e prod --prune tenants --dry-run   also what would be deleted
Like apply, for tenants only: creates and updates the declared tenants, their
session settings and default roles (the roles they name must exist already); with
--prune tenants (or defaults.prune) deletes undeclared tenants.)");
    sub.callback([&ctx, cmd] { ctx.action = [&ctx, cmd] { return run_tenant_sync(ctx, *cmd); }; });
}

}  // namespace descope_mgmt::cli
