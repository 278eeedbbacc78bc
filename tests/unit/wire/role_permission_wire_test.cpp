#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "wire/permission_wire.hpp"
#include "wire/role_wire.hpp"

namespace descope_mgmt::wire {
namespace {

using nlohmann::json;

TEST(RoleWire, ReadsRoleAll) {
    auto roles = parse_role_list(json::parse(R"({"roles":[
      {"name":"Admin","description":"admins","permissionNames":["perm.a"],"createdTime":1726067547,
       "tenantId":"","default":false,"private":false},
      {"name":"auditor","tenantId":"acme"}]})"));
    ASSERT_TRUE(roles) << roles.error().message;
    ASSERT_EQ(roles->size(), 2u);
    EXPECT_EQ((*roles)[0], (model::Role{"Admin", "admins", "", {"perm.a"}, false, false}));
    EXPECT_EQ((*roles)[1].tenant_id, "acme");
    EXPECT_TRUE((*roles)[1].permissions.empty());
}

TEST(RoleWire, RejectsWrongTypes) {
    auto r = parse_role_list(json::parse(R"({"roles":[{"name":"a","permissionNames":"x"}]})"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "roles[0].permissionNames: expected an array, got string");
    EXPECT_FALSE(parse_role_list(json::parse(R"({"roles":[null]})")));
}

TEST(RoleWire, BodiesMatchTheSdkShapes) {
    model::Role project_role{"Admin", "admins", "", {"perm.a"}, std::nullopt, std::nullopt};
    EXPECT_EQ(
        role_create_body(project_role),
        json::parse(R"({"name":"Admin","description":"admins","permissionNames":["perm.a"]})"));
    model::Role tenant_role{"auditor", "", "acme", {}, true, std::nullopt};
    EXPECT_EQ(role_create_body(tenant_role)["tenantId"], "acme");
    // Declared fields are sent; the others are left to Descope's defaults.
    EXPECT_EQ(role_create_body(tenant_role)["default"], true);
    EXPECT_FALSE(role_create_body(tenant_role).contains("private"));

    json live = json::parse(R"({"name":"Admin","default":true,"private":false})");
    json upd = role_update_body(
        "Admin", model::Role{"Administrator", "", "", {}, std::nullopt, std::nullopt}, &live);
    EXPECT_EQ(upd, json::parse(R"({"name":"Admin","newName":"Administrator","description":"",
        "permissionNames":[],"default":true,"private":false})"));
    // A declared field wins over the live value; an undeclared one keeps it.
    json declared = role_update_body("Admin", model::Role{"Admin", "", "", {}, false, true}, &live);
    EXPECT_EQ(declared["default"], false);
    EXPECT_EQ(declared["private"], true);
    EXPECT_EQ(role_delete_body("x", ""), json::parse(R"({"name":"x"})"));
    EXPECT_EQ(role_delete_body("x", "t"), json::parse(R"({"name":"x","tenantId":"t"})"));
}

TEST(RoleWire, FindsTheRawRoleByScopeAndName) {
    json body = json::parse(R"({"roles":[{"name":"a","tenantId":"t1","default":true},
                                         {"name":"a","default":false}]})");
    const json* project = find_raw_role(body, "", "a");
    ASSERT_NE(project, nullptr);
    EXPECT_EQ((*project)["default"], false);
    const json* scoped = find_raw_role(body, "t1", "a");
    ASSERT_NE(scoped, nullptr);
    EXPECT_EQ((*scoped)["default"], true);
    EXPECT_EQ(find_raw_role(body, "t2", "a"), nullptr);
}

TEST(PermissionWire, ReadsPermissionAllAndBuildsBodies) {
    auto perms = parse_permission_list(json::parse(
        R"({"permissions":[{"name":"perm.a","description":"A","systemDefault":false},{"name":"b"},
            {"name":"Impersonate","systemDefault":true}]})"));
    ASSERT_TRUE(perms);
    ASSERT_EQ(perms->size(), 3u);
    EXPECT_EQ((*perms)[0], (model::Permission{"perm.a", "A", false}));
    EXPECT_TRUE((*perms)[2].system_default);
    EXPECT_EQ((*perms)[1].description, "");
    EXPECT_FALSE(parse_permission_list(json::parse(R"({"permissions":[{"name":1}]})")));

    EXPECT_EQ(permission_create_body({"p1", "", false}),
              json::parse(R"({"name":"p1","description":""})"));
    EXPECT_EQ(permission_update_body("p1", {"p2", "d", false}),
              json::parse(R"({"name":"p1","newName":"p2","description":"d"})"));
    EXPECT_EQ(permission_delete_body("p1"), json::parse(R"({"name":"p1"})"));
}

}  // namespace
}  // namespace descope_mgmt::wire
