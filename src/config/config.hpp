#pragma once
// The parsed config file (descope.yaml): environments, defaults and the declared resources
// with their source locations. See docs/config.md for the format.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "model/environment.hpp"
#include "model/resources.hpp"
#include "model/state.hpp"

namespace descope_mgmt::config {

/// Per-environment replacement of tenant fields (`overrides: {prod: {...}}`); set fields win.
struct TenantOverride {
    std::optional<std::string> name;
    std::optional<std::vector<std::string>> self_provisioning_domains;
    std::optional<model::CustomAttributes> custom_attributes;
    std::optional<bool> enforce_sso;
    std::optional<bool> disabled;
    std::optional<std::vector<std::string>> default_roles;
    std::optional<model::SessionSettings> session_settings;
    std::optional<std::string> role_inheritance;  // wire value: "none" | "userOnly"
    std::optional<std::vector<std::string>> enforce_sso_exclusions;
    std::optional<std::vector<std::string>> federated_app_ids;
};

/// Per-environment replacement of a permission's description.
struct PermissionOverride {
    std::optional<std::string> description;
};

/// Per-environment replacement of role fields; set fields win (lists are not merged). A set
/// `is_default`/`is_private` makes that flag managed in the environment.
struct RoleOverride {
    std::optional<std::string> description;
    std::optional<std::vector<std::string>> permissions;
    std::optional<bool> is_default;
    std::optional<bool> is_private;
};

/// Another file for a flow or the theme in one environment, read and checked like the main one.
struct FileOverride {
    std::filesystem::path file;     // resolved path ("" = refused: outside the config's folder)
    std::string document;           // the file's JSON text ("" when not read)
    diag::SourceLocation location;  // of its `file:` value
};

/// Environment selection: nullopt = every environment.
using EnvironmentSelection = std::optional<std::vector<std::string>>;

struct TenantDecl {
    model::Tenant tenant;
    EnvironmentSelection environments;
    std::map<std::string, TenantOverride> overrides;  // by environment name
    diag::SourceLocation location;
};

struct RoleDecl {
    model::Role role;
    EnvironmentSelection environments;
    std::map<std::string, RoleOverride> overrides;  // by environment name
    diag::SourceLocation location;
};

struct PermissionDecl {
    model::Permission permission;
    EnvironmentSelection environments;
    std::map<std::string, PermissionOverride> overrides;  // by environment name
    diag::SourceLocation location;
};

struct FlowDecl {
    model::Flow flow;            // document = the file's JSON text
    std::string type;            // optional flow type ("" = not given)
    std::filesystem::path file;  // resolved path
    EnvironmentSelection environments;
    /// By environment name. desired_state() takes the override's document in its environment;
    /// `flow.document` is the main file's.
    std::map<std::string, FileOverride> overrides;
    diag::SourceLocation location;
};

struct ThemeDecl {
    model::Theme theme;  // document = the main file's JSON text
    std::filesystem::path file;
    std::map<std::string, FileOverride> overrides;  // by environment name, as FlowDecl's
    diag::SourceLocation location;
};

struct Config {
    std::filesystem::path path;  // the config file
    int version = 1;
    model::Defaults defaults;
    std::vector<model::Environment> environments;  // in file order
    std::vector<PermissionDecl> permissions;
    std::vector<RoleDecl> roles;
    std::vector<TenantDecl> tenants;
    std::vector<FlowDecl> flows;
    std::optional<ThemeDecl> theme;

    const model::Environment* find_environment(const std::string& name) const;
};

/// Reads the process environment (injectable for tests).
using EnvLookup = std::optional<std::string> (*)(const std::string& name);
std::optional<std::string> process_env(const std::string& name);

struct LoadResult {
    std::optional<Config> config;   // set when there are no errors
    diag::Diagnostics diagnostics;  // every problem found, errors and warnings
    diag::SourceCache sources;      // texts of the files read, for rendering diagnostics
};

struct LoadOptions {
    /// Read and check the flow and theme files. Off for commands that only write those files
    /// or read live projects (`flow export`, `theme export`, `flow list`, `backup`), so that a
    /// file that does not exist yet, or that is being replaced, does not stop them; the flows'
    /// and theme's documents are then left empty.
    bool read_resource_files = true;
};

/// The error of a config file that does not exist: "no config file: ./descope.yaml not found
/// (-c, DESCOPE_MGMT_CONFIG); run `descope-mgmt init` to start one ...".
std::string missing_config_message(const std::filesystem::path& path);

/// Loads and validates the config file and every file it references. Collects every problem;
/// never throws. No network.
LoadResult load(const std::filesystem::path& path, EnvLookup env = process_env,
                LoadOptions options = {});

/// Loads from text (for tests and fuzzing); `path` names the file in diagnostics and anchors
/// relative paths.
LoadResult load_from_string(const std::string& text, const std::filesystem::path& path,
                            EnvLookup env = process_env, LoadOptions options = {});

/// The desired state of one environment: declared resources selected for it, with its
/// overrides applied (a flow's or the theme's override file gives its document there). The one
/// place that decides what an environment's desired state is: commands never read the
/// declarations' documents themselves.
model::DesiredState desired_state(const Config& config, const std::string& environment);

}  // namespace descope_mgmt::config
