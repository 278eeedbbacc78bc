#pragma once
// Pieces shared by `flow list`, `flow export` and `theme export` (docs/flows.md, "Commands"):
// choosing the one environment an export reads, turning a live export into the canonical file
// text, writing files quietly (unchanged files are not rewritten), and the JSON shapes of
// errors and written files.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_error.hpp"
#include "api/descope_api.hpp"
#include "cli/workspace.hpp"
#include "config/config.hpp"
#include "render/table.hpp"
#include "util/file.hpp"
#include "util/result.hpp"

namespace descope_mgmt::cli {

struct Context;

/// A failed flow export explained: when the flow does not exist in the project (checked with
/// one flow/list), "ENV: reading flow ID: no flow with this id in project P" with the live
/// ids and a "did you mean"; otherwise the API error itself. `not_found` is set in the first
/// case.
std::string explain_flow_export_error(api::DescopeApi& api, const model::Environment& env,
                                      const api::ApiError& error, const std::string& id,
                                      bool& not_found);

/// The file text `flow export` writes for a live flow: canonical_pretty_json of its document.
util::Result<std::string> canonical_flow_text(const model::Flow& flow);
/// Likewise for the theme.
util::Result<std::string> canonical_theme_text(const model::Theme& theme);

using util::FileOutcome;
using util::write_file_if_changed;

}  // namespace descope_mgmt::cli
