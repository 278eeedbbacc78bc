#include "plan/change_graph.hpp"

#include <algorithm>
#include <queue>
#include <tuple>

#include "util/strings.hpp"

namespace descope_mgmt::plan {

namespace {

int kind_rank(ResourceKind k) {
    switch (k) {
        case ResourceKind::project:
            return 0;
        case ResourceKind::permission:
            return 1;
        case ResourceKind::role:
            return 2;
        case ResourceKind::tenant:
            return 3;
        case ResourceKind::tenant_settings:
            return 4;
        case ResourceKind::tenant_default_roles:
            return 5;
        case ResourceKind::flow:
            return 6;
        case ResourceKind::theme:
            return 7;
    }
    return 8;
}

/// Deletions run in reverse kind order: default roles released, roles, tenants, permissions.
int delete_rank(ResourceKind k) {
    switch (k) {
        case ResourceKind::flow:
            return 0;
        case ResourceKind::role:
            return 1;
        case ResourceKind::tenant:
            return 2;
        case ResourceKind::permission:
            return 3;
        default:
            return 4;
    }
}

struct Rank {
    int group;  // 0 = create/update/replace/no-op, 1 = delete
    int kind;
    const std::string* key;
    std::size_t id;

    bool operator>(const Rank& o) const {
        return std::tie(group, kind, *key, id) > std::tie(o.group, o.kind, *o.key, o.id);
    }
};

}  // namespace

ChangeGraph::Id ChangeGraph::add(Change change) {
    change.depends_on.clear();
    m_changes.push_back(std::move(change));
    m_after.emplace_back();
    return m_changes.size() - 1;
}

void ChangeGraph::depend(Id later, Id earlier) {
    if (later == earlier) return;
    if (m_changes[earlier].action == Action::no_op || m_changes[later].action == Action::no_op) {
        return;
    }
    auto& deps = m_after[later];
    if (std::find(deps.begin(), deps.end(), earlier) == deps.end()) deps.push_back(earlier);
}

util::Result<std::vector<Change>> ChangeGraph::take_ordered() {
    const std::size_t n = m_changes.size();
    std::vector<std::size_t> waiting(n, 0);
    std::vector<std::vector<Id>> dependents(n);
    for (Id i = 0; i < n; ++i) {
        waiting[i] = m_after[i].size();
        for (Id d : m_after[i])
            dependents[d].push_back(i);
    }
    auto rank = [this](Id i) {
        const Change& c = m_changes[i];
        const bool del = c.action == Action::remove;
        return Rank{del ? 1 : 0, del ? delete_rank(c.kind) : kind_rank(c.kind), &c.key, i};
    };
    std::priority_queue<Rank, std::vector<Rank>, std::greater<>> ready;
    for (Id i = 0; i < n; ++i) {
        if (waiting[i] == 0) ready.push(rank(i));
    }
    std::vector<std::size_t> position(n, n);
    std::vector<Change> out;
    out.reserve(n);
    while (!ready.empty()) {
        const Id i = ready.top().id;
        ready.pop();
        position[i] = out.size();
        Change c = m_changes[i];
        for (Id d : m_after[i])
            c.depends_on.push_back(position[d]);
        std::sort(c.depends_on.begin(), c.depends_on.end());
        out.push_back(std::move(c));
        for (Id later : dependents[i]) {
            if (--waiting[later] == 0) ready.push(rank(later));
        }
    }
    if (out.size() != n) {
        std::vector<std::string> stuck;
        for (Id i = 0; i < n; ++i) {
            if (position[i] == n) stuck.push_back(m_changes[i].address());
        }
        return util::error("these changes depend on each other in a cycle and cannot be ordered: " +
                           util::join(stuck, ", "));
    }
    return out;
}

}  // namespace descope_mgmt::plan
