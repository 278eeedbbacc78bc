#pragma once
// Apply progress lines and the apply report as text.

#include <string>
#include <vector>

#include "apply/apply_engine.hpp"
#include "apply/report.hpp"
#include "plan/plan.hpp"
#include "render/text_style.hpp"

namespace descope_mgmt::render {

/// One progress line for an event, e.g. "dev: + tenant acme: created (12 ms)"; a started event
/// gives "dev: + tenant acme: ...". Ends with a newline.
std::string render_progress(const apply::ProgressEvent& event, const TextStyle& style);

/// The report of one environment: "dev: 3 created, 1 updated, 0 deleted, 1 failed, 2 skipped;
/// api: 23 calls (7 to read, 16 to apply), 0 retries, 1.2 s" (every request the run sent to
/// it), then one line per failed or skipped change saying exactly what happened, and one line
/// for the changes left not started ("  not started: 132 changes (interrupted; -v lists
/// them)"), or one per change when `each_not_started` (-v); for an environment whose turn
/// never came (a one-at-a-time rollout stopped first), the one line "prod: not started (dev
/// failed first): 3 changes left as they were; api: ...". Ends with a newline.
std::string render_report_text(const plan::EnvironmentPlan& plan,
                               const apply::EnvironmentReport& report, const TextStyle& style,
                               bool each_not_started = false);

/// "total: 8 created, 1 updated, 0 deleted, 1 failed, 0 skipped, 132 not started in 3
/// environments; api: 46 calls (14 to read, 32 to apply), 2 retries" (replaced and not started
/// only when there are some, like the environments' lines). Ends with a newline.
std::string render_totals_text(const apply::RunTotals& totals, const TextStyle& style);

}  // namespace descope_mgmt::render
