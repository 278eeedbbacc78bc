#pragma once
// The managed resources as plain value types: what the config declares (desired) and what the
// API returns (live) use the same types, so the diff engine compares like with like. No I/O.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/duration.hpp"

namespace descope_mgmt::model {

/// A tenant custom attribute value: Descope allows string, number, bool or a list of strings.
using AttributeValue =
    std::variant<std::string, std::int64_t, double, bool, std::vector<std::string>>;
using CustomAttributes = std::map<std::string, AttributeValue>;

/// A tenant's session settings (config `session_settings`, wire `tenant/settings`).
/// An unset duration means "not customised" (wire amount 0, unit "").
/// inactivity_timeout set <=> enableInactivity.
struct SessionSettings {
    std::optional<Duration> refresh_token_expiration;
    std::optional<Duration> session_token_expiration;
    std::optional<Duration> stepup_token_expiration;
    std::optional<Duration> inactivity_timeout;
    bool jit_disabled = false;

    bool operator==(const SessionSettings&) const = default;
};

struct Tenant {
    std::string id;
    std::string name;
    std::vector<std::string> self_provisioning_domains;  // compared as a set
    CustomAttributes custom_attributes;
    bool enforce_sso = false;
    bool disabled = false;
    std::string parent;                      // parent tenant id; "" = top-level; create-only
    std::vector<std::string> default_roles;  // role names; compared as a set
    /// Desired: nullopt = settings not managed. Live: nullopt = not read.
    std::optional<SessionSettings> session_settings;
    // Fields of the tenant record that a config may leave out. Desired: nullopt = not managed
    // (an update keeps the live value, a create sends nothing). Live: always read.
    std::optional<std::string> role_inheritance;  // wire roleInheritance: "" | none | userOnly
    std::optional<std::vector<std::string>> enforce_sso_exclusions;  // user ids; a set
    std::optional<std::vector<std::string>> federated_app_ids;       // a set

    bool operator==(const Tenant&) const = default;
};

struct Permission {
    std::string name;
    std::string description;
    /// Live only: Descope's built-in permissions (SSO Admin, User Admin, Impersonate) answer
    /// systemDefault: true. Never sent.
    bool system_default = false;

    bool operator==(const Permission&) const = default;
};

/// A role is keyed by (tenant_id, name): names are unique per scope.
struct Role {
    std::string name;
    std::string description;
    std::string tenant_id;                 // "" = project-scoped
    std::vector<std::string> permissions;  // permission names; compared as a set
    // Desired: nullopt = not managed (an update keeps the live value). Live: always read.
    std::optional<bool> is_default;  // wire "default"
    std::optional<bool> is_private;  // wire "private"

    bool operator==(const Role&) const = default;
};

/// What `flow/list` tells about a flow.
struct FlowSummary {
    std::string id;
    std::string name;
    std::string description;
    bool disabled = false;

    bool operator==(const FlowSummary&) const = default;
};

/// A flow as exported by `flow/export` (v1): the JSON text of {"flow":{...},"screens":[...]}.
struct Flow {
    std::string id;
    std::string document;  // JSON text

    bool operator==(const Flow&) const = default;
};

/// The project theme as exported by `theme/export`: the JSON text of {"theme":{...}}.
struct Theme {
    std::string document;  // JSON text

    bool operator==(const Theme&) const = default;
};

/// One entry of `projects/list`.
struct ProjectInfo {
    std::string id;
    std::string name;
    std::string environment;
    std::vector<std::string> tags;

    bool operator==(const ProjectInfo&) const = default;
};

/// Resource types, as named on the command line and in plans (`tenant:acme`, `--prune tenants`).
enum class ResourceType { project, permission, role, tenant, tenant_settings, flow, theme };

/// Singular name: "tenant", "role", ...
std::string_view to_string(ResourceType t);

}  // namespace descope_mgmt::model
