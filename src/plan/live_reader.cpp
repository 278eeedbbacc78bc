#include "plan/live_reader.hpp"

#include <mutex>
#include <optional>
#include <set>

namespace descope_mgmt::plan {

void run_sequentially(std::vector<std::function<void()>>& tasks) {
    for (auto& t : tasks)
        t();
}

namespace {

/// Keeps the first error reported by concurrent tasks.
class FirstError {
  public:
    void set(api::ApiError e) {
        std::lock_guard lock(m_mutex);
        if (!m_error) m_error = std::move(e);
    }
    std::optional<api::ApiError> take() { return std::move(m_error); }

  private:
    std::mutex m_mutex;
    std::optional<api::ApiError> m_error;
};

}  // namespace

api::ApiResult<model::LiveState> read_live_state(api::DescopeApi& api,
                                                 const model::DesiredState& desired,
                                                 const TaskRunner& run) {
    model::LiveState live;
    live.environment = desired.environment;
    FirstError failure;

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
    run(tasks);
    if (auto e = failure.take()) return util::unexpected(std::move(*e));
    return live;
}

}  // namespace descope_mgmt::plan
