#pragma once
// A command's result, ready for either output format: the text for a terminal and the JSON
// document (without its envelope, which the CLI adds). Render builds both from the command's
// data; the CLI prints one of them, chosen once by -o (cli::Context::show). No command builds
// its own JSON.

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_error.hpp"
#include "api/executor.hpp"

namespace descope_mgmt::render {

struct View {
    std::string text;                                // printed on stdout in text mode
    std::shared_ptr<const nlohmann::json> document;  // printed in JSON mode
};

View make_view(std::string text, nlohmann::json document);

/// The view's document with the envelope (with_envelope), as printed with -o json.
std::string document_text(const View& view, std::string_view command);

/// The document of a command that failed before it had its own (a config that does not load,
/// an unknown environment, an internal error): {"format_version": 1, "ok": false, "exit_code",
/// "errors"}; no text (the errors are on stderr already).
View failure_view(int exit_code, const std::vector<std::string>& errors);

/// How one environment's read ended, as every per-environment result shows it.
struct EnvironmentRead {
    std::string environment;
    std::string project_id;
    api::TaskStatus status = api::TaskStatus::not_started;  // succeeded: the data is there
    bool interrupted = false;                               // the run was stopped by Ctrl-C
    std::optional<api::ApiError> error;

    bool ok() const { return status == api::TaskStatus::succeeded; }
};

/// Sets `status` ("ok", "error", "interrupted", "not_started") and, on failure, `error`
/// (api_error_json) in an environment's JSON entry, which gets `name` and `project_id` too.
void add_read_status(nlohmann::json& entry, const EnvironmentRead& read);

}  // namespace descope_mgmt::render
