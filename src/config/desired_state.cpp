// desired_state(): one environment's view of the config (selection, then overrides).
#include "config/config.hpp"

#include <type_traits>

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

void apply(const PermissionOverride& o, model::Permission& p) {
    if (o.description) p.description = *o.description;
}

void apply(const RoleOverride& o, model::Role& r) {
    if (o.description) r.description = *o.description;
    if (o.permissions) r.permissions = *o.permissions;
    if (o.is_default) r.is_default = o.is_default;
    if (o.is_private) r.is_private = o.is_private;
}

/// `value` with the override of `environment` in `overrides` applied, if there is one.
template <class T, class Override>
T in_environment(T value, const std::map<std::string, Override>& overrides,
                 const std::string& environment) {
    if (auto o = overrides.find(environment); o != overrides.end()) {
        if constexpr (std::is_same_v<Override, FileOverride>)
            value.document = o->second.document;
        else
            apply(o->second, value);
    }
    return value;
}

}  // namespace

model::DesiredState desired_state(const Config& config, const std::string& environment) {
    model::DesiredState s;
    s.environment = environment;
    if (const auto* env = config.find_environment(environment)) s.project_name = env->project_name;
    for (const auto& p : config.permissions)
        if (selected(p.environments, environment))
            s.permissions.push_back(in_environment(p.permission, p.overrides, environment));
    for (const auto& r : config.roles)
        if (selected(r.environments, environment))
            s.roles.push_back(in_environment(r.role, r.overrides, environment));
    for (const auto& t : config.tenants)
        if (selected(t.environments, environment))
            s.tenants.push_back(in_environment(t.tenant, t.overrides, environment));
    // A flow's or the theme's override file is its document in that environment.
    for (const auto& f : config.flows)
        if (selected(f.environments, environment))
            s.flows.push_back(in_environment(f.flow, f.overrides, environment));
    if (config.theme)
        s.theme = in_environment(config.theme->theme, config.theme->overrides, environment);
    return s;
}

}  // namespace descope_mgmt::config
