#pragma once
// The apply document (docs/plan-json.md, "apply"): the plan and what happened to each change.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "apply/report.hpp"
#include "plan/plan.hpp"

#include "render/text_style.hpp"
#include "render/view.hpp"

namespace descope_mgmt::render {

/// One environment's report: counts, api_calls, retries, elapsed_ms, interrupted, started (and
/// stopped_by when not), and per change (plan index, action, type, key, outcome, error,
/// blocked_by).
nlohmann::json report_to_json(const plan::EnvironmentPlan& plan,
                              const apply::EnvironmentReport& report);

/// {"format_version", "tool_version", "plan": <plan document>, "applied": bool, "ok": bool,
///  "reports": [...]}. `reports` may be empty (nothing applied: no changes, --dry-run, refused).
nlohmann::json apply_to_json(const plan::Plan& plan,
                             const std::vector<apply::EnvironmentReport>& reports, bool applied);
/// Text: each report (render_report_text) after a blank line, nothing when nothing was applied;
/// JSON: apply_to_json.
View apply_view(const plan::Plan& plan, const std::vector<apply::EnvironmentReport>& reports,
                bool applied, const TextStyle& style);
/// apply_to_json, pretty-printed.
std::string render_apply_json(const plan::Plan& plan,
                              const std::vector<apply::EnvironmentReport>& reports, bool applied);

}  // namespace descope_mgmt::render
