#include "support/fake_descope_api.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace descope_mgmt::test {

using api::ApiError;
using api::ApiResult;

namespace {

constexpr std::array<std::pair<ApiOperation, std::string_view>, 25> kOperationNames = {{
    {ApiOperation::load_all_tenants, "tenant list"},
    {ApiOperation::load_tenant, "tenant load"},
    {ApiOperation::create_tenant, "tenant create"},
    {ApiOperation::update_tenant, "tenant update"},
    {ApiOperation::delete_tenant, "tenant delete"},
    {ApiOperation::load_tenant_settings, "tenant settings load"},
    {ApiOperation::update_tenant_settings, "tenant settings update"},
    {ApiOperation::update_default_roles, "tenant default roles update"},
    {ApiOperation::load_all_permissions, "permission list"},
    {ApiOperation::create_permission, "permission create"},
    {ApiOperation::update_permission, "permission update"},
    {ApiOperation::delete_permission, "permission delete"},
    {ApiOperation::load_all_roles, "role list"},
    {ApiOperation::create_role, "role create"},
    {ApiOperation::update_role, "role update"},
    {ApiOperation::delete_role, "role delete"},
    {ApiOperation::list_flows, "flow list"},
    {ApiOperation::export_flow, "flow export"},
    {ApiOperation::import_flow, "flow import"},
    {ApiOperation::delete_flows, "flow delete"},
    {ApiOperation::export_theme, "theme export"},
    {ApiOperation::import_theme, "theme import"},
    {ApiOperation::list_projects, "project list"},
    {ApiOperation::load_project_name, "project name load"},
    {ApiOperation::update_project_name, "project name update"},
}};

}  // namespace

bool is_write(ApiOperation op) {
    switch (op) {
        case ApiOperation::create_tenant:
        case ApiOperation::update_tenant:
        case ApiOperation::delete_tenant:
        case ApiOperation::update_tenant_settings:
        case ApiOperation::update_default_roles:
        case ApiOperation::create_permission:
        case ApiOperation::update_permission:
        case ApiOperation::delete_permission:
        case ApiOperation::create_role:
        case ApiOperation::update_role:
        case ApiOperation::delete_role:
        case ApiOperation::import_flow:
        case ApiOperation::delete_flows:
        case ApiOperation::import_theme:
        case ApiOperation::update_project_name:
            return true;
        default:
            return false;
    }
}

std::string_view operation_name(ApiOperation op) {
    for (const auto& [o, name] : kOperationNames) {
        if (o == op) return name;
    }
    return "unknown";
}

FakeDescopeApi::FakeDescopeApi(std::string environment, std::string project_id)
    : m_environment(std::move(environment)), m_project_id(std::move(project_id)) {}

// --- set-up and inspection ---

void FakeDescopeApi::seed_tenant(model::Tenant tenant) {
    std::lock_guard lock(m_mutex);
    m_tenants.push_back(std::move(tenant));
}
void FakeDescopeApi::seed_role(model::Role role) {
    std::lock_guard lock(m_mutex);
    m_roles.push_back(std::move(role));
}
void FakeDescopeApi::seed_permission(model::Permission permission) {
    std::lock_guard lock(m_mutex);
    m_permissions.push_back(std::move(permission));
}
void FakeDescopeApi::seed_project_name(std::string name) {
    std::lock_guard lock(m_mutex);
    m_project_name = std::move(name);
}
std::vector<model::Tenant> FakeDescopeApi::tenants() const {
    std::lock_guard lock(m_mutex);
    return m_tenants;
}
std::vector<model::Role> FakeDescopeApi::roles() const {
    std::lock_guard lock(m_mutex);
    return m_roles;
}
std::vector<model::Permission> FakeDescopeApi::permissions() const {
    std::lock_guard lock(m_mutex);
    return m_permissions;
}
std::string FakeDescopeApi::project_name() const {
    std::lock_guard lock(m_mutex);
    return m_project_name;
}

