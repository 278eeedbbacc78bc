#pragma once
// A hand-written, in-memory DescopeApi with Descope's semantics (descope-api.md §3, §6, §7), for
// tests of the plan and apply engines:
//  * updates replace the whole record; a tenant's parent is set only at creation;
//  * duplicate ids/names and unknown ids, parents, permissions and roles are errors;
//  * deleting a tenant that has sub-tenants is refused; deleting a tenant removes its roles;
//    deleting a permission removes it from roles; deleting a role removes it from default roles;
//  * every call is counted per operation, and faults can be injected per call.
// Thread-safe: every method locks one mutex.

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/cancellation.hpp"
#include "api/descope_api.hpp"

namespace descope_mgmt::test {

enum class ApiOperation {
    load_all_tenants,
    load_tenant,
    create_tenant,
    update_tenant,
    delete_tenant,
    load_tenant_settings,
    update_tenant_settings,
    update_default_roles,
    load_all_permissions,
    create_permission,
    update_permission,
    delete_permission,
    load_all_roles,
    create_role,
    update_role,
    delete_role,
    list_flows,
    export_flow,
    import_flow,
    delete_flows,
    export_theme,
    import_theme,
    list_projects,
    load_project_name,
    update_project_name,
};

/// True for the operations that change a project (creates, updates, deletes, imports).
bool is_write(ApiOperation op);

/// "tenant create", "role update", ... (as in ApiError::operation).
std::string_view operation_name(ApiOperation op);

class FakeDescopeApi final : public api::DescopeApi {
  public:
    explicit FakeDescopeApi(std::string environment = "test",
                            std::string project_id = "P2faketestprojectid000000000");

    // --- Test set-up: direct writes, not counted, no validation beyond unique keys. ---
    /// Stores a tenant as is, including its default roles and session settings.
    void seed_tenant(model::Tenant tenant);
    void seed_role(model::Role role);
    void seed_permission(model::Permission permission);
    void seed_project_name(std::string name);

    // --- What the project holds now (not counted). ---
    /// Every tenant in creation order, with default roles and session settings (nullopt = never
    /// configured).
    std::vector<model::Tenant> tenants() const;
    std::vector<model::Role> roles() const;
    std::vector<model::Permission> permissions() const;
    std::string project_name() const;

    // --- Call counting. ---
    int calls(ApiOperation op) const;
    int total_calls() const;
    /// Calls that changed (or tried to change) something.
    int write_calls() const;
    void reset_calls();

    // --- Fault injection. A failed call changes nothing and is still counted. ---
    /// The n-th call (1-based, counting from construction or reset_calls) of `op` fails with
    /// `error` (by default a 503).
    void fail_nth_call(ApiOperation op, int n, std::optional<api::ApiError> error = std::nullopt);
    /// Every call of `op` whose subject (tenant id, role key "tenant/name", permission name) is
    /// `subject` fails.
    void fail_subject(ApiOperation op, std::string subject,
                      std::optional<api::ApiError> error = std::nullopt);
    /// Every call, of any operation, fails (the service is down, or refuses the key).
    void fail_every_call(std::optional<api::ApiError> error = std::nullopt);
    /// As HttpDescopeApi's ClientOptions::credential_hint: carried by every error it returns.
    void set_credential_hint(std::string hint);
    /// As HttpDescopeApi: once `token` is cancelled, every call is refused with
    /// error.cancelled, and not counted (nothing was sent).
    void set_cancellation(const api::CancellationToken* token);
    /// Removes every injected fault (the service recovered).
    void clear_faults();
    /// Called (outside the lock) at the start of every call, e.g. to block until a test says go,
    /// or to request cancellation in the middle of an apply.
    void set_on_call(std::function<void(ApiOperation, const std::string& subject)> hook);

