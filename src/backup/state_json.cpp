#include "backup/state_json.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace descope_mgmt::backup {

using nlohmann::json;

namespace {

json duration_json_of_state(const std::optional<model::Duration>& d) {
    if (!d) return nullptr;
    return {{"amount", d->amount}, {"unit", std::string(model::wire_name(d->unit))}};
}

std::optional<model::Duration> duration_from_of_state(const json& v) {
    if (v.is_null()) return std::nullopt;
    const auto unit = model::parse_wire_unit(v.at("unit").get<std::string>());
    if (!unit) throw std::invalid_argument("unit: not a time unit");
    return model::Duration{v.at("amount").get<std::int64_t>(), *unit};
}

template <typename T>
json optional_json_of_state(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}

template <typename T>
std::optional<T> optional_from_of_state(const json& v) {
    if (v.is_null()) return std::nullopt;
    return v.get<T>();
}

json attribute_json_of_state(const model::AttributeValue& v) {
    return std::visit([](const auto& x) { return json(x); }, v);
}

model::AttributeValue attribute_from_of_state(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_number_integer()) return v.get<std::int64_t>();
    if (v.is_number_float()) return v.get<double>();
    if (v.is_array()) return v.get<std::vector<std::string>>();
    throw std::invalid_argument("custom attribute: not a string, number, boolean or list");
}

json settings_json_of_state(const model::SessionSettings& s) {
    return {{"refresh_token_expiration", duration_json_of_state(s.refresh_token_expiration)},
            {"session_token_expiration", duration_json_of_state(s.session_token_expiration)},
            {"stepup_token_expiration", duration_json_of_state(s.stepup_token_expiration)},
            {"inactivity_timeout", duration_json_of_state(s.inactivity_timeout)},
            {"jit_disabled", s.jit_disabled}};
}

model::SessionSettings settings_from_of_state(const json& v) {
    model::SessionSettings s;
    s.refresh_token_expiration = duration_from_of_state(v.at("refresh_token_expiration"));
    s.session_token_expiration = duration_from_of_state(v.at("session_token_expiration"));
    s.stepup_token_expiration = duration_from_of_state(v.at("stepup_token_expiration"));
    s.inactivity_timeout = duration_from_of_state(v.at("inactivity_timeout"));
    s.jit_disabled = v.at("jit_disabled").get<bool>();
    return s;
}

/// A tenant; `with_settings` false leaves its session settings out (fingerprints keep them
/// apart, since a read holds them only for some tenants).
json tenant_json_of_state(const model::Tenant& t, bool with_settings = true) {
    json attributes = json::object();
    for (const auto& [name, value] : t.custom_attributes)
        attributes[name] = attribute_json_of_state(value);
    json out = {{"id", t.id},
                {"name", t.name},
                {"self_provisioning_domains", t.self_provisioning_domains},
                {"custom_attributes", std::move(attributes)},
                {"enforce_sso", t.enforce_sso},
                {"disabled", t.disabled},
                {"parent", t.parent},
                {"default_roles", t.default_roles},
                {"role_inheritance", optional_json_of_state(t.role_inheritance)},
                {"enforce_sso_exclusions", optional_json_of_state(t.enforce_sso_exclusions)},
                {"federated_app_ids", optional_json_of_state(t.federated_app_ids)}};
    if (with_settings)
        out["session_settings"] =
            t.session_settings ? settings_json_of_state(*t.session_settings) : json(nullptr);
    return out;
}

model::Tenant tenant_from_of_state(const json& v) {
    model::Tenant t;
    t.id = v.at("id").get<std::string>();
    t.name = v.at("name").get<std::string>();
    t.self_provisioning_domains = v.at("self_provisioning_domains").get<std::vector<std::string>>();
    for (const auto& [name, value] : v.at("custom_attributes").items())
        t.custom_attributes[name] = attribute_from_of_state(value);
    t.enforce_sso = v.at("enforce_sso").get<bool>();
    t.disabled = v.at("disabled").get<bool>();
    t.parent = v.at("parent").get<std::string>();
    t.default_roles = v.at("default_roles").get<std::vector<std::string>>();
    t.role_inheritance = optional_from_of_state<std::string>(v.at("role_inheritance"));
    t.enforce_sso_exclusions =
        optional_from_of_state<std::vector<std::string>>(v.at("enforce_sso_exclusions"));
    t.federated_app_ids =
        optional_from_of_state<std::vector<std::string>>(v.at("federated_app_ids"));
    if (const auto& s = v.at("session_settings"); !s.is_null())
        t.session_settings = settings_from_of_state(s);
    return t;
}

