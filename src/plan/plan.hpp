#pragma once
// A Plan: per environment, the ordered changes that make live match desired. Pure data.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/api_error.hpp"
#include "plan/change.hpp"

namespace descope_mgmt::plan {

struct LiveBasis;  // plan/live_reader.hpp

/// Counts of a plan's actions (no-ops are not counted).
struct Summary {
    std::size_t create = 0;
    std::size_t update = 0;
    std::size_t replace = 0;
    std::size_t remove = 0;

    std::size_t total() const { return create + update + replace + remove; }
    bool operator==(const Summary&) const = default;
};

struct EnvironmentPlan {
    std::string environment;
    std::string project_id;  // for display; not a secret
    bool is_protected = false;
    /// Where the environment was read (and is changed) when DESCOPE_BASE_URL replaced its own
    /// address (model::Environment::overridden_base_url); nullopt = its own address.
    std::optional<std::string> base_url_override;
    /// In execution order: every change's dependencies come before it.
    std::vector<Change> changes;
    /// Things the user should know that are not changes, e.g. live objects left alone because
    /// their type is not pruned.
    std::vector<std::string> notes;
    /// Set when the environment's live state could not be read: nothing is planned for it (no
    /// changes, no notes) and the command fails, while the other environments carry on.
    std::optional<api::ApiError> read_error;
    /// The read this plan was made from (its state, scope and time), when the CLI's workflow
    /// made it: apply's automatic backup is built from it instead of reading again. Null for a
    /// plan made otherwise, or whose environment could not be read.
    std::shared_ptr<const LiveBasis> live;

    Summary summary() const;
    bool has_changes() const { return summary().total() > 0; }
    /// Deletes plus replaces (each replace deletes an object): what --max-deletes caps.
    std::size_t deletions() const;
};

struct Plan {
    std::vector<EnvironmentPlan> environments;

    bool has_changes() const;
    /// Some environment could not be read (EnvironmentPlan::read_error).
    bool has_read_errors() const;
};

}  // namespace descope_mgmt::plan
