#pragma once
// The loader's steps, in the order load() runs them (config.cpp):
//   parse_yaml -> substitute_tree -> check_shape -> build_settings, build_resources
//   -> check_session_settings, check_references -> read_resource_files.
// Internal to the config layer.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "config/yaml_tree.hpp"
#include "diag/diagnostic.hpp"

namespace descope_mgmt::config {

struct LoadInput {
    std::string file;              // the config file as named in diagnostics
    std::filesystem::path folder;  // relative paths in the config start here
    EnvLookup env = nullptr;
};

/// An unset ${VAR} in an environment's project_id or management_key: a warning for validate,
/// an error for commands that use the environment.
struct CredentialGap {
    std::string environment;
    std::string variable;
    diag::SourceLocation location;
};

/// Where each declaration came from, parallel to the Config's vectors, for messages.
struct DeclNodes {
    std::vector<const YamlNode*> permissions;
    std::vector<const YamlNode*> roles;
    std::vector<const YamlNode*> tenants;
    std::vector<const YamlNode*> flows;
    const YamlNode* theme = nullptr;
};

/// Replaces ${VAR}s in every scalar of the tree (keys excepted). Unset variables are errors
/// at their line:column, except in environments.*.project_id/management_key, where they become
/// `gaps`. `text` is the file's text, used to find each reference's column.
void substitute_tree(YamlNode& root, const std::string& text, const LoadInput& in,
                     diag::Diagnostics& diags, std::vector<CredentialGap>& gaps);

/// Fills config.version, defaults and environments (credential defaults, DESCOPE_BASE_URL,
/// rate limits) from a shape-checked tree. Reports problems the shape check cannot see.
void build_settings(const YamlNode& root, const LoadInput& in,
                    const std::vector<CredentialGap>& gaps, Config& config,
                    diag::Diagnostics& diags);

/// Fills the declared resources from a shape-checked tree (lenient: skips what the shape check
/// already reported). Flow and theme documents are read later.
DeclNodes build_resources(const YamlNode& root, const LoadInput& in, Config& config);

/// Across the fields of each tenant's and override's session_settings: the session token
/// lifetime is not longer than the refresh token's (Descope's rule). The single-value floors
/// are the shape check's.
void check_session_settings(const DeclNodes& nodes, const std::string& file,
                            diag::Diagnostics& diags);

/// Duplicate ids/names, undeclared references (Descope's built-in roles and permissions need no
/// declaration; role overrides' permissions too), environments named in selections and
/// overrides, parent cycles, and references missing from some environment. Warns about a
/// tenant-scoped default role.
void check_references(const Config& config, const DeclNodes& nodes, const std::string& file,
                      diag::Diagnostics& diags);

/// Refuses (an error at the `file:` value) each flow and theme file, overrides' files included,
/// that is outside the config file's folder once '..' and symbolic links are resolved, unless
/// the config says `defaults.files_outside_config: allow`; a refused file's path is cleared, so
/// that it is neither read nor written.
void check_file_places(const YamlNode& root, Config& config, const DeclNodes& nodes,
                       const LoadInput& in, diag::Diagnostics& diags);

/// Reads and checks every flow and theme file, and each override's file the same way (JSON
/// syntax errors at their line:column in that file), and stores the documents in `config`.
void read_resource_files(Config& config, const DeclNodes& nodes, const LoadInput& in,
                         diag::Diagnostics& diags, diag::SourceCache& sources);

/// A value that mask_secret_lines() hid, with its 1-based line.
struct MaskedSecret {
    std::string value;
    int line = 0;
};

struct MaskedText {
    std::string text;
    std::vector<MaskedSecret> secrets;
};

/// True for a key whose value may be a secret: management_key and its misspellings, and any
/// key with "key", "secret", "token", "passw" or "credential" in its name except the format's
/// own keys that hold none (refresh_token_expiration...).
bool is_secret_key_name(std::string_view key);

/// The config's text as diagnostics may show it, read as lines whether or not it parses: the
/// value of every secret key (is_secret_key_name; block, flow and quoted forms, lines that
/// continue it) becomes '*' per character, except a lone ${VAR} reference. Returns the values
/// hidden, by word, so that mask_secrets() can hide them elsewhere.
MaskedText mask_secret_lines(std::string_view text);

/// Hides in `text` the `secrets` of at least 8 bytes, those of `line` (0 = none) whatever their
/// length, and every word that looks like a management key (util::mask_management_keys).
void mask_secrets(std::string& text, const std::vector<MaskedSecret>& secrets, int line);

// Lenient readers for shape-checked nodes: nullopt when absent or not usable.
std::optional<std::string> text_of(const YamlNode* node);
std::optional<bool> bool_of(const YamlNode* node);
std::optional<std::int64_t> int_of(const YamlNode* node);
std::optional<std::vector<std::string>> texts_of(const YamlNode* node);

}  // namespace descope_mgmt::config
