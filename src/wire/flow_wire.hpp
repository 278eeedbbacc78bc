#pragma once
// Flows and the theme on the wire (descope-api.md §4, v1 endpoints). Flow and theme documents
// are opaque JSON to the client: only their envelope ({"flow","screens"} / {"theme"}) is read.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "model/resources.hpp"
#include "util/result.hpp"

namespace descope_mgmt::wire {

/// `POST /v1/mgmt/flow/list` answer {"flows":[...],"total":N} -> summaries.
util::Result<std::vector<model::FlowSummary>> parse_flow_list(const nlohmann::json& body);

/// `POST /v1/mgmt/flow/export` body {"flowId"}.
nlohmann::json flow_export_body(const std::string& id);

/// `POST /v1/mgmt/flow/export` answer -> Flow{id, document}. The document keeps "flow" (must be
/// an object) and "screens" (an array; [] when absent), serialised with sorted keys.
util::Result<model::Flow> parse_flow_export(const std::string& id, const nlohmann::json& body);

/// `POST /v1/mgmt/flow/import` body {"flowId", "flow", "screens"} from a flow document; an error
/// when the document is not JSON or has no "flow" object.
util::Result<nlohmann::json> flow_import_body(const model::Flow& flow);

/// `POST /v1/mgmt/flow/delete` body {"ids"}.
nlohmann::json flow_delete_body(const std::vector<std::string>& ids);

/// `POST /v1/mgmt/theme/export` answer {"theme":{...}} -> Theme{document = {"theme":{...}}}.
util::Result<model::Theme> parse_theme_export(const nlohmann::json& body);

/// `POST /v1/mgmt/theme/import` body {"theme"} from a theme document; an error when the
/// document is not JSON or has no "theme" object.
util::Result<nlohmann::json> theme_import_body(const model::Theme& theme);

}  // namespace descope_mgmt::wire