int FakeDescopeApi::calls(ApiOperation op) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_calls.find(op);
    return it == m_calls.end() ? 0 : it->second;
}
int FakeDescopeApi::total_calls() const {
    std::lock_guard lock(m_mutex);
    int n = 0;
    for (const auto& [op, count] : m_calls)
        n += count;
    return n;
}
int FakeDescopeApi::write_calls() const {
    std::lock_guard lock(m_mutex);
    int n = 0;
    for (const auto& [op, count] : m_calls)
        n += is_write(op) ? count : 0;
    return n;
}
void FakeDescopeApi::reset_calls() {
    std::lock_guard lock(m_mutex);
    m_calls.clear();
    m_failures = 0;
}

api::ApiStatsSnapshot FakeDescopeApi::stats() const {
    api::ApiStatsSnapshot s;
    s.calls = static_cast<std::uint64_t>(total_calls());
    std::lock_guard lock(m_mutex);
    s.failures = static_cast<std::uint64_t>(m_failures);
    return s;
}

api::ApiResult<std::string> FakeDescopeApi::license_tier() {
    std::lock_guard lock(m_mutex);
    return m_license_tier;
}

void FakeDescopeApi::set_license_tier(api::ApiResult<std::string> tier) {
    std::lock_guard lock(m_mutex);
    m_license_tier = std::move(tier);
}

void FakeDescopeApi::fail_nth_call(ApiOperation op, int n, std::optional<ApiError> error) {
    std::lock_guard lock(m_mutex);
    m_faults.push_back({op, n, "", error ? *error : make_error(op, "", 503, "", "injected fault")});
}
void FakeDescopeApi::fail_subject(ApiOperation op, std::string subject,
                                  std::optional<ApiError> error) {
    std::lock_guard lock(m_mutex);
    ApiError e = error ? *error : make_error(op, subject, 503, "", "injected fault");
    m_faults.push_back({op, 0, std::move(subject), std::move(e)});
}
void FakeDescopeApi::fail_every_call(std::optional<ApiError> error) {
    std::lock_guard lock(m_mutex);
    m_fail_all = error ? *error
                       : make_error(ApiOperation::load_all_tenants, "", 503, "",
                                    "injected fault: the service is down");
}
void FakeDescopeApi::set_credential_hint(std::string hint) {
    std::lock_guard lock(m_mutex);
    m_credential_hint = std::move(hint);
}
void FakeDescopeApi::set_cancellation(const api::CancellationToken* token) {
    std::lock_guard lock(m_mutex);
    m_cancel = token;
}
void FakeDescopeApi::clear_faults() {
    std::lock_guard lock(m_mutex);
    m_faults.clear();
    m_fail_all.reset();
}
void FakeDescopeApi::set_on_call(std::function<void(ApiOperation, const std::string&)> hook) {
    std::lock_guard lock(m_mutex);
    m_on_call = std::move(hook);
}

ApiError FakeDescopeApi::make_error(ApiOperation op, const std::string& subject, int status,
                                    std::string code, std::string message) const {
    ApiError e;
    e.environment = m_environment;
    e.operation = std::string(operation_name(op));
    e.subject = subject;
    e.http_status = status;
    e.error_code = std::move(code);
    e.message = std::move(message);
    e.retryable = status == 429 || status >= 500;
    e.credential_hint = m_credential_hint;
    return e;
}

std::optional<ApiError> FakeDescopeApi::begin(ApiOperation op, const std::string& subject) {
    if (api::is_cancelled(m_cancel)) {
        ApiError e = make_error(op, subject, 0, "", "cancelled");
        e.cancelled = true;
        return e;
    }
    const int n = ++m_calls[op];
    if (m_fail_all) {
        ApiError e = *m_fail_all;
        e.operation = std::string(operation_name(op));
        e.environment = m_environment;
        e.subject = subject;
        e.credential_hint = m_credential_hint;
        ++m_failures;
        return e;
    }
    for (const Fault& f : m_faults) {
        if (f.op != op) continue;
        if ((f.nth > 0 && f.nth == n) || (f.nth == 0 && f.subject == subject)) {
            ApiError e = f.error;
            if (e.operation.empty()) e.operation = std::string(operation_name(op));
            e.environment = m_environment;
            e.subject = subject;
            e.credential_hint = m_credential_hint;
            ++m_failures;
            return e;
        }
    }
    return std::nullopt;
}

