#pragma once
// Adopting an existing project: a live snapshot becomes a config (descope.yaml) plus one JSON
// file per flow and the theme file, such that `plan` against the same project right after shows
// no changes. Pure: the caller reads the snapshot and writes the files.

#include <filesystem>
#include <string>
#include <vector>

#include "backup/backup.hpp"
#include "model/state.hpp"
#include "util/result.hpp"

namespace descope_mgmt::backup {

struct ExportedFile {
    std::filesystem::path path;  // relative to the output folder
    std::string content;
};

struct ExportedConfig {
    /// descope.yaml first, then flows/<id>.json, then themes/theme.json.
    std::vector<ExportedFile> files;
    /// What the user should know (e.g. settings that the config format cannot express).
    std::vector<std::string> notes;
};

struct ExportSource {
    std::string environment;  // the environment's name in the new config
    std::string project_id;
    Timestamp exported_at{};
};

/// One environment of a multi-environment export: its live snapshot (every tenant's settings
/// read) and what its entry in the new config keeps from the config it was read with.
struct ExportedEnvironment {
    std::string name;
    std::string project_id;
    const model::LiveState* live = nullptr;
    bool is_protected = false;
    /// The ${VAR} the management key is read from when it is not the default
    /// DESCOPE_<ENV>_MANAGEMENT_KEY; "" = the default (nothing written).
    std::string management_key_variable;
    /// The config's own base_url ("" = none: derived from the project id).
    std::string base_url;
};

struct ExportOptions {
    Timestamp exported_at{};
    /// Start with the editor schema line (`init --from-live`, which writes the schema beside).
    std::string schema_file;
};

/// The config of `live` (a snapshot from read_snapshot, every tenant's settings read): the
/// environment with its project id and name (the key comes from ${DESCOPE_<ENV>_MANAGEMENT_KEY}),
/// every permission, role and tenant (customised session settings only), every flow and the
/// theme. Values that YAML or `${VAR}` substitution would misread are quoted or escaped. Fails
/// when a flow or theme document is not JSON.
util::Result<ExportedConfig> export_config(const model::LiveState& live,
                                           const ExportSource& source);

/// One config for several environments (in the order given, which becomes the config's):
/// * what is the same everywhere is written once;
/// * an object that is not in every environment gets `environments: [...]`;
/// * a field that differs gets the value most environments have (the first environment's on a
///   tie) and `overrides:` for the others; a field that is managed only where written
///   (session_settings, role_inheritance, a role's default...) and cannot be expressed in one
///   environment is left unmanaged in the declaration, with overrides for the others;
/// * a flow or the theme that differs is one file for most environments (flows/ID.json) and
///   one per other environment (flows/ENV/ID.json).
/// `plan` with the result shows no changes in any of them; what the format cannot express (a
/// parent that differs) is said in `notes`. Fails when a flow or theme document is not JSON.
util::Result<ExportedConfig> export_config(const std::vector<ExportedEnvironment>& environments,
                                           const ExportOptions& options);

/// `text` as a YAML scalar: plain when that reads back as the same string, else double-quoted.
/// `value` scalars also get `${` escaped as `$${` (keys are not substituted).
std::string yaml_scalar(const std::string& text, bool value = true);

/// A file name for a flow id: the id with anything but letters, digits, '.', '_' and '-'
/// replaced by '_' ("flow" in front when that leaves it empty or starting with '.').
std::string flow_file_name(const std::string& flow_id);

/// The one rule for the files of several flows in one folder (`flow export --all` and
/// `export-config`): flow_file_name() of each id, made unique in order (a name already taken
/// becomes ID-2.json, ID-3.json, ...). One name per id, in the same order.
std::vector<std::string> flow_file_names(const std::vector<std::string>& flow_ids);

}  // namespace descope_mgmt::backup
