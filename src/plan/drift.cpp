#include "plan/drift.hpp"

#include <algorithm>
#include <map>

namespace descope_mgmt::plan {

namespace {

/// Sort rank of an address's type, so the matrix reads like the config.
int type_rank(std::string_view address) {
    static const std::vector<std::string_view> order = {
        "project", "permission:", "role:", "tenant:", "flow:", "theme"};
    for (std::size_t i = 0; i < order.size(); ++i)
        if (address.substr(0, order[i].size()) == order[i]) return static_cast<int>(i);
    return static_cast<int>(order.size());
}

/// Higher wins when a resource has several changes (a tenant and its settings).
int severity(DriftStatus s) {
    switch (s) {
        case DriftStatus::absent:
            return 0;
        case DriftStatus::unmanaged:
            return 1;
        case DriftStatus::in_sync:
            return 2;
        case DriftStatus::extra:
            return 3;
        case DriftStatus::differs:
            return 4;
        case DriftStatus::missing:
            return 5;
    }
    return 0;
}

DriftStatus status_of(plan::Action action) {
    switch (action) {
        case plan::Action::no_op:
            return DriftStatus::in_sync;
        case plan::Action::create:
            return DriftStatus::missing;
        case plan::Action::update:
        case plan::Action::replace:
            return DriftStatus::differs;
        case plan::Action::remove:
            return DriftStatus::extra;
    }
    return DriftStatus::in_sync;
}

std::set<model::PruneType> every_type() {
    return {model::PruneType::tenants, model::PruneType::roles, model::PruneType::permissions,
            model::PruneType::flows};
}

}  // namespace

std::string_view to_string(DriftStatus status) {
    switch (status) {
        case DriftStatus::absent:
            return "-";
        case DriftStatus::in_sync:
            return "in sync";
        case DriftStatus::differs:
            return "differs";
        case DriftStatus::missing:
            return "missing";
        case DriftStatus::extra:
            return "extra";
        case DriftStatus::unmanaged:
            return "unmanaged";
    }
    return "-";
}

std::string_view json_word(DriftStatus status) {
    switch (status) {
        case DriftStatus::absent:
            return "absent";
        case DriftStatus::in_sync:
            return "in-sync";
        case DriftStatus::differs:
            return "differs";
        case DriftStatus::missing:
            return "missing";
        case DriftStatus::extra:
            return "extra";
        case DriftStatus::unmanaged:
            return "unmanaged";
    }
    return "absent";
}

std::string drift_address(const plan::Change& change) {
    switch (change.kind) {
        case plan::ResourceKind::project:
            return "project";
        case plan::ResourceKind::theme:
            return "theme";
        case plan::ResourceKind::tenant_settings:
        case plan::ResourceKind::tenant_default_roles:
            return "tenant:" + change.key;
        default:
            return std::string(plan::to_string(change.kind)) + ":" + change.key;
    }
}

bool DriftReport::has_drift() const {
    return std::any_of(environments.begin(), environments.end(),
                       [](const DriftEnvironment& e) { return e.drift; });
}

DriftReport compute_drift(const std::vector<DriftInput>& inputs, const DriftOptions& options) {
    DriftReport report;
    const std::size_t n = inputs.size();
    std::map<std::string, std::vector<DriftStatus>> cells;  // address -> one per environment
    auto mark = [&](const std::string& address, std::size_t env, DriftStatus s) {
        auto& row = cells.try_emplace(address, n, DriftStatus::absent).first->second;
        if (severity(s) > severity(row[env])) row[env] = s;
    };

    // Per environment: live tenants it does not declare and leaves alone.
    std::vector<std::vector<std::string>> unmanaged(n);
    for (std::size_t i = 0; i < n; ++i) {
        const DriftInput& in = inputs[i];
        DriftEnvironment env;
        env.name = in.plan->environment;
        env.project_id = in.project_id;
        env.plan.environment = in.plan->environment;
        env.plan.project_id = in.project_id;
        env.plan.is_protected = in.plan->is_protected;
        env.plan.base_url_override = in.plan->base_url_override;
        env.plan.notes = in.plan->notes;
        for (const plan::Change& c : in.plan->changes) {
            mark(drift_address(c), i, status_of(c.action));
            // Kept without dependencies: the details show changes, they are never applied.
            if (c.action != plan::Action::no_op) {
                plan::Change shown = c;
                shown.depends_on.clear();
                env.plan.changes.push_back(std::move(shown));
            }
        }
        // Extras the real plan leaves alone: what a plan pruning every type would delete.
        plan::PlanOptions all;
        all.prune = every_type();
        if (auto everything = plan::diff(*in.desired, *in.live, all)) {
            for (const plan::Change& c : everything->changes) {
                if (c.action != plan::Action::remove) continue;
                const std::string address = drift_address(c);
                const auto it = cells.find(address);
                if (it != cells.end() && it->second[i] == DriftStatus::extra) continue;  // pruned
                if (c.kind == plan::ResourceKind::tenant &&
                    !options.prune.count(model::PruneType::tenants)) {
                    ++env.unmanaged_tenants;
                    unmanaged[i].push_back(address);
                    continue;
                }
                mark(address, i, DriftStatus::extra);
                env.unpruned_extras.push_back(address);
            }
        }
        report.environments.push_back(std::move(env));
    }
    // A tenant declared for some environment has a row; where it is live but undeclared, the
    // cell says so (`-` would claim it is not there). Runtime tenants declared nowhere get no
    // row: they are only counted (unmanaged_tenants).
    for (std::size_t i = 0; i < n; ++i) {
        for (const std::string& address : unmanaged[i]) {
            const auto it = cells.find(address);
            if (it != cells.end()) mark(address, i, DriftStatus::unmanaged);
        }
    }

    for (auto& [address, row] : cells) {
        for (std::size_t i = 0; i < n; ++i) {
            DriftEnvironment& env = report.environments[i];
            const bool unpruned_extra =
                std::find(env.unpruned_extras.begin(), env.unpruned_extras.end(), address) !=
                env.unpruned_extras.end();
            switch (row[i]) {
                case DriftStatus::absent:
                case DriftStatus::unmanaged:  // counted in unmanaged_tenants
                    break;
                case DriftStatus::in_sync:
                    ++env.in_sync;
                    break;
                case DriftStatus::differs:
                    ++env.differs, env.drift = true;
                    break;
                case DriftStatus::missing:
                    ++env.missing, env.drift = true;
                    break;
                case DriftStatus::extra:
                    ++env.extra;
                    if (!unpruned_extra || options.count_extra) env.drift = true;
                    break;
            }
        }
        report.rows.push_back({address, row});
    }
    std::stable_sort(report.rows.begin(), report.rows.end(),
                     [](const DriftRow& a, const DriftRow& b) {
                         return type_rank(a.address) < type_rank(b.address);
                     });
    return report;
}

}  // namespace descope_mgmt::plan
