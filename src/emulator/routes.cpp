#include "emulator/routes.hpp"

#include <nlohmann/json.hpp>

namespace descope_mgmt::emulator {

namespace {

using nlohmann::json;

// Shorthands for the route table below: R = read-only, W = mutating, D = deleting.
Route R(const char* method, const char* path,
        std::function<Reply(ProjectStore&, const RouteInput&)> f) {
    return Route{method, path, false, false, std::move(f)};
}
Route W(const char* path, std::function<Reply(ProjectStore&, const RouteInput&)> f) {
    return Route{"POST", path, true, false, std::move(f)};
}
Route D(const char* path, std::function<Reply(ProjectStore&, const RouteInput&)> f) {
    return Route{"POST", path, true, true, std::move(f)};
}

std::vector<Route> make_routes() {
    using S = ProjectStore;
    using I = RouteInput;
    return {
        R("GET", "/v1/mgmt/license",
          [](S&, const I&) -> Reply {
              return json{{"rateLimitTier", "tier1"}};
          }),
        // Tenants (§3)
        W("/v1/mgmt/tenant/create", [](S& s, const I& in) { return s.tenants().create(in.body); }),
        W("/v1/mgmt/tenant/update", [](S& s, const I& in) { return s.tenants().update(in.body); }),
        D("/v1/mgmt/tenant/delete", [](S& s, const I& in) { return s.delete_tenant(in.body); }),
        R("GET", "/v1/mgmt/tenant",
          [](S& s, const I& in) { return s.tenants().load(in.param("id")); }),
        R("GET", "/v1/mgmt/tenant/all", [](S& s, const I&) { return s.tenants().all(); }),
        R("POST", "/v1/mgmt/tenant/search",
          [](S& s, const I& in) { return s.tenants().search(in.body); }),
        R("GET", "/v1/mgmt/tenant/settings",
          [](S& s, const I& in) { return s.tenants().settings(in.param("id")); }),
        W("/v1/mgmt/tenant/settings",
          [](S& s, const I& in) { return s.tenants().configure_settings(in.body); }),
        W("/v1/mgmt/tenant/updateDefaultRoles",
          [](S& s, const I& in) { return s.update_default_roles(in.body); }),
        // Roles and permissions (§6)
        W("/v1/mgmt/role/create", [](S& s, const I& in) { return s.create_role(in.body); }),
        W("/v1/mgmt/role/update", [](S& s, const I& in) { return s.update_role(in.body); }),
        D("/v1/mgmt/role/delete", [](S& s, const I& in) { return s.delete_role(in.body); }),
        R("GET", "/v1/mgmt/role/all", [](S& s, const I&) { return s.roles().all(); }),
        R("POST", "/v1/mgmt/role/search",
          [](S& s, const I& in) { return s.roles().search(in.body); }),
        W("/v1/mgmt/permission/create",
          [](S& s, const I& in) { return s.roles().create_permission(in.body); }),
        W("/v1/mgmt/permission/update",
          [](S& s, const I& in) { return s.roles().update_permission(in.body); }),
        D("/v1/mgmt/permission/delete",
          [](S& s, const I& in) { return s.roles().remove_permission(in.body); }),
        R("GET", "/v1/mgmt/permission/all",
          [](S& s, const I&) { return s.roles().all_permissions(); }),
        // Flows and theme (§4)
        R("POST", "/v1/mgmt/flow/list", [](S& s, const I& in) { return s.flows().list(in.body); }),
        R("POST", "/v1/mgmt/flow/export",
          [](S& s, const I& in) { return s.flows().export_v1(in.body); }),
        W("/v1/mgmt/flow/import", [](S& s, const I& in) { return s.flows().import_v1(in.body); }),
        D("/v1/mgmt/flow/delete", [](S& s, const I& in) { return s.flows().remove(in.body); }),
        R("POST", "/v2/mgmt/flow/export",
          [](S& s, const I& in) { return s.flows().export_v2(in.body); }),
        W("/v2/mgmt/flow/import", [](S& s, const I& in) { return s.flows().import_v2(in.body); }),
        R("POST", "/v1/mgmt/theme/export",
          [](S& s, const I&) { return s.flows().export_theme_v1(); }),
        W("/v1/mgmt/theme/import",
          [](S& s, const I& in) { return s.flows().import_theme_v1(in.body); }),
        R("POST", "/v2/mgmt/theme/export",
          [](S& s, const I&) { return s.flows().export_theme_v2(); }),
        W("/v2/mgmt/theme/import",
          [](S& s, const I& in) { return s.flows().import_theme_v2(in.body); }),
        // Project (§5)
        W("/v1/mgmt/project/update/name", [](S& s, const I& in) { return s.update_name(in.body); }),
        W("/v1/mgmt/project/update/tags", [](S& s, const I& in) { return s.update_tags(in.body); }),
        // POST /v1/mgmt/projects/list spans every project and needs a company key (R1): the
        // server answers it itself (Server::list_projects).
    };
}

}  // namespace

std::string RouteInput::param(const std::string& name) const {
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
}

const std::vector<Route>& routes() {
    static const std::vector<Route> table = make_routes();
    return table;
}

const Route* find_route(const std::string& method, const std::string& path) {
    for (const auto& route : routes()) {
        if (method == route.method && path == route.path) return &route;
    }
    return nullptr;
}

}  // namespace descope_mgmt::emulator