json role_json_of_state(const model::Role& r) {
    return {{"name", r.name},
            {"description", r.description},
            {"tenant_id", r.tenant_id},
            {"permissions", r.permissions},
            {"is_default", optional_json_of_state(r.is_default)},
            {"is_private", optional_json_of_state(r.is_private)}};
}

model::Role role_from_of_state(const json& v) {
    model::Role r;
    r.name = v.at("name").get<std::string>();
    r.description = v.at("description").get<std::string>();
    r.tenant_id = v.at("tenant_id").get<std::string>();
    r.permissions = v.at("permissions").get<std::vector<std::string>>();
    r.is_default = optional_from_of_state<bool>(v.at("is_default"));
    r.is_private = optional_from_of_state<bool>(v.at("is_private"));
    return r;
}

json permission_json_of_state(const model::Permission& p) {
    return {{"name", p.name}, {"description", p.description}, {"system_default", p.system_default}};
}

model::Permission permission_from_of_state(const json& v) {
    return {v.at("name").get<std::string>(), v.at("description").get<std::string>(),
            v.at("system_default").get<bool>()};
}

json flow_json_of_state(const model::Flow& f) {
    return {{"id", f.id}, {"document", f.document}};
}

model::Flow flow_from_of_state(const json& v) {
    return {v.at("id").get<std::string>(), v.at("document").get<std::string>()};
}

template <typename T, typename F>
json list_json_of_state(const std::vector<T>& items, F&& one) {
    json out = json::array();
    for (const T& item : items)
        out.push_back(one(item));
    return out;
}

template <typename T, typename F>
std::vector<T> list_from_of_state(const json& v, F&& one) {
    std::vector<T> out;
    for (const json& item : v)
        out.push_back(one(item));
    return out;
}

template <typename T, typename F>
util::Result<T> guarded_of_state(F&& read) {
    try {
        return read();
    } catch (const std::exception& e) {
        return util::error(e.what());
    }
}

}  // namespace

json desired_to_json(const model::DesiredState& s) {
    return {
        {"environment", s.environment},
        {"project_name", optional_json_of_state(s.project_name)},
        {"permissions", list_json_of_state(s.permissions, permission_json_of_state)},
        {"roles", list_json_of_state(s.roles, role_json_of_state)},
        {"tenants", list_json_of_state(
                        s.tenants, [](const model::Tenant& t) { return tenant_json_of_state(t); })},
        {"flows", list_json_of_state(s.flows, flow_json_of_state)},
        {"theme", s.theme ? json(s.theme->document) : json(nullptr)}};
}

json live_to_json(const model::LiveState& s) {
    json flows = json::array();
    for (const auto& [id, flow] : s.flows)
        flows.push_back(flow_json_of_state(flow));
    return {
        {"environment", s.environment},
        {"project_name", s.project_name},
        {"permissions", list_json_of_state(s.permissions, permission_json_of_state)},
        {"roles", list_json_of_state(s.roles, role_json_of_state)},
        {"tenants", list_json_of_state(
                        s.tenants, [](const model::Tenant& t) { return tenant_json_of_state(t); })},
        {"flow_summaries", list_json_of_state(s.flow_summaries,
                                              [](const model::FlowSummary& f) {
                                                  return json{{"id", f.id},
                                                              {"name", f.name},
                                                              {"description", f.description},
                                                              {"disabled", f.disabled}};
                                              })},
        {"flows", std::move(flows)},
        {"theme", s.theme ? json(s.theme->document) : json(nullptr)}};
}

util::Result<model::DesiredState> desired_from_json(const json& v) {
    return guarded_of_state<model::DesiredState>([&] {
        model::DesiredState s;
        s.environment = v.at("environment").get<std::string>();
        s.project_name = optional_from_of_state<std::string>(v.at("project_name"));
        s.permissions =
            list_from_of_state<model::Permission>(v.at("permissions"), permission_from_of_state);
        s.roles = list_from_of_state<model::Role>(v.at("roles"), role_from_of_state);
        s.tenants = list_from_of_state<model::Tenant>(v.at("tenants"), tenant_from_of_state);
        s.flows = list_from_of_state<model::Flow>(v.at("flows"), flow_from_of_state);
        if (const auto& t = v.at("theme"); !t.is_null())
            s.theme = model::Theme{t.get<std::string>()};
        return s;
    });
}

