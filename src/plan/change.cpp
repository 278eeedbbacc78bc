#include "plan/change.hpp"

#include <array>
#include <utility>

namespace descope_mgmt::plan {

std::string_view to_string(Action a) {
    switch (a) {
        case Action::no_op:
            return "no-op";
        case Action::create:
            return "create";
        case Action::update:
            return "update";
        case Action::replace:
            return "replace";
        case Action::remove:
            return "delete";
    }
    return "no-op";
}

std::string_view symbol(Action a) {
    switch (a) {
        case Action::no_op:
            return "";
        case Action::create:
            return "+";
        case Action::update:
            return "~";
        case Action::replace:
            return "-/+";
        case Action::remove:
            return "-";
    }
    return "";
}

namespace {

constexpr std::array<std::pair<ResourceKind, std::string_view>, 8> kKindNames = {{
    {ResourceKind::project, "project"},
    {ResourceKind::permission, "permission"},
    {ResourceKind::role, "role"},
    {ResourceKind::tenant, "tenant"},
    {ResourceKind::tenant_settings, "tenant_settings"},
    {ResourceKind::tenant_default_roles, "tenant_default_roles"},
    {ResourceKind::flow, "flow"},
    {ResourceKind::theme, "theme"},
}};

}  // namespace

std::string_view to_string(ResourceKind k) {
    for (const auto& [kind, name] : kKindNames) {
        if (kind == k) return name;
    }
    return "tenant";
}

std::optional<ResourceKind> parse_resource_kind(std::string_view word) {
    for (const auto& [kind, name] : kKindNames) {
        if (name == word) return kind;
    }
    return std::nullopt;
}

std::string Change::address() const {
    std::string out(to_string(kind));
    out += ' ';
    out += key;
    return out;
}

std::string role_key(const std::string& tenant_id, const std::string& name) {
    return tenant_id.empty() ? name : tenant_id + "/" + name;
}

std::string role_key(const model::Role& role) {
    return role_key(role.tenant_id, role.name);
}

}  // namespace descope_mgmt::plan
