#pragma once
// Strict, exception-free reading of a backup's JSON: unlike the wire readers (which forgive
// what Descope omits), a backup must hold exactly the documented fields with the documented
// types, so every missing field, wrong type and unknown field is a problem named by its path
// (e.g. `resources.tenants[3].name: expected a string, got number`). All problems are kept.

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "diag/diagnostic.hpp"

namespace descope_mgmt::backup {

/// The problems found so far, each an error "PATH: message" (the tool's one problems form).
using Problems = diag::Diagnostics;

/// "object", "array", "string", "integer", "number", "boolean" or "null".
std::string json_kind(const nlohmann::json& value);

/// Reads the fields of one JSON object; construction on a non-object records a problem, and
/// every key outside `known` is reported as unknown.
class StrictReader {
  public:
    StrictReader(const nlohmann::json& value, std::string path, Problems& problems,
                 std::initializer_list<std::string_view> known);

    bool is_object() const { return m_object != nullptr; }
    /// Required fields of each type; nullopt (and a problem) when missing or mistyped.
    std::optional<std::string> string(std::string_view key);
    std::optional<bool> boolean(std::string_view key);
    std::optional<std::int64_t> integer(std::string_view key);
    /// A required array of strings.
    std::optional<std::vector<std::string>> strings(std::string_view key);
    /// A required array; nullptr (and a problem) when missing or not an array.
    const nlohmann::json* array(std::string_view key);
    /// A required field that is an object or null: nullptr for null (or on a problem).
    const nlohmann::json* object_or_null(std::string_view key);
    /// A required field of any JSON type; nullptr when missing.
    const nlohmann::json* any(std::string_view key);

    std::string child_path(std::string_view key) const;
    void fail(std::string_view key, const std::string& message);

  private:
    const nlohmann::json* require(std::string_view key);
    void wrong_type(std::string_view key, std::string_view expected, const nlohmann::json& got);

    const nlohmann::json* m_object = nullptr;
    std::string m_path;
    Problems& m_problems;
};

}  // namespace descope_mgmt::backup
