// `tenant create ID --name NAME [...]`: a one-tenant plan (create) in every selected
// environment, applied through the same engine as `apply`.

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

struct CreateCommand {
    std::string id;
    TenantFieldFlags fields;
};

int run_tenant_create(Context& ctx, const CreateCommand& cmd) {
    model::Tenant t;
    t.id = cmd.id;
    diag::Diagnostics problems;
    if (auto why = check_tenant_id(cmd.id); !why.empty()) problems.error(why);
    if (cmd.fields.name_option->count() == 0) problems.error("--name is required");
    problems.append(apply_tenant_fields(cmd.fields, t));
    if (problems.has_errors()) {
        ctx.report(problems, "tenant create: ");
        return exit_code::error;
    }
    Workspace* ws = &ctx.workspace();
    auto live = read_live_states(ctx, *ws, reading_needs(*ws, t.id, false));
    if (!live) return exit_code::error;

    std::vector<model::DesiredState> desired;
    bool exists = false;
    for (std::size_t i = 0; i < ws->environments.size(); ++i) {
        for (const auto& l : (*live)[i].tenants) {
            if (l.id == t.id) {
                ctx.error(fmt::format("{}: tenant {} already exists (use 'tenant update')",
                                      ws->environments[i]->name, t.id));
                exists = true;
            }
        }
        model::DesiredState d;
        d.environment = ws->environments[i]->name;
        d.tenants = {t};
        desired.push_back(std::move(d));
    }
    if (exists) return exit_code::error;
    for (const auto* env : ws->environments)
        warn_if_apply_undoes(ctx, ws->config, env->name, t.id, nullptr, &t);
    auto plan = diff_all(ctx, *ws, desired, *live, {});
    if (!plan) return exit_code::error;
    return apply_tenant_plan(ctx, *ws, std::move(*plan), cmd.fields.yes, false,
                             "create tenant " + t.id);
}

}  // namespace

void define_tenant_create(CLI::App& sub, Context& ctx) {
    auto cmd = std::make_shared<CreateCommand>();
    sub.add_option("ID", cmd->id, "the new tenant's id")->required();
    add_tenant_field_flags(sub, cmd->fields, TenantCommand::create);
    sub.footer(R"(Examples:
  descope-mgmt -e dev tenant create acme --name "Acme Corp" --domain acme.com \
      --attr plan=enterprise --attr zip=01234 --attr-json seats=50 --parent acme-holding
  descope-mgmt -e dev tenant create beta --name Beta --attr-json vip=true \
      --attr-json 'regions=["eu","us"]'
--attr values are text, exactly as typed (zip=01234 stays "01234", ver=1.10 stays "1.10");
--attr-json values are JSON: numbers (integers are kept exactly), true/false, lists of strings.
A tenant the config declares for the environment gets a warning when the next apply would undo
the change. Asks for confirmation only for protected environments (type the name), unless
--yes.)");
    sub.callback(
        [&ctx, cmd] { ctx.action = [&ctx, cmd] { return run_tenant_create(ctx, *cmd); }; });
}

}  // namespace descope_mgmt::cli
