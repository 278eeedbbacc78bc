#pragma once
// A backup: one environment's live state at one moment, with the metadata that makes the file
// self-describing (docs/backup.md, schema in docs/backup.schema.json). A backup never holds a
// credential: nothing here, and nothing the writer takes, carries a management key.

#include <chrono>
#include <string>
#include <vector>

#include "model/state.hpp"

namespace descope_mgmt::backup {

/// The value of the document's `format` field, so that any other JSON file is refused early.
inline constexpr const char* kFormatName = "descope-mgmt-backup";
/// The format this tool writes. Readers accept versions 1..kFormatVersion.
inline constexpr int kFormatVersion = 1;

/// Wall-clock time of a backup, UTC, millisecond precision.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

struct BackupMetadata {
    int format_version = kFormatVersion;
    std::string tool_version;  // descope-mgmt version that wrote the file
    std::string environment;   // environment name in the config at backup time
    std::string project_id;    // the Descope project the state was read from
    Timestamp created_at{};

    bool operator==(const BackupMetadata&) const = default;
};

/// A backup document. `state.environment` equals `metadata.environment` after reading.
/// The flows of the state are complete: every flow summary has its document.
struct Backup {
    BackupMetadata metadata;
    model::LiveState state;
    /// Hex SHA-256 of the canonical content (set by the reader; the writer computes its own).
    std::string sha256;
};

/// What went wrong when a backup was read, so that callers (and tests) can tell the cases apart.
enum class BackupErrorKind {
    io,        // the file cannot be read
    syntax,    // not JSON (truncated files land here)
    format,    // JSON, but not a descope-mgmt backup
    version,   // a format_version this tool does not read
    schema,    // required field missing, wrong type, unknown field, duplicate key
    checksum,  // content does not match its sha256: edited or corrupted
};

/// "io", "syntax", "format", "version", "schema", "checksum".
std::string_view to_string(BackupErrorKind kind);

struct BackupError {
    BackupErrorKind kind = BackupErrorKind::io;
    /// One line: "FILE:LINE:COL: ..." for syntax errors, "FILE: ..." otherwise.
    std::string message;
    /// Every schema problem found (each "PATH: problem"), when kind == schema.
    std::vector<std::string> details;
    int line = 0;  // 1-based position of a syntax error; 0 otherwise
    int column = 0;
};

/// Counts shown by `backup verify` and in reports.
struct BackupSummary {
    std::size_t tenants = 0;
    std::size_t tenants_with_settings = 0;
    std::size_t roles = 0;
    std::size_t permissions = 0;
    std::size_t flows = 0;
    bool theme = false;
};

BackupSummary summarize(const model::LiveState& state);

}  // namespace descope_mgmt::backup
