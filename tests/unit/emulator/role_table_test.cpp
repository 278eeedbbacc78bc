// Semantics of the emulated role and permission API (descope-api.md §6).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "emulator/project_store.hpp"

namespace descope_mgmt::emulator {
namespace {

using nlohmann::json;

class RoleTableTest : public ::testing::Test {
  protected:
    // Bare, so that the lists below hold only what each test creates (built-ins: builtins_test).
    ProjectStore store{"P2test", "Test", bare_options()};

    static StoreOptions bare_options() {
        StoreOptions options;
        options.now_seconds = [] { return std::int64_t{1726067547}; };
        options.seed = 7;
        options.bare = true;
        return options;
    }

    RoleTable& roles() { return store.roles(); }
    json ok(const Reply& reply) {
        EXPECT_TRUE(reply.has_value()) << (reply ? "" : reply.error().message);
        return reply ? *reply : json();
    }
    StoreError err(const Reply& reply) {
        EXPECT_FALSE(reply.has_value()) << (reply ? reply->dump() : "");
        return reply ? StoreError{} : reply.error();
    }
    json role(const std::string& name) {
        const json all = ok(roles().all());
        for (const auto& r : all["roles"]) {
            if (r["name"] == name) return r;
        }
        return nullptr;
    }
};

TEST_F(RoleTableTest, CreateAnswersTheFullRole) {
    ok(roles().create_permission({{"name", "perm.a"}}));
    const json r = ok(store.create_role(
        {{"name", "Admin"}, {"description", "admins"}, {"permissionNames", {"perm.a"}}}));
    EXPECT_EQ(r["name"], "Admin");
    EXPECT_EQ(r["description"], "admins");
    EXPECT_EQ(r["permissionNames"], json({"perm.a"}));
    EXPECT_EQ(r["createdTime"], 1726067547);
    EXPECT_EQ(r["tenantId"], "");
    EXPECT_EQ(r["default"], false);
    EXPECT_EQ(r["private"], false);
    EXPECT_EQ(r["id"].get<std::string>().substr(0, 2), "R2");
    EXPECT_EQ(role("Admin"), r);
}

TEST_F(RoleTableTest, CreateErrors) {
    EXPECT_EQ(err(store.create_role(json::object())).message, "The name field is required");
    EXPECT_EQ(err(store.create_role({{"name", "A"}, {"permissionNames", {"missing"}}})).kind,
              ErrorKind::invalid_argument);
    EXPECT_EQ(err(store.create_role({{"name", "A"}, {"tenantId", "missing"}})).kind,
              ErrorKind::invalid_argument);
    ok(store.create_role({{"name", "A"}}));
    EXPECT_EQ(err(store.create_role({{"name", "A"}})).kind, ErrorKind::duplicate);
}

TEST_F(RoleTableTest, NamesAreUniquePerScope) {
    ok(store.tenants().create({{"id", "t1"}, {"name", "T1"}}));
    ok(store.create_role({{"name", "A"}}));
    ok(store.create_role({{"name", "A"}, {"tenantId", "t1"}}));
    EXPECT_EQ(err(store.create_role({{"name", "A"}, {"tenantId", "t1"}})).kind,
              ErrorKind::duplicate);
    EXPECT_EQ(ok(roles().all())["roles"].size(), 2u);
    ok(store.delete_role({{"name", "A"}, {"tenantId", "t1"}}));
    ASSERT_EQ(ok(roles().all())["roles"].size(), 1u);
    EXPECT_EQ(ok(roles().all())["roles"][0]["tenantId"], "");
}

TEST_F(RoleTableTest, UpdateIsAFullReplaceWithRename) {
    ok(roles().create_permission({{"name", "p"}}));
    ok(store.create_role({{"name", "A"}, {"description", "d"}, {"permissionNames", {"p"}}}));
    ok(store.update_role({{"name", "A"}, {"newName", "B"}}));
    EXPECT_EQ(role("A"), json(nullptr));
    EXPECT_EQ(role("B")["description"], "");
    EXPECT_EQ(role("B")["permissionNames"], json::array());
    EXPECT_EQ(err(store.update_role({{"name", "A"}, {"newName", "C"}})).kind, ErrorKind::not_found);
    EXPECT_EQ(err(store.update_role({{"name", "B"}})).message, "The newName field is required");
    ok(store.create_role({{"name", "C"}}));
    EXPECT_EQ(err(store.update_role({{"name", "B"}, {"newName", "C"}})).kind, ErrorKind::duplicate);
    // By id, as role.updateWithId sends it.
    const std::string id = role("B")["id"];
    ok(store.update_role({{"id", id}, {"newName", "D"}, {"description", "by id"}}));
    EXPECT_EQ(role("D")["description"], "by id");
}

TEST_F(RoleTableTest, PermissionRenameAndDeleteAreReflectedInRoles) {
    ok(roles().create_permission({{"name", "p1"}, {"description", "one"}}));
    ok(roles().create_permission({{"name", "p2"}}));
    EXPECT_EQ(err(roles().create_permission({{"name", "p1"}})).kind, ErrorKind::duplicate);
    ok(store.create_role({{"name", "R"}, {"permissionNames", {"p1", "p2"}}}));
    ok(roles().update_permission({{"name", "p1"}, {"newName", "p1b"}}));
    EXPECT_EQ(role("R")["permissionNames"], json({"p1b", "p2"}));
    const json permissions = ok(roles().all_permissions())["permissions"];
    EXPECT_EQ(permissions[0],
              json({{"name", "p1b"}, {"description", ""}, {"systemDefault", false}}));
    ok(roles().remove_permission({{"name", "p2"}}));
    EXPECT_EQ(role("R")["permissionNames"], json({"p1b"}));
    EXPECT_EQ(err(roles().remove_permission({{"name", "p2"}})).kind, ErrorKind::not_found);
    EXPECT_EQ(err(roles().update_permission({{"name", "zz"}, {"newName", "y"}})).kind,
              ErrorKind::not_found);
    EXPECT_EQ(err(roles().update_permission({{"name", "p1b"}, {"newName", ""}})).kind,
              ErrorKind::missing_argument);
}

TEST_F(RoleTableTest, SearchFilters) {
    ok(store.tenants().create({{"id", "t1"}, {"name", "T1"}}));
    ok(roles().create_permission({{"name", "p"}}));
    ok(store.create_role({{"name", "Admin"}, {"permissionNames", {"p"}}}));
    ok(store.create_role({{"name", "Viewer"}, {"description", "read only"}}));
    ok(store.create_role({{"name", "Local"}, {"tenantId", "t1"}}));
    auto names = [&](const json& body) {
        std::vector<std::string> out;
        const json found = ok(roles().search(body));
        for (const auto& r : found["roles"])
            out.push_back(r["name"]);
        return out;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(names(json::object()), (V{"Admin", "Viewer", "Local"}));
    EXPECT_EQ(names({{"tenantIds", {"t1"}}}), (V{"Local"}));
    EXPECT_EQ(names({{"tenantIds", {"t1"}}, {"includeProjectRoles", true}}),
              (V{"Admin", "Viewer", "Local"}));
    EXPECT_EQ(names({{"roleNameLike", "adm"}}), (V{"Admin"}));
    EXPECT_EQ(names({{"permissionNames", {"p"}}}), (V{"Admin"}));
    EXPECT_EQ(names({{"text", "READ"}}), (V{"Viewer"}));
}

// R5 (docs.descope.com/role-based-access-control; node-sdk lib/management/types.ts
// systemDefault): every new project has the Tenant Admin role and its three permissions.
TEST(BuiltIns, ANewProjectHasTenantAdminAndItsSystemDefaultPermissions) {
    ProjectStore store("P2test", "Test");
    const json permissions = (*store.roles().all_permissions())["permissions"];
    EXPECT_EQ(permissions,
              json({{{"name", "SSO Admin"}, {"description", ""}, {"systemDefault", true}},
                    {{"name", "User Admin"}, {"description", ""}, {"systemDefault", true}},
                    {{"name", "Impersonate"}, {"description", ""}, {"systemDefault", true}}}));
    const json roles = (*store.roles().all())["roles"];
    ASSERT_EQ(roles.size(), 1u);
    EXPECT_EQ(roles[0]["name"], "Tenant Admin");
    EXPECT_EQ(roles[0]["tenantId"], "");
    EXPECT_EQ(roles[0]["permissionNames"], json({"SSO Admin", "User Admin", "Impersonate"}));
    // A user-created permission is not a system default; the built-ins can be edited (the docs
    // say so for Tenant Admin) and, as an emulator choice, deleted.
    ASSERT_TRUE(store.roles().create_permission({{"name", "mine"}}));
    EXPECT_EQ((*store.roles().all_permissions())["permissions"][3]["systemDefault"], false);
    ASSERT_TRUE(store.update_role({{"name", "Tenant Admin"},
                                   {"newName", "Tenant Admin"},
                                   {"permissionNames", {"SSO Admin", "mine"}}}));
    ASSERT_TRUE(store.roles().remove_permission({{"name", "Impersonate"}}));
    ASSERT_TRUE(store.delete_role({{"name", "Tenant Admin"}}));
    EXPECT_EQ((*store.roles().all())["roles"], json::array());
}

TEST(BuiltIns, BareStartsEmptyAndAStateFileKeepsWhatItHas) {
    StoreOptions bare;
    bare.bare = true;
    ProjectStore empty("P2test", "Test", bare);
    EXPECT_EQ((*empty.roles().all())["roles"], json::array());
    EXPECT_EQ((*empty.roles().all_permissions())["permissions"], json::array());
    ProjectStore seeded("P2test", "Test");
    ASSERT_TRUE(seeded.load_json(empty.to_json()));  // a file saved without built-ins
    EXPECT_EQ((*seeded.roles().all())["roles"], json::array());
}

}  // namespace
}  // namespace descope_mgmt::emulator
