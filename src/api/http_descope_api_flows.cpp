// HttpDescopeApi: flows and the theme (descope-api.md §4, v1) and the project (§5).
#include <nlohmann/json.hpp>

#include "api/http_api_internal.hpp"
#include "api/http_descope_api.hpp"

#include <fmt/format.h>
#include "wire/flow_wire.hpp"
#include "wire/json_reader.hpp"
#include "wire/project_wire.hpp"

namespace descope_mgmt::api {

using internal::make_spec;
using internal::take;
using nlohmann::json;

namespace {
const json& empty_object() {
    static const json kEmpty = json::object();
    return kEmpty;
}
}  // namespace

ApiResult<std::vector<model::FlowSummary>> HttpDescopeApi::list_flows() {
    std::vector<model::FlowSummary> out;
    auto r =
        m_runner.run(make_spec("POST", "/v1/mgmt/flow/list", RequestSafety::read, "flow list", "",
                               &empty_object()),
                     [&out](const json& body) { return take(wire::parse_flow_list(body), out); });
    if (!r) return util::unexpected(r.error());
    return out;
}

ApiResult<model::Flow> HttpDescopeApi::export_flow(const std::string& id) {
    const json body = wire::flow_export_body(id);
    model::Flow out;
    auto r = m_runner.run(
        make_spec("POST", "/v1/mgmt/flow/export", RequestSafety::read, "flow export", id, &body),
        [&out, &id](const json& answer) { return take(wire::parse_flow_export(id, answer), out); });
    if (!r) return util::unexpected(r.error());
    return out;
}

ApiResult<void> HttpDescopeApi::import_flow(const model::Flow& flow) {
    auto s = make_spec("POST", "/v1/mgmt/flow/import", RequestSafety::idempotent_write,
                       "flow import", flow.id);
    auto body = wire::flow_import_body(flow);
    if (!body) return util::unexpected(m_runner.local_error(s, body.error().message));
    s.body = wire::to_text(*body);
    return m_runner.run(s);  // an upsert: repeating it is harmless
}

ApiResult<void> HttpDescopeApi::delete_flows(const std::vector<std::string>& ids) {
    const json body = wire::flow_delete_body(ids);
    std::string subject;
    for (const auto& id : ids)
        subject += (subject.empty() ? "" : ",") + id;
    return m_runner.run(make_spec("POST", "/v1/mgmt/flow/delete", RequestSafety::idempotent_write,
                                  "flow delete", subject, &body));
}

ApiResult<model::Theme> HttpDescopeApi::export_theme() {
    model::Theme out;
    auto r = m_runner.run(
        make_spec("POST", "/v1/mgmt/theme/export", RequestSafety::read, "theme export", "",
                  &empty_object()),
        [&out](const json& body) { return take(wire::parse_theme_export(body), out); });
    if (!r) return util::unexpected(r.error());
    return out;
}

ApiResult<void> HttpDescopeApi::import_theme(const model::Theme& theme) {
    auto s = make_spec("POST", "/v1/mgmt/theme/import", RequestSafety::idempotent_write,
                       "theme import", "");
    auto body = wire::theme_import_body(theme);
    if (!body) return util::unexpected(m_runner.local_error(s, body.error().message));
    s.body = wire::to_text(*body);
    return m_runner.run(s);
}

ApiResult<std::vector<model::ProjectInfo>> HttpDescopeApi::list_projects() {
    std::vector<model::ProjectInfo> out;
    auto r = m_runner.run(
        make_spec("POST", "/v1/mgmt/projects/list", RequestSafety::read, "project list", "",
                  &empty_object()),
        [&out](const json& body) { return take(wire::parse_project_list(body), out); });
    if (!r) return util::unexpected(r.error());
    return out;
}

ApiResult<std::string> HttpDescopeApi::load_project_name() {
    auto projects = list_projects();
    if (!projects) {
        ApiError e = projects.error();
        e.operation = "project name load";
        // projects/list needs a company-level key (R1, docs/real-service.md): a key limited to some
        // projects is refused there although it works everywhere else. Said plainly; a 401/403
        // is never retried.
        if (e.http_status == 401 || e.http_status == 403) {
            e.needs_company_key = true;
            e.message = fmt::format(
                "projects/list refused this management key (HTTP {}): reading the project name "
                "needs a company-level management key (one not limited to specific projects); "
                "use such a key for this environment, or remove its project_name from the config",
                e.http_status);
        }
        return util::unexpected(std::move(e));
    }
    for (const auto& p : *projects)
        if (p.id == project_id()) return p.name;
    auto s = make_spec("POST", "/v1/mgmt/projects/list", RequestSafety::read, "project name load",
                       project_id());
    return util::unexpected(
        m_runner.local_error(s, "the project is not in the projects/list answer"));
}

ApiResult<void> HttpDescopeApi::update_project_name(const std::string& name) {
    const json body = wire::project_name_body(name);
    return m_runner.run(make_spec("POST", "/v1/mgmt/project/update/name",
                                  RequestSafety::idempotent_write, "project name update", name,
                                  &body));
}

}  // namespace descope_mgmt::api