util::Result<model::LiveState> live_from_json(const json& v) {
    return guarded_of_state<model::LiveState>([&] {
        model::LiveState s;
        s.environment = v.at("environment").get<std::string>();
        s.project_name = v.at("project_name").get<std::string>();
        s.permissions =
            list_from_of_state<model::Permission>(v.at("permissions"), permission_from_of_state);
        s.roles = list_from_of_state<model::Role>(v.at("roles"), role_from_of_state);
        s.tenants = list_from_of_state<model::Tenant>(v.at("tenants"), tenant_from_of_state);
        for (const json& f : v.at("flow_summaries"))
            s.flow_summaries.push_back(
                {f.at("id").get<std::string>(), f.at("name").get<std::string>(),
                 f.at("description").get<std::string>(), f.at("disabled").get<bool>()});
        for (const json& f : v.at("flows")) {
            model::Flow flow = flow_from_of_state(f);
            const std::string id = flow.id;
            s.flows.emplace(id, std::move(flow));
        }
        if (const auto& t = v.at("theme"); !t.is_null())
            s.theme = model::Theme{t.get<std::string>()};
        return s;
    });
}

json live_object_json(const model::LiveState& s, const std::string& address) {
    const auto colon = address.find(':');
    const std::string type = address.substr(0, colon);
    const std::string key = colon == std::string::npos ? "" : address.substr(colon + 1);
    if (type == "project") return s.project_name;
    if (type == "theme") return s.theme ? json(s.theme->document) : json(nullptr);
    if (type == "tenant" || type == "tenant_settings") {
        for (const auto& t : s.tenants) {
            if (t.id != key) continue;
            if (type == "tenant") return tenant_json_of_state(t, false);
            return t.session_settings ? settings_json_of_state(*t.session_settings)
                                      : json("not read");
        }
        return nullptr;
    }
    if (type == "role") {
        for (const auto& r : s.roles)
            if ((r.tenant_id.empty() ? r.name : r.tenant_id + "/" + r.name) == key)
                return role_json_of_state(r);
        return nullptr;
    }
    if (type == "permission") {
        for (const auto& p : s.permissions)
            if (p.name == key) return permission_json_of_state(p);
        return nullptr;
    }
    // What a deletion takes with it, as sorted lists (so only a real change counts).
    if (type == "tenant_dependents") {
        std::set<std::string> items;
        for (const auto& r : s.roles)
            if (r.tenant_id == key) items.insert("role " + r.name);
        for (const auto& t : s.tenants)
            if (t.parent == key) items.insert("tenant " + t.id);
        return items;
    }
    if (type == "roles_using_permission") {
        std::set<std::string> items;
        for (const auto& r : s.roles)
            if (std::find(r.permissions.begin(), r.permissions.end(), key) != r.permissions.end())
                items.insert(r.tenant_id.empty() ? r.name : r.tenant_id + "/" + r.name);
        return items;
    }
    if (type == "tenants_naming_role") {
        const auto slash = key.find('/');
        const std::string tenant = slash == std::string::npos ? "" : key.substr(0, slash);
        const std::string name = slash == std::string::npos ? key : key.substr(slash + 1);
        std::set<std::string> items;
        for (const auto& t : s.tenants)
            if ((tenant.empty() || t.id == tenant) &&
                std::find(t.default_roles.begin(), t.default_roles.end(), name) !=
                    t.default_roles.end())
                items.insert(t.id);
        return items;
    }
    if (type == "flow_listed") {
        for (const auto& f : s.flow_summaries)
            if (f.id == key)
                return json{{"id", f.id},
                            {"name", f.name},
                            {"description", f.description},
                            {"disabled", f.disabled}};
        return nullptr;
    }
    if (type == "flow") {
        if (auto it = s.flows.find(key); it != s.flows.end()) return flow_json_of_state(it->second);
        for (const auto& f : s.flow_summaries)
            if (f.id == key) return json("listed, not exported");
        return nullptr;
    }
    return nullptr;
}

}  // namespace descope_mgmt::backup
