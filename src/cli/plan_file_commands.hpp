#pragma once
// Plan files from the command line: `plan --out FILE`, `apply FILE`, `show FILE`
// (backup/plan_file.hpp holds the format).

#include <string>
#include <vector>

#include "cli/plan_workflow.hpp"

namespace CLI {
class App;
}

namespace descope_mgmt::cli {

struct Context;

/// Writes the plan file of `plan` (made from `inputs` with `options`) to `path`: refused (false,
/// printed) when an environment could not be read. Moves the states out of `inputs`.
bool save_plan_file(Context& ctx, const Workspace& ws, const plan::Plan& plan, PlanInputs& inputs,
                    const plan::PlanOptions& options, const std::string& path);

/// `apply FILE`: checks the file (checksum, tool version, environments, project ids, the config
/// unless `allow_config_change`), re-reads what the plan touches, refuses naming every object
/// that moved, then applies exactly the saved plan with no "yes" asked (protected environments
/// still ask for their name unless -y).
int apply_plan_file(Context& ctx, Workspace& ws, const std::string& path, bool allow_config_change,
                    ApplyFlags flags);

/// The environment names a plan file holds (none when it cannot be read): the selection of
/// `apply FILE` when no -e is given.
std::vector<std::string> plan_file_environments(const std::string& path);

/// `show FILE`.
void define_show(CLI::App& sub, Context& ctx);

}  // namespace descope_mgmt::cli
