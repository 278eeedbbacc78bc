#include "wire/settings_wire.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace descope_mgmt::wire {
namespace {

using model::Duration;
using model::TimeUnit;
using nlohmann::json;

TEST(SettingsWire, ReadsCustomisedSettings) {
    auto s = settings_from_json(json::parse(R"({
      "domains":["sso.acme.com"],"selfProvisioningDomains":[],"authType":"saml","enabled":true,
      "refreshTokenExpiration":4,"refreshTokenExpirationUnit":"weeks",
      "sessionTokenExpiration":10,"sessionTokenExpirationUnit":"minutes",
      "stepupTokenExpiration":0,"stepupTokenExpirationUnit":"",
      "enableInactivity":true,"inactivityTime":30,"inactivityTimeUnit":"minutes",
      "JITDisabled":true})"));
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->refresh_token_expiration, (Duration{4, TimeUnit::weeks}));
    EXPECT_EQ(s->session_token_expiration, (Duration{10, TimeUnit::minutes}));
    EXPECT_FALSE(s->stepup_token_expiration.has_value());
    EXPECT_EQ(s->inactivity_timeout, (Duration{30, TimeUnit::minutes}));
    EXPECT_TRUE(s->jit_disabled);
}

TEST(SettingsWire, DisabledCustomSettingsAndInactivityReadAsUnset) {
    auto s = settings_from_json(json::parse(R"({"enabled":false,"refreshTokenExpiration":4,
      "refreshTokenExpirationUnit":"weeks","enableInactivity":false,"inactivityTime":30,
      "inactivityTimeUnit":"minutes"})"));
    ASSERT_TRUE(s);
    EXPECT_EQ(*s, model::SessionSettings{});
}

TEST(SettingsWire, AcceptsTheNodeSdkCapitalisedInactivityNames) {
    auto s = settings_from_json(json::parse(
        R"({"enableInactivity":true,"InactivityTime":2,"InactivityTimeUnit":"hours"})"));
    ASSERT_TRUE(s);
    EXPECT_EQ(s->inactivity_timeout, (Duration{2, TimeUnit::hours}));
}

TEST(SettingsWire, UnknownUnitOrWrongTypeIsAnError) {
    // "seconds" is one of Descope's five units (R2); a word that is none of them is an error.
    auto s = settings_from_json(json::parse(
        R"({"enabled":true,"sessionTokenExpiration":5,"sessionTokenExpirationUnit":"moons"})"));
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("sessionTokenExpirationUnit"), std::string::npos);
    EXPECT_NE(s.error().message.find("moons"), std::string::npos);
    EXPECT_FALSE(settings_from_json(json::parse(R"({"JITDisabled":"yes"})")));
    EXPECT_FALSE(settings_from_json(json::parse("[]")));
}

TEST(SettingsWire, Int64AmountsMayBeStrings) {
    auto s = settings_from_json(json::parse(
        R"({"enabled":true,"refreshTokenExpiration":"3","refreshTokenExpirationUnit":"days"})"));
    ASSERT_TRUE(s);
    EXPECT_EQ(s->refresh_token_expiration, (Duration{3, TimeUnit::days}));
}

TEST(SettingsWire, UpdateBodyUsesLowercaseInactivityAndTheTenantsDomains) {
    model::SessionSettings s;
    s.refresh_token_expiration = Duration{4, TimeUnit::weeks};
    s.session_token_expiration = Duration{10, TimeUnit::minutes};
    s.inactivity_timeout = Duration{30, TimeUnit::minutes};
    json live = json::parse(R"({"domains":["sso.acme.com"],"authType":"saml","enabled":false})");
    auto body = settings_update_body("acme", {"acme.com"}, s, &live);
    ASSERT_TRUE(body) << body.error().message;
    EXPECT_EQ((*body)["tenantId"], "acme");
    EXPECT_EQ((*body)["selfProvisioningDomains"], json::array({"acme.com"}));
    EXPECT_EQ((*body)["enabled"], true);
    EXPECT_EQ((*body)["refreshTokenExpiration"], 4);
    EXPECT_EQ((*body)["refreshTokenExpirationUnit"], "weeks");
    EXPECT_EQ((*body)["sessionTokenExpiration"], 10);
    EXPECT_EQ((*body)["sessionTokenExpirationUnit"], "minutes");
    EXPECT_EQ((*body)["stepupTokenExpiration"], 0);
    EXPECT_EQ((*body)["enableInactivity"], true);
    EXPECT_EQ((*body)["inactivityTime"], 30);
    EXPECT_EQ((*body)["inactivityTimeUnit"], "minutes");
    EXPECT_FALSE(body->contains("InactivityTime"));
    EXPECT_FALSE(body->contains("InactivityTimeUnit"));
    EXPECT_EQ((*body)["JITDisabled"], false);
    EXPECT_EQ((*body)["domains"], json::array({"sso.acme.com"}));
    EXPECT_EQ((*body)["authType"], "saml");
}

