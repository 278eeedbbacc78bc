#pragma once
// Writing backup documents. The writer takes metadata and a live state only: a management key
// is never an input, so it can never end up in a file.

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "backup/backup.hpp"
#include "util/result.hpp"

namespace descope_mgmt::backup {

/// The file text of a backup: JSON with 2-space indent, keys sorted, lists in their stable
/// order, a trailing newline, and `sha256` = SHA-256 of the canonical content (the compact,
/// sorted-key JSON of the whole document without its `sha256` field). `metadata.environment`
/// is written as the environment (state.environment is ignored). Fails when the state cannot be
/// held faithfully (see resources_to_json).
util::Result<std::string> serialize_backup(const BackupMetadata& metadata,
                                           const model::LiveState& state);

/// Serialises and writes to `path` atomically (temporary file, fsync, rename) with mode 0600,
/// creating missing parent folders with mode 0700. A reader never sees a partial file under
/// `path`, even when the process is killed mid-write.
util::Result<void> write_backup(const std::filesystem::path& path, const BackupMetadata& metadata,
                                const model::LiveState& state);

/// The canonical content of a parsed document: compact JSON, sorted keys, without `sha256`.
std::string canonical_content(const nlohmann::json& document);

}  // namespace descope_mgmt::backup
