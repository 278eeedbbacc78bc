#include "support/json_schema.hpp"

#include <algorithm>
#include <regex>

namespace descope_mgmt::test {

namespace {

using nlohmann::json;

bool has_type(const json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "integer") return v.is_number_integer();
    if (type == "number") return v.is_number();
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    return false;
}

bool matches(const std::string& pattern, const std::string& text) {
    return std::regex_search(text, std::regex(pattern, std::regex::ECMAScript));
}

/// JSON Schema counts characters (code points), not UTF-8 bytes.
std::size_t code_points(const std::string& text) {
    std::size_t n = 0;
    for (char c : text)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

}  // namespace

const std::set<std::string>& JsonSchemaValidator::keywords() {
    static const std::set<std::string> k = {
        "$schema",  "$id",           "$defs",      "$ref",
        "title",    "description",   "type",       "const",
        "enum",     "pattern",       "minLength",  "maxLength",
        "minimum",  "maximum",       "properties", "additionalProperties",
        "required", "propertyNames", "items",      "uniqueItems",
        "minItems", "minProperties", "anyOf",      "oneOf"};
    return k;
}

std::vector<std::string> JsonSchemaValidator::validate(const json& value) const {
    return validate(m_root, value);
}

std::vector<std::string> JsonSchemaValidator::validate(const json& schema,
                                                       const json& value) const {
    m_keys_checked = 0;
    std::vector<std::string> errors;
    check(schema, value, "$", errors);
    return errors;
}

void JsonSchemaValidator::check(const json& s, const json& v, const std::string& path,
                                std::vector<std::string>& errors) const {
    auto fail = [&](const std::string& where, const std::string& why) {
        errors.push_back(where + ": " + why);
    };
    if (s.is_boolean()) {
        if (!s.get<bool>()) fail(path, "not allowed");
        return;
    }
    for (const auto& item : s.items()) {
        if (!keywords().count(item.key()))
            fail(path, "schema keyword '" + item.key() + "' not supported by the test validator");
    }
    if (s.contains("$ref")) {
        static const std::string prefix = "#/$defs/";
        const std::string ref = s["$ref"];
        if (ref.rfind(prefix, 0) != 0) return fail(path, "unsupported $ref " + ref);
        check(m_root.at("$defs").at(ref.substr(prefix.size())), v, path, errors);
    }
    for (const char* key : {"anyOf", "oneOf"}) {
        if (!s.contains(key)) continue;
        int matching = 0;
        for (const auto& alternative : s[key]) {
            std::vector<std::string> sub;
            check(alternative, v, path, sub);
            if (sub.empty()) ++matching;
        }
        if (matching == 0 || (std::string(key) == "oneOf" && matching > 1))
            fail(path, std::to_string(matching) + " alternatives of " + key + " match");
    }
    if (s.contains("type")) {
        bool ok = false;
        if (s["type"].is_array()) {
            for (const auto& t : s["type"])
                ok = ok || has_type(v, t);
        } else {
            ok = has_type(v, s["type"]);
        }
        if (!ok) return fail(path, "wrong type, expected " + s["type"].dump());
    }
    if (s.contains("const") && v != s["const"]) fail(path, "not " + s["const"].dump());
    if (s.contains("enum") && std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end())
        fail(path, "not in enum");
    if (v.is_string()) {
        const std::string text = v;
        if (s.contains("pattern") && !matches(s["pattern"], text))
            fail(path, "does not match " + s["pattern"].get<std::string>());
        if (s.contains("minLength") && code_points(text) < s["minLength"].get<std::size_t>())
            fail(path, "too short");
        if (s.contains("maxLength") && code_points(text) > s["maxLength"].get<std::size_t>())
            fail(path, "too long");
    }
    if (v.is_number() && s.contains("minimum") && v.get<double>() < s["minimum"].get<double>())
        fail(path, "below minimum");
    if (v.is_number() && s.contains("maximum") && v.get<double>() > s["maximum"].get<double>())
        fail(path, "above maximum");
    if (v.is_array()) {
        if (s.contains("items")) {
            for (std::size_t i = 0; i < v.size(); ++i)
                check(s["items"], v[i], path + "[" + std::to_string(i) + "]", errors);
        }
        if (s.contains("minItems") && v.size() < s["minItems"].get<std::size_t>())
            fail(path, "too few items");
        if (s.value("uniqueItems", false)) {
            for (std::size_t i = 0; i < v.size(); ++i)
                for (std::size_t j = i + 1; j < v.size(); ++j)
                    if (v[i] == v[j]) fail(path, "repeated item");
        }
    }
    if (v.is_object()) {
        for (const auto& r : s.value("required", json::array()))
            if (!v.contains(r.get<std::string>())) fail(path, "missing " + r.get<std::string>());
        if (s.contains("minProperties") && v.size() < s["minProperties"].get<std::size_t>())
            fail(path, "too few properties");
        for (const auto& [k, item] : v.items()) {
            ++m_keys_checked;
            if (s.contains("propertyNames")) check(s["propertyNames"], k, path + "." + k, errors);
            if (s.contains("properties") && s["properties"].contains(k)) {
                check(s["properties"][k], item, path + "." + k, errors);
            } else if (s.contains("additionalProperties")) {
                check(s["additionalProperties"], item, path + "." + k, errors);
            }
        }
    }
}

}  // namespace descope_mgmt::test
