// `flow deploy [ID ...]` and `theme deploy`: `apply` restricted to flows or to the theme (the
// same plan, --dry-run, confirmation, protected environments and report), like `tenant sync`
// restricts it to tenants.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <memory>
#include <set>

#include "cli/commands.hpp"
#include "cli/deploy_commands.hpp"
#include "cli/plan_workflow.hpp"
#include "plan/target.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::cli {

namespace {

struct DeployCommand {
    std::vector<std::string> ids;  // flow deploy: empty = every declared flow
    PlanFlags plan;
    ApplyFlags apply;
};

/// Keeps only the given type in the desired state; the other types are left alone.
void keep_only(model::DesiredState& d, bool flows, bool theme) {
    d.project_name.reset();
    d.permissions.clear();
    d.roles.clear();
    d.tenants.clear();
    if (!flows) d.flows.clear();
    if (!theme) d.theme.reset();
}

int run_deploy(Context& ctx, DeployCommand cmd, bool flows) {
    Workspace* ws = &ctx.workspace();
    std::set<std::string> declared;
    for (const auto& f : ws->config.flows)
        declared.insert(f.flow.id);
    if (flows) {
        for (const std::string& id : cmd.ids) {
            if (declared.count(id)) continue;
            std::vector<std::string> all(declared.begin(), declared.end());
            ctx.error(
                fmt::format("flow deploy: \"{}\" is not declared under flows: in the config "
                            "(declared: {}); export it and declare it first",
                            id, all.empty() ? "none" : util::join(all, ", ")));
            return exit_code::error;
        }
    } else if (!ws->config.theme) {
        ctx.error("theme deploy: the config declares no theme (theme: {file: ...})");
        return exit_code::error;
    }
    auto options = plan_options(ws->config, cmd.plan);
    if (!options) {
        ctx.error(options.error().message);
        return exit_code::error;
    }
    // Only flows may be pruned here.
    const bool prune_flows = flows && options->prune.count(model::PruneType::flows) > 0;
    options->prune.clear();
    if (prune_flows) options->prune.insert(model::PruneType::flows);
    // Some flows only: a target per id, as `plan --target flow:ID`. The other declared flows
    // stay in the desired state, so --prune flows can never take them for undeclared ones (it
    // deleted them once: issue 12).
    for (const std::string& id : std::set<std::string>(cmd.ids.begin(), cmd.ids.end())) {
        auto target = plan::parse_target("flow:" + id);
        if (!target) {
            ctx.error(fmt::format("flow deploy: {}", target.error().message));
            return exit_code::error;
        }
        options->targets.push_back(std::move(*target));
    }
    auto plan = make_plan(ctx, *ws, *options,
                          [flows](model::DesiredState& d) { keep_only(d, flows, !flows); });
    if (!plan) return exit_code::error;
    const char* word = flows ? "flow" : "theme";
    for (auto& e : plan->environments) {
        std::erase_if(e.notes,
                      [word](const std::string& n) { return n.find(word) == std::string::npos; });
    }
    cmd.apply.what = flows ? "deploy the flows" : "deploy the theme";
    return show_plan_then_apply(ctx, *ws, *plan, cmd.plan.max_deletes, cmd.apply);
}

}  // namespace

void define_flow_deploy(CLI::App& sub, Context& ctx) {
    auto cmd = std::make_shared<DeployCommand>();
    ctx.completes_with[sub.add_option("ids", cmd->ids,
                                      "the declared flows to deploy (default: all)")
                           ->type_name("ID ...")] = "flows";
    add_apply_flags(sub, cmd->apply, "deploy without asking");
    add_plan_flags(sub, cmd->plan);
    sub.footer(R"(Like apply, for the declared flows only (or the given ids): plans them against
each selected environment (canonical JSON, the paths that differ), asks like apply, then imports
them. With --prune flows (or defaults.prune) deletes undeclared flows.

Examples:
  descope-mgmt flow deploy -e prod                      every declared flow
  descope-mgmt flow deploy sign-in -e prod --dry-run    the plan of one flow)");
    sub.callback([&ctx, cmd] { ctx.action = [&ctx, cmd] { return run_deploy(ctx, *cmd, true); }; });
}

void define_theme_deploy(CLI::App& sub, Context& ctx) {
    auto cmd = std::make_shared<DeployCommand>();
    add_apply_flags(sub, cmd->apply, "deploy without asking");
    add_plan_flags(sub, cmd->plan);
    sub.footer(R"(Examples:
  descope-mgmt theme deploy -e staging         plan the theme, confirm, import it
  descope-mgmt theme deploy -e prod --dry-run  the theme's diff only
Like apply, for the declared theme only: plans it against each selected
environment, asks like apply, then imports it.)");
    sub.callback(
        [&ctx, cmd] { ctx.action = [&ctx, cmd] { return run_deploy(ctx, *cmd, false); }; });
}

}  // namespace descope_mgmt::cli
