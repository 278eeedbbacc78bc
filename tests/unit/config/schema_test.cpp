// The JSON Schema: valid draft 2020-12 JSON, committed copy up to date, and in agreement with
// the loader (checked with a small validator for the keywords the schema uses).
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "config/definitions.hpp"
#include "config/yaml_tree.hpp"
#include "config_test_support.hpp"
#include "support/json_schema.hpp"

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
using test::JsonSchemaValidator;

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
                EXPECT_TRUE(JsonSchemaValidator::keywords().count(k)) << k;
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
    JsonSchemaValidator v(s);
    const auto errors = v.validate(yaml_to_json(text));
    EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors);
    EXPECT_GT(v.keys_checked(), 100);
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
    {"PermissionOverrideName", "permissions:\n  - { name: p, overrides: { dev: { name: q } } }\n"},
    {"RoleOverrideTenant", "roles:\n  - { name: r, overrides: { dev: { tenant: t } } }\n"},
    {"RoleOverrideDefaultNotBoolean",
     "roles:\n  - { name: r, overrides: { dev: { default: maybe } } }\n"},
    {"FlowOverrideId", "flows:\n  - { id: f, file: f.json, overrides: { dev: { id: g } } }\n"},
    {"ThemeOverrideEnvironmentName",
     "theme: { file: t.json, overrides: { Dev: { file: t.json } } }\n"},
};

class SchemaAgreement : public ::testing::TestWithParam<Agreement> {};

TEST_P(SchemaAgreement, SchemaRejectsWhatTheLoaderRejects) {
    testing::FakeEnv env;
    const std::string text = kSchemaHead + GetParam().yaml_tail;
    EXPECT_TRUE(testing::load_text(text).diagnostics.has_errors());
    const Json s = schema();
    EXPECT_FALSE(JsonSchemaValidator(s).validate(yaml_to_json(text)).empty());
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
        "  - { name: r2, permissions: [Impersonate], overrides: { dev: { description: R, "
        "permissions: [p], default: false, private: true } } }\n"
        "permissions:\n  - { name: p, overrides: { dev: { description: P } } }\n"
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
    const auto errors = JsonSchemaValidator(s).validate(yaml_to_json(text));
    EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors);
}

TEST(SchemaAgreement, SchemaAcceptsSubstitutionsInTypedFields) {
    const std::string text = kSchemaHead +
                             "defaults: { rate_limit: { requests: \"${RPS}\" } }\n"
                             "tenants:\n  - id: a\n    name: A\n    enforce_sso: ${SSO}\n"
                             "    session_settings: { inactivity_timeout: \"${IDLE}\" }\n";
    const Json s = schema();
    const auto errors = JsonSchemaValidator(s).validate(yaml_to_json(text));
    EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors);
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
