#include "wire/tenant_wire.hpp"
#include "wire/flow_wire.hpp"
#include "wire/permission_wire.hpp"
#include "wire/role_wire.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace descope_mgmt::wire {
namespace {

using nlohmann::json;

// The tenant object of descope-api.md §10 item 5 (flat fields plus the wrapped copy).
const char* kLoadAnswer = R"({
  "id":"acme","name":"Acme","selfProvisioningDomains":["acme.com"],
  "customAttributes":{"plan":"gold","seats":50,"ratio":0.5,"beta":true,"regions":["eu","us"]},
  "authType":"none","domains":[],"createdTime":1726067547,"disabled":false,"enforceSSO":true,
  "enforceSSOExclusions":["U1"],"federatedAppIds":[],"parent":"holding","successors":[],
  "defaultRoles":["viewer"],"roleInheritance":"userOnly",
  "tenant":{"id":"acme","name":"Acme","selfProvisioningDomains":["acme.com"],
            "customAttributes":{"plan":"gold","seats":50,"ratio":0.5,"beta":true,"regions":["eu","us"]},
            "enforceSSO":true,"parent":"holding","defaultRoles":["viewer"],
            "enforceSSOExclusions":["U1"],"roleInheritance":"userOnly"}})";

TEST(TenantWire, ReadsEveryManagedFieldOfALoadAnswer) {
    auto t = parse_tenant_load(json::parse(kLoadAnswer));
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(t->id, "acme");
    EXPECT_EQ(t->name, "Acme");
    EXPECT_EQ(t->self_provisioning_domains, std::vector<std::string>{"acme.com"});
    EXPECT_TRUE(t->enforce_sso);
    EXPECT_FALSE(t->disabled);
    EXPECT_EQ(t->parent, "holding");
    EXPECT_EQ(t->default_roles, std::vector<std::string>{"viewer"});
    ASSERT_EQ(t->custom_attributes.size(), 5u);
    EXPECT_EQ(std::get<std::string>(t->custom_attributes.at("plan")), "gold");
    EXPECT_EQ(std::get<std::int64_t>(t->custom_attributes.at("seats")), 50);
    EXPECT_DOUBLE_EQ(std::get<double>(t->custom_attributes.at("ratio")), 0.5);
    EXPECT_TRUE(std::get<bool>(t->custom_attributes.at("beta")));
    EXPECT_EQ(std::get<std::vector<std::string>>(t->custom_attributes.at("regions")),
              (std::vector<std::string>{"eu", "us"}));
    EXPECT_FALSE(t->session_settings.has_value());
}

TEST(TenantWire, AcceptsFlatOnlyAndWrappedOnlyLoadAnswers) {
    auto flat = parse_tenant_load(json::parse(R"({"id":"a","name":"A"})"));
    ASSERT_TRUE(flat);
    EXPECT_EQ(flat->name, "A");
    auto wrapped = parse_tenant_load(json::parse(R"({"tenant":{"id":"b","name":"B"}})"));
    ASSERT_TRUE(wrapped);
    EXPECT_EQ(wrapped->id, "b");
    EXPECT_EQ(wrapped->name, "B");
}

TEST(TenantWire, MissingAndNullFieldsReadAsZeroValues) {
    auto t = tenant_from_json(json::parse(R"({"id":"x","name":null,"customAttributes":null})"));
    ASSERT_TRUE(t);
    EXPECT_EQ(t->id, "x");
    EXPECT_EQ(t->name, "");
    EXPECT_TRUE(t->self_provisioning_domains.empty());
    EXPECT_TRUE(t->custom_attributes.empty());
    EXPECT_FALSE(t->enforce_sso);
}

