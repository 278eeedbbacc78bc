// `tenant delete ID`: deletes the tenant in every selected environment where it exists, after
// confirmation (unless --yes). A tenant with sub-tenants is refused: delete them first.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/cmd_tenant_edit.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::cli {

namespace {

struct DeleteCommand {
    std::string id;
    bool yes = false;
};

int run_tenant_delete(Context& ctx, const DeleteCommand& cmd) {
    Workspace* ws = &ctx.workspace();
    auto live = read_live_states(ctx, *ws, reading_needs(*ws, cmd.id, false));
    if (!live) return exit_code::error;

    plan::Plan plan;
    bool failed = false;
    bool found = false;
    std::string hint;  // did you mean, from the first environment with a close id
    std::vector<const model::Tenant*> deleted(ws->environments.size(), nullptr);
    for (std::size_t i = 0; i < ws->environments.size(); ++i) {
        plan::EnvironmentPlan e;
        e.environment = ws->environments[i]->name;
        e.project_id = ws->environments[i]->project_id;
        e.is_protected = ws->environments[i]->is_protected;
        if (ws->environments[i]->overridden_base_url)
            e.base_url_override = ws->environments[i]->base_url;
        std::vector<std::string> children;
        for (const auto& l : (*live)[i].tenants) {
            if (l.parent == cmd.id) children.push_back(l.id);
            if (l.id != cmd.id) continue;
            deleted[i] = &l;
            plan::Change c;
            c.action = plan::Action::remove;
            c.kind = plan::ResourceKind::tenant;
            c.key = l.id;
            c.live = l;
            e.changes.push_back(std::move(c));
        }
        if (e.changes.empty()) {
            const std::string close = did_you_mean_tenant(cmd.id, (*live)[i].tenants);
            if (hint.empty()) hint = close;
            ctx.warning(fmt::format("{}: tenant {} does not exist; nothing to delete{}",
                                    e.environment, cmd.id, close));
        } else if (!children.empty()) {
            ctx.error(fmt::format("{}: tenant {} has sub-tenants ({}); delete them first",
                                  e.environment, cmd.id, util::join(children, ", ")));
            failed = true;
        }
        found = found || !e.changes.empty();
        plan.environments.push_back(std::move(e));
    }
    if (failed) return exit_code::error;
    if (!found) {
        ctx.error(
            fmt::format("tenant {} does not exist in any selected environment{}", cmd.id, hint));
        return exit_code::error;
    }
    keep_live_reads(plan, *live);
    for (std::size_t i = 0; i < ws->environments.size(); ++i) {
        if (deleted[i] != nullptr)
            warn_if_apply_undoes(ctx, ws->config, ws->environments[i]->name, cmd.id, deleted[i],
                                 nullptr);
    }
    return apply_tenant_plan(ctx, *ws, std::move(plan), cmd.yes, true, "delete tenant " + cmd.id);
}

}  // namespace

void define_tenant_delete(CLI::App& sub, Context& ctx) {
    auto cmd = std::make_shared<DeleteCommand>();
    ctx.completes_with[sub.add_option("ID", cmd->id, "the tenant's id")->required()] = "tenants";
    sub.add_flag(kYesFlags, cmd->yes, "do not ask for confirmation (protected environments too)");
    sub.footer(
        R"(Examples:
  descope-mgmt tenant delete old-customer -e dev          asks first (type the name if protected)
  descope-mgmt tenant delete old-customer -e dev --yes    no question (CI)
The tenant's users are kept (the delete does not cascade to them); its tenant-scoped roles go
with it. A tenant the config declares for the environment is re-created by the next apply: a
warning says so. Without a terminal, --yes is required.)");
    sub.callback(
        [&ctx, cmd] { ctx.action = [&ctx, cmd] { return run_tenant_delete(ctx, *cmd); }; });
}

}  // namespace descope_mgmt::cli
