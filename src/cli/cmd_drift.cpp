// `drift`: compare every selected environment's live project with the config, with the same
// reads as plan, and print a matrix (resource x environment) and the details. Exit 0 no drift,
// 2 drift, 1 error, 130 interrupted.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/plan_workflow.hpp"
#include "plan/drift.hpp"
#include "render/drift_report.hpp"
#include "render/markdown.hpp"
#include "render/plan_json.hpp"
#include "render/plan_text.hpp"

namespace descope_mgmt::cli {

namespace {

struct DriftCommand {
    std::vector<std::string> prune;  // --prune TYPE
    bool ignore_extra = false;
    bool all_rows = false;
};

int run_drift(Context& ctx, const DriftCommand& cmd) {
    Workspace* ws = &ctx.workspace();
    PlanFlags flags;
    flags.prune = cmd.prune;
    auto options = plan_options(ws->config, flags);
    if (!options) {
        ctx.error(options.error().message);
        return exit_code::error;
    }
    std::vector<model::DesiredState> desired;
    for (const model::Environment* env : ws->environments)
        desired.push_back(config::desired_state(ws->config, env->name));
    // An environment that cannot be read fails alone: the others are still compared.
    auto live = read_each_live_state(ctx, *ws, plan::ReadScope::for_diff(desired));
    if (!live) return exit_code::error;
    auto plan = diff_all(ctx, *ws, desired, *live, *options);
    if (!plan) return exit_code::error;

    std::vector<plan::DriftInput> inputs;
    std::vector<render::EnvironmentRead> unread;
    for (std::size_t i = 0; i < desired.size(); ++i) {
        const model::Environment& env = *ws->environments[i];
        if (live->errors[i]) {
            unread.push_back(
                {env.name, env.project_id, api::TaskStatus::failed, false, live->errors[i]});
            continue;
        }
        inputs.push_back({&desired[i], &live->states[i], &plan->environments[i], env.project_id});
    }
    plan::DriftOptions drift_options;
    drift_options.prune = options->prune;
    drift_options.count_extra = !cmd.ignore_extra;
    const auto report = plan::compute_drift(inputs, drift_options);

    const auto view =
        ctx.global.output == OutputFormat::markdown
            ? render::View{render::drift_markdown(report, !cmd.ignore_extra, unread), nullptr}
            : render::drift_view(report, {ctx.global.color, cmd.all_rows}, !cmd.ignore_extra,
                                 unread);
    // -q in cron: silent when there is nothing to report.
    if (report.has_drift() || !unread.empty())
        ctx.show(view);
    else
        ctx.show_unless_quiet(view);
    if (report_unread_environments(ctx, *plan, "the other environments are compared above"))
        return exit_code::error;
    return report.has_drift() ? exit_code::changes : exit_code::ok;
}

}  // namespace

void define_drift(CLI::App& sub, Context& ctx) {
    auto cmd = std::make_shared<DriftCommand>();
    sub.add_option("--prune", cmd->prune,
                   "treat TYPE as pruned (its undeclared objects are drift that apply would "
                   "delete); repeatable; adds to defaults.prune")
        ->type_name("TYPE");
    sub.add_flag("--ignore-extra", cmd->ignore_extra,
                 "live roles, permissions and flows that the config does not declare are shown "
                 "but not counted as drift (unless their type is pruned)");
    sub.add_flag("--all", cmd->all_rows, "show every resource in the matrix, also those in sync");
    sub.footer(R"(Examples:
  descope-mgmt drift                          every environment: matrix, then details
  descope-mgmt drift -e prod -o json          for monitoring: {"drift": true|false, ...}
  descope-mgmt drift -q || alert              in cron: exit 2 = drift, 1 = error
  descope-mgmt drift -o markdown > drift.md   for an issue or a pull-request comment
Exit codes: 0 no drift, 2 drift found, 1 error. Same reads as plan; nothing is changed.
See docs/drift.md.)");
    sub.callback([&ctx, cmd] { ctx.action = [&ctx, cmd] { return run_drift(ctx, *cmd); }; });
}

}  // namespace descope_mgmt::cli
