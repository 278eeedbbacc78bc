// The JSON Schema: valid draft 2020-12 JSON, committed copy up to date, and in agreement with
// the loader (checked with a small validator for the keywords the schema uses).
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "config/definitions.hpp"
#include "config/yaml_tree.hpp"
#include "config_test_support.hpp"

namespace descope_mgmt::config {
namespace {

using Json = nlohmann::json;

std::string read(const std::string& relative) {
    std::ifstream in(std::string(DM_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A YAML document as JSON, as an editor's YAML language server sees it (no substitution).
Json to_json(const YamlNode& n) {
    switch (n.kind) {
        case YamlKind::null:
            return nullptr;
        case YamlKind::sequence: {
            Json a = Json::array();
            for (const auto& i : n.items)
                a.push_back(to_json(i));
            return a;
        }
        case YamlKind::mapping: {
            Json o = Json::object();
            for (const auto& e : n.entries)
                o[e.key] = to_json(e.value);
            return o;
        }
        case YamlKind::scalar:
            break;
    }
    switch (scalar_type(n)) {
        case ScalarType::null:
            return nullptr;
        case ScalarType::boolean:
            return *scalar_bool(n);
        case ScalarType::integer:
            return *scalar_int(n);
        case ScalarType::floating:
            return *scalar_float(n);
        case ScalarType::string:
            break;
    }
    return n.text;
}

Json yaml_to_json(const std::string& text) {
    diag::Diagnostics diags;
    auto root = parse_yaml(text, "x.yaml", diags);
    EXPECT_TRUE(root && diags.empty());
    return root ? to_json(*root) : Json();
}

/// Validates against the subset of JSON Schema 2020-12 that our schema uses. Counts the object
/// keys it checked, so a test can tell that it really walked the document.
class MiniValidator {
  public:
    explicit MiniValidator(const Json& root) : m_root(root) {}

    std::vector<std::string> errors;
    int keys_checked = 0;

    bool validate(const Json& schema, const Json& value, const std::string& path) {
        const std::size_t before = errors.size();
        check(schema, value, path);
        return errors.size() == before;
    }

    static const std::set<std::string>& understood() {
        static const std::set<std::string> k = {"$schema",     "$defs",
                                                "$ref",        "title",
                                                "description", "type",
                                                "enum",        "pattern",
                                                "minLength",   "maxLength",
                                                "minimum",     "maximum",
                                                "properties",  "additionalProperties",
                                                "required",    "propertyNames",
                                                "items",       "uniqueItems",
                                                "minItems",    "minProperties",
                                                "anyOf"};
        return k;
    }

  private:
    void fail(const std::string& path, const std::string& why) {
        errors.push_back(path + ": " + why);
    }

    static bool has_type(const Json& v, const std::string& t) {
        if (t == "object") return v.is_object();
        if (t == "array") return v.is_array();
        if (t == "string") return v.is_string();
        if (t == "integer") return v.is_number_integer();
        if (t == "number") return v.is_number();
        if (t == "boolean") return v.is_boolean();
        if (t == "null") return v.is_null();
        return false;
    }

    void check(const Json& s, const Json& v, const std::string& path) {
        if (s.is_boolean()) {
            if (!s.get<bool>()) fail(path, "not allowed");
            return;
        }
        if (s.contains("$ref")) {
            const std::string ref = s["$ref"];
            check(m_root["$defs"][ref.substr(std::string("#/$defs/").size())], v, path);
        }
        if (s.contains("anyOf")) {
            bool any = false;
            for (const auto& alt : s["anyOf"]) {
                MiniValidator probe(m_root);
                if (probe.validate(alt, v, path)) any = true;
            }
            if (!any) fail(path, "matches no alternative");
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
        if (s.contains("enum") &&
            std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end())
            fail(path, "not in enum");
        if (v.is_string()) {
            const std::string text = v;
            if (s.contains("pattern") &&
                !std::regex_search(text, std::regex(s["pattern"].get<std::string>())))
                fail(path, "does not match " + s["pattern"].get<std::string>());
            // JSON Schema counts characters (code points), not UTF-8 bytes.
            std::size_t length = 0;
            for (char c : text)
                length += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
            if (s.contains("minLength") && length < s["minLength"].get<std::size_t>())
                fail(path, "too short");
            if (s.contains("maxLength") && length > s["maxLength"].get<std::size_t>())
                fail(path, "too long");
        }
        if (v.is_number() && s.contains("minimum") && v.get<double>() < s["minimum"].get<double>())
            fail(path, "below minimum");
        if (v.is_number() && s.contains("maximum") && v.get<double>() > s["maximum"].get<double>())
            fail(path, "above maximum");
        if (v.is_object()) check_object(s, v, path);
        if (v.is_array()) {
            if (s.contains("items"))
                for (std::size_t i = 0; i < v.size(); ++i)
                    check(s["items"], v[i], path + "[" + std::to_string(i) + "]");
            if (s.contains("minItems") && v.size() < s["minItems"].get<std::size_t>())
                fail(path, "too few items");
            if (s.value("uniqueItems", false)) {
                for (std::size_t i = 0; i < v.size(); ++i)
                    for (std::size_t j = i + 1; j < v.size(); ++j)
                        if (v[i] == v[j]) fail(path, "repeated item");
            }
        }
    }

    void check_object(const Json& s, const Json& v, const std::string& path) {
        for (const auto& r : s.value("required", Json::array()))
            if (!v.contains(r.get<std::string>())) fail(path, "missing " + r.get<std::string>());
        if (s.contains("minProperties") && v.size() < s["minProperties"].get<std::size_t>())
            fail(path, "too few properties");
        for (const auto& [k, item] : v.items()) {
            ++keys_checked;
            if (s.contains("propertyNames") &&
                !std::regex_search(k, std::regex(s["propertyNames"]["pattern"].get<std::string>())))
                fail(path + "." + k, "bad key");
            if (s.contains("properties") && s["properties"].contains(k)) {
                check(s["properties"][k], item, path + "." + k);
            } else if (s.contains("additionalProperties")) {
                check(s["additionalProperties"], item, path + "." + k);
            }
        }
    }

    const Json& m_root;
};

Json schema() {
    return Json::parse(json_schema());
}

TEST(Schema, IsDraft2020JsonDescribingTheTopLevel) {
    const Json s = schema();
    EXPECT_EQ(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    EXPECT_EQ(s["type"], "object");
    EXPECT_EQ(s["additionalProperties"], false);
    EXPECT_EQ(s["required"], (Json{"version", "environments"}));
    for (const char* key : {"version", "defaults", "environments", "permissions", "roles",
                            "tenants", "flows", "theme"})
        EXPECT_TRUE(s["properties"].contains(key)) << key;
    EXPECT_TRUE(s["$defs"].contains("tenant"));
    EXPECT_EQ(s["$defs"]["tenant"]["required"], (Json{"id", "name"}));
}

TEST(Schema, UsesOnlyKeywordsTheTestValidatorUnderstands) {
    std::function<void(const Json&, bool)> walk = [&](const Json& j, bool keywords) {
        if (!j.is_object()) return;
        for (const auto& [k, v] : j.items()) {
            if (keywords) {
                EXPECT_TRUE(MiniValidator::understood().count(k)) << k;
            }
            // Children of these are names, not schemas.
            const bool named = k == "properties" || k == "$defs";
            if (named) {
                for (const auto& [name, sub] : v.items())
                    walk(sub, true);
            } else if (v.is_array()) {
                for (const auto& e : v)
                    walk(e, true);
            } else if (k != "enum") {
                walk(v, true);
            }
        }
    };
    walk(schema(), true);
}

TEST(Schema, CommittedCopyIsCurrent) {
    EXPECT_EQ(read("docs/descope-mgmt.schema.json"), json_schema())
        << "regenerate it: descope-mgmt schema > docs/descope-mgmt.schema.json";
}

TEST(Schema, ExampleConfigConformsAndEveryKeyIsKnown) {
    const std::string text = read("examples/descope.yaml");
    EXPECT_EQ(text.substr(0, text.find('\n')),
              "# yaml-language-server: $schema=../docs/descope-mgmt.schema.json");
    const Json s = schema();
    MiniValidator v(s);
    EXPECT_TRUE(v.validate(s, yaml_to_json(text), "$")) << ::testing::PrintToString(v.errors);
    EXPECT_GT(v.keys_checked, 100);
}

struct Agreement {
    const char* name;
    std::string yaml_tail;
};

const std::string kSchemaHead = "version: 1\nenvironments:\n  dev: {}\n";

// Each is rejected by the loader; the schema must reject it too.
const Agreement kRejected[] = {
    {"UnknownTopLevelKey", "tenents: []\n"},
    {"UnknownTenantKey", "tenants:\n  - { id: a, name: A, nmae: x }\n"},
    {"MissingTenantName", "tenants:\n  - { id: a }\n"},
    {"WrongType", "tenants:\n  - { id: a, name: A, enforce_sso: maybe }\n"},
    {"BadEnum", "defaults: { rate_limit: { scope: per-ip } }\n"},
    {"BadDuration",
     "tenants:\n  - { id: a, name: A, session_settings: { inactivity_timeout: 4x } }\n"},
    {"BadDomain", "tenants:\n  - { id: a, name: A, self_provisioning_domains: [Acme.com] }\n"},
    {"RepeatedDomain",
     "tenants:\n  - { id: a, name: A, self_provisioning_domains: [a.io, a.io] }\n"},
    {"ZeroRequests", "defaults: { rate_limit: { requests: 0 } }\n"},
    {"BadEnvironmentName", "roles:\n  - { name: r, environments: [Prod] }\n"},
    {"BadPrune", "defaults: { prune: [users] }\n"},
    {"AttributeMapping", "tenants:\n  - { id: a, name: A, custom_attributes: { x: { y: 1 } } }\n"},
    {"RefreshTokenBelowFloor",
     "tenants:\n  - { id: a, name: A, session_settings: { refresh_token_expiration: 179s } }\n"},
    {"SessionTokenBelowFloor",
     "tenants:\n  - { id: a, name: A, session_settings: { session_token_expiration: 2m } }\n"},
    {"InactivityBelowFloor",
     "tenants:\n  - { id: a, name: A, session_settings: { inactivity_timeout: 599s } }\n"},
    {"InactivityBelowFloorInMinutes",
     "tenants:\n  - { id: a, name: A, session_settings: { inactivity_timeout: 9m } }\n"},
    {"RoleNameTooLong", "roles:\n  - name: " + std::string(101, 'r') + "\n"},
    {"ShortProjectId", "  prod: { project_id: P" + std::string(26, 'a') + " }\n"},
    {"RoleInheritanceWireSpelling",
     "tenants:\n  - { id: a, name: A, role_inheritance: userOnly }\n"},
    {"RepeatedSsoExclusion", "tenants:\n  - { id: a, name: A, enforce_sso_exclusions: [u, u] }\n"},
    {"RoleDefaultNotBoolean", "roles:\n  - { name: r, private: maybe }\n"},
};

class SchemaAgreement : public ::testing::TestWithParam<Agreement> {};

TEST_P(SchemaAgreement, SchemaRejectsWhatTheLoaderRejects) {
    testing::FakeEnv env;
    const std::string text = kSchemaHead + GetParam().yaml_tail;
    EXPECT_TRUE(testing::load_text(text).diagnostics.has_errors());
    const Json s = schema();
    MiniValidator v(s);
    EXPECT_FALSE(v.validate(s, yaml_to_json(text), "$"));
}

INSTANTIATE_TEST_SUITE_P(Cases, SchemaAgreement, ::testing::ValuesIn(kRejected),
                         [](const ::testing::TestParamInfo<Agreement>& param) {
                             return std::string(param.param.name);
                         });

// What the loader accepts at the edges of the new rules, the schema accepts too.
TEST(SchemaAgreement, SchemaAcceptsValuesAtTheFloorsAndTheNewFields) {
    testing::FakeEnv env;
    const std::string text =
        "version: 1\nenvironments:\n  dev: { project_id: Puse1" + std::string(33, '7') +
        " }\nroles:\n  - { name: " + std::string(100, 'r') +
        ", default: true, private: false }\n"
        "  - { name: r2, permissions: [Impersonate] }\n"
        "tenants:\n  - id: a\n    name: A\n    default_roles: [Tenant Admin]\n"
        "    role_inheritance: user_only\n    enforce_sso_exclusions: [U1]\n"
        "    federated_app_ids: [app]\n"
        "    session_settings: { refresh_token_expiration: 180s, session_token_expiration: 3m, "
        "stepup_token_expiration: 1s, inactivity_timeout: 600s }\n"
        "    overrides:\n      dev: { role_inheritance: none, session_settings: "
        "{ inactivity_timeout: 10m, refresh_token_expiration: 1h } }\n";
    const LoadResult r = testing::load_text(text);
    EXPECT_EQ(r.diagnostics.error_count(), 0u) << testing::rendered(r);
    const Json s = schema();
    MiniValidator v(s);
    EXPECT_TRUE(v.validate(s, yaml_to_json(text), "$")) << ::testing::PrintToString(v.errors);
}

TEST(SchemaAgreement, SchemaAcceptsSubstitutionsInTypedFields) {
    const std::string text = kSchemaHead +
                             "defaults: { rate_limit: { requests: \"${RPS}\" } }\n"
                             "tenants:\n  - id: a\n    name: A\n    enforce_sso: ${SSO}\n"
                             "    session_settings: { inactivity_timeout: \"${IDLE}\" }\n";
    const Json s = schema();
    MiniValidator v(s);
    EXPECT_TRUE(v.validate(s, yaml_to_json(text), "$")) << ::testing::PrintToString(v.errors);
}

void collect_keys(const TypeDef& t, std::set<std::string>& out, std::set<const TypeDef*>& seen) {
    if (!seen.insert(&t).second) return;
    for (const auto& k : t.keys) {
        out.insert(std::string(k.name));
        collect_keys(*k.type, out, seen);
    }
    if (t.element != nullptr) collect_keys(*t.element, out, seen);
    for (const TypeDef* a : t.alternatives)
        collect_keys(*a, out, seen);
}

TEST(Docs, ConfigReferenceMentionsEveryKey) {
    std::set<std::string> keys;
    std::set<const TypeDef*> seen;
    collect_keys(config_definition(), keys, seen);
    EXPECT_GT(keys.size(), 30u);
    const std::string doc = read("docs/config.md");
    for (const auto& k : keys)
        EXPECT_NE(doc.find("`" + k + "`"), std::string::npos) << k;
}

}  // namespace
}  // namespace descope_mgmt::config
