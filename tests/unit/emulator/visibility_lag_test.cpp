// R7 (descope-ruby-sdk roles_spec.rb polls up to 5 s for a new tenant; descope-dotnet RoleTests.cs
// retries reads): for --visibility-lag-ms after a create, reads leave the object out and writes
// that name it answer not_found. A manual clock: no sleeping.
#include "emulator/visibility_lag.hpp"

#include <gtest/gtest.h>

#include "support/fake_clock.hpp"

#include <nlohmann/json.hpp>

#include "emulator/project_store.hpp"

namespace descope_mgmt::emulator {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// Time stands still until the test moves it (tests/support/fake_clock.hpp).
using ManualClock = test::FakeClock;

class VisibilityLagTest : public ::testing::Test {
  protected:
    ManualClock clock;
    ProjectStore store{"P2test", "Test", options()};

    StoreOptions options() {
        StoreOptions o;
        o.now_seconds = [] { return std::int64_t{1726067547}; };
        o.clock = &clock;
        o.visibility_lag = 1500ms;
        o.bare = true;
        return o;
    }
    static bool ok(const Reply& reply) { return reply.has_value(); }
    static ErrorKind kind(const Reply& reply) {
        EXPECT_FALSE(reply.has_value()) << (reply ? reply->dump() : "");
        return reply ? ErrorKind::bad_request : reply.error().kind;
    }
    static std::size_t count(const Reply& reply, const char* list) {
        return reply ? (*reply)[list].size() : 999;
    }
};

TEST(VisibilityLag, HidesAKeyForTheLagOnly) {
    ManualClock clock;
    VisibilityLag lag(clock, 100ms);
    lag.created("a");
    EXPECT_FALSE(lag.visible("a"));
    EXPECT_TRUE(lag.visible("b"));
    lag.renamed("a", "a2");
    EXPECT_FALSE(lag.visible("a2"));
    EXPECT_TRUE(lag.visible("a"));
    clock.advance(99ms);
    EXPECT_FALSE(lag.visible("a2"));
    clock.advance(1ms);
    EXPECT_TRUE(lag.visible("a2"));
    VisibilityLag none;  // the default: no lag at all
    none.created("x");
    EXPECT_TRUE(none.visible("x"));
}

TEST_F(VisibilityLagTest, ANewTenantIsMissingFromReadsAndNotFoundForWritesThatNameIt) {
    ASSERT_TRUE(ok(store.tenants().create({{"id", "acme"}, {"name", "Acme"}})));
    EXPECT_EQ(count(store.tenants().all(), "tenants"), 0u);
    EXPECT_EQ(kind(store.tenants().load("acme")), ErrorKind::not_found);
    EXPECT_EQ(count(store.tenants().search(json::object()), "tenants"), 0u);
    EXPECT_EQ(kind(store.tenants().settings("acme")), ErrorKind::not_found);
    EXPECT_EQ(kind(store.tenants().configure_settings({{"tenantId", "acme"}})),
              ErrorKind::not_found);
    EXPECT_EQ(kind(store.update_default_roles({{"id", "acme"}, {"defaultRoles", json::array()}})),
              ErrorKind::not_found);
    EXPECT_EQ(kind(store.create_role({{"name", "local"}, {"tenantId", "acme"}})),
              ErrorKind::not_found);
    EXPECT_EQ(kind(store.tenants().create({{"id", "sub"}, {"name", "Sub"}, {"parent", "acme"}})),
              ErrorKind::not_found);
    EXPECT_EQ(kind(store.tenants().update({{"id", "acme"}, {"name", "Acme 2"}})),
              ErrorKind::not_found);
    EXPECT_EQ(kind(store.delete_tenant({{"id", "acme"}})), ErrorKind::not_found);
    // It does exist: creating it again is a duplicate, and an unknown id stays "invalid".
    EXPECT_EQ(kind(store.tenants().create({{"id", "acme"}, {"name", "Other"}})),
              ErrorKind::duplicate);
    EXPECT_EQ(kind(store.create_role({{"name", "local"}, {"tenantId", "nope"}})),
              ErrorKind::invalid_argument);

    clock.advance(1500ms);
    EXPECT_EQ(count(store.tenants().all(), "tenants"), 1u);
    EXPECT_TRUE(ok(store.tenants().load("acme")));
    EXPECT_TRUE(ok(store.tenants().settings("acme")));
    EXPECT_TRUE(ok(store.tenants().configure_settings({{"tenantId", "acme"}})));
    EXPECT_TRUE(ok(store.create_role({{"name", "local"}, {"tenantId", "acme"}})));
    EXPECT_TRUE(ok(store.tenants().create({{"id", "sub"}, {"name", "Sub"}, {"parent", "acme"}})));
    // The new sub-tenant is not yet among the parent's successors either.
    EXPECT_EQ((*store.tenants().load("acme"))["successors"], json::array());
    clock.advance(1500ms);
    EXPECT_EQ((*store.tenants().load("acme"))["successors"], json({"sub"}));
}

TEST_F(VisibilityLagTest, ANewRoleOrPermissionIsMissingFromListsAndNotFoundWhenNamed) {
    ASSERT_TRUE(ok(store.tenants().create({{"id", "acme"}, {"name", "Acme"}})));
    ASSERT_TRUE(ok(store.roles().create_permission({{"name", "perm"}})));
    ASSERT_TRUE(ok(store.create_role({{"name", "viewer"}})));
    EXPECT_EQ(count(store.roles().all_permissions(), "permissions"), 0u);
    EXPECT_EQ(count(store.roles().all(), "roles"), 0u);
    EXPECT_EQ(count(store.roles().search(json::object()), "roles"), 0u);
    EXPECT_EQ(kind(store.create_role({{"name", "r"}, {"permissionNames", {"perm"}}})),
              ErrorKind::not_found);
    EXPECT_EQ(kind(store.create_role({{"name", "r"}, {"permissionNames", {"nope"}}})),
              ErrorKind::invalid_argument);
    clock.advance(1500ms);  // the tenant is visible now, the role and permission too
    ASSERT_TRUE(ok(store.create_role({{"name", "fresh"}})));
    EXPECT_EQ(kind(store.update_role({{"name", "fresh"}, {"newName", "f2"}})),
              ErrorKind::not_found);
    EXPECT_EQ(
        kind(store.update_default_roles({{"id", "acme"}, {"defaultRoles", {"viewer", "fresh"}}})),
        ErrorKind::not_found);
    EXPECT_TRUE(ok(store.update_default_roles({{"id", "acme"}, {"defaultRoles", {"viewer"}}})));
    EXPECT_TRUE(ok(store.update_role(
        {{"name", "viewer"}, {"newName", "viewer"}, {"permissionNames", {"perm"}}})));
    EXPECT_EQ(count(store.roles().all_permissions(), "permissions"), 1u);
    EXPECT_EQ(count(store.roles().all(), "roles"), 1u);
    clock.advance(1500ms);
    EXPECT_EQ(count(store.roles().all(), "roles"), 2u);
    EXPECT_TRUE(ok(store.update_default_roles({{"id", "acme"}, {"defaultRoles", {"fresh"}}})));
}

TEST_F(VisibilityLagTest, WithoutALagEverythingIsVisibleAtOnce) {
    ProjectStore plain("P2plain", "Plain", StoreOptions{});
    ASSERT_TRUE(ok(plain.tenants().create({{"id", "acme"}, {"name", "Acme"}})));
    EXPECT_TRUE(ok(plain.tenants().load("acme")));
    EXPECT_TRUE(ok(plain.create_role({{"name", "local"}, {"tenantId", "acme"}})));
}

}  // namespace
}  // namespace descope_mgmt::emulator
