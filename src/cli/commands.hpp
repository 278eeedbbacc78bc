#pragma once
// The command table: every subcommand is registered from here, so --help, dispatch and
// "did you mean ...?" all come from one list. Only commands that work are listed.

#include <vector>

#include "cli/context.hpp"

namespace CLI {
class App;
}

namespace descope_mgmt::cli {

/// The one spelling of "do not ask" on every command that can prompt (issue 13).
inline constexpr const char* kYesFlags = "-y,--yes,--auto-approve";

struct Context;

struct CommandEntry {
    const char* name;
    const char* summary;
    /// Adds the subcommand's options to `sub` and sets ctx.action from its callback.
    void (*define)(CLI::App& sub, Context& ctx);
    /// What app.cpp opens before the command runs (nothing for a parent: its subcommands say).
    Needs needs = needs::nothing;
};

/// Adds `entry` as a subcommand of `parent`, with its needs.
CLI::App& add_command(CLI::App& parent, Context& ctx, const CommandEntry& entry);

const std::vector<CommandEntry>& command_table();

// One function per command, each in its own cmd_*.cpp file.
void define_validate(CLI::App& sub, Context& ctx);
/// `init` (cmd_init.cpp): a commented starter config.
void define_init(CLI::App& sub, Context& ctx);
/// `completion bash|zsh|fish` and the hidden `__complete WHAT` its scripts call
/// (cmd_completion.cpp).
void define_completion(CLI::App& sub, Context& ctx);
void define_complete_words(CLI::App& sub, Context& ctx);
void define_schema(CLI::App& sub, Context& ctx);
/// `plan` (cmd_plan.cpp) and `apply` (cmd_apply.cpp); docs/plan-apply.md.
void define_plan(CLI::App& sub, Context& ctx);
void define_apply(CLI::App& sub, Context& ctx);
/// `tenant show|create|update|delete|sync` (cmd_tenant_<name>.cpp).
void define_tenant_show(CLI::App& sub, Context& ctx);
void define_tenant_create(CLI::App& sub, Context& ctx);
void define_tenant_update(CLI::App& sub, Context& ctx);
void define_tenant_delete(CLI::App& sub, Context& ctx);
void define_tenant_sync(CLI::App& sub, Context& ctx);

// Parent commands (`tenant list`, `role list`, ...): each has a table of subcommands in its
// cmd_<name>.cpp; add a row there to add a subcommand.
void define_tenant(CLI::App& sub, Context& ctx);
void define_role(CLI::App& sub, Context& ctx);
void define_permission(CLI::App& sub, Context& ctx);
/// `flow list | export` (cmd_flow.cpp) and `theme export` (cmd_theme.cpp).
void define_flow(CLI::App& sub, Context& ctx);
void define_theme(CLI::App& sub, Context& ctx);
const std::vector<CommandEntry>& tenant_subcommands();
const std::vector<CommandEntry>& role_subcommands();
const std::vector<CommandEntry>& permission_subcommands();
void define_tenant_list(CLI::App& sub, Context& ctx);
void define_role_list(CLI::App& sub, Context& ctx);
void define_permission_list(CLI::App& sub, Context& ctx);
/// `backup [--dir DIR]` and `backup verify FILE` (cmd_backup.cpp).
void define_backup(CLI::App& sub, Context& ctx);
/// `restore`, `drift`, `export-config` (cmd_restore.cpp, cmd_drift.cpp, cmd_export_config.cpp).
void define_restore(CLI::App& sub, Context& ctx);
void define_drift(CLI::App& sub, Context& ctx);
void define_export_config(CLI::App& sub, Context& ctx);
/// `doctor` (cmd_doctor.cpp; docs/doctor.md).
void define_doctor(CLI::App& sub, Context& ctx);
/// Adds every row of `table` as a subcommand of `sub` and requires one of them.
void define_parent_command(CLI::App& sub, Context& ctx, const std::vector<CommandEntry>& table);

}  // namespace descope_mgmt::cli
