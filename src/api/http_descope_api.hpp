#pragma once
// DescopeApi over HTTP: the exact paths and bodies of descope-api.md, through a RequestRunner
// (rate limit before sending, retries, logs, stats). One instance per environment; several
// environments may share one transport and, with `rate_limit.scope: shared`, one limiter.
//
// Writes are repeated only when safe: updates, deletes and imports are idempotent; a create
// with a client-chosen key (tenant id, role or permission name) whose earlier attempt may have
// been applied (timeout, reset, 5xx) and whose retry then fails (e.g. "already exists") is
// checked by reading the object back: when it matches what was sent, the create succeeded.
// The same check covers a rename retried after a lost answer (404 for the old name) and a
// delete retried after a lost answer (404). A create without an id is not repeated once it
// may have reached the server.

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "api/api_stats.hpp"
#include "api/client_options.hpp"
#include "api/descope_api.hpp"
#include "api/http_transport.hpp"
#include "api/rate_limiter.hpp"
#include "api/request_runner.hpp"
#include "util/clock.hpp"

namespace descope_mgmt::api {

class HttpDescopeApi final : public DescopeApi {
  public:
    /// `options.base_url` must be resolved (resolve_base_url). The clock must outlive this.
    HttpDescopeApi(ClientOptions options, std::shared_ptr<HttpTransport> transport,
                   std::shared_ptr<RateLimiter> limiter,
                   util::Clock& clock = util::SystemClock::instance());

    const std::string& environment() const { return m_runner.options().environment; }
    const std::string& project_id() const { return m_runner.options().project_id; }
    /// Calls, retries, 429s and waits so far.
    ApiStatsSnapshot stats() const override { return m_runner.stats(); }
    /// RequestRunner::license_tier.
    ApiResult<std::string> license_tier() override { return m_runner.license_tier(); }
    std::string base_url() const override { return m_runner.options().base_url; }

    ApiResult<std::vector<model::Tenant>> load_all_tenants() override;
    ApiResult<model::Tenant> load_tenant(const std::string& id) override;
    ApiResult<std::string> create_tenant(const model::Tenant& tenant) override;
    ApiResult<void> update_tenant(const model::Tenant& tenant) override;
    ApiResult<void> delete_tenant(const std::string& id, bool cascade) override;
    ApiResult<model::SessionSettings> load_tenant_settings(const std::string& id) override;
    ApiResult<void> update_tenant_settings(const model::Tenant& tenant) override;
    ApiResult<void> update_default_roles(const std::string& tenant_id,
                                         const std::vector<std::string>& roles) override;

    ApiResult<std::vector<model::Permission>> load_all_permissions() override;
    ApiResult<void> create_permission(const model::Permission& permission) override;
    ApiResult<void> update_permission(const std::string& name,
                                      const model::Permission& permission) override;
    ApiResult<void> delete_permission(const std::string& name) override;

    ApiResult<std::vector<model::Role>> load_all_roles() override;
    ApiResult<void> create_role(const model::Role& role) override;
    ApiResult<void> update_role(const std::string& name, const model::Role& role) override;
    ApiResult<void> delete_role(const std::string& name, const std::string& tenant_id) override;

    ApiResult<std::vector<model::FlowSummary>> list_flows() override;
    ApiResult<model::Flow> export_flow(const std::string& id) override;
    ApiResult<void> import_flow(const model::Flow& flow) override;
    ApiResult<void> delete_flows(const std::vector<std::string>& ids) override;

    ApiResult<model::Theme> export_theme() override;
    ApiResult<void> import_theme(const model::Theme& theme) override;

    ApiResult<std::vector<model::ProjectInfo>> list_projects() override;
    ApiResult<std::string> load_project_name() override;
    ApiResult<void> update_project_name(const std::string& name) override;

  private:
    /// Runs `spec` and returns the raw 2xx JSON body (reads).
    ApiResult<nlohmann::json> run_json(const RequestSpec& spec);
    /// Reads back after a create, rename or delete whose outcome is unknown, and says whether
    /// `applied` finds the intended state. Unknown: an attempt may have been applied (a lost
    /// answer, a reset, a timeout: ApiError::may_have_applied), or the server refused the write
    /// in a way an applied earlier copy explains ("already exists", "not found": any 4xx but a
    /// bad key or a rate limit). The second case covers copies the runner never saw: libcurl
    /// sends a request again by itself when a reused connection dies before any answer, and
    /// that copy meets what the first one made. An object that already matches is a success,
    /// whoever made it. The status class only, never a code or text (R15).
    bool confirm_applied(const ApiError& error, const std::string& what,
                         const std::function<bool()>& applied);

    RequestRunner m_runner;
};

/// Percent-encodes a query value like JavaScript's encodeURIComponent.
std::string encode_uri_component(std::string_view value);

}  // namespace descope_mgmt::api
