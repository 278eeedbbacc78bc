#pragma once
// Adopting live projects (`export-config`, `init --from-live`): read every selected environment
// whole, write one config for all of them (backup::export_config) with its flow and theme files,
// atomically, then check the round trip: the written config, loaded back, plans no change
// against what was read (no second read).

#include <filesystem>
#include <string>
#include <vector>

#include "cli/workspace.hpp"

namespace descope_mgmt::cli {

struct Context;

struct AdoptRequest {
    /// The config to write: DIR/descope.yaml, or init's -c file. Its folder gets flows/ and
    /// themes/.
    std::filesystem::path config_file;
    bool force = false;  // replace an existing config file
    /// Other files written with it, before it (relative to its folder): init's schema and
    /// .gitignore.
    struct Extra {
        std::filesystem::path path;
        std::string content;
        std::string what;  // what it is for, as the report says it
    };
    std::vector<Extra> extra_files;
    /// The editor schema file the config's first line names ("" = no such line).
    std::string schema_file;
    bool from_init = false;
};

/// Exit 0 written, 1 error (nothing written), 130 interrupted (nothing written).
int adopt_projects(Context& ctx, Workspace& ws, const AdoptRequest& request);

}  // namespace descope_mgmt::cli
