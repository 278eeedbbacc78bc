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
/// 7 API calls, 0 retries, 1.2 s", then one line per failed, skipped or not started change
/// saying exactly what happened; for an environment whose turn never came (a one-at-a-time
/// rollout stopped first), the one line "prod: not started (dev failed first): 3 changes left as
/// they were". Ends with a newline.
std::string render_report_text(const plan::EnvironmentPlan& plan,
                               const apply::EnvironmentReport& report, const TextStyle& style);

}  // namespace descope_mgmt::render
