#pragma once
// A Change is one step of a plan: what will happen to one resource of one environment. It is
// data (Terraform's habit): the diff engine builds it, render prints it, apply executes it, and
// nothing in it depends on how it will be shown.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/resources.hpp"
#include "plan/json_diff.hpp"

namespace descope_mgmt::plan {

/// What happens to the resource. `no_op` entries describe managed resources that already match
/// (the JSON plan lists them; text and apply skip them).
enum class Action { no_op, create, update, replace, remove };

/// "no-op", "create", "update", "replace", "delete" (the JSON plan's words).
std::string_view to_string(Action a);
/// Terraform's symbol: "" for no-op, "+", "~", "-/+", "-".
std::string_view symbol(Action a);

/// The kind of object a change touches. Tenant session settings and default roles are separate
/// API calls (settings POST, updateDefaultRoles), so they are separate changes: that lets roles
/// be created before the default roles that name them, and lets a failure of one skip only what
/// depends on it.
enum class ResourceKind {
    project,  // the project name; key "name"
    permission,
    role,  // key "name" (project role) or "tenant/name" (tenant-scoped role)
    tenant,
    tenant_settings,       // key = tenant id
    tenant_default_roles,  // key = tenant id
    flow,
    theme,  // key "theme"
};

/// "project", "permission", "role", "tenant", "tenant_settings", "tenant_default_roles",
/// "flow", "theme".
std::string_view to_string(ResourceKind k);
/// Parses the words of to_string(ResourceKind).
std::optional<ResourceKind> parse_resource_kind(std::string_view word);

/// A display value of one field: absent (null), bool, integer, real, text, or a list of texts.
/// Durations are shown in config form ("4w"), sets sorted.
using Value =
    std::variant<std::monostate, bool, std::int64_t, double, std::string, std::vector<std::string>>;

/// One field of a resource that changes: `custom_attributes.plan`: "gold" -> "enterprise".
/// For a create, `before` is null; the fields then list everything that will be set.
struct FieldChange {
    std::string field;
    Value before;
    Value after;

    bool operator==(const FieldChange&) const = default;
};

/// The managed project name (a singleton per environment).
struct ProjectName {
    std::string name;

    bool operator==(const ProjectName&) const = default;
};

/// The full record a change sends (desired) or starts from (live). tenant_settings and
/// tenant_default_roles carry the whole Tenant: the settings POST also sends its domains.
using Resource = std::variant<ProjectName, model::Permission, model::Role, model::Tenant,
                              model::Flow, model::Theme>;

struct Change {
    Action action = Action::no_op;
    ResourceKind kind = ResourceKind::tenant;
    std::string key;
    /// Changed fields (update, replace) or every field that is set (create). Empty for delete.
    std::vector<FieldChange> fields;
    /// Flow/theme document changes (paths with before/after, from diff_json_documents); empty
    /// for other kinds.
    std::vector<JsonChange> json_changes;
    /// The full record to send: Descope's updates replace the whole object, so an update
    /// sends every field, not only the changed ones. Unset for delete and no-op.
    std::optional<Resource> desired;
    /// The live record (update, replace, delete, no-op).
    std::optional<Resource> live;
    /// Why a replace is needed, in words ("parent changes from "a" to "b"...").
    std::string reason;
    /// Indices, in the same EnvironmentPlan, of the changes that must succeed before this one.
    /// Always smaller than this change's own index (changes are in execution order).
    std::vector<std::size_t> depends_on;

    /// "tenant acme", "role acme/auditor": the change's address, as --target spells it.
    std::string address() const;
};

/// The key of a role: its name, or "tenant/name" for a tenant-scoped role.
std::string role_key(const model::Role& role);
std::string role_key(const std::string& tenant_id, const std::string& name);

}  // namespace descope_mgmt::plan
