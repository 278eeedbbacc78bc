#include "backup/live_snapshot.hpp"

namespace descope_mgmt::backup {

std::set<std::string> managed_settings(const model::DesiredState& desired) {
    std::set<std::string> ids;
    for (const auto& t : desired.tenants)
        if (t.session_settings) ids.insert(t.id);
    return ids;
}

api::ApiResult<model::LiveState> read_snapshot(api::DescopeApi& api, const std::string& environment,
                                               const SnapshotOptions& options,
                                               const plan::TaskRunner& run,
                                               std::vector<std::string>* notes) {
    return plan::read_live(
        api, environment,
        plan::ReadScope::whole_project(options.settings_for, options.project_name), run, notes);
}

}  // namespace descope_mgmt::backup
