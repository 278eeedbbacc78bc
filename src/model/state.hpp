#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/resources.hpp"

namespace descope_mgmt::model {

/// What one environment should look like: the config after environment selection and
/// per-environment overrides. Only what is here is managed.
struct DesiredState {
    std::string environment;
    std::optional<std::string> project_name;  // nullopt = not managed
    std::vector<Permission> permissions;
    std::vector<Role> roles;
    std::vector<Tenant> tenants;
    std::vector<Flow> flows;
    std::optional<Theme> theme;  // nullopt = not managed
};

/// What one environment looks like now, as read from the API.
struct LiveState {
    std::string environment;
    std::string project_name;
    std::vector<Permission> permissions;
    std::vector<Role> roles;
    /// Every tenant; session_settings is filled only for tenants whose settings were read.
    std::vector<Tenant> tenants;
    std::vector<FlowSummary> flow_summaries;
    /// Exported documents of the flows that were read (managed ones), by flow id.
    std::map<std::string, Flow> flows;
    std::optional<Theme> theme;  // read only when the theme is managed
};

}  // namespace descope_mgmt::model
