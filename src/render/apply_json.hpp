#pragma once
// The apply document (docs/plan-json.md, "apply"): the plan and what happened to each change.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "apply/report.hpp"
#include "plan/plan.hpp"

#include "render/text_style.hpp"
#include "render/view.hpp"

namespace descope_mgmt::render {

/// One environment's report: counts, api_calls (with read_calls and apply_calls), retries,
/// elapsed_ms, interrupted, started (and stopped_by when not), and per change (plan index,
/// action, type, key, outcome, error, blocked_by).
nlohmann::json report_to_json(const plan::EnvironmentPlan& plan,
                              const apply::EnvironmentReport& report);

/// {"format_version", "tool_version", "plan": <plan document>, "applied": bool, "ok": bool,
///  "reports": [...], "totals": {...}}. `reports` may be empty (nothing applied: no changes,
///  --dry-run, refused); `totals` is there when given.
nlohmann::json apply_to_json(const plan::Plan& plan,
                             const std::vector<apply::EnvironmentReport>& reports, bool applied,
                             const apply::RunTotals* totals = nullptr);

/// How apply_view shows a run.
struct ApplyViewOptions {
    TextStyle style;
    /// -v: one line per change left not started, not one per environment.
    bool each_not_started = false;
    /// The run's totals: `totals` in JSON, and in text a total line after the reports when the
    /// run covered more than one environment.
    std::optional<apply::RunTotals> totals;
};

/// Text: each report (render_report_text) after a blank line, then the total line, nothing when
/// nothing was applied; JSON: apply_to_json.
View apply_view(const plan::Plan& plan, const std::vector<apply::EnvironmentReport>& reports,
                bool applied, const ApplyViewOptions& options);
View apply_view(const plan::Plan& plan, const std::vector<apply::EnvironmentReport>& reports,
                bool applied, const TextStyle& style);
/// apply_to_json, pretty-printed.
std::string render_apply_json(const plan::Plan& plan,
                              const std::vector<apply::EnvironmentReport>& reports, bool applied);

}  // namespace descope_mgmt::render