std::optional<ApiError> FakeDescopeApi::enter(ApiOperation op, const std::string& subject,
                                              std::unique_lock<std::mutex>& lock) {
    std::function<void(ApiOperation, const std::string&)> hook;
    {
        std::lock_guard guard(m_mutex);
        hook = m_on_call;
    }
    if (hook) hook(op, subject);
    lock = std::unique_lock(m_mutex);
    return begin(op, subject);
}

model::Tenant* FakeDescopeApi::find_tenant(const std::string& id) {
    for (auto& t : m_tenants) {
        if (t.id == id) return &t;
    }
    return nullptr;
}
model::Role* FakeDescopeApi::find_role(const std::string& tenant_id, const std::string& name) {
    for (auto& r : m_roles) {
        if (r.tenant_id == tenant_id && r.name == name) return &r;
    }
    return nullptr;
}
model::Permission* FakeDescopeApi::find_permission(const std::string& name) {
    for (auto& p : m_permissions) {
        if (p.name == name) return &p;
    }
    return nullptr;
}
bool FakeDescopeApi::role_visible(const std::string& tenant_id, const std::string& name) const {
    for (const auto& r : m_roles) {
        if (r.name == name && (r.tenant_id.empty() || r.tenant_id == tenant_id)) return true;
    }
    return false;
}

// --- tenants ---

ApiResult<std::vector<model::Tenant>> FakeDescopeApi::load_all_tenants() {
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(ApiOperation::load_all_tenants, "", lock))
        return fail<std::vector<model::Tenant>>(*e);
    std::vector<model::Tenant> out = m_tenants;
    for (auto& t : out)
        t.session_settings.reset();  // tenant/all does not carry settings
    return out;
}

ApiResult<model::Tenant> FakeDescopeApi::load_tenant(const std::string& id) {
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(ApiOperation::load_tenant, id, lock)) return fail<model::Tenant>(*e);
    const model::Tenant* t = find_tenant(id);
    if (t == nullptr) {
        return fail<model::Tenant>(make_error(ApiOperation::load_tenant, id, 404, "E011004",
                                              "tenant " + id + " not found"));
    }
    model::Tenant out = *t;
    out.session_settings.reset();
    return out;
}

ApiResult<std::string> FakeDescopeApi::create_tenant(const model::Tenant& tenant) {
    constexpr auto op = ApiOperation::create_tenant;
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(op, tenant.id, lock)) return fail<std::string>(*e);
    if (tenant.name.empty()) {
        return fail<std::string>(
            make_error(op, tenant.id, 400, "E011002", "The name field is required"));
    }
    if (!tenant.id.empty() && find_tenant(tenant.id)) {
        return fail<std::string>(
            make_error(op, tenant.id, 409, "E011004", "tenant id already exists"));
    }
    for (const auto& t : m_tenants) {
        if (t.name == tenant.name) {
            return fail<std::string>(
                make_error(op, tenant.id, 409, "E011004", "tenant name already exists"));
        }
    }
    if (!tenant.parent.empty() && !find_tenant(tenant.parent)) {
        return fail<std::string>(
            make_error(op, tenant.id, 400, "E011004", "unknown parent tenant " + tenant.parent));
    }
    model::Tenant stored = tenant;
    if (stored.id.empty()) stored.id = "T" + std::to_string(++m_generated_ids);
    stored.default_roles.clear();     // separate call
    stored.session_settings.reset();  // separate call
    m_tenants.push_back(stored);
    return stored.id;
}

