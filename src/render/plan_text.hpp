#pragma once
// The plan as Terraform-style text: `+` create, `~` update (field: before -> after), `-` delete,
// `-/+` replace, a summary line per environment and a total line across them.

#include <string>

#include "plan/plan.hpp"
#include "render/text_style.hpp"

namespace descope_mgmt::render {

/// "dev: 3 to create, 1 to update, 0 to delete" (", 1 to replace" when there are replaces), or
/// "dev: no changes".
std::string summary_line(const plan::EnvironmentPlan& plan);

/// "total: 17 to create, 1 to update, 0 to delete in 3 environments" (", 1 to replace" when
/// there are replaces; " (1 not planned)" for environments that could not be read), or "total:
/// no changes in 5 environments".
std::string total_line(const plan::Plan& plan);

/// One environment: a header, each change (no-ops omitted) with its fields, the notes, and the
/// summary line. Ends with a newline.
std::string render_plan_text(const plan::EnvironmentPlan& plan, const TextStyle& style);

/// Every environment, separated by a blank line, and total_line() when there are several.
std::string render_plan_text(const plan::Plan& plan, const TextStyle& style);

/// "+ tenant acme" (coloured symbol): the first line of a change.
std::string change_title(const plan::Change& change, const TextStyle& style);

}  // namespace descope_mgmt::render
