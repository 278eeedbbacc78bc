#include "plan/live_reader.hpp"

#include <fmt/format.h>

#include <memory>

#include "api/first_error.hpp"

namespace descope_mgmt::plan {

namespace {

/// A task that stores the result of `read` in `target` or records its error.
template <class T, class Read>
std::function<void()> read_into(T& target, api::FirstError& failure, Read read) {
    return [&target, &failure, read] {
        auto r = read();
        if (r)
            target = std::move(*r);
        else
            failure.set(r.error());
    };
}

bool selected(const std::optional<std::set<std::string>>& which, const std::string& id) {
    return !which || which->count(id) != 0;
}

/// The scope makes `flow/list` (and exports what it selects).
bool reads_flows(const ReadScope& scope) {
    return !scope.flows || !scope.flows->empty();
}

}  // namespace

void run_sequentially(std::vector<std::function<void()>>& tasks) {
    for (auto& t : tasks)
        t();
}

ReadScope ReadScope::for_diff(const model::DesiredState& desired) {
    ReadScope scope;
    for (const model::Tenant& t : desired.tenants) {
        if (t.session_settings) scope.settings_for->insert(t.id);
    }
    for (const model::Flow& f : desired.flows)
        scope.flows->insert(f.id);
    scope.theme = desired.theme.has_value();
    scope.project_name = desired.project_name ? ProjectName::read : ProjectName::skip;
    return scope;
}

std::vector<ReadScope> ReadScope::for_diff(const std::vector<model::DesiredState>& desired) {
    std::vector<ReadScope> scopes;
    for (const model::DesiredState& d : desired)
        scopes.push_back(for_diff(d));
    return scopes;
}

ReadScope ReadScope::whole_project(std::optional<std::set<std::string>> settings_for,
                                   bool project_name) {
    ReadScope scope;
    scope.settings_for = std::move(settings_for);
    scope.flows = std::nullopt;
    scope.theme = true;
    scope.project_name = project_name ? ProjectName::read_if_allowed : ProjectName::skip;
    return scope;
}

namespace {

/// One environment's read, in two rounds: the lists (and what needs no list), then what depends
/// on them. The rounds are handed out as tasks, so that one caller can run the rounds of many
/// environments together. Not movable: the tasks point into it.
class LiveRead {
  public:
    LiveRead(api::DescopeApi& api, std::string environment, ReadScope scope,
             const LiveBasis* basis = nullptr)
        : m_api(api), m_scope(std::move(scope)) {
        if (basis != nullptr) {
            m_live = basis->state;
            m_done = basis->scope;
        }
        m_live.environment = std::move(environment);
    }
    LiveRead(const LiveRead&) = delete;
    LiveRead& operator=(const LiveRead&) = delete;

    std::vector<std::function<void()>> first_round() {
        api::DescopeApi& api = m_api;
        std::vector<std::function<void()>> tasks;
        if (!m_done) {  // a read on top of an earlier one has its lists already
            tasks.push_back(
                read_into(m_live.tenants, m_failure, [&api] { return api.load_all_tenants(); }));
            tasks.push_back(
                read_into(m_live.roles, m_failure, [&api] { return api.load_all_roles(); }));
            tasks.push_back(read_into(m_live.permissions, m_failure,
                                      [&api] { return api.load_all_permissions(); }));
        }
        const bool name_read = m_done && m_done->project_name != ReadScope::ProjectName::skip;
        if (name_read) {
            // Read already (or refused then, and noted by that read).
        } else if (m_scope.project_name == ReadScope::ProjectName::read) {
            tasks.push_back(read_into(m_live.project_name, m_failure,
                                      [&api] { return api.load_project_name(); }));
        } else if (m_scope.project_name == ReadScope::ProjectName::read_if_allowed) {
            // Not fatal: a project-scoped key cannot read the name (R1); the rest is what matters.
            tasks.push_back([this] {
                auto r = m_api.load_project_name();
                if (r)
                    m_live.project_name = std::move(*r);
                else if (r.error().cancelled)
                    m_failure.set(r.error());
                else
                    m_name_error = r.error();
            });
        }
        if (reads_flows(m_scope) && !(m_done && reads_flows(*m_done)))
            tasks.push_back(
                read_into(m_live.flow_summaries, m_failure, [&api] { return api.list_flows(); }));
        if (m_scope.theme && !(m_done && m_done->theme))
            tasks.push_back(
                read_into(m_live.theme, m_failure, [&api] { return api.export_theme(); }));
        return tasks;
    }

    /// One call per selected flow and tenant that exist (the first round says which).
    std::vector<std::function<void()>> second_round() {
        api::DescopeApi& api = m_api;
        std::vector<std::function<void()>> tasks;
        for (const model::FlowSummary& f : m_live.flow_summaries) {
            if (selected(m_scope.flows, f.id) && !(m_done && selected(m_done->flows, f.id)))
                m_flow_ids.push_back(f.id);
        }
        m_flows.resize(m_flow_ids.size());
        for (std::size_t i = 0; i < m_flow_ids.size(); ++i) {
            const std::string id = m_flow_ids[i];
            tasks.push_back(
                read_into(m_flows[i], m_failure, [&api, id] { return api.export_flow(id); }));
        }
        m_settings.resize(m_live.tenants.size());
        for (std::size_t i = 0; i < m_live.tenants.size(); ++i) {
            const std::string id = m_live.tenants[i].id;
            if (!selected(m_scope.settings_for, id)) continue;
            if (m_done && selected(m_done->settings_for, id)) continue;
            tasks.push_back(read_into(m_settings[i], m_failure,
                                      [&api, id] { return api.load_tenant_settings(id); }));
        }
        return tasks;
    }

