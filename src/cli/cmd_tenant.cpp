// `tenant` and its subcommands. Each subcommand is one row of tenant_subcommands(); add
// `show`, `create`, ... there (their define_tenant_xxx in their own cmd_tenant_xxx.cpp).
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/list_command.hpp"

namespace descope_mgmt::cli {

void define_tenant_list(CLI::App& sub, Context& ctx) {
    define_list_subcommand(sub, ctx, ListKind::tenants);
}

const std::vector<CommandEntry>& tenant_subcommands() {
    static const std::vector<CommandEntry> table = {
        {"list", "list the tenants of each selected environment", define_tenant_list,
         needs::live_clients},
        {"show", "show a tenant, its default roles and session settings", define_tenant_show,
         needs::live_clients},
        {"create", "create a tenant (--name, --domain, --attr, ...)", define_tenant_create,
         needs::clients},
        {"update", "change some fields of a tenant", define_tenant_update, needs::clients},
        {"delete", "delete a tenant (asks unless --yes)", define_tenant_delete, needs::clients},
        {"sync", "apply the config's tenants only", define_tenant_sync, needs::clients},
    };
    return table;
}

void define_tenant(CLI::App& sub, Context& ctx) {
    define_parent_command(sub, ctx, tenant_subcommands());
    sub.footer(R"(Examples:
  descope-mgmt tenant list -e prod             the tenants of prod
  descope-mgmt tenant show acme -e prod        one tenant in detail
  descope-mgmt tenant sync -e staging          apply the config's tenants only
Declared tenants (`tenants:` in descope.yaml) are changed by apply or tenant sync; create,
update and delete change one tenant directly (for a declared tenant, the next apply puts
back what the config says).)");
}

void define_parent_command(CLI::App& sub, Context& ctx, const std::vector<CommandEntry>& table) {
    sub.require_subcommand(1);
    for (const auto& entry : table)
        add_command(sub, ctx, entry);
}

}  // namespace descope_mgmt::cli
