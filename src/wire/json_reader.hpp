#pragma once
// Typed, exception-free reading of Descope's JSON bodies. Descope emits zero values for unset
// fields, but the client must survive bodies that omit them or carry the wrong types: a missing
// or null field reads as its zero value, a field of the wrong type is an error that names its
// path (e.g. `tenants[2].name: expected a string, got number`). Only the first error is kept.

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace descope_mgmt::wire {

/// Parses JSON text without throwing; the error says where the text stopped being JSON.
util::Result<nlohmann::json> parse_json(std::string_view text);

/// Reads the fields of one JSON object. Construction on a non-object records an error.
class ObjectReader {
  public:
    /// `path` prefixes error messages ("" for the top-level body).
    ObjectReader(const nlohmann::json& object, std::string path);

    /// The string at `key`; "" when missing or null.
    std::string string(std::string_view key);
    /// The bool at `key`; false when missing or null.
    bool boolean(std::string_view key);
    /// The integer at `key` (a JSON number, or a string of digits as protojson writes int64);
    /// 0 when missing or null.
    std::int64_t integer(std::string_view key);
    /// The array of strings at `key`; empty when missing or null.
    std::vector<std::string> strings(std::string_view key);
    /// The object at `key`; nullptr when missing or null (an error when not an object).
    const nlohmann::json* object(std::string_view key);
    /// The array at `key`; nullptr when missing or null (an error when not an array).
    const nlohmann::json* array(std::string_view key);
    /// The array at `key`, which must be there: a missing or null list is an error, never an
    /// empty one. Descope sends empty lists as `[]` (docs/real-service.md, R16), so a 2xx
    /// without the list (`{}`, an error body) says nothing about what exists.
    const nlohmann::json* required_array(std::string_view key);
    /// The string at `key`, which must be there and not empty (an object's identity: a tenant
    /// without an id cannot be planned, backed up or restored).
    std::string required_string(std::string_view key);
    /// True when `key` is present and not null.
    bool has(std::string_view key) const;

    /// The path of a child field, for nested readers and errors.
    std::string child_path(std::string_view key) const;
    /// Records an error at `key` unless one is already recorded.
    void fail(std::string_view key, std::string message);
    /// Adopts another reader's error (for nested objects) unless one is already recorded.
    void absorb(const util::Error& error);

    bool ok() const { return !m_error.has_value(); }
    const util::Error& error() const { return *m_error; }

  private:
    const nlohmann::json* field(std::string_view key) const;

    const nlohmann::json& m_object;
    std::string m_path;
    std::optional<util::Error> m_error;
};

/// Serialises compactly with sorted keys. Never throws: invalid UTF-8 in a string (which
/// nlohmann::json would throw on) is replaced with U+FFFD.
std::string to_text(const nlohmann::json& value);

/// "number", "string", ... for error messages.
std::string json_type_name(const nlohmann::json& value);

}  // namespace descope_mgmt::wire
