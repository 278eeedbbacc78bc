#pragma once
// What `descope-mgmt init` shows: the files it wrote and what to do next. Formatting only.

#include <string>
#include <vector>

#include "render/view.hpp"

namespace descope_mgmt::render {

/// One file `init` wrote or left as it was.
struct InitFile {
    std::string path;
    /// "created", "updated", "unchanged" (util::to_string(FileOutcome)); with --dry-run "would
    /// create", "would update".
    std::string outcome;
    std::string what;  // "the config", "the JSON Schema for editors", ...
};

struct InitDone {
    std::string config_file;
    std::vector<InitFile> files;            // the config first
    std::vector<std::string> environments;  // in config order
    /// The variables each environment reads, DESCOPE_<ENV>_PROJECT_ID then _MANAGEMENT_KEY.
    std::vector<std::string> variables;
    bool dry_run = false;  // --dry-run: nothing was written
};

/// Text: "created FILE (WHAT)" per file, then the next steps (the variables to set, validate,
/// plan, apply), each a command to copy. JSON {"format_version": 1, "config_file", "files":
/// [{path, outcome, what}], "environments", "variables", "next": [commands], "dry_run"}.
View init_view(const InitDone& done);

}  // namespace descope_mgmt::render
