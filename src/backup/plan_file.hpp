#pragma once
// Plan files (`plan --out FILE`, `apply FILE`, `show FILE`; docs/plan-file.md): a reviewed plan,
// saved so that exactly it is applied later. The file holds, per environment, what the config
// asked for and what the plan read live (both as the diff engine sees them), the plan options,
// when it was read, and the plan document for readers; `apply FILE` diffs the saved states again
// (the same tool version gives the same plan), re-reads only what the plan touches and refuses
// when any of it moved. A SHA-256 checksum covers the whole document. No management key is in
// it; it holds what a backup holds (tenant data), so it is written 0600.

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/state.hpp"
#include "plan/differ.hpp"
#include "plan/live_reader.hpp"
#include "plan/plan.hpp"
#include "util/result.hpp"

namespace descope_mgmt::backup {

inline constexpr int kPlanFileFormatVersion = 1;
/// The document's `format`.
inline constexpr const char* kPlanFileFormat = "descope-mgmt-plan";

struct SavedEnvironment {
    std::string name;
    std::string project_id;
    bool is_protected = false;
    std::string read_at;  // ISO 8601 UTC: when its live state was read
    /// The address DESCOPE_BASE_URL gave it when planned (shown as the plan showed it).
    std::optional<std::string> base_url_override;
    model::DesiredState desired;
    model::LiveState live;
};

struct PlanFile {
    std::string tool_version;
    std::string created_at;   // ISO 8601 UTC
    std::string config_path;  // as given, for messages
    /// config_digest() of the saved desired states: what the config asked for.
    std::string config_digest;
    plan::PlanOptions options;
    std::vector<SavedEnvironment> environments;
};

/// "sha256:..." of what `desired` asks for (comments and layout of the config do not count).
std::string config_digest(const std::vector<model::DesiredState>& desired);

/// The file's text (pretty JSON, ending with a newline): `plan_document` (plan -o json's) is kept
/// under "plan" for readers and reviewers; the checksum covers everything.
std::string plan_file_text(const PlanFile& file, const nlohmann::json& plan_document);

/// Reads a plan file's text; an error says what is wrong (not JSON, not a plan file, another
/// format version, a checksum that does not match: edited, truncated or corrupted).
util::Result<PlanFile> parse_plan_file(std::string_view text, const std::string& path);

/// The saved plan again: each environment's saved states diffed with the saved options, with
/// its project id and protection.
util::Result<plan::Plan> replan(const PlanFile& file);

/// The objects `apply FILE` checks for one environment (drift addresses, with
/// "tenant_settings:ID" apart): each change's object, the tenant of a tenant role, a tenant's
/// parent.
std::set<std::string> touched_addresses(const plan::EnvironmentPlan& plan);

/// What to re-read to check them: the lists always; the settings, flows, theme and project name
/// only when touched.
plan::ReadScope recheck_scope(const std::set<std::string>& touched);

/// The touched addresses whose live value differs between the saved read and `now`.
std::vector<std::string> moved_objects(const SavedEnvironment& saved, const model::LiveState& now,
                                       const std::set<std::string>& touched);

}  // namespace descope_mgmt::backup
