#pragma once
// The diff engine: desired x live -> the ordered changes of one environment. Pure: no I/O, no
// printing, the same inputs always give the same plan.

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "model/environment.hpp"
#include "model/state.hpp"
#include "plan/plan.hpp"
#include "plan/target.hpp"
#include "util/result.hpp"

namespace descope_mgmt::plan {

struct PlanOptions {
    /// Types whose undeclared live objects are deleted (defaults.prune plus --prune).
    std::set<model::PruneType> prune;
    /// --target; empty = everything.
    std::vector<Target> targets;
};

/// Computes the changes that make `live` match `desired` (permissions, roles, tenants with their
/// session settings and default roles, project name, flows and the theme).
///
/// * Only declared objects are created or updated; undeclared live objects are deleted only for
///   the types in options.prune, and never when a declared object refers to them.
/// * Updates carry the full desired record; set-like lists compare as sets.
/// * A tenant whose parent changes is replaced (deleted and re-created): Descope sets the parent
///   only at creation.
/// * Order: permissions before the roles that use them, tenants before their tenant-scoped roles,
///   roles before the default roles that name them, parents before children; deletions in
///   reverse (children before parents, roles released before they are deleted...).
/// * Flows and the theme are compared as canonical JSON (server-managed fields ignored); an
///   update carries the semantic diff (live = before, desired = after) in json_changes. Live
///   flows that are not declared are deleted only with PruneType::flows.
///
/// Fails, listing every problem, when the plan could not be applied as computed: a reference to
/// something neither declared nor live, a replace of a tenant that has children, a tenant name
/// held by an unmanaged tenant, changes that cannot be ordered. Sets `environment`, `changes`
/// and `notes` of the result; the caller fills project_id and is_protected.
util::Result<EnvironmentPlan, diag::Diagnostics> diff(const model::DesiredState& desired,
                                                      const model::LiveState& live,
                                                      const PlanOptions& options);

/// Fails when the plan deletes (or replaces) more than `max_deletes` objects, naming them.
util::Result<void> check_max_deletes(const EnvironmentPlan& plan, std::size_t max_deletes);

/// Every target address that exists in `desired` or `live` ("tenant:acme", "role:admin",
/// "permission:x", "project" when managed), for "did you mean" and unknown-target errors.
std::vector<std::string> target_addresses(const model::DesiredState& desired,
                                          const model::LiveState& live);

}  // namespace descope_mgmt::plan