ApiResult<void> FakeDescopeApi::update_tenant(const model::Tenant& tenant) {
    constexpr auto op = ApiOperation::update_tenant;
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(op, tenant.id, lock)) return fail<void>(*e);
    if (tenant.name.empty())
        return fail<void>(make_error(op, tenant.id, 400, "E011002", "The name field is required"));
    model::Tenant* t = find_tenant(tenant.id);
    if (t == nullptr)
        return fail<void>(make_error(op, tenant.id, 404, "E011004", "tenant not found"));
    for (const auto& other : m_tenants) {
        if (other.id != tenant.id && other.name == tenant.name) {
            return fail<void>(
                make_error(op, tenant.id, 409, "E011004", "tenant name already exists"));
        }
    }
    // Full replace of the updatable fields; parent, default roles and settings are kept.
    t->name = tenant.name;
    t->self_provisioning_domains = tenant.self_provisioning_domains;
    t->custom_attributes = tenant.custom_attributes;
    t->enforce_sso = tenant.enforce_sso;
    t->disabled = tenant.disabled;
    return {};
}

ApiResult<void> FakeDescopeApi::delete_tenant(const std::string& id, bool cascade) {
    constexpr auto op = ApiOperation::delete_tenant;
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(op, id, lock)) return fail<void>(*e);
    if (!find_tenant(id)) return fail<void>(make_error(op, id, 404, "E011004", "tenant not found"));
    for (const auto& t : m_tenants) {
        if (t.parent == id && !cascade) {
            return fail<void>(
                make_error(op, id, 400, "E011004", "tenant has sub-tenants: " + t.id));
        }
    }
    std::vector<std::string> gone = {id};
    for (std::size_t i = 0; i < gone.size(); ++i) {  // cascade: sub-tenants too
        for (const auto& t : m_tenants) {
            if (t.parent == gone[i]) gone.push_back(t.id);
        }
    }
    auto is_gone = [&](const std::string& tid) {
        return std::find(gone.begin(), gone.end(), tid) != gone.end();
    };
    std::erase_if(m_tenants, [&](const model::Tenant& t) { return is_gone(t.id); });
    std::erase_if(m_roles, [&](const model::Role& r) {
        return !r.tenant_id.empty() && is_gone(r.tenant_id);
    });
    return {};
}

ApiResult<model::SessionSettings> FakeDescopeApi::load_tenant_settings(const std::string& id) {
    constexpr auto op = ApiOperation::load_tenant_settings;
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(op, id, lock)) return fail<model::SessionSettings>(*e);
    const model::Tenant* t = find_tenant(id);
    if (t == nullptr)
        return fail<model::SessionSettings>(make_error(op, id, 404, "E011004", "tenant not found"));
    return t->session_settings.value_or(model::SessionSettings{});
}

ApiResult<void> FakeDescopeApi::update_tenant_settings(const model::Tenant& tenant) {
    constexpr auto op = ApiOperation::update_tenant_settings;
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(op, tenant.id, lock)) return fail<void>(*e);
    model::Tenant* t = find_tenant(tenant.id);
    if (t == nullptr)
        return fail<void>(make_error(op, tenant.id, 404, "E011004", "tenant not found"));
    if (!tenant.session_settings)
        return fail<void>(make_error(op, tenant.id, 400, "E011002", "settings missing"));
    t->session_settings = tenant.session_settings;
    t->self_provisioning_domains = tenant.self_provisioning_domains;  // shared with the record
    return {};
}

ApiResult<void> FakeDescopeApi::update_default_roles(const std::string& tenant_id,
                                                     const std::vector<std::string>& roles) {
    constexpr auto op = ApiOperation::update_default_roles;
    std::unique_lock<std::mutex> lock;
    if (auto e = enter(op, tenant_id, lock)) return fail<void>(*e);
    model::Tenant* t = find_tenant(tenant_id);
    if (t == nullptr)
        return fail<void>(make_error(op, tenant_id, 404, "E011004", "tenant not found"));
    for (const auto& r : roles) {
        if (!role_visible(tenant_id, r)) {
            return fail<void>(make_error(op, tenant_id, 400, "E011004", "unknown role " + r));
        }
    }
    t->default_roles = roles;
    return {};
}

}  // namespace descope_mgmt::test
