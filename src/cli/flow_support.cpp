#include "cli/flow_support.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <system_error>

#include "cli/context.hpp"
#include "plan/json_canonical.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::cli {

namespace fs = std::filesystem;

namespace {

/// How many live flow ids an "unknown flow" error lists before "and N more".
constexpr std::size_t kListedIds = 10;

}  // namespace

std::string explain_flow_export_error(api::DescopeApi& api, const model::Environment& env,
                                      const api::ApiError& error, const std::string& id,
                                      bool& not_found) {
    not_found = false;
    // Only a plain client error can mean "no such flow" (Descope answers 400 or 404 with
    // "Failed getting flow"); auth, rate-limit, server and network failures are shown as is.
    const int status = error.http_status;
    if (error.cancelled || status < 400 || status >= 500 || status == 401 || status == 403 ||
        status == 429) {
        return error.to_string();
    }
    auto flows = api.list_flows();
    if (!flows) return error.to_string();
    std::vector<std::string> ids;
    for (const auto& f : *flows)
        ids.push_back(f.id);
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) return error.to_string();
    not_found = true;
    std::sort(ids.begin(), ids.end());
    std::string message = fmt::format("{}: {}: no flow with this id in project {}", env.name,
                                      error.activity(), env.project_id);
    if (auto m = util::closest_match(id, ids)) message += fmt::format(": did you mean '{}'?", *m);
    if (ids.empty()) {
        message += " (the project has no flows)";
    } else {
        std::vector<std::string> shown(
            ids.begin(),
            ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), kListedIds)));
        message += " (live flows: " + util::join(shown, ", ");
        if (ids.size() > shown.size())
            message += fmt::format(" and {} more", ids.size() - shown.size());
        message += ")";
    }
    return message;
}

namespace {

util::Result<std::string> canonical_text(const std::string& document, plan::JsonDocumentKind kind,
                                         std::string_view what) {
    auto text = plan::canonical_pretty_json(document, kind);
    if (!text) {
        // Cannot happen with documents from the API client (it re-serialises what it read),
        // but a value is cheaper than an assumption.
        return util::error(
            fmt::format("the exported {} is not valid JSON: {}", what, text.error().to_string()));
    }
    return std::move(*text);
}

}  // namespace

util::Result<std::string> canonical_flow_text(const model::Flow& flow) {
    return canonical_text(flow.document, plan::JsonDocumentKind::flow, "flow " + flow.id);
}

util::Result<std::string> canonical_theme_text(const model::Theme& theme) {
    return canonical_text(theme.document, plan::JsonDocumentKind::theme, "theme");
}

}  // namespace descope_mgmt::cli
