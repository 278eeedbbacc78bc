#include "emulator/wire_schema.hpp"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

namespace descope_mgmt::emulator {

namespace {

using nlohmann::json;

// protojson accepts an int64 as a number or as a string of digits; 30.0 is accepted too.
std::optional<long long> as_integer(const json& v) {
    if (v.is_number_integer()) return v.get<long long>();
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::trunc(d) == d && std::abs(d) < 9e18) return static_cast<long long>(d);
        return std::nullopt;
    }
    if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        long long value = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
        if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) return value;
    }
    return std::nullopt;
}

bool has_type(const json& v, FieldType type) {
    switch (type) {
        case FieldType::string:
            return v.is_string();
        case FieldType::boolean:
            return v.is_boolean();
        case FieldType::integer:
            return as_integer(v).has_value();
        case FieldType::string_list:
            if (!v.is_array()) return false;
            for (const auto& item : v) {
                if (!item.is_string()) return false;
            }
            return true;
        case FieldType::object:
            return v.is_object();
        case FieldType::array:
            return v.is_array();
    }
    return false;
}

const char* type_name(FieldType type) {
    switch (type) {
        case FieldType::string:
            return "a string";
        case FieldType::boolean:
            return "a boolean";
        case FieldType::integer:
            return "an integer";
        case FieldType::string_list:
            return "a list of strings";
        case FieldType::object:
            return "an object";
        case FieldType::array:
            return "a list";
    }
    return "a value";
}

util::Result<json, StoreError> merge(json out, const json& in, Fields fields) {
    if (!in.is_object())
        return fail(ErrorKind::bad_request, "The request body must be a JSON object");
    for (const auto& field : fields) {
        const auto it = in.find(field.name);
        if (it == in.end() || it->is_null()) continue;
        if (!has_type(*it, field.type)) {
            return fail(ErrorKind::bad_request, std::string("Invalid value for field ") +
                                                    field.name + ": expected " +
                                                    type_name(field.type));
        }
        out[field.name] = field.type == FieldType::integer ? json(*as_integer(*it)) : *it;
    }
    return out;
}

}  // namespace

json zero_value(FieldType type) {
    switch (type) {
        case FieldType::string:
            return "";
        case FieldType::boolean:
            return false;
        case FieldType::integer:
            return 0;
        case FieldType::string_list:
        case FieldType::array:
            return json::array();
        case FieldType::object:
            return json::object();
    }
    return nullptr;
}

util::Result<json, StoreError> normalize(const json& in, Fields fields) {
    json out = json::object();
    for (const auto& field : fields)
        out[field.name] = zero_value(field.type);
    return merge(std::move(out), in, fields);
}

util::Result<std::string, StoreError> string_field(const json& in, const std::string& key) {
    if (!in.is_object())
        return fail(ErrorKind::bad_request, "The request body must be a JSON object");
    const auto it = in.find(key);
    if (it == in.end() || it->is_null()) return std::string();
    if (!it->is_string()) {
        return fail(ErrorKind::bad_request,
                    "Invalid value for field " + key + ": expected a string");
    }
    return it->get<std::string>();
}

util::Result<std::vector<std::string>, StoreError> string_list_field(const json& in,
                                                                     const std::string& key) {
    if (!in.is_object())
        return fail(ErrorKind::bad_request, "The request body must be a JSON object");
    const auto it = in.find(key);
    if (it == in.end() || it->is_null()) return std::vector<std::string>();
    if (!has_type(*it, FieldType::string_list)) {
        return fail(ErrorKind::bad_request,
                    "Invalid value for field " + key + ": expected a list of strings");
    }
    return it->get<std::vector<std::string>>();
}

}  // namespace descope_mgmt::emulator
