#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace descope_mgmt::util {

/// Edit distance between a and b: insertions, deletions, substitutions and swaps of two
/// neighbouring characters each count 1 (optimal string alignment).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is close enough to be a plausible typo
/// (distance <= max(1, word.size() / 3)), for "did you mean ...?" hints. None for a word of more
/// than 256 bytes.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::string to_upper(std::string_view text);

/// The 1-based line and column of byte `offset` (0-based, clamped to the text) of `text`; the
/// column counts UTF-8 characters, not bytes.
std::pair<int, int> line_column(std::string_view text, std::size_t offset);

/// nlohmann::json's parse_error what() without its "[json.exception.parse_error.N] parse error
/// at line L, column C: " prefix (its position is off by one around newlines: callers locate
/// the error themselves, from the byte offset).
std::string json_parse_reason(std::string_view what);

/// The most levels of nesting a JSON text may have anywhere in the tool (flow and theme files,
/// backups, API answers): deeper documents are refused before parsing, never parsed (deep
/// recursion in the parser's users and destructors crashed at about 100k levels).
inline constexpr int kMaxJsonDepth = 1000;

/// The offset of the first '[' or '{' (outside strings) nested deeper than `max_depth`, or
/// nullopt. Brackets need not balance: the parser reports that with a better message.
std::optional<std::size_t> find_too_deep_json(std::string_view text, int max_depth = kMaxJsonDepth);

/// One step of a path into a JSON document: a member name or an array index.
using JsonStep = std::variant<std::string, std::size_t>;

/// The byte offset of the value at `path` (e.g. {"screens", 2, "id"}) in `text`, a valid JSON
/// document, so that a problem found in the parsed document can be shown at its line:column
/// (nlohmann::json keeps no positions). Member names are compared as written between their
/// quotes; with duplicate names, the last one counts, as the parser keeps it. nullopt when the
/// path is not there or the text is not well-formed.
std::optional<std::size_t> find_json_value(std::string_view text,
                                           const std::vector<JsonStep>& path);

}  // namespace descope_mgmt::util
