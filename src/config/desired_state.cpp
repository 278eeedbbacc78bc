// desired_state(): one environment's view of the config (selection, then overrides).
#include "config/config.hpp"

namespace descope_mgmt::config {

namespace {

bool selected(const EnvironmentSelection& s, const std::string& env) {
    if (!s) return true;
    for (const auto& e : *s)
        if (e == env) return true;
    return false;
}

void apply(const TenantOverride& o, model::Tenant& t) {
    if (o.name) t.name = *o.name;
    if (o.self_provisioning_domains) t.self_provisioning_domains = *o.self_provisioning_domains;
    if (o.custom_attributes) t.custom_attributes = *o.custom_attributes;
    if (o.enforce_sso) t.enforce_sso = *o.enforce_sso;
    if (o.disabled) t.disabled = *o.disabled;
    if (o.default_roles) t.default_roles = *o.default_roles;
    if (o.session_settings) t.session_settings = *o.session_settings;
    if (o.role_inheritance) t.role_inheritance = o.role_inheritance;
    if (o.enforce_sso_exclusions) t.enforce_sso_exclusions = o.enforce_sso_exclusions;
    if (o.federated_app_ids) t.federated_app_ids = o.federated_app_ids;
}

}  // namespace

model::DesiredState desired_state(const Config& config, const std::string& environment) {
    model::DesiredState s;
    s.environment = environment;
    if (const auto* env = config.find_environment(environment)) s.project_name = env->project_name;
    for (const auto& p : config.permissions)
        if (selected(p.environments, environment)) s.permissions.push_back(p.permission);
    for (const auto& r : config.roles)
        if (selected(r.environments, environment)) s.roles.push_back(r.role);
    for (const auto& t : config.tenants) {
        if (!selected(t.environments, environment)) continue;
        model::Tenant tenant = t.tenant;
        if (auto o = t.overrides.find(environment); o != t.overrides.end())
            apply(o->second, tenant);
        s.tenants.push_back(std::move(tenant));
    }
    for (const auto& f : config.flows)
        if (selected(f.environments, environment)) s.flows.push_back(f.flow);
    if (config.theme) s.theme = config.theme->theme;
    return s;
}

}  // namespace descope_mgmt::config
