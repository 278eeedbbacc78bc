#pragma once
// The JSON plan document (docs/plan-json.md). Its shape is a stable interface: change it only
// by adding fields, or by raising kPlanFormatVersion.

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "plan/plan.hpp"

#include "render/text_style.hpp"
#include "render/view.hpp"

namespace descope_mgmt::render {

/// The document's `format_version`.
inline constexpr int kPlanFormatVersion = 1;

/// The plan as a JSON value: format_version, tool_version, has_changes, and per environment its
/// name, project_id, protected, has_changes, summary, changes (each with action, type, key,
/// address, fields with before/after, depends_on, and reason for a replace) and notes.
nlohmann::json plan_to_json(const plan::Plan& plan);
nlohmann::json environment_plan_to_json(const plan::EnvironmentPlan& plan);
/// A field value as JSON: null, true/false, a number, a string or an array of strings.
nlohmann::json value_to_json(const plan::Value& value);

/// Text: render_plan_text; JSON: plan_to_json.
View plan_view(const plan::Plan& plan, const TextStyle& style);

/// plan_to_json, pretty-printed (2 spaces), ending with a newline.
std::string render_plan_json(const plan::Plan& plan);

}  // namespace descope_mgmt::render