TEST(TenantWire, WrongTypesAreErrorsNamingThePath) {
    auto list = parse_tenant_list(
        json::parse(R"({"tenants":[{"id":"a"},{"id":"b","selfProvisioningDomains":["ok",7]}]})"));
    ASSERT_FALSE(list);
    EXPECT_EQ(list.error().message,
              "tenants[1].selfProvisioningDomains[1]: expected a string, got integer");

    auto bad_attr = parse_tenant_list(
        json::parse(R"({"tenants":[{"id":"a","customAttributes":{"x":{"nested":1}}}]})"));
    ASSERT_FALSE(bad_attr);
    EXPECT_NE(bad_attr.error().message.find("tenants[0].customAttributes.x"), std::string::npos);

    EXPECT_FALSE(parse_tenant_list(json::parse(R"({"tenants":{}})")));
    EXPECT_FALSE(parse_tenant_list(json::parse(R"([1,2])")));
    EXPECT_FALSE(parse_tenant_load(json::parse(R"("text")")));
    EXPECT_FALSE(parse_tenant_load(json::parse(R"({"id":5})")));
}

// Issue 12, finding 4: `{}`, an error body or a tenant without an id says nothing about what
// exists; read as an empty list, backup took 0 tenants and plan proposed to create them all.
TEST(TenantWire, AListAnswerWithoutTheListOrWithoutIdsIsAnErrorNotAnEmptyProject) {
    auto missing = parse_tenant_list(json::parse("{}"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().message,
              "tenants: missing: the answer has no list here, not even an empty one");
    EXPECT_FALSE(parse_tenant_list(json::parse(R"({"tenants":null})")));
    EXPECT_FALSE(parse_tenant_list(json::parse(R"({"errorCode":"E1","errorMessage":"x"})")));
    auto no_id = parse_tenant_list(json::parse(R"({"tenants":[{"id":"a"},{"name":"B"}]})"));
    ASSERT_FALSE(no_id);
    EXPECT_EQ(no_id.error().message, "tenants[1].id: missing or empty");
    EXPECT_FALSE(parse_tenant_list(json::parse(R"({"tenants":[{"id":""}]})")));
    EXPECT_FALSE(parse_role_list(json::parse(R"({"roles":[{"description":"d"}]})")));
    EXPECT_FALSE(parse_permission_list(json::parse("{}")));
    EXPECT_FALSE(parse_flow_list(json::parse(R"({"total":0})")));
    auto empty = parse_tenant_list(json::parse(R"({"tenants":[]})"));
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->empty());
}

TEST(TenantWire, CreateBodySendsIdAndParentOnlyWhenSet) {
    model::Tenant t;
    t.name = "Acme";
    t.self_provisioning_domains = {"acme.com"};
    json body = tenant_create_body(t);
    EXPECT_FALSE(body.contains("id"));
    EXPECT_FALSE(body.contains("parent"));
    EXPECT_EQ(body["name"], "Acme");
    EXPECT_EQ(body["selfProvisioningDomains"], json::array({"acme.com"}));

    t.id = "acme";
    t.parent = "holding";
    t.custom_attributes["seats"] = std::int64_t{5};
    body = tenant_create_body(t);
    EXPECT_EQ(body["id"], "acme");
    EXPECT_EQ(body["parent"], "holding");
    EXPECT_EQ(body["customAttributes"]["seats"], 5);
}

TEST(TenantWire, UpdateBodyIsTheWholeRecordAndKeepsUnmanagedLiveFields) {
    model::Tenant t;
    t.id = "acme";
    t.name = "Acme Inc";
    t.enforce_sso = true;
    t.parent = "holding";  // create-only: never sent on update
    json live = json::parse(kLoadAnswer)["tenant"];
    json body = tenant_update_body(t, &live);
    EXPECT_EQ(body["id"], "acme");
    EXPECT_EQ(body["name"], "Acme Inc");
    EXPECT_EQ(body["selfProvisioningDomains"], json::array());
    EXPECT_EQ(body["customAttributes"], json::object());
    EXPECT_EQ(body["enforceSSO"], true);
    EXPECT_EQ(body["disabled"], false);
    EXPECT_FALSE(body.contains("parent"));
    EXPECT_EQ(body["enforceSSOExclusions"], json::array({"U1"}));
    EXPECT_EQ(body["roleInheritance"], "userOnly");

    json without_live = tenant_update_body(t);
    EXPECT_FALSE(without_live.contains("enforceSSOExclusions"));
}

