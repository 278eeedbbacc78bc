#pragma once
// The management endpoints the emulator serves (descope-api.md §10) as data: method, path, and
// the ProjectStore call that answers it. The HTTP server owns authentication, rate limiting,
// faults and logging; a route only maps a parsed request onto the store.

#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "emulator/project_store.hpp"
#include "emulator/wire_schema.hpp"

namespace descope_mgmt::emulator {

struct RouteInput {
    const nlohmann::json& body;                       // {} for GET and for an empty body
    const std::map<std::string, std::string>& query;  // decoded query parameters

    /// The query parameter `name`, "" when absent.
    std::string param(const std::string& name) const;
};

struct Route {
    const char* method;  // "GET" or "POST"
    const char* path;    // exact path, e.g. "/v1/mgmt/tenant/create"
    bool mutates;        // a success changes the project (the state file is saved)
    bool deletes;        // a not_found answer becomes {} under --delete-missing ok
    std::function<Reply(ProjectStore&, const RouteInput&)> call;
};

/// Every route, in documentation order.
const std::vector<Route>& routes();

/// The route for `method` and `path`, or nullptr.
const Route* find_route(const std::string& method, const std::string& path);

}  // namespace descope_mgmt::emulator
