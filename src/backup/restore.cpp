#include "backup/restore.hpp"

namespace descope_mgmt::backup {

model::DesiredState desired_from_backup(const Backup& backup, const std::string& environment) {
    const model::LiveState& s = backup.state;
    model::DesiredState desired;
    desired.environment = environment;
    if (!s.project_name.empty()) desired.project_name = s.project_name;
    desired.permissions = s.permissions;
    desired.roles = s.roles;
    desired.tenants = s.tenants;
    for (const auto& summary : s.flow_summaries) {
        const auto it = s.flows.find(summary.id);
        if (it != s.flows.end()) desired.flows.push_back(it->second);
    }
    desired.theme = s.theme;
    return desired;
}

}  // namespace descope_mgmt::backup
