#include "backup/live_snapshot.hpp"

#include <fmt/format.h>

#include "api/first_error.hpp"

namespace descope_mgmt::backup {

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

}  // namespace

std::set<std::string> managed_settings(const model::DesiredState& desired) {
    std::set<std::string> ids;
    for (const auto& t : desired.tenants)
        if (t.session_settings) ids.insert(t.id);
    return ids;
}

api::ApiResult<model::LiveState> read_snapshot(api::DescopeApi& api, const std::string& environment,
                                               const SnapshotOptions& options,
                                               const plan::TaskRunner& run,
                                               std::vector<std::string>* notes) {
    model::LiveState live;
    live.environment = environment;
    model::Theme theme;
    api::FirstError failure;

    std::vector<std::function<void()>> tasks;
    tasks.push_back(read_into(live.tenants, failure, [&] { return api.load_all_tenants(); }));
    tasks.push_back(read_into(live.roles, failure, [&] { return api.load_all_roles(); }));
    tasks.push_back(
        read_into(live.permissions, failure, [&] { return api.load_all_permissions(); }));
    // Not fatal: a project-scoped key cannot read the name (R1), and the rest is what matters.
    std::optional<api::ApiError> name_error;
    if (options.project_name)
        tasks.push_back([&] {
            auto r = api.load_project_name();
            if (r)
                live.project_name = std::move(*r);
            else if (r.error().cancelled)
                failure.set(r.error());
            else
                name_error = r.error();
        });
    tasks.push_back(read_into(live.flow_summaries, failure, [&] { return api.list_flows(); }));
    tasks.push_back(read_into(theme, failure, [&] { return api.export_theme(); }));
    run(tasks);
    if (auto e = failure.take()) return util::unexpected(std::move(*e));
    live.theme = std::move(theme);
    if (name_error && notes) {
        notes->push_back(fmt::format(
            "{}: the project name is not recorded: {}", environment,
            name_error->needs_company_key
                ? "reading it needs a company-level management key (projects/list refuses "
                  "keys limited to specific projects)"
                : name_error->to_string()));
    }

    // Second round: what depends on the lists (one call per flow and per selected tenant).
    tasks.clear();
    std::vector<model::Flow> flows(live.flow_summaries.size());
    for (std::size_t i = 0; i < live.flow_summaries.size(); ++i) {
        const std::string id = live.flow_summaries[i].id;
        tasks.push_back(read_into(flows[i], failure, [&api, id] { return api.export_flow(id); }));
    }
    std::vector<std::optional<model::SessionSettings>> settings(live.tenants.size());
    for (std::size_t i = 0; i < live.tenants.size(); ++i) {
        const std::string id = live.tenants[i].id;
        if (options.settings_for && !options.settings_for->count(id)) continue;
        tasks.push_back(
            read_into(settings[i], failure, [&api, id] { return api.load_tenant_settings(id); }));
    }
    run(tasks);
    if (auto e = failure.take()) return util::unexpected(std::move(*e));
    for (std::size_t i = 0; i < flows.size(); ++i) {
        flows[i].id = live.flow_summaries[i].id;
        live.flows[flows[i].id] = std::move(flows[i]);
    }
    for (std::size_t i = 0; i < live.tenants.size(); ++i)
        live.tenants[i].session_settings = std::move(settings[i]);
    return live;
}

}  // namespace descope_mgmt::backup
