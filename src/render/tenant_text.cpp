#include "render/tenant_text.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "render/plan_json.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::render {

using nlohmann::json;

namespace {

plan::Value attribute_value(const model::AttributeValue& v) {
    return std::visit([](const auto& x) -> plan::Value { return x; }, v);
}

std::string duration(const std::optional<model::Duration>& d) {
    return d ? model::format_duration(*d) : "(unset)";
}

json duration_json(const std::optional<model::Duration>& d) {
    return d ? json(model::format_duration(*d)) : json(nullptr);
}

}  // namespace

std::string render_tenant_text(const std::string& environment, const model::Tenant& t, bool managed,
                               const TextStyle& style) {
    std::string out =
        fmt::format("{}: tenant {}\n", util::terminal_safe(environment), bold(style, t.id));
    out += managed ? "  managed: yes (declared in the config)\n"
                   : "  managed: no (not declared in the config)\n";
    out += fmt::format("  name: {}\n", format_value(t.name));
    out +=
        fmt::format("  self_provisioning_domains: {}\n", format_value(t.self_provisioning_domains));
    for (const auto& [k, v] : t.custom_attributes) {
        out += fmt::format("  custom_attributes.{}: {}\n", util::terminal_safe(k),
                           format_value(attribute_value(v)));
    }
    out += fmt::format("  enforce_sso: {}\n", t.enforce_sso);
    out += fmt::format("  disabled: {}\n", t.disabled);
    out += fmt::format("  parent: {}\n", t.parent.empty() ? "(none)" : format_value(t.parent));
    out += fmt::format("  default_roles: {}\n", format_value(t.default_roles));
    if (t.session_settings) {
        const auto& s = *t.session_settings;
        out += "  session_settings:\n";
        out +=
            fmt::format("    refresh_token_expiration: {}\n", duration(s.refresh_token_expiration));
        out +=
            fmt::format("    session_token_expiration: {}\n", duration(s.session_token_expiration));
        out +=
            fmt::format("    stepup_token_expiration: {}\n", duration(s.stepup_token_expiration));
        out += fmt::format("    inactivity_timeout: {}\n", duration(s.inactivity_timeout));
        out += fmt::format("    jit_disabled: {}\n", s.jit_disabled);
    }
    return out;
}

json tenant_to_json(const model::Tenant& t) {
    json attributes = json::object();
    for (const auto& [k, v] : t.custom_attributes)
        attributes[k] = value_to_json(attribute_value(v));
    json j{{"id", t.id},
           {"name", t.name},
           {"self_provisioning_domains", t.self_provisioning_domains},
           {"custom_attributes", std::move(attributes)},
           {"enforce_sso", t.enforce_sso},
           {"disabled", t.disabled},
           {"parent", t.parent.empty() ? json(nullptr) : json(t.parent)},
           {"default_roles", t.default_roles},
           {"role_inheritance", nullptr},
           {"enforce_sso_exclusions", nullptr},
           {"federated_app_ids", nullptr},
           {"session_settings", nullptr}};
    // The config's spelling (docs/config.md); "" (Descope's unset) reads as none.
    if (t.role_inheritance)
        j["role_inheritance"] = *t.role_inheritance == "userOnly" ? "user_only" : "none";
    if (t.enforce_sso_exclusions) j["enforce_sso_exclusions"] = *t.enforce_sso_exclusions;
    if (t.federated_app_ids) j["federated_app_ids"] = *t.federated_app_ids;
    if (t.session_settings) {
        const auto& s = *t.session_settings;
        j["session_settings"] =
            json{{"refresh_token_expiration", duration_json(s.refresh_token_expiration)},
                 {"session_token_expiration", duration_json(s.session_token_expiration)},
                 {"stepup_token_expiration", duration_json(s.stepup_token_expiration)},
                 {"inactivity_timeout", duration_json(s.inactivity_timeout)},
                 {"jit_disabled", s.jit_disabled}};
    }
    return j;
}

}  // namespace descope_mgmt::render
