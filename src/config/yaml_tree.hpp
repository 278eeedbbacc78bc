#pragma once
// A YAML document as a small tree that keeps what the loader needs: the 1-based line:column of
// every key and value, whether a scalar was quoted, which ${VAR}s it used, and duplicate keys
// (YAML parsers usually keep one silently; we report them). The parser is libfyaml (YAML 1.2),
// used only in yaml_tree.cpp; the YAML test suite checks it (tests/unit/config/).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"

namespace descope_mgmt::config {

enum class YamlKind { null, scalar, sequence, mapping };

/// How a scalar was written. Only plain scalars are typed (int, bool, ...); quoted and block
/// scalars (and `!!str`) are always strings.
enum class ScalarStyle { plain, quoted, block };

/// The YAML 1.2 core-schema type of a scalar.
enum class ScalarType { null, boolean, integer, floating, string };

struct YamlEntry;

struct YamlNode {
    YamlKind kind = YamlKind::null;
    int line = 0;  // 1-based; for a null mapping value: the key's position
    int column = 0;
    std::string text;  // scalar text, after ${VAR} substitution
    ScalarStyle style = ScalarStyle::plain;
    /// Names of the ${VAR}s the scalar used. Messages must not quote `text` when this is non-empty
    /// (the value came from the environment and may be secret).
    std::vector<std::string> variables;
    bool unresolved = false;         // used an unset ${VAR}: `text` is not meaningful
    std::vector<YamlNode> items;     // sequence
    std::vector<YamlEntry> entries;  // mapping, in file order, without duplicate keys

    bool is_scalar() const { return kind == YamlKind::scalar; }
    /// The value of `key` in a mapping, or nullptr.
    const YamlNode* find(std::string_view key) const;
    const YamlEntry* find_entry(std::string_view key) const;
    diag::SourceLocation location(const std::string& file) const { return {file, line, column}; }
};

struct YamlEntry {
    std::string key;
    int line = 0;  // of the key
    int column = 0;
    YamlNode value;

    diag::SourceLocation location(const std::string& file) const { return {file, line, column}; }
};

/// Parses one YAML document. Returns nullopt after reporting a syntax error or invalid UTF-8 (at
/// its line:column); a file with no document gives a null node. Also reports what valid YAML
/// the loader refuses: duplicate keys, non-text keys, unsupported tags, aliases without an
/// anchor, further documents. Never throws.
std::optional<YamlNode> parse_yaml(const std::string& text, const std::string& file,
                                   diag::Diagnostics& diags);

/// Checks `text` as YAML 1.2 alone, without the loader's rules (any number of documents, any
/// tags, any keys): reports the first syntax error or invalid UTF-8 at its line:column and
/// returns false, else returns true. parse_yaml refuses no text that this accepts except by
/// those rules; the YAML test suite runs through this.
bool check_yaml_syntax(const std::string& text, const std::string& file, diag::Diagnostics& diags);

/// The core-schema type of a scalar (null, true/false, integers, floats, else string).
/// Non-plain scalars are strings. Plain scalars that used a ${VAR} are typed by their value.
ScalarType scalar_type(const YamlNode& node);
/// The value of an integer scalar; nullopt when it is not one or does not fit in 64 bits.
std::optional<std::int64_t> scalar_int(const YamlNode& node);
std::optional<double> scalar_float(const YamlNode& node);
std::optional<bool> scalar_bool(const YamlNode& node);

/// How to show a scalar in a message: 'text', or "the value of ${VAR}" when it came from the
/// environment (never the value itself).
std::string shown(const YamlNode& node);

/// "a string", "an integer", "a list", ... for "expected X, got Y" messages.
std::string_view describe_kind(const YamlNode& node);

}  // namespace descope_mgmt::config