    // --- DescopeApi ---
    api::ApiResult<std::vector<model::Tenant>> load_all_tenants() override;
    api::ApiResult<model::Tenant> load_tenant(const std::string& id) override;
    api::ApiResult<std::string> create_tenant(const model::Tenant& tenant) override;
    api::ApiResult<void> update_tenant(const model::Tenant& tenant) override;
    api::ApiResult<void> delete_tenant(const std::string& id, bool cascade) override;
    api::ApiResult<model::SessionSettings> load_tenant_settings(const std::string& id) override;
    api::ApiResult<void> update_tenant_settings(const model::Tenant& tenant) override;
    api::ApiResult<void> update_default_roles(const std::string& tenant_id,
                                              const std::vector<std::string>& roles) override;
    api::ApiResult<std::vector<model::Permission>> load_all_permissions() override;
    api::ApiResult<void> create_permission(const model::Permission& permission) override;
    api::ApiResult<void> update_permission(const std::string& name,
                                           const model::Permission& permission) override;
    api::ApiResult<void> delete_permission(const std::string& name) override;
    api::ApiResult<std::vector<model::Role>> load_all_roles() override;
    api::ApiResult<void> create_role(const model::Role& role) override;
    api::ApiResult<void> update_role(const std::string& name, const model::Role& role) override;
    api::ApiResult<void> delete_role(const std::string& name,
                                     const std::string& tenant_id) override;
    api::ApiResult<std::vector<model::FlowSummary>> list_flows() override;
    api::ApiResult<model::Flow> export_flow(const std::string& id) override;
    api::ApiResult<void> import_flow(const model::Flow& flow) override;
    api::ApiResult<void> delete_flows(const std::vector<std::string>& ids) override;
    api::ApiResult<model::Theme> export_theme() override;
    api::ApiResult<void> import_theme(const model::Theme& theme) override;
    api::ApiResult<std::vector<model::ProjectInfo>> list_projects() override;
    api::ApiResult<std::string> load_project_name() override;
    api::ApiResult<void> update_project_name(const std::string& name) override;
    /// `calls` is total_calls(); `failures` the calls that returned an injected fault.
    api::ApiStatsSnapshot stats() const override;
    /// "free" unless set_license_tier() said otherwise (or an error).
    api::ApiResult<std::string> license_tier() override;
    void set_license_tier(api::ApiResult<std::string> tier);
    /// "fake://ENVIRONMENT".
    std::string base_url() const override { return "fake://" + m_environment; }

  private:
    template <class T>
    static api::ApiResult<T> fail(api::ApiError e) {
        return util::unexpected(std::move(e));
    }
    struct Fault {
        ApiOperation op;
        int nth = 0;          // 0 = by subject
        std::string subject;  // when nth == 0
        api::ApiError error;
    };

    /// Counts the call and returns the injected fault, if any. Caller holds m_mutex.
    std::optional<api::ApiError> begin(ApiOperation op, const std::string& subject);
    /// Runs the hook, then locks and counts: the common prologue of every method.
    std::optional<api::ApiError> enter(ApiOperation op, const std::string& subject,
                                       std::unique_lock<std::mutex>& lock);
    api::ApiError make_error(ApiOperation op, const std::string& subject, int status,
                             std::string code, std::string message) const;
    model::Tenant* find_tenant(const std::string& id);
    model::Role* find_role(const std::string& tenant_id, const std::string& name);
    model::Permission* find_permission(const std::string& name);
    bool role_visible(const std::string& tenant_id, const std::string& name) const;

    std::string m_environment;
    std::string m_project_id;
    mutable std::mutex m_mutex;
    std::vector<model::Tenant> m_tenants;  // creation order
    std::vector<model::Role> m_roles;
    std::vector<model::Permission> m_permissions;
    std::vector<model::Flow> m_flows;
    std::optional<model::Theme> m_theme;
    std::string m_project_name = "Fake project";
    int m_generated_ids = 0;
    std::map<ApiOperation, int> m_calls;
    int m_failures = 0;
    api::ApiResult<std::string> m_license_tier = std::string("free");
    std::vector<Fault> m_faults;
    std::optional<api::ApiError> m_fail_all;
    const api::CancellationToken* m_cancel = nullptr;
    std::string m_credential_hint;
    std::function<void(ApiOperation, const std::string&)> m_on_call;
};

}  // namespace descope_mgmt::test
