#include "emulator/tenant_rules.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace descope_mgmt::emulator {

namespace {

using nlohmann::json;

bool has_type(const json& value, AttributeType type) {
    switch (type) {
        case AttributeType::string:
            return value.is_string();
        case AttributeType::number:
            return value.is_number();
        case AttributeType::boolean:
            return value.is_boolean();
        case AttributeType::list:
            return value.is_array();
    }
    return false;
}

// The lifetime `field` (with its "<field>Unit") in seconds; a missing unit makes it 0.
long long lifetime_seconds(const json& settings, const std::string& field) {
    const auto per_unit = unit_seconds(settings.at(field + "Unit").get<std::string>());
    return settings.at(field).get<long long>() * per_unit.value_or(0);
}

std::string describe(const json& settings, const std::string& field) {
    const std::string unit = settings.at(field + "Unit");
    return std::to_string(settings.at(field).get<long long>()) + " " +
           (unit.empty() ? std::string("(no unit)") : unit);
}

}  // namespace

util::Result<AttributeSpec> parse_attribute_spec(const std::string& text) {
    const auto colon = text.find(':');
    AttributeSpec spec;
    spec.name = text.substr(0, colon);
    if (spec.name.empty()) return util::error("--tenant-attribute wants NAME[:TYPE]");
    if (colon == std::string::npos) return spec;
    const std::string type = text.substr(colon + 1);
    for (auto t : {AttributeType::string, AttributeType::number, AttributeType::boolean,
                   AttributeType::list}) {
        if (type == to_string(t)) {
            spec.type = t;
            return spec;
        }
    }
    return util::error("--tenant-attribute " + spec.name +
                       ": the type is one of string, number, boolean, list, got '" + type + "'");
}

const char* to_string(AttributeType type) {
    switch (type) {
        case AttributeType::string:
            return "string";
        case AttributeType::number:
            return "number";
        case AttributeType::boolean:
            return "boolean";
        case AttributeType::list:
            return "list";
    }
    return "string";
}

util::Result<void, StoreError> check_custom_attributes(const json& attributes,
                                                       const std::vector<AttributeSpec>& defined) {
    for (const auto& [key, value] : attributes.items()) {
        const auto spec = std::find_if(defined.begin(), defined.end(),
                                       [&](const AttributeSpec& s) { return s.name == key; });
        if (spec == defined.end()) {
            return fail(
                ErrorKind::invalid_argument,
                "Custom attribute '" + key + "' is not defined for tenants in this project");
        }
        if (!value.is_null() && !has_type(value, spec->type)) {
            return fail(ErrorKind::invalid_argument,
                        "Custom attribute '" + key + "' must be a " + to_string(spec->type));
        }
    }
    return {};
}

std::optional<long long> unit_seconds(const std::string& unit) {
    static constexpr std::pair<const char*, long long> kUnits[] = {
        {"", 0},          {"seconds", 1},   {"minutes", 60},
        {"hours", 3'600}, {"days", 86'400}, {"weeks", 604'800}};
    for (const auto& [name, seconds] : kUnits) {
        if (unit == name) return seconds;
    }
    return std::nullopt;
}

util::Result<void, StoreError> check_session_floors(const json& settings) {
    constexpr long long kTokenFloor = 3 * 60;
    constexpr long long kInactivityFloor = 10 * 60;
    if (settings.at("enabled") == true) {
        for (const char* field : {"refreshTokenExpiration", "sessionTokenExpiration"}) {
            if (lifetime_seconds(settings, field) < kTokenFloor) {
                return fail(ErrorKind::invalid_argument, std::string(field) +
                                                             " must be at least 3 minutes, got " +
                                                             describe(settings, field));
            }
        }
        if (lifetime_seconds(settings, "sessionTokenExpiration") >
            lifetime_seconds(settings, "refreshTokenExpiration")) {
            return fail(ErrorKind::invalid_argument,
                        "sessionTokenExpiration (" + describe(settings, "sessionTokenExpiration") +
                            ") must not be longer than refreshTokenExpiration (" +
                            describe(settings, "refreshTokenExpiration") + ")");
        }
    }
    if (settings.at("enableInactivity") == true &&
        lifetime_seconds(settings, "inactivityTime") < kInactivityFloor) {
        return fail(ErrorKind::invalid_argument,
                    "inactivityTime must be at least 10 minutes, got " +
                        describe(settings, "inactivityTime"));
    }
    return {};
}

}  // namespace descope_mgmt::emulator
