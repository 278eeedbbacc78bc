// `permission` and its subcommands (one row each in permission_subcommands()).
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/list_command.hpp"

namespace descope_mgmt::cli {

void define_permission_list(CLI::App& sub, Context& ctx) {
    define_list_subcommand(sub, ctx, ListKind::permissions);
}

const std::vector<CommandEntry>& permission_subcommands() {
    static const std::vector<CommandEntry> table = {
        {"list", "list the permissions of each selected environment", define_permission_list,
         needs::live_clients},
    };
    return table;
}

void define_permission(CLI::App& sub, Context& ctx) {
    define_parent_command(sub, ctx, permission_subcommands());
    sub.footer(R"(Examples:
  descope-mgmt permission list -e prod         the permissions of prod
  descope-mgmt permission list -o json         every environment's permissions, as a JSON document
Permissions are declared under `permissions:` in descope.yaml and changed by plan/apply.)");
}

}  // namespace descope_mgmt::cli
