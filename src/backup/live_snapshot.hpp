#pragma once
// What a backup holds from a live project: every tenant, role and permission, the project name,
// every flow with its exported document, the theme, and the session settings of the tenants
// asked for. The reading is plan::read_live() with ReadScope::whole_project (the plan reads the
// same way, with the scope of its diff).

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/descope_api.hpp"
#include "model/state.hpp"
#include "plan/live_reader.hpp"

namespace descope_mgmt::backup {

struct SnapshotOptions {
    /// Tenants whose session settings are read (one call each); nullopt = every tenant.
    std::optional<std::set<std::string>> settings_for;
    /// Read the project name (projects/list). Apply's automatic backup reads it only when the
    /// config manages it; `backup` and `export-config` always try.
    bool project_name = true;
};

/// Reads the snapshot of one environment: `tenant/all`, `role/all`, `permission/all`, the
/// project name, `flow/list` and one `flow/export` per flow, `theme/export`, and one
/// `tenant/settings` per selected tenant that exists. Independent reads go through `run`
/// (concurrently in the CLI). Fails with the first API error, except that the project name is
/// recorded only when it can be read: `projects/list` needs a company-level key (R1), so when
/// the name cannot be read it stays empty and a sentence saying why is added to `notes` (when
/// given).
api::ApiResult<model::LiveState> read_snapshot(api::DescopeApi& api, const std::string& environment,
                                               const SnapshotOptions& options,
                                               const plan::TaskRunner& run = plan::run_sequentially,
                                               std::vector<std::string>* notes = nullptr);

/// The tenants whose session settings `desired` manages: what a plan reads, and so what an
/// automatic backup before apply needs to be able to put back.
std::set<std::string> managed_settings(const model::DesiredState& desired);

}  // namespace descope_mgmt::backup
