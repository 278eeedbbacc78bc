#pragma once
// The drift matrix as text and the drift JSON document (docs/drift.md). Formatting only; the
// details of each environment (its changes) are the plan renderer's business.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "plan/drift.hpp"
#include "render/view.hpp"

namespace descope_mgmt::render {

/// Version of the drift JSON document.
inline constexpr int kDriftFormatVersion = 1;

/// The line under the matrix: which side is live, in the cells and in the details (which are
/// the plan: before -> after is live -> config).
inline constexpr const char* kDriftLegend =
    "legend: + in the config, not live (apply creates it); - live, not in the config (apply "
    "deletes it); A -> B is live -> config; a - cell: neither";

struct DriftTextOptions {
    bool color = false;
    /// Every row; otherwise only rows that are not in sync (or absent) everywhere.
    bool all_rows = false;
};

/// The matrix (resource x environment) with the legend under it, and one summary line per
/// environment, e.g.
///   RESOURCE        dev       prod
///   tenant:acme     in sync   differs
///   tenant:globex   unmanaged in sync
///   legend: ...
///
///   prod: drift: 1 differs, 0 missing, 0 extra (12 in sync); 3 unmanaged tenants
std::string drift_matrix_text(const plan::DriftReport& report, const DriftTextOptions& options);

/// One line per extra that the plan leaves alone, for the details of `env`.
std::string unpruned_extras_text(const plan::DriftEnvironment& env, bool counted);

/// The drift document: format_version, drift, environments (counts, drift, changes and notes as
/// in the plan document), resources (address, type, key, status per environment).
nlohmann::json drift_to_json(const plan::DriftReport& report);

/// Text: the matrix, then the details (the plan and the extras left alone) of every environment
/// that drifted; JSON: drift_to_json. `count_extra`: undeclared extras count as drift.
/// `unread`: environments whose live state could not be read (not in `report`): a line each in
/// the text, and an entry each in the document's `environments` with `status` and `error`.
View drift_view(const plan::DriftReport& report, const DriftTextOptions& options, bool count_extra,
                const std::vector<EnvironmentRead>& unread = {});

}  // namespace descope_mgmt::render
