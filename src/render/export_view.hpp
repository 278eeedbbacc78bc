#pragma once
// The views of `flow export` and `theme export` when they write files: which files were
// written (created, updated, unchanged) and what failed (docs/flows.md, "Commands").

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "api/api_error.hpp"
#include "render/view.hpp"
#include "util/file.hpp"

namespace descope_mgmt::render {

struct ExportedFile {
    std::string type;  // "flow", "theme"
    std::string id;    // the flow id; "" for the theme
    std::filesystem::path path;
    std::size_t bytes = 0;
    util::FileOutcome outcome = util::FileOutcome::unchanged;
};

struct ExportProblem {
    std::string id;    // the flow id; "" when not about one flow
    std::string kind;  // "not_found", "api", "file", "interrupted"
    std::string text;  // the error line the command printed
    std::optional<api::ApiError> api_error;
};

struct ExportReport {
    std::string environment;
    std::string project_id;
    std::optional<std::string> dir;  // flow export --all
    std::size_t attempted = 0;       // flows tried
    bool interrupted = false;
    std::vector<ExportedFile> files;  // in id order
    std::vector<ExportProblem> errors;
};

/// Text: with `dir`, "ENV: exported W of N flows to DIR (1 created, ...)" and a table of the
/// files; otherwise one "ENV: flow ID -> PATH (created, N bytes)" line per file. JSON:
/// {"format_version": 1, "environment", "project_id", "status" (ok | error | interrupted),
/// "files": [{type, id?, path, bytes, result}], "errors": [{id?, kind, text, api_error?}],
/// "dir"?}.
View export_view(const ExportReport& report);

}  // namespace descope_mgmt::render
