#include "cli/commands.hpp"

#include <CLI/CLI.hpp>

#include "cli/plan_file_commands.hpp"

namespace descope_mgmt::cli {

CLI::App& add_command(CLI::App& parent, Context& ctx, const CommandEntry& entry) {
    CLI::App* sub = parent.add_subcommand(entry.name, entry.summary);
    sub->fallthrough();
    sub->footer("");  // CLI11 copies the parent's; each command's examples are its own
    ctx.needs_of[sub] = entry.needs;
    entry.define(*sub, ctx);
    return *sub;
}

const std::vector<CommandEntry>& command_table() {
    static const std::vector<CommandEntry> table = {
        {"init", "write a commented starter descope.yaml (and its .gitignore entry)", define_init,
         needs::nothing},
        {"validate", "check the config and every file it references; no network", define_validate,
         needs::nothing},
        {"doctor", "read-only preflight per environment: what would fail, and why", define_doctor,
         needs::config},
        {"schema", "print the config's JSON Schema", define_schema, needs::nothing},
        {"plan", "show what apply would change, per environment", define_plan, needs::clients},
        {"apply", "plan, confirm, change, report", define_apply, needs::clients},
        {"show", "show a plan file saved by plan --out, as text, JSON or Markdown", define_show,
         needs::nothing},
        {"tenant", "tenants: list, show, create, update, delete, sync", define_tenant},
        {"role", "roles: list", define_role},
        {"permission", "permissions: list", define_permission},
        {"flow", "flows: list, export (canonical JSON files), deploy", define_flow},
        {"theme", "the project theme: export (canonical JSON file), deploy", define_theme},
        {"drift", "compare live with the config; exit 2 when anything differs", define_drift,
         needs::clients},
        {"backup", "one backup document per environment; backup verify FILE", define_backup,
         needs::live_clients},
        {"restore", "verify a backup, then plan and apply it to one environment", define_restore,
         needs::one_live_environment},
        {"export-config", "write one config (and flow/theme files) from live projects",
         define_export_config, needs::live_clients},
        {"completion", "print the completion script of a shell: bash, zsh or fish",
         define_completion, needs::nothing},
        {"__complete", "names from the config for the completion scripts (hidden)",
         define_complete_words, needs::nothing},
    };
    return table;
}

}  // namespace descope_mgmt::cli
