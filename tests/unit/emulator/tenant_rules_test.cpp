// Tenant rules of the real service: defined custom attributes (R4), session-lifetime floors (R3),
// the five units (R2), and what deleting a parent does (R11, --delete-parent).
#include "emulator/tenant_rules.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "emulator/project_store.hpp"

namespace descope_mgmt::emulator {
namespace {

using nlohmann::json;

StoreError error_of(const Reply& reply) {
    EXPECT_FALSE(reply.has_value()) << (reply ? reply->dump() : "");
    return reply ? StoreError{} : reply.error();
}

TEST(AttributeSpec, ParsesNameAndType) {
    auto plain = parse_attribute_spec("plan");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->name, "plan");
    EXPECT_EQ(plain->type, AttributeType::string);
    for (auto [text, type] : std::vector<std::pair<std::string, AttributeType>>{
             {"seats:number", AttributeType::number},
             {"vip:boolean", AttributeType::boolean},
             {"regions:list", AttributeType::list},
             {"plan:string", AttributeType::string}}) {
        auto spec = parse_attribute_spec(text);
        ASSERT_TRUE(spec) << text;
        EXPECT_EQ(spec->type, type) << text;
    }
    EXPECT_FALSE(parse_attribute_spec(""));
    EXPECT_FALSE(parse_attribute_spec(":number"));
    const auto bad = parse_attribute_spec("seats:int");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("int"), std::string::npos);
}

// python-sdk descope/management/tenant.py: custom attributes are those "previously configured in
// Descope console app".
TEST(TenantAttributes, OnlyDefinedAttributesOfTheRightTypeAreAccepted) {
    StoreOptions options;
    options.tenants.attributes = {{"plan", AttributeType::string},
                                  {"seats", AttributeType::number},
                                  {"vip", AttributeType::boolean},
                                  {"regions", AttributeType::list}};
    ProjectStore store("P2test", "Test", options);
    auto& tenants = store.tenants();
    ASSERT_TRUE(tenants.create(
        {{"id", "a"},
         {"name", "A"},
         {"customAttributes",
          {{"plan", "gold"}, {"seats", 5}, {"vip", true}, {"regions", {"eu", "us"}}}}}));
    const auto undefined =
        error_of(tenants.create({{"name", "B"}, {"customAttributes", {{"tier", "x"}}}}));
    EXPECT_EQ(undefined.kind, ErrorKind::invalid_argument);
    EXPECT_EQ(undefined.message,
              "Custom attribute 'tier' is not defined for tenants in this project");
    const auto wrong_type = error_of(
        tenants.update({{"id", "a"}, {"name", "A"}, {"customAttributes", {{"seats", "5"}}}}));
    EXPECT_EQ(wrong_type.kind, ErrorKind::invalid_argument);
    EXPECT_EQ(wrong_type.message, "Custom attribute 'seats' must be a number");
    EXPECT_EQ(
        error_of(tenants.update({{"id", "a"}, {"name", "A"}, {"customAttributes", {{"x", 1}}}}))
            .message,
        "Custom attribute 'x' is not defined for tenants in this project");
    EXPECT_EQ((*tenants.load("a"))["customAttributes"]["seats"],
              5);  // the refusals changed nothing

    ProjectStore none("P2none", "None");  // no --tenant-attribute: nothing is defined
    EXPECT_EQ(
        error_of(none.tenants().create({{"name", "C"}, {"customAttributes", {{"plan", "gold"}}}}))
            .kind,
        ErrorKind::invalid_argument);
    EXPECT_TRUE(none.tenants().create({{"name", "D"}, {"customAttributes", json::object()}}));
}

TEST(SessionUnits, TheFiveUnitsOfTheTerraformProvider) {
    EXPECT_EQ(unit_seconds("seconds"), 1);
    EXPECT_EQ(unit_seconds("minutes"), 60);
    EXPECT_EQ(unit_seconds("hours"), 3600);
    EXPECT_EQ(unit_seconds("days"), 86400);
    EXPECT_EQ(unit_seconds("weeks"), 604800);
    EXPECT_EQ(unit_seconds(""), 0);
    EXPECT_FALSE(unit_seconds("years"));
    EXPECT_FALSE(unit_seconds("s"));
}