    /// Records that some of this read's tasks never ran (Ctrl-C).
    void interrupted() {
        api::ApiError e;
        e.environment = m_live.environment;
        e.operation = "read the live state";
        e.message = "interrupted before every read was made";
        e.cancelled = true;
        m_failure.set(std::move(e));
    }

    std::optional<api::ApiError> take_failure() { return m_failure.take(); }

    /// The state read, after both rounds; a sentence per thing left unread goes to `notes`.
    model::LiveState finish(std::vector<std::string>* notes) {
        if (m_name_error && notes) {
            notes->push_back(fmt::format(
                "{}: the project name is not recorded: {}", m_live.environment,
                m_name_error->needs_company_key
                    ? "reading it needs a company-level management key (projects/list refuses "
                      "keys limited to specific projects)"
                    : m_name_error->to_string()));
        }
        for (std::size_t i = 0; i < m_flows.size(); ++i) {
            m_flows[i].id = m_flow_ids[i];
            m_live.flows[m_flow_ids[i]] = std::move(m_flows[i]);
        }
        for (std::size_t i = 0; i < m_settings.size(); ++i) {
            if (m_settings[i]) m_live.tenants[i].session_settings = std::move(m_settings[i]);
        }
        return std::move(m_live);
    }

  private:
    api::DescopeApi& m_api;
    ReadScope m_scope;
    /// What the read this one starts from made (LiveReadTarget::basis); nullopt = a fresh read.
    std::optional<ReadScope> m_done;
    model::LiveState m_live;
    api::FirstError m_failure;
    std::optional<api::ApiError> m_name_error;
    std::vector<std::string> m_flow_ids;
    std::vector<model::Flow> m_flows;
    std::vector<std::optional<model::SessionSettings>> m_settings;
};

}  // namespace

api::ApiResult<model::LiveState> read_live(api::DescopeApi& api, const std::string& environment,
                                           const ReadScope& scope, const TaskRunner& run,
                                           std::vector<std::string>* notes) {
    LiveRead read(api, environment, scope);
    auto tasks = read.first_round();
    run(tasks);
    if (auto e = read.take_failure()) return util::unexpected(std::move(*e));
    tasks = read.second_round();
    run(tasks);
    if (auto e = read.take_failure()) return util::unexpected(std::move(*e));
    return read.finish(notes);
}

std::vector<LiveReadResult> read_live_all(const std::vector<LiveReadTarget>& targets,
                                          api::Executor& executor, const ReadObserver& observer) {
    std::vector<std::unique_ptr<LiveRead>> reads;
    for (const LiveReadTarget& t : targets)
        reads.push_back(std::make_unique<LiveRead>(*t.api, t.environment, t.scope, t.basis));
    std::vector<bool> failed(targets.size(), false);
    std::vector<LiveReadResult> results(targets.size());

    // Runs one round of every read that has not failed: one executor run, lane = environment.
    auto run_round = [&](auto round, bool last_round) {
        std::vector<api::Task> tasks;
        std::vector<std::size_t> owner;
        for (std::size_t i = 0; i < reads.size(); ++i) {
            if (failed[i]) {
                if (observer && last_round) observer({ReadProgress::Kind::planned, i, 0, true});
                continue;
            }
            std::vector<std::function<void()>> round_tasks = ((*reads[i]).*round)();
            if (observer)
                observer({ReadProgress::Kind::planned, i, round_tasks.size(), last_round});
            for (auto& fn : round_tasks) {
                tasks.push_back(api::Task{targets[i].environment + " read",
                                          targets[i].environment,
                                          {},
                                          [fn = std::move(fn)]() -> api::ApiResult<void> {
                                              fn();
                                              return {};
                                          }});
                owner.push_back(i);
            }
        }
        api::TaskObserver on_task;
        if (observer) {
            on_task = [&](const api::TaskEvent& e) {
                if (e.kind == api::TaskEvent::Kind::ended)
                    observer({ReadProgress::Kind::done, owner[e.index], 0, false});
            };
        }
        const auto outcomes = executor.run(std::move(tasks), on_task);
        for (std::size_t k = 0; k < outcomes.size(); ++k) {
            if (outcomes[k].status != api::TaskStatus::succeeded) reads[owner[k]]->interrupted();
        }
        for (std::size_t i = 0; i < reads.size(); ++i) {
            if (failed[i]) continue;
            if (auto e = reads[i]->take_failure()) {
                failed[i] = true;
                results[i].state = util::unexpected(std::move(*e));
            }
        }
    };
    run_round(&LiveRead::first_round, false);
    run_round(&LiveRead::second_round, true);
    for (std::size_t i = 0; i < reads.size(); ++i) {
        if (!failed[i]) results[i].state = reads[i]->finish(&results[i].notes);
    }
    return results;
}

api::ApiResult<model::LiveState> read_live_state(api::DescopeApi& api,
                                                 const model::DesiredState& desired,
                                                 const TaskRunner& run) {
    return read_live(api, desired.environment, ReadScope::for_diff(desired), run);
}

}  // namespace descope_mgmt::plan
