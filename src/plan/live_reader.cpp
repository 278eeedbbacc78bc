#include "plan/live_reader.hpp"

#include <optional>
#include <set>

#include "api/first_error.hpp"

namespace descope_mgmt::plan {

void run_sequentially(std::vector<std::function<void()>>& tasks) {
    for (auto& t : tasks)
        t();
}

api::ApiResult<model::LiveState> read_live_state(api::DescopeApi& api,
                                                 const model::DesiredState& desired,
                                                 const TaskRunner& run) {
    model::LiveState live;
    live.environment = desired.environment;
    api::FirstError failure;

    std::vector<std::function<void()>> tasks;
    tasks.emplace_back([&] {
        auto r = api.load_all_tenants();
        if (r) {
            live.tenants = std::move(*r);
        } else {
            failure.set(r.error());
        }
    });
    tasks.emplace_back([&] {
        auto r = api.load_all_roles();
        if (r) {
            live.roles = std::move(*r);
        } else {
            failure.set(r.error());
        }
    });
    tasks.emplace_back([&] {
        auto r = api.load_all_permissions();
        if (r) {
            live.permissions = std::move(*r);
        } else {
            failure.set(r.error());
        }
    });
    if (desired.project_name) {
        tasks.emplace_back([&] {
            auto r = api.load_project_name();
            if (r) {
                live.project_name = std::move(*r);
            } else {
                failure.set(r.error());
            }
        });
    }
    if (!desired.flows.empty()) {
        tasks.emplace_back([&] {
            auto r = api.list_flows();
            if (r) {
                live.flow_summaries = std::move(*r);
            } else {
                failure.set(r.error());
            }
        });
    }
    if (desired.theme) {
        tasks.emplace_back([&] {
            auto r = api.export_theme();
            if (r) {
                live.theme = std::move(*r);
            } else {
                failure.set(r.error());
            }
        });
    }
    run(tasks);
    if (auto e = failure.take()) return util::unexpected(std::move(*e));

    // Session settings only for the declared tenants that manage them and already exist.
    std::set<std::string> wanted;
    for (const model::Tenant& t : desired.tenants) {
        if (t.session_settings) wanted.insert(t.id);
    }
    tasks.clear();
    for (model::Tenant& t : live.tenants) {
        if (!wanted.count(t.id)) continue;
        tasks.emplace_back([&api, &t, &failure] {
            auto r = api.load_tenant_settings(t.id);
            if (r) {
                t.session_settings = std::move(*r);
            } else {
                failure.set(r.error());
            }
        });
    }
    // One export per declared flow that exists live (flow/list says which).
    std::set<std::string> declared_flows;
    for (const model::Flow& f : desired.flows)
        declared_flows.insert(f.id);
    std::vector<std::string> to_export;
    for (const model::FlowSummary& f : live.flow_summaries) {
        if (declared_flows.count(f.id)) to_export.push_back(f.id);
    }
    std::vector<std::optional<model::Flow>> exported(to_export.size());
    for (std::size_t i = 0; i < to_export.size(); ++i) {
        tasks.emplace_back([&api, &to_export, &exported, &failure, i] {
            auto r = api.export_flow(to_export[i]);
            if (r) {
                exported[i] = std::move(*r);
            } else {
                failure.set(r.error());
            }
        });
    }
    run(tasks);
    if (auto e = failure.take()) return util::unexpected(std::move(*e));
    for (std::size_t i = 0; i < to_export.size(); ++i) {
        if (!exported[i]) continue;
        exported[i]->id = to_export[i];
        live.flows.emplace(to_export[i], std::move(*exported[i]));
    }
    return live;
}

}  // namespace descope_mgmt::plan
