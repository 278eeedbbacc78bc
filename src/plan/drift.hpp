#pragma once
// Drift: how each environment's live project differs from the config, resource by resource,
// for `drift` (a matrix for humans and a JSON document for monitoring). Computed from the
// plan engine's own diff, so drift and plan never disagree: a resource differs exactly when
// `plan` would change it.

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/environment.hpp"
#include "model/state.hpp"
#include "plan/differ.hpp"
#include "plan/plan.hpp"

namespace descope_mgmt::plan {

enum class DriftStatus {
    absent,   // neither declared for this environment nor live there
    in_sync,  // declared and live, equal
    differs,  // declared and live, different (plan: update or replace)
    missing,  // declared, not live (plan: create)
    extra,    // live, not declared (plan: delete when its type is pruned)
    /// A tenant live but not declared for this environment while tenants are not pruned (it is
    /// declared for another one, or it would have no row): not drift, apply leaves it alone.
    unmanaged,
};

/// "-", "in sync", "differs", "missing", "extra", "unmanaged".
std::string_view to_string(DriftStatus status);
/// The JSON words: "absent", "in-sync", "differs", "missing", "extra", "unmanaged".
std::string_view json_word(DriftStatus status);

/// One resource across the environments; `cells[i]` belongs to DriftReport::environments[i].
struct DriftRow {
    std::string address;  // "tenant:acme", "role:acme/auditor", "permission:x", "project", ...
    std::vector<DriftStatus> cells;
};

struct DriftEnvironment {
    std::string name;
    std::string project_id;
    std::size_t in_sync = 0;
    std::size_t differs = 0;
    std::size_t missing = 0;
    std::size_t extra = 0;
    /// Live tenants the config does not declare, when tenants are not pruned: tenants created
    /// at runtime (self-service sign-up) are normal, so they are counted here, not as drift.
    /// Those with a row (declared for another environment) show there as `unmanaged`.
    std::size_t unmanaged_tenants = 0;
    /// The plan's changes that are drift (no-ops left out), for the details.
    plan::EnvironmentPlan plan;
    /// Addresses of the extras that the plan leaves alone (their type is not pruned).
    std::vector<std::string> unpruned_extras;
    bool drift = false;
};

struct DriftReport {
    std::vector<DriftEnvironment> environments;
    /// Sorted by type (project, permission, role, tenant, flow, theme), then key.
    std::vector<DriftRow> rows;

    bool has_drift() const;
};

struct DriftOptions {
    /// Types the user prunes (their extras are deleted by apply, so always drift).
    std::set<model::PruneType> prune;
    /// Extras of types that are not pruned count as drift (roles, permissions, flows; never
    /// runtime tenants). --ignore-extra turns this off.
    bool count_extra = true;
};

/// One environment's inputs: what the config wants, what is live, and the plan the engine made
/// of them with the user's prune options.
struct DriftInput {
    const model::DesiredState* desired = nullptr;
    const model::LiveState* live = nullptr;
    const plan::EnvironmentPlan* plan = nullptr;
    std::string project_id;
};

/// The drift matrix and per-environment details. Extras that the plan leaves alone are found by
/// diffing once more with every type pruned, so they follow the engine's rules (a permission
/// a declared role uses is not an extra; roles of undeclared tenants belong to those tenants).
DriftReport compute_drift(const std::vector<DriftInput>& inputs, const DriftOptions& options);

/// "tenant:acme" for a change (settings and default roles belong to their tenant's row).
std::string drift_address(const plan::Change& change);

}  // namespace descope_mgmt::plan
