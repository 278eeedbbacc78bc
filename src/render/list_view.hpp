#pragma once
// The views of the read-only list commands (`tenant list`, `role list`, `permission list`,
// `flow list`) and of `tenant show`: a table (or block) per environment, or one JSON document
// with an entry per environment (docs/api-client.md, "List commands"; docs/flows.md).

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/resources.hpp"
#include "render/text_style.hpp"
#include "render/view.hpp"

namespace descope_mgmt::render {

enum class ListKind { tenants, roles, permissions };

/// "tenant", "role", "permission".
const char* noun(ListKind kind);

/// What one environment answered; only the list of the kind asked for is filled.
struct ResourceListing {
    EnvironmentRead read;
    std::vector<model::Tenant> tenants;
    std::vector<model::Role> roles;
    std::vector<model::Permission> permissions;
    std::set<std::string> declared;  // tenants: the ids the config declares for the environment
};

/// Text: "ENV: N tenants" and a table per environment that answered; for tenants "ENV: N
/// tenants, M managed", a MANAGED column and the declared tenants missing live. JSON:
/// {"format_version": 1, "environments": [{name, project_id, status, error?, tenants|roles|
/// permissions}]}; each tenant has "managed", each environment of tenants "declared_missing".
View resource_list_view(ListKind kind, const std::vector<ResourceListing>& listings);

struct FlowListing {
    EnvironmentRead read;
    std::vector<model::FlowSummary> flows;  // sorted by id
    std::set<std::string> declared;         // flow ids the config declares for the environment
};

/// Text: "ENV: N flows, M managed", a table, and the declared flows missing live. JSON:
/// {"format_version": 1, "environments": [{..., flows: [{id, name, description, disabled,
/// managed}], declared_missing}]}.
View flow_list_view(const std::vector<FlowListing>& listings);

/// One environment's answer to `tenant show ID`.
struct TenantLookup {
    EnvironmentRead read;
    std::optional<model::Tenant> tenant;  // with its session settings
    bool not_found = false;               // the environment has no such tenant (not an error)
    bool managed = false;                 // the config declares it for the environment
};

/// Text: the tenant per environment that has it. JSON: {"format_version": 1, "environments":
/// [{name, project_id, status, tenant (tenant_to_json and "managed", or null), error?}]}.
View tenant_show_view(const std::vector<TenantLookup>& lookups, const TextStyle& style);

}  // namespace descope_mgmt::render
