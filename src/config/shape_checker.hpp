#pragma once
// Checks a YAML tree against the definition table: unknown keys (with "did you mean"), missing
// required keys, wrong types, allowed values, value checks (domains, durations, ...), empty
// values and repeated list items. Meaning across the file (references, duplicates of ids) is
// checked later, on the model.

#include <string>

#include "config/definitions.hpp"
#include "config/yaml_tree.hpp"
#include "diag/diagnostic.hpp"

namespace descope_mgmt::config {

/// Reports every shape problem of `root` (the whole file) against `type` into `diags`.
/// Unresolved scalars (unset ${VAR}s, already reported) are not checked again.
void check_shape(const YamlNode& root, const TypeDef& type, const std::string& file,
                 diag::Diagnostics& diags);

/// True when `node` passes `type`'s checks (nothing is reported).
bool matches(const YamlNode& node, const TypeDef& type);

}  // namespace descope_mgmt::config
