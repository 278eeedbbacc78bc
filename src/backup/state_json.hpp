#pragma once
// Desired and live states as JSON, field for field, for plan files (docs/plan-file.md): unlike a
// backup's `resources` (what a restore needs), this keeps everything the diff engine reads, the
// "not managed" of optional fields included, so that diffing the states read back gives exactly
// the plan that was saved. No secret is in a state: keys live in model::Environment.

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "model/state.hpp"
#include "util/result.hpp"

namespace descope_mgmt::backup {

nlohmann::json desired_to_json(const model::DesiredState& state);
nlohmann::json live_to_json(const model::LiveState& state);

/// The states back; an error names the JSON path of the first field that is missing or of the
/// wrong type.
util::Result<model::DesiredState> desired_from_json(const nlohmann::json& value);
util::Result<model::LiveState> live_from_json(const nlohmann::json& value);

/// One object of a live state as JSON, by its drift address ("tenant:acme" without its session
/// settings, "tenant_settings:acme", "role:acme/auditor", "permission:x", "flow:id", "theme",
/// "project"); null when the state does not hold it. What plan files fingerprint.
nlohmann::json live_object_json(const model::LiveState& state, const std::string& address);

}  // namespace descope_mgmt::backup
