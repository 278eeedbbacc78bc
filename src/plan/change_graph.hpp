#pragma once
// Collects changes with "must happen after" edges and puts them in execution order.

#include <cstddef>
#include <string>
#include <vector>

#include "plan/change.hpp"
#include "util/result.hpp"

namespace descope_mgmt::plan {

class ChangeGraph {
  public:
    using Id = std::size_t;

    /// Adds a change (its depends_on is ignored; use depend()); returns its id.
    Id add(Change change);
    /// `later` must run after `earlier`. Self-edges and edges to no-op changes are ignored.
    void depend(Id later, Id earlier);
    const Change& at(Id id) const { return m_changes[id]; }
    /// For turning a no-op into an update before adding its edges.
    Change& change(Id id) { return m_changes[id]; }
    std::size_t size() const { return m_changes.size(); }

    /// A topological order: among the changes that are ready, creates and updates go before
    /// deletions, then by resource kind (permissions, roles, tenants, settings, default roles),
    /// then by key, so that the same inputs always give the same plan. depends_on is filled with
    /// final indices. Fails (naming the changes) if the edges form a cycle. Moves the changes
    /// out: call it once, last.
    util::Result<std::vector<Change>> take_ordered();

  private:
    std::vector<Change> m_changes;
    std::vector<std::vector<Id>> m_after;  // m_after[i]: ids that i depends on
};

}  // namespace descope_mgmt::plan