TEST(SettingsWire, UpdateBodyKeepsTheLiveValueOfEveryUndeclaredField) {
    // The POST replaces the whole record: what the config leaves out goes back as it is live.
    model::SessionSettings s;
    s.session_token_expiration = Duration{90, TimeUnit::seconds};
    json live = json::parse(R"({"enabled":true,"refreshTokenExpiration":2,
        "refreshTokenExpirationUnit":"weeks","sessionTokenExpiration":10,
        "sessionTokenExpirationUnit":"minutes","stepupTokenExpiration":5,
        "stepupTokenExpirationUnit":"minutes","enableInactivity":true,"InactivityTime":45,
        "InactivityTimeUnit":"minutes"})");
    auto body = settings_update_body("acme", {}, s, &live);
    ASSERT_TRUE(body) << body.error().message;
    EXPECT_EQ((*body)["enabled"], true);
    EXPECT_EQ((*body)["refreshTokenExpiration"], 2);
    EXPECT_EQ((*body)["refreshTokenExpirationUnit"], "weeks");
    EXPECT_EQ((*body)["sessionTokenExpiration"], 90);
    EXPECT_EQ((*body)["sessionTokenExpirationUnit"], "seconds");
    EXPECT_EQ((*body)["stepupTokenExpiration"], 5);
    EXPECT_EQ((*body)["enableInactivity"], true);
    EXPECT_EQ((*body)["inactivityTime"], 45);
    EXPECT_EQ((*body)["inactivityTimeUnit"], "minutes");
}

TEST(SettingsWire, UpdateBodyRefusesToTurnCustomLifetimesOnWithoutBoth) {
    model::SessionSettings s;
    s.refresh_token_expiration = Duration{4, TimeUnit::weeks};
    json live = json::parse(R"({"enabled":false,"refreshTokenExpiration":0,
        "sessionTokenExpiration":0})");
    auto body = settings_update_body("acme", {}, s, &live);
    ASSERT_FALSE(body);
    EXPECT_NE(body.error().message.find("session_token_expiration"), std::string::npos)
        << body.error().message;
    EXPECT_EQ(body.error().message.find("refresh_token_expiration"), std::string::npos);

    model::SessionSettings stepup_only;
    stepup_only.stepup_token_expiration = Duration{5, TimeUnit::minutes};
    auto both = settings_update_body("acme", {}, stepup_only, &live);
    ASSERT_FALSE(both);
    EXPECT_NE(both.error().message.find("refresh_token_expiration and session_token_expiration"),
              std::string::npos)
        << both.error().message;

    // Only JIT or inactivity: custom lifetimes stay off, nothing to refuse.
    model::SessionSettings jit;
    jit.jit_disabled = true;
    auto off = settings_update_body("acme", {}, jit, &live);
    ASSERT_TRUE(off);
    EXPECT_EQ((*off)["enabled"], false);
}

TEST(SettingsWire, ReadsSecondsAndNamesAnUnknownUnit) {
    auto s = settings_from_json(json::parse(
        R"({"enabled":true,"sessionTokenExpiration":600,"sessionTokenExpirationUnit":"seconds"})"));
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->session_token_expiration, (Duration{600, TimeUnit::seconds}));
    auto bad = settings_from_json(json::parse(
        R"({"enabled":true,"sessionTokenExpiration":2,"sessionTokenExpirationUnit":"fortnights"})"));
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("sessionTokenExpirationUnit"), std::string::npos);
    EXPECT_NE(bad.error().message.find("fortnights"), std::string::npos);
}

TEST(SettingsWire, RoundTripsThroughTheWireForm) {
    model::SessionSettings s;
    s.session_token_expiration = Duration{10, TimeUnit::minutes};
    s.stepup_token_expiration = Duration{5, TimeUnit::minutes};
    s.inactivity_timeout = Duration{1, TimeUnit::days};
    s.jit_disabled = true;
    auto back = settings_from_json(json::parse(settings_to_json(s).dump()));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, s);

    model::SessionSettings only_jit;
    only_jit.jit_disabled = true;
    EXPECT_EQ(settings_to_json(only_jit)["enabled"], false);
    auto back2 = settings_from_json(settings_to_json(only_jit));
    ASSERT_TRUE(back2);
    EXPECT_EQ(*back2, only_jit);
}

}  // namespace
}  // namespace descope_mgmt::wire
