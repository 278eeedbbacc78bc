#pragma once
// The `resources` object of a backup <-> model::LiveState. Lists are written in a stable order
// (tenants by id, roles by (tenant, name), permissions by name, flows by id; set-like lists
// sorted) and flow/theme documents are embedded as canonical JSON, so two backups of the same
// project differ exactly where the project changed.

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "backup/strict_reader.hpp"
#include "model/state.hpp"
#include "plan/json_canonical.hpp"
#include "util/result.hpp"

namespace descope_mgmt::backup {

/// The `resources` object for `state`. Fails on what a backup cannot hold faithfully:
/// duplicate keys (tenant id, (tenant, role name), permission name), a flow listed without its
/// exported document, a document that is not JSON, a non-finite number.
util::Result<nlohmann::json> resources_to_json(const model::LiveState& state);

/// Reads a `resources` object found at `path`. Every problem is appended to `problems`; the
/// returned state is meaningful only when none was added. Documents come back as canonical
/// compact JSON text.
model::LiveState resources_from_json(const nlohmann::json& resources, const std::string& path,
                                     Problems& problems);

}  // namespace descope_mgmt::backup
