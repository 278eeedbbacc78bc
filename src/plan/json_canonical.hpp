#pragma once
// Canonical JSON for flow and theme documents (issue 6).
//
// A flow exported from one environment and the same flow exported from another (or re-exported
// after a deploy) must compare equal, and files written by `flow export` must give quiet git
// diffs. So documents are compared and written in one canonical form:
//   * server-managed fields (version, modifiedTime, etag, ...) removed,
//   * fields the server fills with a zero value when they are omitted given that value,
//   * arrays whose order the server does not keep (flow screens) sorted by their id,
//   * integral floating-point numbers written as integers (1.0 -> 1, -0.0 -> 0),
//   * object keys sorted (byte order), one stable text layout.
// Which fields each rule touches is data (canonical_rules()), anchored at fixed paths of the v1
// document shapes {"flow":{...},"screens":[...]} and {"theme":{...}}: nothing inside the opaque
// flow graph (`flow.dsl`) or templates is ever removed or reordered.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::plan {

/// Which normalisation rules apply to a document.
enum class JsonDocumentKind {
    flow,     // v1 flow export: {"flow":{...},"screens":[...]}
    theme,    // v1 theme export: {"theme":{...}}
    generic,  // any JSON: only key order and number form are normalised
};

/// "flow", "theme" or "generic".
std::string_view to_string(JsonDocumentKind kind);

/// Text that is not JSON. `line` and `column` are 1-based; the column counts characters
/// (UTF-8 code points), so a caret under the source line lands on the offending character.
struct JsonSyntaxError {
    std::string message;
    int line = 0;
    int column = 0;

    /// "LINE:COL: MESSAGE"; callers prefix the file name.
    std::string to_string() const;
    bool operator==(const JsonSyntaxError&) const = default;
};

/// The normalisation rules of one document kind. Paths are dotted keys from the document root,
/// with `[]` standing for every element of an array (e.g. "screens[].version").
struct CanonicalRules {
    /// A field set to `json` (JSON text) when its parent object exists but lacks it.
    struct Default {
        std::string_view path;
        std::string_view json;
    };
    /// An array sorted by the value of `key` in each element (only when every element is an
    /// object with a string or number `key` and the values are unique; otherwise left alone).
    struct Unordered {
        std::string_view path;
        std::string_view key;
    };

    /// When not empty, the only top-level keys kept: the parts of the document that the import
    /// endpoint is sent, so that anything else in a file can never show as a change.
    std::vector<std::string_view> top_level;
    std::vector<std::string_view> server_managed;  // removed wherever the path matches
    std::vector<Default> defaults;
    std::vector<Unordered> unordered;
};

/// The rules applied to documents of `kind` (empty lists for `generic`).
const CanonicalRules& canonical_rules(JsonDocumentKind kind);

/// The deepest nesting of arrays and objects accepted (far beyond any real flow), so that a
/// hostile file cannot overflow the stack of the recursive canonicaliser and diff.
inline constexpr int k_max_json_depth = util::kMaxJsonDepth;

/// Parses JSON text (a UTF-8 byte-order mark is skipped) without throwing. Duplicate object
/// keys keep the last value, as JSON.parse does. Nesting deeper than k_max_json_depth is an
/// error at the bracket that goes too deep.
util::Result<nlohmann::json, JsonSyntaxError> parse_json_document(std::string_view text);

/// Rewrites `document` into canonical form in place (see the top of this file). Idempotent:
/// canonicalising a canonical document leaves it unchanged.
void canonicalize_json(nlohmann::json& document, JsonDocumentKind kind);

/// Parses and canonicalises `text`.
util::Result<nlohmann::json, JsonSyntaxError> canonical_json(std::string_view text,
                                                             JsonDocumentKind kind);

/// The stable file layout: 2-space indent, keys in the value's (sorted) order, UTF-8 kept as
/// is, a trailing newline. What `flow export` writes.
std::string pretty_json(const nlohmann::json& value);

/// One line, no spaces, no trailing newline: the form to hash or compare for equality.
std::string compact_json(const nlohmann::json& value);

/// Parses, canonicalises and formats `text` with pretty_json().
util::Result<std::string, JsonSyntaxError> canonical_pretty_json(std::string_view text,
                                                                 JsonDocumentKind kind);

/// Parses, canonicalises and formats `text` with compact_json(). Two documents are the same
/// flow/theme exactly when their canonical compact texts are equal.
util::Result<std::string, JsonSyntaxError> canonical_compact_json(std::string_view text,
                                                                  JsonDocumentKind kind);

}  // namespace descope_mgmt::plan
