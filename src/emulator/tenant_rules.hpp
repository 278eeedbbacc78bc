#pragma once
// Checks Descope applies to tenant writes that the wire shapes alone do not express (docs/
// emulator.md, "Fidelity rules"): custom attributes must be defined in the project (R4), and the
// custom session settings have floors (R3) and five units (R2). Pure functions, no state.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "emulator/store_error.hpp"
#include "util/result.hpp"

namespace descope_mgmt::emulator {

/// The type of a tenant custom attribute as the console defines it.
enum class AttributeType { string, number, boolean, list };

/// One attribute the project defines for its tenants (--tenant-attribute NAME[:TYPE]).
struct AttributeSpec {
    std::string name;
    AttributeType type = AttributeType::string;
};

/// Parses NAME[:TYPE] with TYPE string|number|boolean|list (default string).
util::Result<AttributeSpec> parse_attribute_spec(const std::string& text);

/// "string", "number", "boolean" or "list".
const char* to_string(AttributeType type);

/// R4: every key of `attributes` (a JSON object) must be in `defined`, with a value of its type
/// (null is accepted for any type). The error (invalid_argument) names the key, and the type.
util::Result<void, StoreError> check_custom_attributes(const nlohmann::json& attributes,
                                                       const std::vector<AttributeSpec>& defined);

/// R2: the number of seconds in one `unit` (seconds|minutes|hours|days|weeks), nullopt for any
/// other word; "" is 0 (no unit set).
std::optional<long long> unit_seconds(const std::string& unit);

/// R3: with custom session settings `enabled`, the refresh and session token lifetimes are at
/// least 3 minutes and the session token is not longer than the refresh token; with
/// `enableInactivity`, inactivityTime is at least 10 minutes. `settings` is a normalised
/// tenant/settings body with valid units; the error (invalid_argument) names the field and floor.
util::Result<void, StoreError> check_session_floors(const nlohmann::json& settings);

}  // namespace descope_mgmt::emulator
