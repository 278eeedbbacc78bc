#pragma once
// --target TYPE:KEY: limits a plan to some resources and what they depend on.

#include <string>
#include <string_view>
#include <vector>

#include "plan/change.hpp"
#include "util/result.hpp"

namespace descope_mgmt::plan {

struct Target {
    ResourceKind kind = ResourceKind::tenant;
    std::string key;  // "" for the singletons `theme` and `project`

    /// "tenant:acme", "theme".
    std::string to_string() const;
    /// The resource of the config this target is a part of: `tenant:acme` for
    /// `tenant_settings:acme` and `tenant_default_roles:acme`; the target itself otherwise.
    Target owner() const;
    /// True when `change` is this target's resource. `tenant:acme` also covers acme's session
    /// settings and default roles, which are parts of the tenant in the config.
    bool matches(const Change& change) const;
    bool operator==(const Target&) const = default;
};

/// Parses "tenant:acme", "role:admin", "role:acme/auditor" (tenant-scoped), "permission:x",
/// "flow:sign-in", "project" and "theme", and every `address` of `plan -o json`:
/// "tenant_settings:acme" and "tenant_default_roles:acme" (that part of the tenant only),
/// "project:name", "theme:theme". The error names the text and suggests a type.
util::Result<Target> parse_target(std::string_view text);

/// Keeps the changes that a target matches plus, transitively, the changes they depend on
/// (a role's new permissions, a tenant's new parent...), in the same order, with depends_on
/// renumbered. No targets = everything.
std::vector<Change> select_targets(std::vector<Change> changes, const std::vector<Target>& targets);

}  // namespace descope_mgmt::plan
