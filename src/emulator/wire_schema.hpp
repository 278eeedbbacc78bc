#pragma once
// Table-driven wire shapes. Descope emits every known field, zero-valued when unset, and ignores
// unknown request fields; describing each object as a list of typed fields gives both for free.

#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <vector>

#include "emulator/store_error.hpp"
#include "util/result.hpp"

namespace descope_mgmt::emulator {

enum class FieldType { string, boolean, integer, string_list, object, array };

struct FieldSpec {
    const char* name;
    FieldType type;
};

using Fields = std::span<const FieldSpec>;

/// What every store operation returns: the 200 response body, or why the call failed.
using Reply = util::Result<nlohmann::json, StoreError>;

/// The zero value of a field type: "", false, 0, [], {}.
nlohmann::json zero_value(FieldType type);

/// A complete object with exactly `fields`: values taken from `in` when present (null counts as
/// absent), zero values otherwise; unknown keys of `in` are dropped. Fails with bad_request when
/// `in` is not an object or a present value has the wrong JSON type.
util::Result<nlohmann::json, StoreError> normalize(const nlohmann::json& in, Fields fields);

/// The string at `key` in object `in`, "" when absent or null; bad_request when not a string.
util::Result<std::string, StoreError> string_field(const nlohmann::json& in,
                                                   const std::string& key);

/// The list of strings at `key`, empty when absent; bad_request when not a list of strings.
util::Result<std::vector<std::string>, StoreError> string_list_field(const nlohmann::json& in,
                                                                     const std::string& key);

}  // namespace descope_mgmt::emulator
