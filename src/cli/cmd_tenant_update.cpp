// `tenant update ID [--name ...]`: changes the given fields of an existing tenant in every
// selected environment (the others keep their live values), through the same engine as
// `apply`. A new --parent re-creates the tenant (Descope sets it only at creation).

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/cmd_tenant_edit.hpp"
#include "cli/cmd_tenant_fields.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::cli {

namespace {

struct UpdateCommand {
    std::string id;
    TenantFieldFlags fields;
};

int run_tenant_update(Context& ctx, const UpdateCommand& cmd) {
    if (!any_tenant_field_given(cmd.fields)) {
        ctx.error(
            "tenant update: nothing to change; give --name, --domain, --attr, --attr-json, "
            "--replace-attributes, --enforce-sso, --disabled or --parent");
        return exit_code::error;
    }
    {
        model::Tenant probe;  // validate the flags once, before any network
        if (auto problems = apply_tenant_fields(cmd.fields, probe); problems.has_errors()) {
            ctx.report(problems, "tenant update: ");
            return exit_code::error;
        }
    }
    Workspace* ws = &ctx.workspace();
    auto live = read_live_states(ctx, *ws, reading_needs(*ws, cmd.id, true));
    if (!live) return exit_code::error;

    std::vector<model::DesiredState> desired;
    bool missing = false;
    std::vector<const model::Tenant*> before;  // desired[i]'s live tenant
    for (std::size_t i = 0; i < ws->environments.size(); ++i) {
        model::DesiredState d;
        d.environment = ws->environments[i]->name;
        const model::Tenant* current = nullptr;
        for (const auto& l : (*live)[i].tenants) {
            if (l.id == cmd.id) current = &l;
        }
        if (current == nullptr) {
            const std::string hint = did_you_mean_tenant(cmd.id, (*live)[i].tenants);
            ctx.error(fmt::format(
                "{}: tenant {} does not exist{}", d.environment, cmd.id,
                hint.empty() ? " (use 'tenant create')" : hint + " (or use 'tenant create')"));
            missing = true;
            continue;
        }
        // Everything not given keeps its live value, including default roles and settings
        // (which a re-creation would otherwise lose), and the attributes not given unless
        // --replace-attributes.
        model::Tenant t = *current;
        (void)apply_tenant_fields(cmd.fields, t);
        before.push_back(current);
        d.tenants = {t};
        desired.push_back(std::move(d));
    }
    if (missing) return exit_code::error;
    for (std::size_t i = 0; i < desired.size(); ++i) {
        warn_if_apply_undoes(ctx, ws->config, desired[i].environment, cmd.id, before[i],
                             &desired[i].tenants.front());
    }
    auto plan = diff_all(ctx, *ws, desired, *live, {});
    if (!plan) return exit_code::error;
    return apply_tenant_plan(ctx, *ws, std::move(*plan), cmd.fields.yes, false,
                             "update tenant " + cmd.id);
}

}  // namespace

void define_tenant_update(CLI::App& sub, Context& ctx) {
    auto cmd = std::make_shared<UpdateCommand>();
    ctx.completes_with[sub.add_option("ID", cmd->id, "the tenant's id")->required()] = "tenants";
    add_tenant_field_flags(sub, cmd->fields, TenantCommand::update);
    sub.footer(R"(Examples:
  descope-mgmt -e dev tenant update acme --name "Acme Corporation" --enforce-sso
  descope-mgmt -e dev tenant update acme --attr-json seats=75 --attr zip=01234
  descope-mgmt -e dev tenant update acme --replace-attributes --attr plan=free
Fields not given keep their current value. --attr and --attr-json are merged into the current
attributes (--attr-json KEY=null removes one); --replace-attributes makes the given ones all of
them. --attr values are text, exactly as typed; --attr-json values are JSON (numbers, true/false,
lists of strings). A tenant the config declares for the environment gets a warning when the
next apply would put a field back. Asks for confirmation only for protected environments (type
the name), unless --yes.)");
    sub.callback(
        [&ctx, cmd] { ctx.action = [&ctx, cmd] { return run_tenant_update(ctx, *cmd); }; });
}

}  // namespace descope_mgmt::cli
