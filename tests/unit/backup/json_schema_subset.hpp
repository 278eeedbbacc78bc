#pragma once
// A small JSON Schema (draft 2020-12) validator for the keywords docs/backup.schema.json uses,
// so a test can check that what the writer produces and what the reader accepts match the
// published schema. A keyword it does not know is reported, never silently ignored.

#include <regex.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace descope_mgmt::backup::testing {

class SchemaSubsetValidator {
  public:
    explicit SchemaSubsetValidator(nlohmann::json schema) : m_root(std::move(schema)) {}

    /// Every violation, as "PATH: problem"; empty when `value` is valid.
    std::vector<std::string> validate(const nlohmann::json& value) const {
        std::vector<std::string> errors;
        check(m_root, value, "$", errors);
        return errors;
    }

  private:
    static bool has_type(const nlohmann::json& v, const std::string& type) {
        if (type == "object") return v.is_object();
        if (type == "array") return v.is_array();
        if (type == "string") return v.is_string();
        if (type == "integer") return v.is_number_integer();
        if (type == "number") return v.is_number();
        if (type == "boolean") return v.is_boolean();
        if (type == "null") return v.is_null();
        return false;
    }

    /// POSIX extended regex search (the schema's patterns use only ERE syntax). Not std::regex:
    /// GCC 12 warns inside it when building with the sanitizers.
    static bool matches(const std::string& pattern, const std::string& text) {
        regex_t re;
        if (regcomp(&re, pattern.c_str(), REG_EXTENDED | REG_NOSUB) != 0)
            throw std::runtime_error("unsupported pattern " + pattern);
        const bool found = regexec(&re, text.c_str(), 0, nullptr, 0) == 0;
        regfree(&re);
        return found;
    }

    const nlohmann::json& resolve(const std::string& ref) const {
        static const std::string prefix = "#/$defs/";
        if (ref.rfind(prefix, 0) != 0) throw std::runtime_error("unsupported $ref " + ref);
        return m_root.at("$defs").at(ref.substr(prefix.size()));
    }

    void check(const nlohmann::json& schema, const nlohmann::json& v, const std::string& path,
               std::vector<std::string>& errors) const {
        static const std::set<std::string> annotations = {"$schema", "$id", "$defs", "title",
                                                          "description"};
        for (const auto& item : schema.items()) {
            const auto& key = item.key();
            const auto& arg = item.value();
            if (annotations.count(key) != 0) continue;
            if (key == "$ref") {
                check(resolve(arg), v, path, errors);
            } else if (key == "type") {
                if (!has_type(v, arg.get<std::string>()))
                    errors.push_back(path + ": not of type " + arg.get<std::string>());
            } else if (key == "const") {
                if (v != arg) errors.push_back(path + ": not " + arg.dump());
            } else if (key == "required") {
                for (const auto& name : arg)
                    if (v.is_object() && !v.contains(name.get<std::string>()))
                        errors.push_back(path + ": missing " + name.get<std::string>());
            } else if (key == "properties") {
                if (!v.is_object()) continue;
                for (const auto& p : arg.items())
                    if (v.contains(p.key()))
                        check(p.value(), v[p.key()], path + "." + p.key(), errors);
            } else if (key == "additionalProperties") {
                if (!v.is_object()) continue;
                const auto* props = schema.contains("properties") ? &schema["properties"] : nullptr;
                for (const auto& p : v.items()) {
                    if (props != nullptr && props->contains(p.key())) continue;
                    if (arg.is_boolean()) {
                        if (!arg.get<bool>())
                            errors.push_back(path + "." + p.key() + ": not allowed");
                    } else {
                        check(arg, p.value(), path + "." + p.key(), errors);
                    }
                }
            } else if (key == "items") {
                if (!v.is_array()) continue;
                for (std::size_t i = 0; i < v.size(); ++i)
                    check(arg, v[i], path + "[" + std::to_string(i) + "]", errors);
            } else if (key == "minLength") {
                if (v.is_string() && v.get<std::string>().size() < arg.get<std::size_t>())
                    errors.push_back(path + ": too short");
            } else if (key == "pattern") {
                if (v.is_string() && !matches(arg.get<std::string>(), v.get<std::string>()))
                    errors.push_back(path + ": does not match " + arg.get<std::string>());
            } else if (key == "oneOf" || key == "anyOf") {
                int matches = 0;
                for (const auto& alternative : arg) {
                    std::vector<std::string> sub;
                    check(alternative, v, path, sub);
                    if (sub.empty()) ++matches;
                }
                if (matches == 0 || (key == "oneOf" && matches > 1))
                    errors.push_back(path + ": " + std::to_string(matches) + " alternatives of " +
                                     key + " match");
            } else {
                errors.push_back(path + ": schema keyword '" + key + "' not supported by the test");
            }
        }
    }

    nlohmann::json m_root;
};

}  // namespace descope_mgmt::backup::testing
