#pragma once
// Semantic diff of two JSON documents: the paths that changed, with before and after values,
// e.g. `dsl.tasks[3].next: "a" -> "b"` or
// `screens[id=SC1].inputs[name=email].required: false -> true`.
//
// Computing the diff (diff_json) is separate from rendering it (render_json_diff), so the plan
// can keep the structured changes, print them, or put them into its JSON form.
//
// Path syntax: object keys joined with '.' (keys that are not [A-Za-z0-9_$-]+ are written
// ["quoted"]), array elements as [index], or [key=value] when the array is matched by identity.
// Arrays of objects are matched by the first key of identity_keys() that every element on both
// sides has, with a string or integer value unique within its array; so an insertion or a
// reorder changes only the affected elements. Other arrays are compared index by index.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/json_canonical.hpp"
#include "util/result.hpp"

namespace descope_mgmt::plan {

enum class JsonChangeKind {
    add,      // the path exists only after
    remove,   // the path exists only before
    change,   // the value at the path differs (including a change of type)
    reorder,  // an identity-matched array keeps its elements but not their order
};

/// "add", "remove", "change" or "reorder" (the names used in the JSON plan).
std::string_view to_string(JsonChangeKind kind);

/// One difference. Values are compact JSON text (compact_json()); nullopt means absent.
/// For `reorder`, before/after are JSON arrays of the identity values of the elements present
/// on both sides, in their before and after order.
struct JsonChange {
    std::string path;
    JsonChangeKind kind = JsonChangeKind::change;
    std::optional<std::string> before;
    std::optional<std::string> after;

    bool operator==(const JsonChange&) const = default;
};

/// The identity keys tried, in this order, to match the elements of arrays of objects.
const std::vector<std::string_view>& identity_keys();

/// The differences between `before` and `after`, compared as they are (canonicalise both
/// first to ignore server-managed fields). Empty exactly when the two values are identical:
/// same types (integers and floating-point numbers are different types), same keys, same
/// array order. Changes come in document order: object keys sorted; for identity-matched
/// arrays a reorder first, then removed elements, then the rest in `after` order.
std::vector<JsonChange> diff_json(const nlohmann::json& before, const nlohmann::json& after);

/// Parses and canonicalises both texts as `kind`, then diffs them. A syntax error's message
/// starts with "before: " or "after: " to say which text it is in.
util::Result<std::vector<JsonChange>, JsonSyntaxError> diff_json_documents(
    std::string_view before_text, std::string_view after_text, JsonDocumentKind kind);

/// How render_json_diff() lays out changes.
struct JsonDiffRenderOptions {
    /// At most this many changes, then "... and K more changes"; 0 = all.
    std::size_t max_changes = 0;
    /// Rendered values longer than this many characters are cut and end in "...".
    std::size_t max_value_length = 80;
    /// Written before every line (the plan indents diffs under their resource).
    std::string indent{};
};

/// A value for display: "(absent)" for nullopt, otherwise the compact JSON cut to
/// `max_length` characters (never inside a UTF-8 sequence) plus "..." when longer.
std::string render_json_value(const std::optional<std::string>& value, std::size_t max_length);

/// One change on one line, no newline: `path: before -> after`, where an absent side reads
/// "(absent)", a reorder reads `path: order [...] -> [...]`, and the root path reads "(root)".
std::string render_json_change(const JsonChange& change, std::size_t max_value_length);

/// All changes, one per line (each ending in '\n'), summarised per `options`. "" when empty.
std::string render_json_diff(const std::vector<JsonChange>& changes,
                             const JsonDiffRenderOptions& options);

/// The JSON plan form of a change: {"path", "kind", "before", "after"}, with before/after as
/// JSON values and left out when absent. Found by nlohmann's ADL (`nlohmann::json j = change`).
void to_json(nlohmann::json& out, const JsonChange& change);

}  // namespace descope_mgmt::plan
