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

/// The config of `live` (a snapshot from read_snapshot, every tenant's settings read): the
/// environment with its project id and name (the key comes from ${DESCOPE_<ENV>_MANAGEMENT_KEY}),
/// every permission, role and tenant (customised session settings only), every flow and the
/// theme. Values that YAML or `${VAR}` substitution would misread are quoted or escaped. Fails
/// when a flow or theme document is not JSON.
util::Result<ExportedConfig> export_config(const model::LiveState& live,
                                           const ExportSource& source);

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
