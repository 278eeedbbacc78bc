// `role` and its subcommands (one row each in role_subcommands()).
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/list_command.hpp"

namespace descope_mgmt::cli {

void define_role_list(CLI::App& sub, Context& ctx) {
    define_list_subcommand(sub, ctx, ListKind::roles);
}

const std::vector<CommandEntry>& role_subcommands() {
    static const std::vector<CommandEntry> table = {
        {"list", "list the roles (project and tenant) of each selected environment",
         define_role_list, needs::live_clients},
    };
    return table;
}

void define_role(CLI::App& sub, Context& ctx) {
    define_parent_command(sub, ctx, role_subcommands());
    sub.footer(R"(Examples:
  descope-mgmt role list -e prod               the project and tenant roles of prod
  descope-mgmt role list -o json               every environment's roles, as a JSON document
Roles are declared under `roles:` in descope.yaml and changed by plan/apply.)");
}

}  // namespace descope_mgmt::cli
