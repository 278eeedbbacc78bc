// Flows and the theme: compared as canonical JSON documents (server-managed fields ignored,
// keys sorted), so exporting and re-deploying an unchanged flow is never a change.
#include <fmt/format.h>

#include <set>

#include "plan/differ_impl.hpp"
#include "plan/json_canonical.hpp"

namespace descope_mgmt::plan::detail {

namespace {

/// The semantic diff of live (before) and desired (after), or a problem sentence when either
/// document is not JSON.
util::Result<std::vector<JsonChange>> document_changes(const std::string& what,
                                                       const std::string& live_text,
                                                       const std::string& desired_text,
                                                       JsonDocumentKind kind) {
    auto r = diff_json_documents(live_text, desired_text, kind);
    if (!r) {
        // "before" is the live export, "after" the config's file.
        return util::error(
            fmt::format("{}: cannot compare the live export with the config's file: {}", what,
                        r.error().to_string()));
    }
    return std::move(*r);
}

}  // namespace

void Differ::plan_flows() {
    std::set<std::string> declared;
    for (const model::Flow& f : m_desired.flows) {
        declared.insert(f.id);
        Change c;
        c.kind = ResourceKind::flow;
        c.key = f.id;
        const auto live = m_live.flows.find(f.id);
        if (live == m_live.flows.end()) {
            c.action = Action::create;
            c.desired = f;
        } else {
            c.live = live->second;
            auto changes = document_changes("flow " + f.id, live->second.document, f.document,
                                            JsonDocumentKind::flow);
            if (!changes) {
                problem(changes.error().message);
                continue;
            }
            if (!changes->empty()) {
                c.action = Action::update;
                c.desired = f;
                c.json_changes = std::move(*changes);
            }
        }
        m_graph.add(std::move(c));
    }
    std::vector<std::string> unmanaged;
    for (const model::FlowSummary& s : m_live.flow_summaries) {
        if (declared.count(s.id)) continue;
        if (!prunes(model::PruneType::flows)) {
            unmanaged.push_back(s.id);
            continue;
        }
        Change c;
        c.action = Action::remove;
        c.kind = ResourceKind::flow;
        c.key = s.id;
        c.live = model::Flow{s.id, ""};
        m_graph.add(std::move(c));
    }
    note_unmanaged(unmanaged.size(), "flow", "flows", unmanaged);
}

void Differ::plan_theme() {
    if (!m_desired.theme) return;
    Change c;
    c.kind = ResourceKind::theme;
    c.key = "theme";
    if (!m_live.theme) {
        c.action = Action::create;
        c.desired = *m_desired.theme;
    } else {
        c.live = *m_live.theme;
        auto changes = document_changes("theme", m_live.theme->document, m_desired.theme->document,
                                        JsonDocumentKind::theme);
        if (!changes) {
            problem(changes.error().message);
            return;
        }
        if (!changes->empty()) {
            c.action = Action::update;
            c.desired = *m_desired.theme;
            c.json_changes = std::move(*changes);
        }
    }
    m_graph.add(std::move(c));
}

}  // namespace descope_mgmt::plan::detail
