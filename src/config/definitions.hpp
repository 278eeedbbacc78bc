#pragma once
// The config format as data: every key with its type, description, allowed values and checks.
// This one table drives the loader's unknown-key and type checks (shape_checker) and the JSON
// Schema that `descope-mgmt schema` prints (json_schema), so the two cannot disagree.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace descope_mgmt::config {

enum class ValueKind {
    string,
    integer,
    number,
    boolean,
    object,  // fixed keys (KeyDef)
    list,    // items of `element`
    map,     // free keys (checked by key_check) with values of `element`
    any_of,  // one of `alternatives`
};

/// Checks a scalar beyond its type. Returns why it is invalid (a hint on how to fix it), or ""
/// when it is valid. Must not repeat the text (it may be a secret from the environment).
using TextCheck = std::string (*)(std::string_view text);

struct TypeDef;

struct KeyDef {
    std::string_view name;
    const TypeDef* type = nullptr;
    const char* description = "";
    bool required = false;
    const char* default_text = nullptr;  // documented default, e.g. "200"
};

struct TypeDef {
    ValueKind kind = ValueKind::string;
    const char* title = "";            // in "must be X" messages: "a tenant", "a duration"
    const char* noun = "";             // in "invalid X" messages: "duration", "domain"
    const char* description = "";      // for the schema and the docs
    const char* def_name = nullptr;    // named in the schema's $defs when set
    std::vector<KeyDef> keys = {};     // object
    const TypeDef* element = nullptr;  // list items, map values
    std::vector<const TypeDef*> alternatives = {};  // any_of
    std::vector<std::string> allowed = {};  // allowed values (strings; integers written as text)
    /// Other spellings also accepted (and in the schema's enum), never suggested: the singulars
    /// of `prune` ("tenant" for "tenants").
    std::vector<std::string> aliases = {};
    const char* pattern = nullptr;  // schema pattern expressing `check`
    TextCheck check = nullptr;
    const char* key_pattern = nullptr;  // map keys: schema pattern expressing key_check
    TextCheck key_check = nullptr;
    const char* key_noun = "";  // map keys: "environment name"
    std::optional<std::int64_t> minimum = {};
    std::optional<std::int64_t> maximum = {};
    std::optional<std::size_t> max_length = {};  // strings: most characters (UTF-8 code points)
    /// Where Descope's own limit `max_length` is stated (a public source), or nullptr when it is
    /// descope-mgmt's cap (docs/config.md, "Length limits").
    const char* max_length_source = nullptr;
    bool non_empty = false;         // strings: at least one character; list/map: at least one item
    bool unique_items = false;      // lists of scalars
    bool nullable = false;          // objects/maps: an empty value means {}
    const char* example = nullptr;  // shown in type messages ("e.g. 4w")

    /// The KeyDef named `name` (objects), or nullptr.
    const KeyDef* key(std::string_view name) const;
    /// Key names, in table order.
    std::vector<std::string> key_names() const;
};

/// The root of the config file (`version`, `defaults`, `environments`, ...).
const TypeDef& config_definition();

/// The JSON Schema of `config_definition()` (draft 2020-12), pretty-printed, ending in '\n'.
std::string json_schema();

}  // namespace descope_mgmt::config
