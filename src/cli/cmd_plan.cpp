// `plan`: what apply would change, per environment. Exit 0 no changes (or changes without
// --detailed-exitcode), 2 changes with --detailed-exitcode, 1 error, 130 interrupted.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/plan_file_commands.hpp"
#include "cli/plan_workflow.hpp"
#include "render/markdown.hpp"
#include "render/plan_json.hpp"

namespace descope_mgmt::cli {

namespace {

struct PlanCommand {
    PlanFlags flags;
    bool detailed_exitcode = false;
    std::string out;  // --out FILE
};

int run_plan(Context& ctx, const PlanCommand& cmd) {
    Workspace* ws = &ctx.workspace();
    auto options = plan_options(ws->config, cmd.flags);
    if (!options) {
        ctx.error(options.error().message);
        return exit_code::error;
    }
    PlanInputs inputs;
    auto plan = make_plan(ctx, *ws, *options, {}, cmd.out.empty() ? nullptr : &inputs);
    if (!plan) return exit_code::error;
    if (ctx.global.output == OutputFormat::markdown)
        ctx.show(render::View{render::plan_markdown(*plan), nullptr});
    else
        ctx.show_unless_quiet(render::plan_view(*plan, render::TextStyle{ctx.global.color}));
    if (!within_max_deletes(ctx, *plan, cmd.flags.max_deletes)) return exit_code::error;
    if (report_unread_environments(ctx, *plan, "the other environments are planned above"))
        return exit_code::error;
    if (!cmd.out.empty() && !save_plan_file(ctx, *ws, *plan, inputs, *options, cmd.out))
        return exit_code::error;
    return cmd.detailed_exitcode && plan->has_changes() ? exit_code::changes : exit_code::ok;
}

}  // namespace

void define_plan(CLI::App& sub, Context& ctx) {
    auto cmd = std::make_shared<PlanCommand>();
    sub.add_flag("--detailed-exitcode", cmd->detailed_exitcode,
                 "exit 2 when there are changes (0 = none, 1 = error)");
    add_plan_flags(sub, cmd->flags);
    sub.add_option("--out", cmd->out,
                   "also save the plan to FILE, to review it and later apply exactly it with "
                   "`apply FILE` (docs/plan-file.md)")
        ->type_name("FILE");
    sub.footer(R"(Examples:
  descope-mgmt plan                               every environment
  descope-mgmt plan -e prod --detailed-exitcode   exit 2 when prod differs from the config
  descope-mgmt plan --target tenant:acme          acme and what it needs
  descope-mgmt plan --prune roles -o json         also delete undeclared roles; JSON document
  descope-mgmt plan -o markdown > plan.md         a pull-request comment (docs/ci.md)
  descope-mgmt plan -e prod --out prod.plan       save it; then: descope-mgmt apply prod.plan
The JSON document is described in docs/plan-json.md.)");
    sub.callback([&ctx, cmd] { ctx.action = [&ctx, cmd] { return run_plan(ctx, *cmd); }; });
}

}  // namespace descope_mgmt::cli
