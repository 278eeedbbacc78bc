#include "cli/commands.hpp"

namespace descope_mgmt::cli {

const std::vector<CommandEntry>& command_table() {
    static const std::vector<CommandEntry> table = {
        {"validate", "check the config and every file it references; no network", define_validate},
        {"doctor", "read-only preflight per environment: what would fail, and why", define_doctor},
        {"schema", "print the config's JSON Schema", define_schema},
        {"plan", "show what apply would change, per environment", define_plan},
        {"apply", "plan, confirm, change, report", define_apply},
        {"tenant", "tenants: list, show, create, update, delete, sync", define_tenant},
        {"role", "roles: list", define_role},
        {"permission", "permissions: list", define_permission},
        {"flow", "flows: list, export (canonical JSON files), deploy", define_flow},
        {"theme", "the project theme: export (canonical JSON file), deploy", define_theme},
        {"drift", "compare live with the config; exit 2 when anything differs", define_drift},
        {"backup", "one backup document per environment; backup verify FILE", define_backup},
        {"restore", "verify a backup, then plan and apply it to one environment", define_restore},
        {"export-config", "write a config (and flow/theme files) from a live project",
         define_export_config},
    };
    return table;
}

}  // namespace descope_mgmt::cli
