// JSON Schema (draft 2020-12) generated from the definition table, for editors
// (`# yaml-language-server: $schema=...`) and other tools.
#include <nlohmann/json.hpp>

#include "config/definitions.hpp"

namespace descope_mgmt::config {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSubstitutionRef = "#/$defs/substitution";

std::string describe(const char* description, const char* default_text) {
    std::string out = description != nullptr ? description : "";
    if (default_text != nullptr) {
        if (!out.empty()) out += ' ';
        out += std::string("Default: ") + default_text + ".";
    }
    return out;
}

class SchemaWriter {
  public:
    Json root(const TypeDef& t) {
        Json out;
        out["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        out["title"] = "descope-mgmt config";
        Json body_json = body(t);
        for (auto& [k, v] : body_json.items())
            out[k] = v;
        m_defs["substitution"] =
            Json{{"description",
                  "A ${VAR} reference, replaced from the process environment when the config is "
                  "loaded; $${ writes a literal ${."},
                 {"type", "string"},
                 {"pattern", "\\$\\{[A-Z0-9_]+\\}"}};
        out["$defs"] = m_defs;
        return out;
    }

  private:
    Json schema_of(const TypeDef& t) {
        if (t.def_name == nullptr) return body(t);
        if (!m_defs.contains(t.def_name)) {
            m_defs[t.def_name] = Json::object();  // reserve the name (and its place) first
            m_defs[t.def_name] = body(t);
        }
        return Json{{"$ref", std::string("#/$defs/") + t.def_name}};
    }

    // A scalar with constraints may also be written as a ${VAR} reference: the loader checks
    // the substituted value, which the schema cannot know.
    static Json or_substitution(Json scalar) {
        return Json{{"anyOf", Json::array({std::move(scalar), Json{{"$ref", kSubstitutionRef}}})}};
    }

    Json body(const TypeDef& t) {
        Json out;
        if (t.description != nullptr && *t.description != '\0') out["description"] = t.description;
        switch (t.kind) {
            case ValueKind::string: {
                Json s{{"type", "string"}};
                if (!t.allowed.empty()) {
                    s["enum"] = t.allowed;
                    for (const auto& a : t.aliases)
                        s["enum"].push_back(a);
                }
                if (t.pattern != nullptr) s["pattern"] = t.pattern;
                if (t.non_empty) s["minLength"] = 1;
                if (t.max_length) s["maxLength"] = *t.max_length;
                if (t.allowed.empty() && t.pattern == nullptr) return merge(out, s);
                return merge(out, or_substitution(s));
            }
            case ValueKind::integer:
            case ValueKind::number: {
                Json s{{"type", t.kind == ValueKind::integer ? "integer" : "number"}};
                if (t.minimum) s["minimum"] = *t.minimum;
                if (t.maximum) s["maximum"] = *t.maximum;
                if (!t.allowed.empty()) {
                    Json values = Json::array();
                    for (const auto& a : t.allowed)
                        values.push_back(std::stoll(a));
                    s["enum"] = values;
                }
                return merge(out, or_substitution(s));
            }
            case ValueKind::boolean:
                return merge(out, or_substitution(Json{{"type", "boolean"}}));
            case ValueKind::object: {
                out["type"] = t.nullable ? Json::array({"object", "null"}) : Json("object");
                Json props = Json::object();
                Json required = Json::array();
                for (const auto& k : t.keys) {
                    Json p = schema_of(*k.type);
                    const std::string text = describe(k.description, k.default_text);
                    if (!text.empty()) p["description"] = text;
                    props[std::string(k.name)] = p;
                    if (k.required) required.push_back(std::string(k.name));
                }
                out["properties"] = props;
                if (!required.empty()) out["required"] = required;
                out["additionalProperties"] = false;
                return out;
            }
            case ValueKind::list:
                out["type"] = t.nullable ? Json::array({"array", "null"}) : Json("array");
                out["items"] = schema_of(*t.element);
                if (t.unique_items) out["uniqueItems"] = true;
                if (t.non_empty) out["minItems"] = 1;
                return out;
            case ValueKind::map:
                out["type"] = t.nullable ? Json::array({"object", "null"}) : Json("object");
                if (t.key_pattern != nullptr)
                    out["propertyNames"] = Json{{"pattern", t.key_pattern}};
                out["additionalProperties"] = schema_of(*t.element);
                if (t.non_empty) out["minProperties"] = 1;
                return out;
            case ValueKind::any_of: {
                Json alternatives = Json::array();
                for (const TypeDef* a : t.alternatives)
                    alternatives.push_back(schema_of(*a));
                out["anyOf"] = alternatives;
                return out;
            }
        }
        return out;
    }

    static Json merge(Json base, const Json& more) {
        for (const auto& [k, v] : more.items())
            base[k] = v;
        return base;
    }

    Json m_defs = Json::object();
};

}  // namespace

std::string json_schema() {
    return SchemaWriter().root(config_definition()).dump(2) + "\n";
}

}  // namespace descope_mgmt::config