TEST(TenantWire, ToJsonRoundTrips) {
    model::Tenant t;
    t.id = "t1";
    t.name = "T";
    t.self_provisioning_domains = {"a.com", "b.com"};
    t.custom_attributes = {{"s", std::string("v")},
                           {"n", std::int64_t{-3}},
                           {"d", 2.5},
                           {"b", false},
                           {"l", std::vector<std::string>{"x"}}};
    t.enforce_sso = true;
    t.disabled = true;
    t.parent = "p";
    t.default_roles = {"r"};
    t.role_inheritance = "userOnly";
    t.enforce_sso_exclusions = std::vector<std::string>{"U2a"};
    t.federated_app_ids = std::vector<std::string>{"app1"};
    auto back = tenant_from_json(json::parse(tenant_to_json(t).dump()));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, t);
}

TEST(TenantWire, CreateAnswerNeedsAnId) {
    auto ok = parse_tenant_create_answer(json::parse(R"({"id":"gen-1"})"));
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, "gen-1");
    EXPECT_FALSE(parse_tenant_create_answer(json::parse("{}")));
    EXPECT_FALSE(parse_tenant_create_answer(json::parse(R"({"id":1})")));
}

TEST(TenantWire, SmallBodies) {
    EXPECT_EQ(tenant_delete_body("acme", true), json::parse(R"({"id":"acme","cascade":true})"));
    EXPECT_EQ(default_roles_body("acme", {"viewer"}),
              json::parse(R"({"id":"acme","defaultRoles":["viewer"]})"));
}

// Issue 13: `--attr-json KEY=JSON`. Integers stay exact int64s; beyond int64 is an error, never a
// float; lists hold strings; null removes the attribute.
TEST(TenantWire, AttributeValueFromJsonText) {
    using model::AttributeValue;
    auto value = [](std::string_view text) {
        auto r = attribute_value_from_json_text(text);
        EXPECT_TRUE(r) << text << ": " << (r ? "" : r.error().message);
        return r ? *r : std::nullopt;
    };
    EXPECT_EQ(value("50"), AttributeValue{std::int64_t{50}});
    EXPECT_EQ(value(" -7 "), AttributeValue{std::int64_t{-7}});
    EXPECT_EQ(value("9007199254740993"), AttributeValue{std::int64_t{9007199254740993}});
    EXPECT_EQ(value("9223372036854775807"), AttributeValue{std::int64_t{INT64_MAX}});
    EXPECT_EQ(value("-9223372036854775808"), AttributeValue{std::int64_t{INT64_MIN}});
    EXPECT_EQ(value("1.10"), AttributeValue{1.1});
    EXPECT_EQ(value("1e3"), AttributeValue{1000.0});
    EXPECT_EQ(value("true"), AttributeValue{true});
    EXPECT_EQ(value("false"), AttributeValue{false});
    EXPECT_EQ(value(R"("01234")"), AttributeValue{std::string("01234")});
    EXPECT_EQ(value(R"(["a", "b"])"), (AttributeValue{std::vector<std::string>{"a", "b"}}));
    EXPECT_EQ(value("[]"), AttributeValue{std::vector<std::string>{}});
    auto null = attribute_value_from_json_text("null");
    ASSERT_TRUE(null);
    EXPECT_FALSE(null->has_value());

    auto refused = [](std::string_view text) {
        auto r = attribute_value_from_json_text(text);
        EXPECT_FALSE(r) << text;
        return r ? std::string() : r.error().message;
    };
    EXPECT_TRUE(refused("9223372036854775808").starts_with("the integer is too large"));
    EXPECT_TRUE(refused("-9223372036854775809").starts_with("the integer is too large"));
    EXPECT_TRUE(refused("18446744073709551616").starts_with("the integer is too large"));
    EXPECT_TRUE(refused("1e999").starts_with("the number is too large"));
    EXPECT_TRUE(refused("gold").starts_with("not JSON"));
    EXPECT_TRUE(refused("").starts_with("empty"));
    EXPECT_EQ(refused("[\"a\", 2]"), "item 2 of the list is an integer; a list holds strings only");
    EXPECT_EQ(refused("[[\"a\"]]"), "item 1 of the list is an array; a list holds strings only");
    EXPECT_TRUE(refused(R"({"a": 1})").starts_with("an object"));
    EXPECT_FALSE(refused(std::string(5000, '[')).empty());  // too deep: refused, not parsed
}

}  // namespace
}  // namespace descope_mgmt::wire
