// Semantics of the emulated tenant API (descope-api.md §3, §10), without HTTP.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "emulator/project_store.hpp"

namespace descope_mgmt::emulator {
namespace {

using nlohmann::json;

class TenantTableTest : public ::testing::Test {
  protected:
    std::int64_t now = 1726067547;
    ProjectStore store{"P2test", "Test", options()};

    // The project defines the attribute "plan" (R4: only defined attributes are accepted).
    StoreOptions options() {
        StoreOptions o;
        o.now_seconds = [this] { return now; };
        o.seed = 42;
        o.tenants.attributes = {{"plan", AttributeType::string}};
        return o;
    }

    TenantTable& tenants() { return store.tenants(); }
    json ok(const Reply& reply) {
        EXPECT_TRUE(reply.has_value()) << (reply ? "" : reply.error().message);
        return reply ? *reply : json();
    }
    StoreError err(const Reply& reply) {
        EXPECT_FALSE(reply.has_value()) << (reply ? reply->dump() : "");
        return reply ? StoreError{} : reply.error();
    }
};

TEST_F(TenantTableTest, CreateWithIdStoresEveryFieldWithZeroValues) {
    EXPECT_EQ(ok(tenants().create(
                  {{"id", "acme"}, {"name", "Acme"}, {"selfProvisioningDomains", {"acme.com"}}})),
              json({{"id", "acme"}}));
    const json t = ok(tenants().load("acme"));
    const json expected = {{"id", "acme"},
                           {"name", "Acme"},
                           {"selfProvisioningDomains", {"acme.com"}},
                           {"customAttributes", json::object()},
                           {"authType", "none"},
                           {"domains", json::array()},
                           {"createdTime", 1726067547},
                           {"disabled", false},
                           {"enforceSSO", false},
                           {"enforceSSOExclusions", json::array()},
                           {"federatedAppIds", json::array()},
                           {"parent", ""},
                           {"successors", json::array()},
                           {"defaultRoles", json::array()},
                           {"roleInheritance", ""}};
    // Flat only (R6: descope-dotnet FixRootResponseBodyHandler.cs wraps it on the client side).
    EXPECT_EQ(t, expected);
}

TEST_F(TenantTableTest, CreateWithoutIdGeneratesDescopeLikeIds) {
    const std::string a = ok(tenants().create({{"name", "A"}}))["id"];
    const std::string b = ok(tenants().create({{"name", "B"}}))["id"];
    EXPECT_EQ(a.size(), 28u);
    EXPECT_EQ(a.substr(0, 2), "T2");
    EXPECT_NE(a, b);
    EXPECT_TRUE(tenants().exists(a));
}

TEST_F(TenantTableTest, CreateRejectsMissingNameDuplicatesAndUnknownParent) {
    const auto no_name = err(tenants().create({{"id", "x"}}));
    EXPECT_EQ(no_name.kind, ErrorKind::missing_argument);
    EXPECT_EQ(no_name.message, "The name field is required");
    ok(tenants().create({{"id", "acme"}, {"name", "Acme"}}));
    EXPECT_EQ(err(tenants().create({{"id", "acme"}, {"name", "Other"}})).kind,
              ErrorKind::duplicate);
    EXPECT_EQ(err(tenants().create({{"id", "other"}, {"name", "Acme"}})).kind,
              ErrorKind::duplicate);
    EXPECT_EQ(err(tenants().create({{"name", "Child"}, {"parent", "nope"}})).kind,
              ErrorKind::invalid_argument);
    EXPECT_EQ(err(tenants().create({{"name", "X"}, {"roleInheritance", "sometimes"}})).kind,
              ErrorKind::invalid_argument);
    EXPECT_EQ(err(tenants().create({{"name", 5}})).kind, ErrorKind::bad_request);
    EXPECT_EQ(err(tenants().create(json::array())).kind, ErrorKind::bad_request);
}

TEST_F(TenantTableTest, ParentAndSuccessorsAreLinked) {
    ok(tenants().create({{"id", "parent"}, {"name", "Parent"}}));
    ok(tenants().create({{"id", "child"}, {"name", "Child"}, {"parent", "parent"}}));
    EXPECT_EQ(ok(tenants().load("parent"))["successors"], json({"child"}));
    EXPECT_EQ(ok(tenants().load("child"))["parent"], "parent");
}

TEST_F(TenantTableTest, UpdateReplacesEverythingUpdatableAndKeepsTheRest) {
    ok(tenants().create({{"id", "p"}, {"name", "P"}}));
    ok(tenants().create({{"id", "acme"},
                         {"name", "Acme"},
                         {"parent", "p"},
                         {"customAttributes", {{"plan", "gold"}}},
                         {"enforceSSO", true}}));
    now += 100;
    EXPECT_EQ(ok(tenants().update({{"id", "acme"}, {"name", "Acme Inc"}, {"parent", "ignored"}})),
              json::object());
    const json t = ok(tenants().load("acme"));
    EXPECT_EQ(t["name"], "Acme Inc");
    EXPECT_EQ(t["customAttributes"], json::object());  // absent = cleared (full replace)
    EXPECT_EQ(t["enforceSSO"], false);
    EXPECT_EQ(t["parent"], "p");              // not updatable
    EXPECT_EQ(t["createdTime"], 1726067547);  // kept
}

TEST_F(TenantTableTest, UpdateErrors) {
    ok(tenants().create({{"id", "a"}, {"name", "A"}}));
    ok(tenants().create({{"id", "b"}, {"name", "B"}}));
    EXPECT_EQ(err(tenants().update({{"name", "A"}})).message, "The id field is required");
    EXPECT_EQ(err(tenants().update({{"id", "a"}})).message, "The name field is required");
    EXPECT_EQ(err(tenants().update({{"id", "zzz"}, {"name", "Z"}})).kind, ErrorKind::not_found);
    EXPECT_EQ(err(tenants().update({{"id", "a"}, {"name", "B"}})).kind, ErrorKind::duplicate);
    ok(tenants().update({{"id", "a"}, {"name", "A"}}));  // its own name is not a duplicate
}

// R11 (go-sdk descope/sdk/mgmt.go tenant Delete): cascade is about users and access keys, never
// sub-tenants; a tenant with sub-tenants is refused by default (--delete-parent refuse).
TEST_F(TenantTableTest, DeleteRefusesSubTenantsEvenWithCascadeAndDropsTenantRoles) {
    ok(tenants().create({{"id", "p"}, {"name", "P"}}));
    ok(tenants().create({{"id", "c"}, {"name", "C"}, {"parent", "p"}}));
    ok(tenants().create({{"id", "c2"}, {"name", "C2"}, {"parent", "p"}}));
    ok(store.create_role({{"name", "local"}, {"tenantId", "c"}}));
    for (bool cascade : {false, true}) {
        const auto refused = err(store.delete_tenant({{"id", "p"}, {"cascade", cascade}}));
        EXPECT_EQ(refused.kind, ErrorKind::invalid_argument);
        EXPECT_NE(refused.message.find("'c', 'c2'"), std::string::npos) << refused.message;
    }
    EXPECT_TRUE(tenants().exists("c"));
    EXPECT_EQ(err(store.delete_tenant({{"id", ""}})).message, "The id field is required");
    EXPECT_EQ(err(store.delete_tenant({{"id", "nope"}})).kind, ErrorKind::not_found);
    ok(store.delete_tenant({{"id", "c"}, {"cascade", true}}));
    EXPECT_FALSE(tenants().exists("c"));
    EXPECT_TRUE(tenants().exists("p"));
    json roles = ok(store.roles().all())["roles"];
    EXPECT_TRUE(std::none_of(roles.begin(), roles.end(),
                             [](const json& r) { return r["name"] == "local"; }));
}

TEST_F(TenantTableTest, SearchAndsFiltersAndOrsWithinAList) {
    ok(tenants().create({{"id", "a"},
                         {"name", "A"},
                         {"selfProvisioningDomains", {"a.com"}},
                         {"customAttributes", {{"plan", "gold"}}}}));
    ok(tenants().create(
        {{"id", "b"}, {"name", "B"}, {"parent", "a"}, {"customAttributes", {{"plan", "free"}}}}));
    ok(tenants().create({{"id", "c"}, {"name", "C"}}));
    auto ids = [&](const json& body) {
        std::vector<std::string> out;
        const json found = ok(tenants().search(body));
        for (const auto& t : found["tenants"])
            out.push_back(t["id"]);
        return out;
    };
    EXPECT_EQ(ids(json::object()), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(ids({{"tenantIds", {"a", "c"}}}), (std::vector<std::string>{"a", "c"}));
    EXPECT_EQ(ids({{"tenantIds", {"a", "c"}}, {"tenantNames", {"C"}}}),
              (std::vector<std::string>{"c"}));
    EXPECT_EQ(ids({{"tenantSelfProvisioningDomains", {"a.com"}}}), (std::vector<std::string>{"a"}));
    EXPECT_EQ(ids({{"customAttributes", {{"plan", "free"}}}}), (std::vector<std::string>{"b"}));
    EXPECT_EQ(ids({{"parentTenantId", "a"}}), (std::vector<std::string>{"b"}));
    EXPECT_EQ(ids({{"topLevelOnly", true}}), (std::vector<std::string>{"a", "c"}));
}

TEST_F(TenantTableTest, SettingsDefaultToZeroAndReplaceAsAWhole) {
    ok(tenants().create(
        {{"id", "acme"}, {"name", "Acme"}, {"selfProvisioningDomains", {"acme.com"}}}));
    const json zero = ok(tenants().settings("acme"));
    EXPECT_EQ(zero["enabled"], false);
    EXPECT_EQ(zero["sessionTokenExpiration"], 0);
    EXPECT_EQ(zero["sessionTokenExpirationUnit"], "");
    EXPECT_EQ(zero["selfProvisioningDomains"], json({"acme.com"}));
    EXPECT_EQ(zero["authType"], "none");
    // Node 2.13 sends InactivityTime with a capital I.
    ok(tenants().configure_settings({{"tenantId", "acme"},
                                     {"enabled", true},
                                     {"sessionTokenExpiration", 10},
                                     {"sessionTokenExpirationUnit", "minutes"},
                                     {"refreshTokenExpiration", 4},
                                     {"refreshTokenExpirationUnit", "weeks"},
                                     {"enableInactivity", true},
                                     {"InactivityTime", 30},
                                     {"InactivityTimeUnit", "minutes"},
                                     {"domains", {"acme.com"}}}));
    json s = ok(tenants().settings("acme"));
    EXPECT_EQ(s["sessionTokenExpiration"], 10);
    EXPECT_EQ(s["inactivityTime"], 30);
    EXPECT_EQ(s["inactivityTimeUnit"], "minutes");
    EXPECT_EQ(s["domains"], json({"acme.com"}));
    EXPECT_EQ(ok(tenants().load("acme"))["domains"], json({"acme.com"}));
    ok(tenants().configure_settings({{"tenantId", "acme"}, {"enabled", false}}));
    s = ok(tenants().settings("acme"));
    EXPECT_EQ(s["sessionTokenExpiration"], 0);                    // replaced
    EXPECT_EQ(s["selfProvisioningDomains"], json({"acme.com"}));  // shared: absent = kept
    EXPECT_EQ(err(tenants().configure_settings(
                      {{"tenantId", "acme"}, {"sessionTokenExpirationUnit", "years"}}))
                  .kind,
              ErrorKind::invalid_argument);
    EXPECT_EQ(err(tenants().configure_settings({{"tenantId", "nope"}})).kind, ErrorKind::not_found);
    EXPECT_EQ(err(tenants().configure_settings(json::object())).message,
              "The tenantId field is required");
    EXPECT_EQ(err(tenants().settings("nope")).kind, ErrorKind::not_found);
}

TEST_F(TenantTableTest, DefaultRolesMustExistAndFollowRenamesAndDeletes) {
    ok(tenants().create({{"id", "acme"}, {"name", "Acme"}}));
    ok(store.create_role({{"name", "viewer"}}));
    EXPECT_EQ(err(store.update_default_roles({{"id", "acme"}, {"defaultRoles", {"nope"}}})).kind,
              ErrorKind::invalid_argument);
    EXPECT_EQ(err(store.update_default_roles({{"id", "x"}, {"defaultRoles", {"viewer"}}})).kind,
              ErrorKind::not_found);
    ok(store.update_default_roles({{"id", "acme"}, {"defaultRoles", {"viewer"}}}));
    EXPECT_EQ(ok(tenants().load("acme"))["defaultRoles"], json({"viewer"}));
    ok(store.update_role({{"name", "viewer"}, {"newName", "reader"}}));
    EXPECT_EQ(ok(tenants().load("acme"))["defaultRoles"], json({"reader"}));
    ok(store.delete_role({{"name", "reader"}}));
    EXPECT_EQ(ok(tenants().load("acme"))["defaultRoles"], json::array());
}

TEST_F(TenantTableTest, StateRoundTripsThroughJson) {
    ok(tenants().create({{"id", "acme"}, {"name", "Acme"}}));
    ok(tenants().configure_settings({{"tenantId", "acme"}, {"sessionTokenExpiration", 5}}));
    ok(store.roles().create_permission({{"name", "p"}}));
    ok(store.create_role({{"name", "r"}, {"permissionNames", {"p"}}}));
    ok(store.flows().import_v1({{"flowId", "f"}, {"flow", {{"name", "F"}}}}));
    ok(store.update_name({{"name", "Renamed"}}));
    ProjectStore copy("P2test", "Original");
    ASSERT_TRUE(copy.load_json(store.to_json()));
    EXPECT_EQ(copy.to_json(), store.to_json());
    EXPECT_EQ(copy.name(), "Renamed");
    EXPECT_EQ(ok(copy.tenants().settings("acme"))["sessionTokenExpiration"], 5);
}

}  // namespace
}  // namespace descope_mgmt::emulator
