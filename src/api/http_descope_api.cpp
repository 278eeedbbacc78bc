// HttpDescopeApi: construction, shared helpers and the tenant operations (descope-api.md §3).
// Roles and permissions are in http_descope_api_roles.cpp, flows/theme/project in
// http_descope_api_flows.cpp.
#include "api/http_descope_api.hpp"

#include "api/http_api_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "wire/json_reader.hpp"
#include "wire/settings_wire.hpp"
#include "wire/tenant_wire.hpp"

namespace descope_mgmt::api {

using nlohmann::json;

std::string encode_uri_component(std::string_view value) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : value) {
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') ||
                          std::string_view("-_.!~*'()").find(c) != std::string_view::npos;
        if (keep) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

namespace internal {

bool same_set(std::vector<std::string> a, std::vector<std::string> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
    return a == b;
}

RequestSpec make_spec(const char* method, std::string path, RequestSafety safety,
                      std::string operation, std::string subject, const json* body) {
    RequestSpec s;
    s.method = method;
    s.path = std::move(path);
    s.safety = safety;
    s.operation = std::move(operation);
    s.subject = std::move(subject);
    if (body) s.body = wire::to_text(*body);
    return s;
}

}  // namespace internal

namespace {

using internal::same_set;
using internal::take;

/// The live tenant has what a create of `sent` would have stored.
bool tenant_matches(const model::Tenant& sent, const model::Tenant& live) {
    return live.id == sent.id && live.name == sent.name &&
           same_set(live.self_provisioning_domains, sent.self_provisioning_domains) &&
           live.custom_attributes == sent.custom_attributes &&
           live.enforce_sso == sent.enforce_sso && live.disabled == sent.disabled &&
           live.parent == sent.parent;
}

RequestSpec spec(const char* method, std::string path, RequestSafety safety, std::string operation,
                 std::string subject, const json* body = nullptr) {
    return internal::make_spec(method, std::move(path), safety, std::move(operation),
                               std::move(subject), body);
}

/// Descope refuses a tenant custom attribute that the project does not define (R4), and no API
/// defines one. The refusal's own message names the attribute; this says where to define it. Only
/// the status class is used (400-499 but bad key, not found and rate limit), never the text.
ApiError explain_attributes(ApiError e, const model::Tenant& tenant) {
    const int s = e.http_status;
    if (tenant.custom_attributes.empty() || s < 400 || s >= 500 || s == 401 || s == 403 ||
        s == 404 || s == 429) {
        return e;
    }
    std::string names;
    for (const auto& [name, value] : tenant.custom_attributes)
        names += (names.empty() ? "" : ", ") + name;
    e.message += fmt::format(
        "{}(if a custom attribute was refused: tenant custom attributes must first be defined in "
        "the project, on the Custom Attributes tab of the Tenants page of the Descope console; "
        "this tenant sets {})",
        e.message.empty() ? "" : " ", names);
    return e;
}

}  // namespace

HttpDescopeApi::HttpDescopeApi(ClientOptions options, std::shared_ptr<HttpTransport> transport,
                               std::shared_ptr<RateLimiter> limiter, util::Clock& clock)
    : m_runner(std::move(options), std::move(transport), std::move(limiter), clock) {}

ApiResult<json> HttpDescopeApi::run_json(const RequestSpec& s) {
    json out;
    auto r = m_runner.run(s, [&out](const json& body) -> util::Result<void> {
        if (!body.is_object()) {
            return util::error("expected a JSON object, got " + wire::json_type_name(body));
        }
        out = body;
        return {};
    });
    if (!r) return util::unexpected(r.error());
    return out;
}

bool HttpDescopeApi::confirm_applied(const ApiError& error, const std::string& what,
                                     const std::function<bool()>& applied) {
    if (error.cancelled) return false;
    const int s = error.http_status;
    const bool refused_as_a_repeat =
        s >= 400 && s < 500 && s != 401 && s != 403 && s != 429 && !error.retry_after_seconds;
    if (!error.may_have_applied && !refused_as_a_repeat) return false;
    if (!applied()) return false;
    m_runner.log(1, fmt::format("confirmed: {}: {}: {}; reading it back shows it done (an earlier "
                                "copy of the request was applied and its answer lost, or another "
                                "run did it)",
                                environment(), what, error.to_string()));
    return true;
}

ApiResult<std::vector<model::Tenant>> HttpDescopeApi::load_all_tenants() {
    std::vector<model::Tenant> out;
    auto r =
        m_runner.run(spec("GET", "/v1/mgmt/tenant/all", RequestSafety::read, "tenant list", ""),
                     [&out](const json& body) { return take(wire::parse_tenant_list(body), out); });
    if (!r) return util::unexpected(r.error());
    return out;
}

ApiResult<model::Tenant> HttpDescopeApi::load_tenant(const std::string& id) {
    model::Tenant out;
    auto r =
        m_runner.run(spec("GET", "/v1/mgmt/tenant?id=" + encode_uri_component(id),
                          RequestSafety::read, "tenant load", id),
                     [&out](const json& body) { return take(wire::parse_tenant_load(body), out); });
    if (!r) return util::unexpected(r.error());
    return out;
}

ApiResult<std::string> HttpDescopeApi::create_tenant(const model::Tenant& tenant) {
    const json body = wire::tenant_create_body(tenant);
    const bool keyed = !tenant.id.empty();
    auto s = spec("POST", "/v1/mgmt/tenant/create",
                  keyed ? RequestSafety::create_with_key : RequestSafety::create_without_key,
                  "tenant create", keyed ? tenant.id : tenant.name, &body);
    if (keyed) {
        // The id is ours: the answer body ({"id"}) adds nothing to read.
        auto r = m_runner.run(s);
        if (r) return tenant.id;
        if (confirm_applied(r.error(), "tenant create \"" + tenant.id + "\"", [&] {
                auto live = load_tenant(tenant.id);
                return live && tenant_matches(tenant, *live);
            })) {
            return tenant.id;
        }
        return util::unexpected(explain_attributes(r.error(), tenant));
    }
    std::string id;
    auto r = m_runner.run(s, [&id](const json& answer) {
        return take(wire::parse_tenant_create_answer(answer), id);
    });
    if (!r) return util::unexpected(explain_attributes(r.error(), tenant));
    return id;
}

ApiResult<void> HttpDescopeApi::update_tenant(const model::Tenant& tenant) {
    std::optional<json> live;
    if (m_runner.options().preserve_unmanaged_fields) {
        auto loaded = run_json(spec("GET", "/v1/mgmt/tenant?id=" + encode_uri_component(tenant.id),
                                    RequestSafety::read, "tenant update", tenant.id));
        if (!loaded) return util::unexpected(loaded.error());
        if (const json* raw = wire::raw_tenant_in_load(*loaded)) live = *raw;
    }
    const json body = wire::tenant_update_body(tenant, live ? &*live : nullptr);
    auto r = m_runner.run(spec("POST", "/v1/mgmt/tenant/update", RequestSafety::idempotent_write,
                               "tenant update", tenant.id, &body));
    if (!r) return util::unexpected(explain_attributes(r.error(), tenant));
    return r;
}

ApiResult<void> HttpDescopeApi::delete_tenant(const std::string& id, bool cascade) {
    const json body = wire::tenant_delete_body(id, cascade);
    auto r = m_runner.run(spec("POST", "/v1/mgmt/tenant/delete", RequestSafety::idempotent_write,
                               "tenant delete", id, &body));
    // "Not found" on a repeat after a lost answer: the first copy deleted it. The list says so.
    if (!r && confirm_applied(r.error(), "tenant delete \"" + id + "\"", [&] {
            auto all = load_all_tenants();
            return all && std::none_of(all->begin(), all->end(),
                                       [&](const model::Tenant& t) { return t.id == id; });
        })) {
        return {};
    }
    return r;
}

ApiResult<model::SessionSettings> HttpDescopeApi::load_tenant_settings(const std::string& id) {
    model::SessionSettings out;
    auto r = m_runner.run(
        spec("GET", "/v1/mgmt/tenant/settings?id=" + encode_uri_component(id), RequestSafety::read,
             "tenant settings load", id),
        [&out](const json& body) { return take(wire::settings_from_json(body), out); });
    if (!r) return util::unexpected(r.error());
    return out;
}

ApiResult<void> HttpDescopeApi::update_tenant_settings(const model::Tenant& tenant) {
    auto s = spec("POST", "/v1/mgmt/tenant/settings", RequestSafety::idempotent_write,
                  "tenant settings update", tenant.id);
    if (!tenant.session_settings) {
        return util::unexpected(m_runner.local_error(s, "no session settings to send"));
    }
    // Always read first: the POST replaces the whole record, and what the config leaves out must
    // be sent as it is live (wire::settings_update_body).
    auto live =
        run_json(spec("GET", "/v1/mgmt/tenant/settings?id=" + encode_uri_component(tenant.id),
                      RequestSafety::read, "tenant settings update", tenant.id));
    if (!live) return util::unexpected(live.error());
    auto body = wire::settings_update_body(tenant.id, tenant.self_provisioning_domains,
                                           *tenant.session_settings, &*live);
    if (!body) return util::unexpected(m_runner.local_error(s, body.error().message));
    s.body = wire::to_text(*body);
    return m_runner.run(s);
}

ApiResult<void> HttpDescopeApi::update_default_roles(const std::string& tenant_id,
                                                     const std::vector<std::string>& roles) {
    const json body = wire::default_roles_body(tenant_id, roles);
    return m_runner.run(spec("POST", "/v1/mgmt/tenant/updateDefaultRoles",
                             RequestSafety::idempotent_write, "tenant default roles update",
                             tenant_id, &body));
}

}  // namespace descope_mgmt::api