class SessionFloors : public ::testing::Test {
  protected:
    ProjectStore store{"P2test", "Test"};
    void SetUp() override { ASSERT_TRUE(store.tenants().create({{"id", "t"}, {"name", "T"}})); }

    static json body(long long refresh, const char* refresh_unit, long long session,
                     const char* session_unit) {
        return {{"tenantId", "t"},
                {"enabled", true},
                {"refreshTokenExpiration", refresh},
                {"refreshTokenExpirationUnit", refresh_unit},
                {"sessionTokenExpiration", session},
                {"sessionTokenExpirationUnit", session_unit}};
    }
    Reply configure(const json& b) { return store.tenants().configure_settings(b); }
};

// terraform-provider-descope internal/docs/docs.go and settings/settings.go.
TEST_F(SessionFloors, TokenLifetimesAreAtLeastThreeMinutesAndSessionAtMostRefresh) {
    EXPECT_TRUE(configure(body(3, "minutes", 180, "seconds")));  // exactly the floor
    EXPECT_TRUE(configure(body(4, "weeks", 10, "minutes")));
    const auto refresh = error_of(configure(body(1, "minutes", 3, "minutes")));
    EXPECT_EQ(refresh.kind, ErrorKind::invalid_argument);
    EXPECT_EQ(refresh.message, "refreshTokenExpiration must be at least 3 minutes, got 1 minutes");
    const auto session = error_of(configure(body(1, "hours", 179, "seconds")));
    EXPECT_NE(session.message.find("sessionTokenExpiration must be at least 3 minutes"),
              std::string::npos)
        << session.message;
    const auto longer = error_of(configure(body(5, "minutes", 1, "hours")));
    EXPECT_NE(longer.message.find("must not be longer than refreshTokenExpiration"),
              std::string::npos)
        << longer.message;
    // A lifetime without a unit counts as 0 when custom settings are on.
    EXPECT_FALSE(configure(body(10, "", 5, "minutes")));
    // Custom settings off: the values are not checked.
    json off = body(1, "minutes", 1, "minutes");
    off["enabled"] = false;
    EXPECT_TRUE(configure(off));
    EXPECT_EQ(error_of(configure(body(10, "years", 5, "minutes"))).kind,
              ErrorKind::invalid_argument);
}

TEST_F(SessionFloors, InactivityIsAtLeastTenMinutes) {
    json b = body(4, "weeks", 10, "minutes");
    b["enableInactivity"] = true;
    b["inactivityTime"] = 599;
    b["inactivityTimeUnit"] = "seconds";
    const auto short_inactivity = error_of(configure(b));
    EXPECT_EQ(short_inactivity.message,
              "inactivityTime must be at least 10 minutes, got 599 seconds");
    b["inactivityTime"] = 10;
    b["inactivityTimeUnit"] = "minutes";
    EXPECT_TRUE(configure(b));
    b["enableInactivity"] = false;
    b["inactivityTime"] = 1;
    EXPECT_TRUE(configure(b));  // not checked while inactivity is off
}

TEST(DeleteParent, OrphanMakesTheSubTenantsTopLevel) {
    StoreOptions options;
    options.tenants.orphan_sub_tenants = true;
    ProjectStore store("P2test", "Test", options);
    auto& tenants = store.tenants();
    ASSERT_TRUE(tenants.create({{"id", "p"}, {"name", "P"}}));
    ASSERT_TRUE(tenants.create({{"id", "c"}, {"name", "C"}, {"parent", "p"}}));
    ASSERT_TRUE(tenants.create({{"id", "g"}, {"name", "G"}, {"parent", "c"}}));
    ASSERT_TRUE(store.create_role({{"name", "local"}, {"tenantId", "p"}}));
    ASSERT_TRUE(store.delete_tenant({{"id", "p"}, {"cascade", true}}));
    EXPECT_FALSE(tenants.exists("p"));
    EXPECT_EQ((*tenants.load("c"))["parent"], "");
    EXPECT_EQ((*tenants.load("g"))["parent"], "c");  // only the direct children move
    const auto roles = *store.roles().all();         // a named copy: the loop must not dangle
    for (const auto& r : roles["roles"])
        EXPECT_NE(r["tenantId"], "p");
}

}  // namespace
}  // namespace descope_mgmt::emulator
