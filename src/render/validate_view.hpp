#pragma once
// The view of `validate` on stdout (the diagnostics themselves go to stderr as text): a "valid"
// line, or the JSON document with every diagnostic (docs/config.md, "validate -o json").

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "render/view.hpp"

namespace descope_mgmt::render {

/// What a valid config declares.
struct ConfigSummary {
    std::vector<std::string> environments;
    std::size_t permissions = 0;
    std::size_t roles = 0;
    std::size_t tenants = 0;
    std::size_t flows = 0;
    bool theme = false;
};

struct ValidateResult {
    std::string config_path;
    const diag::Diagnostics* diagnostics = nullptr;
    std::optional<ConfigSummary> summary;  // set when the config is valid

    bool valid() const { return !diagnostics->has_errors(); }
};

/// Text: "PATH: valid: 2 environments (dev, prod), 1 permission, ..." (nothing when invalid).
/// JSON: {"format_version": 1, "config", "valid", "error_count", "warning_count",
/// "diagnostics": [{severity, file, line, column, message, notes}], "summary" (or null)}.
View validate_view(const ValidateResult& result);

/// One diagnostic as JSON: {severity, file, line, column, message, notes}.
nlohmann::json diagnostic_json(const diag::Diagnostic& d);

}  // namespace descope_mgmt::render
