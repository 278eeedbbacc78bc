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

bool any_field_given(const TenantFieldFlags& f) {
    for (const CLI::Option* o : {f.name_option, f.domains_option, f.attributes_option,
                                 f.enforce_sso_option, f.disabled_option, f.parent_option}) {
        if (o != nullptr && o->count() > 0) return true;
    }
    return false;
}

int run_tenant_update(Context& ctx, const UpdateCommand& cmd) {
    if (!any_field_given(cmd.fields)) {
        ctx.error(
            "tenant update: nothing to change; give --name, --domain, --attr, "
            "--enforce-sso, --disabled or --parent");
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
    for (std::size_t i = 0; i < ws->environments.size(); ++i) {
        model::DesiredState d;
        d.environment = ws->environments[i]->name;
        const model::Tenant* current = nullptr;
        for (const auto& l : (*live)[i].tenants) {
            if (l.id == cmd.id) current = &l;
        }
        if (current == nullptr) {
            ctx.error(fmt::format("{}: tenant {} does not exist (use 'tenant create')",
                                  d.environment, cmd.id));
            missing = true;
            continue;
        }
        // Everything not given keeps its live value, including default roles and settings
        // (which a re-creation would otherwise lose).
        model::Tenant t = *current;
        (void)apply_tenant_fields(cmd.fields, t);
        d.tenants = {t};
        desired.push_back(std::move(d));
    }
    if (missing) return exit_code::error;
    auto plan = diff_all(ctx, *ws, desired, *live, {});
    if (!plan) return exit_code::error;
    return apply_tenant_plan(ctx, *ws, std::move(*plan), cmd.fields.yes, false,
                             "update tenant " + cmd.id);
}

}  // namespace

void define_tenant_update(CLI::App& sub, Context& ctx) {
    auto cmd = std::make_shared<UpdateCommand>();
    sub.add_option("ID", cmd->id, "the tenant's id")->required();
    add_tenant_field_flags(sub, cmd->fields);
    sub.footer(R"(Example:
  descope-mgmt -e dev tenant update acme --name "Acme Corporation" --enforce-sso
Fields not given keep their current value. Asks for confirmation only for protected
environments (type the name), unless --yes.)");
    sub.callback(
        [&ctx, cmd] { ctx.action = [&ctx, cmd] { return run_tenant_update(ctx, *cmd); }; });
}

}  // namespace descope_mgmt::cli
