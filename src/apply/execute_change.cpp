#include <fmt/format.h>

#include "apply/apply_engine.hpp"

namespace descope_mgmt::apply {

namespace {

using plan::Action;
using plan::ResourceKind;

api::ApiResult<void> done(const api::ApiResult<std::string>& r) {
    if (!r) return util::unexpected(r.error());
    return {};
}

/// A plan that does not carry what its action needs is a bug in the plan's producer; report it
/// as a failure of this change rather than crash.
api::ApiError malformed(const plan::Change& c) {
    api::ApiError e;
    e.operation = fmt::format("{} {}", plan::to_string(c.kind), plan::to_string(c.action));
    e.subject = c.key;
    e.message = "the plan does not carry the record this change needs";
    return e;
}

template <class T>
const T* desired_as(const plan::Change& c) {
    return c.desired ? std::get_if<T>(&*c.desired) : nullptr;
}
template <class T>
const T* live_as(const plan::Change& c) {
    return c.live ? std::get_if<T>(&*c.live) : nullptr;
}

api::ApiResult<void> execute_tenant(const plan::Change& c, api::DescopeApi& api, int& calls) {
    const auto* desired = desired_as<model::Tenant>(c);
    switch (c.action) {
        case Action::create:
            if (!desired) break;
            ++calls;
            return done(api.create_tenant(*desired));
        case Action::update:
            if (!desired) break;
            ++calls;
            return api.update_tenant(*desired);
        case Action::replace: {
            if (!desired) break;
            ++calls;
            // cascade=false: the users of the tenant are kept.
            if (auto r = api.delete_tenant(c.key, false); !r) return r;
            ++calls;
            return done(api.create_tenant(*desired));
        }
        case Action::remove:
            ++calls;
            return api.delete_tenant(c.key, false);
        case Action::no_op:
            return {};
    }
    return util::unexpected(malformed(c));
}

api::ApiResult<void> execute_role(const plan::Change& c, api::DescopeApi& api, int& calls) {
    const auto* desired = desired_as<model::Role>(c);
    switch (c.action) {
        case Action::create:
            if (!desired) break;
            ++calls;
            return api.create_role(*desired);
        case Action::update:
            if (!desired) break;
            ++calls;
            return api.update_role(desired->name, *desired);
        case Action::remove: {
            const auto* live = live_as<model::Role>(c);
            if (!live) break;
            ++calls;
            return api.delete_role(live->name, live->tenant_id);
        }
        case Action::replace:
        case Action::no_op:
            break;
    }
    if (c.action == Action::no_op) return {};
    return util::unexpected(malformed(c));
}

api::ApiResult<void> execute_permission(const plan::Change& c, api::DescopeApi& api, int& calls) {
    const auto* desired = desired_as<model::Permission>(c);
    switch (c.action) {
        case Action::create:
            if (!desired) break;
            ++calls;
            return api.create_permission(*desired);
        case Action::update:
            if (!desired) break;
            ++calls;
            return api.update_permission(desired->name, *desired);
        case Action::remove:
            ++calls;
            return api.delete_permission(c.key);
        case Action::replace:
        case Action::no_op:
            break;
    }
    if (c.action == Action::no_op) return {};
    return util::unexpected(malformed(c));
}

}  // namespace

api::ApiResult<void> execute_change(const plan::Change& c, api::DescopeApi& api, int& calls) {
    if (c.action == Action::no_op) return {};
    switch (c.kind) {
        case ResourceKind::tenant:
            return execute_tenant(c, api, calls);
        case ResourceKind::role:
            return execute_role(c, api, calls);
        case ResourceKind::permission:
            return execute_permission(c, api, calls);
        case ResourceKind::tenant_settings:
            if (const auto* t = desired_as<model::Tenant>(c); t && t->session_settings) {
                ++calls;
                return api.update_tenant_settings(*t);
            }
            break;
        case ResourceKind::tenant_default_roles:
            if (const auto* t = desired_as<model::Tenant>(c)) {
                ++calls;
                return api.update_default_roles(t->id, t->default_roles);
            }
            break;
        case ResourceKind::project:
            if (const auto* p = desired_as<plan::ProjectName>(c)) {
                ++calls;
                return api.update_project_name(p->name);
            }
            break;
        case ResourceKind::flow:
            if (c.action == Action::remove) {
                ++calls;
                return api.delete_flows({c.key});
            }
            // flow/import is an upsert: create and update are the same call.
            if (const auto* f = desired_as<model::Flow>(c)) {
                ++calls;
                return api.import_flow(*f);
            }
            break;
        case ResourceKind::theme:
            if (const auto* t = desired_as<model::Theme>(c)) {
                ++calls;
                return api.import_theme(*t);
            }
            break;
    }
    return util::unexpected(malformed(c));
}

int expected_requests(const plan::Change& c) {
    switch (c.action) {
        case Action::no_op:
            return 0;
        case Action::replace:
            return 2;  // delete, then create
        case Action::remove:
        case Action::create:
            return c.kind == ResourceKind::tenant_settings ? 2 : 1;
        case Action::update:
            switch (c.kind) {
                case ResourceKind::tenant:
                case ResourceKind::role:
                case ResourceKind::tenant_settings:
                    return 2;  // the live record first (HttpDescopeApi: preserve_unmanaged_fields)
                default:
                    return 1;
            }
    }
    return 1;
}

}  // namespace descope_mgmt::apply
