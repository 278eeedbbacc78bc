// The diff engine's rules, one by one: set semantics, ignored server fields, ordering, pruning,
// replace, the refusals, targets and --max-deletes.

#include "plan/differ.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "plan_test_support.hpp"

namespace descope_mgmt {
namespace {

using namespace plan_test;

model::DesiredState desired_with(std::vector<model::Tenant> ts, std::vector<model::Role> rs = {},
                                 std::vector<model::Permission> ps = {}) {
    model::DesiredState d;
    d.environment = "dev";
    d.tenants = std::move(ts);
    d.roles = std::move(rs);
    d.permissions = std::move(ps);
    return d;
}

model::LiveState live_with(std::vector<model::Tenant> ts, std::vector<model::Role> rs = {},
                           std::vector<model::Permission> ps = {}) {
    model::LiveState l;
    l.environment = "dev";
    l.tenants = std::move(ts);
    l.roles = std::move(rs);
    l.permissions = std::move(ps);
    return l;
}

plan::PlanOptions prune_all() {
    plan::PlanOptions o;
    o.prune = {model::PruneType::tenants, model::PruneType::roles, model::PruneType::permissions};
    return o;
}

TEST(Differ, SetLikeListsIgnoreOrderAndRepetition) {
    model::Tenant want = tenant("acme", "Acme");
    want.self_provisioning_domains = {"a.com", "b.com"};
    want.default_roles = {"r1", "r2"};
    model::Tenant have = want;
    have.self_provisioning_domains = {"b.com", "a.com", "b.com"};
    have.default_roles = {"r2", "r1"};
    const auto p = must_diff(desired_with({want}, {role("r1"), role("r2", {"x", "y"})},
                                          {permission("x"), permission("y")}),
                             live_with({have}, {role("r1"), role("r2", {"y", "x"})},
                                       {permission("y"), permission("x")}));
    EXPECT_FALSE(p.has_changes()) << ::testing::PrintToString(addresses(p));
}

TEST(Differ, NumbersCompareByValueAcrossTypes) {
    model::Tenant want = tenant("acme", "Acme");
    want.custom_attributes = {{"seats", std::int64_t{50}}};
    model::Tenant have = want;
    have.custom_attributes = {{"seats", 50.0}};
    EXPECT_FALSE(must_diff(desired_with({want}), live_with({have})).has_changes());
    have.custom_attributes = {{"seats", 50.5}};
    EXPECT_TRUE(must_diff(desired_with({want}), live_with({have})).has_changes());
    have.custom_attributes = {{"seats", std::string("50")}};  // a string is not a number
    EXPECT_TRUE(must_diff(desired_with({want}), live_with({have})).has_changes());
}

TEST(Differ, SessionSettingsAreComparedOnlyWhenDeclared) {
    model::Tenant want = tenant("acme", "Acme");
    model::Tenant have = want;
    model::SessionSettings custom;
    custom.session_token_expiration = minutes(5);
    have.session_settings = custom;
    EXPECT_FALSE(must_diff(desired_with({want}), live_with({have})).has_changes());
    // Declared but empty: every lifetime keeps its live value (the write sends it back), so
    // nothing differs.
    want.session_settings = model::SessionSettings{};
    EXPECT_FALSE(must_diff(desired_with({want}), live_with({have})).has_changes());
    // A declared lifetime is compared.
    want.session_settings->session_token_expiration = minutes(10);
    const auto p = must_diff(desired_with({want}), live_with({have}));
    EXPECT_EQ(addresses(p), (std::vector<std::string>{"update tenant_settings acme"}));
    ASSERT_EQ(p.changes.back().fields.size(), 1u);
    EXPECT_EQ(p.changes.back().fields[0].field, "session_token_expiration");
    // jit_disabled always is.
    want.session_settings->session_token_expiration = minutes(5);
    want.session_settings->jit_disabled = true;
    EXPECT_TRUE(must_diff(desired_with({want}), live_with({have})).has_changes());
}

TEST(Differ, TurningCustomLifetimesOnNeedsBothTokenLifetimes) {
    model::Tenant want = tenant("acme", "Acme");
    model::SessionSettings s;
    s.refresh_token_expiration = weeks(4);
    want.session_settings = s;
    model::Tenant have = tenant("acme", "Acme");
    have.session_settings = model::SessionSettings{};  // custom lifetimes off live
    auto r = plan::diff(desired_with({want}), live_with({have}), {});
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().text().find("declare session_token_expiration"), std::string::npos)
        << r.error().text();
    // When they are on live, the undeclared one is sent as it is: fine.
    have.session_settings->session_token_expiration = minutes(10);
    EXPECT_TRUE(plan::diff(desired_with({want}), live_with({have}), {}));
    // A new tenant starts with them off.
    auto fresh = plan::diff(desired_with({want}), live_with({}), {});
    ASSERT_FALSE(fresh);
}

TEST(Differ, BuiltInsAreNeverPrunedNorUnmanaged) {
    model::DesiredState d = desired_with({});
    model::LiveState l = live_with({});
    l.roles = {role("Tenant Admin", {"SSO Admin"}), role("old", {})};
    l.permissions = {permission("SSO Admin"), permission("Impersonate"), permission("stale")};
    l.permissions[1].system_default = true;
    plan::PlanOptions o;
    o.prune = {model::PruneType::roles, model::PruneType::permissions};
    auto got = addresses(must_diff(d, l, o));
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, (std::vector<std::string>{"delete permission stale", "delete role old"}));
    // Without --prune, the built-ins are not even "unmanaged" notes.
    const auto quiet = must_diff(d, l, {});
    for (const auto& n : quiet.notes) {
        EXPECT_EQ(n.find("Tenant Admin"), std::string::npos) << n;
        EXPECT_EQ(n.find("Impersonate"), std::string::npos) << n;
    }
}

TEST(Differ, UpdateCarriesTheFullDesiredRecord) {
    model::Tenant want = tenant("acme", "Acme Corp");
    want.self_provisioning_domains = {"acme.com"};
    want.enforce_sso = true;
    model::Tenant have = want;
    have.name = "Acme";
    const auto p = must_diff(desired_with({want}), live_with({have}));
    const auto& c = p.changes.at(position(p, "tenant acme"));
    ASSERT_EQ(c.action, plan::Action::update);
    ASSERT_EQ(c.fields.size(), 1u);
    EXPECT_EQ(c.fields[0].field, "name");
    ASSERT_TRUE(c.desired.has_value());
    EXPECT_EQ(std::get<model::Tenant>(*c.desired), want);
}

TEST(Differ, ParentsBeforeChildrenWhateverTheirNames) {
    const auto p = must_diff(
        desired_with({tenant("a-child", "C", "z-parent"), tenant("z-parent", "P")}), live_with({}));
    EXPECT_LT(position(p, "tenant z-parent"), position(p, "tenant a-child"));
    const auto& child = p.changes.at(position(p, "tenant a-child"));
    EXPECT_EQ(child.depends_on,
              (std::vector<std::size_t>{static_cast<std::size_t>(position(p, "tenant z-parent"))}));
}

TEST(Differ, PermissionsThenRolesThenTenantRolesThenDefaultRoles) {
    model::Tenant acme = tenant("acme", "Acme");
    acme.default_roles = {"own", "shared"};
    const auto p =
        must_diff(desired_with({acme}, {role("shared", {"p"}), role("own", {"p"}, "", "acme")},
                               {permission("p")}),
                  live_with({}));
    EXPECT_LT(position(p, "permission p"), position(p, "role shared"));
    EXPECT_LT(position(p, "tenant acme"), position(p, "role acme/own"));
    EXPECT_LT(position(p, "role acme/own"), position(p, "tenant_default_roles acme"));
    EXPECT_LT(position(p, "role shared"), position(p, "tenant_default_roles acme"));
    // Every dependency points backwards.
    for (std::size_t i = 0; i < p.changes.size(); ++i) {
        for (std::size_t d : p.changes[i].depends_on)
            EXPECT_LT(d, i);
    }
}

TEST(Differ, DeletionsRunInReverse) {
    model::Tenant user = tenant("user", "User");
    user.default_roles = {"old"};
    const auto p =
        must_diff(desired_with({tenant("user", "User")}),
                  live_with({user, tenant("parent", "P"), tenant("child", "C", "parent")},
                            {role("old", {"gone"})}, {permission("gone")}),
                  prune_all());
    EXPECT_LT(position(p, "tenant_default_roles user"), position(p, "role old"));
    EXPECT_LT(position(p, "role old"), position(p, "permission gone"));
    EXPECT_LT(position(p, "tenant child"), position(p, "tenant parent"));
    EXPECT_EQ(p.summary().remove, 4u);
}

TEST(Differ, UndeclaredObjectsAreLeftAloneUnlessTheirTypeIsPruned) {
    const auto l = live_with({tenant("signup", "Self service")}, {role("r")}, {permission("p")});
    const auto untouched = must_diff(desired_with({}), l);
    EXPECT_FALSE(untouched.has_changes());
    EXPECT_EQ(untouched.notes.size(), 3u);
    plan::PlanOptions only_roles;
    only_roles.prune = {model::PruneType::roles};
    EXPECT_EQ(addresses(must_diff(desired_with({}), l, only_roles)),
              (std::vector<std::string>{"delete role r"}));
}

TEST(Differ, PruneKeepsWhatDeclaredObjectsReferTo) {
    // holding is undeclared but acme's parent; viewer is undeclared but acme's default role;
    // p is undeclared but used by the declared role.
    model::Tenant acme = tenant("acme", "Acme", "holding");
    acme.default_roles = {"viewer"};
    const auto p = must_diff(desired_with({acme}, {role("admin", {"p"})}),
                             live_with({tenant("holding", "H"), acme},
                                       {role("viewer"), role("admin", {"p"})}, {permission("p")}),
                             prune_all());
    EXPECT_FALSE(p.has_changes()) << ::testing::PrintToString(addresses(p));
}

TEST(Differ, RolesOfUndeclaredTenantsAreNeverPruned) {
    const auto p = must_diff(desired_with({}),
                             live_with({tenant("signup", "S")}, {role("r", {}, "", "signup")}), [] {
                                 plan::PlanOptions o;
                                 o.prune = {model::PruneType::roles};
                                 return o;
                             }());
    EXPECT_FALSE(p.has_changes());
}

TEST(Differ, ParentChangeIsAReplace) {
    const auto p =
        must_diff(desired_with({tenant("a", "A"), tenant("b", "B"), tenant("c", "C", "b")}),
                  live_with({tenant("a", "A"), tenant("b", "B"), tenant("c", "C", "a")}));
    EXPECT_EQ(addresses(p), (std::vector<std::string>{"replace tenant c"}));
    EXPECT_FALSE(p.changes.at(position(p, "tenant c")).reason.empty());
}

TEST(Differ, RefusesToReplaceATenantWithChildren) {
    auto r =
        plan::diff(desired_with({tenant("a", "A"), tenant("b", "B", "a"), tenant("c", "C", "b")}),
                   live_with({tenant("a", "A"), tenant("b", "B"), tenant("c", "C", "b")}), {});
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().text().find("dev: tenant b"), std::string::npos) << r.error().text();
    EXPECT_NE(r.error().text().find("child tenants (c)"), std::string::npos) << r.error().text();
}

TEST(Differ, RefusesANameHeldByAnUnmanagedTenant) {
    auto r = plan::diff(desired_with({tenant("acme", "Acme")}),
                        live_with({tenant("other", "Acme")}), {});
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().text().find("is used by tenant other"), std::string::npos)
        << r.error().text();
    // With pruning the holder is deleted first.
    const auto p = must_diff(desired_with({tenant("acme", "Acme")}),
                             live_with({tenant("other", "Acme")}), prune_all());
    EXPECT_LT(position(p, "tenant other"), position(p, "tenant acme"));
}

TEST(Differ, RenamesThatSwapNamesCannotBeOrdered) {
    auto r = plan::diff(desired_with({tenant("a", "Y"), tenant("b", "X")}),
                        live_with({tenant("a", "X"), tenant("b", "Y")}), {});
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().text().find("cycle"), std::string::npos) << r.error().text();
    // A rename into a name that another tenant gives up waits for it.
    const auto p = must_diff(desired_with({tenant("a", "Z"), tenant("b", "X")}),
                             live_with({tenant("a", "X"), tenant("b", "Y")}));
    EXPECT_LT(position(p, "tenant a"), position(p, "tenant b"));
}

TEST(Differ, ReportsEveryDanglingReferenceAtOnce) {
    model::Tenant t = tenant("acme", "Acme", "nowhere");
    t.default_roles = {"ghost"};
    auto r =
        plan::diff(desired_with({t}, {role("admin", {"missing"}), role("x", {}, "", "nobody")}),
                   live_with({}), {});
    ASSERT_FALSE(r.has_value());
    const std::string& m = r.error().text();
    for (const char* expected : {"parent \"nowhere\"", "default role \"ghost\"",
                                 "permission \"missing\"", "tenant \"nobody\""}) {
        EXPECT_NE(m.find(expected), std::string::npos) << expected << " in:\n" << m;
    }
}

TEST(Differ, ProjectNameOnlyWhenManaged) {
    model::DesiredState d = desired_with({});
    model::LiveState l = live_with({});
    l.project_name = "Whatever";
    EXPECT_FALSE(must_diff(d, l).has_changes());
    d.project_name = "Acme";
    EXPECT_EQ(addresses(must_diff(d, l)), (std::vector<std::string>{"update project name"}));
}

TEST(Differ, TargetsKeepTheirDependenciesOnly) {
    model::Tenant acme = tenant("acme", "Acme", "holding");
    acme.default_roles = {"viewer"};
    const auto d = desired_with({tenant("holding", "H"), acme, tenant("globex", "G")},
                                {role("viewer", {"p"}), role("admin")}, {permission("p")});
    plan::PlanOptions o;
    o.targets = {*plan::parse_target("role:viewer")};
    EXPECT_EQ(addresses(must_diff(d, live_with({}), o)),
              (std::vector<std::string>{"create permission p", "create role viewer"}));
    o.targets = {*plan::parse_target("tenant:acme")};
    EXPECT_EQ(addresses(must_diff(d, live_with({}), o)),
              (std::vector<std::string>{"create permission p", "create role viewer",
                                        "create tenant holding", "create tenant acme",
                                        "create tenant_default_roles acme"}));
}

TEST(Differ, TargetedDeleteTakesItsChildrenAlong) {
    plan::PlanOptions o = prune_all();
    o.targets = {*plan::parse_target("tenant:parent")};
    const auto p = must_diff(
        desired_with({}),
        live_with({tenant("parent", "P"), tenant("child", "C", "parent"), tenant("other", "O")}),
        o);
    EXPECT_EQ(addresses(p),
              (std::vector<std::string>{"delete tenant child", "delete tenant parent"}));
}

TEST(Differ, MaxDeletesCapsDeletionsAndReplaces) {
    const auto p =
        must_diff(desired_with({}), live_with({tenant("a", "A"), tenant("b", "B")}), prune_all());
    EXPECT_TRUE(plan::check_max_deletes(p, 2).has_value());
    auto r = plan::check_max_deletes(p, 1);
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("deletes 2 objects"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("--max-deletes 1"), std::string::npos);
}

TEST(Target, ParsesEveryTypeAndExplainsMistakes) {
    EXPECT_EQ(plan::parse_target("tenant_settings:acme")->kind,
              plan::ResourceKind::tenant_settings);
    EXPECT_EQ(plan::parse_target("tenant_settings:acme")->owner().to_string(), "tenant:acme");
    EXPECT_EQ(plan::parse_target("project:name")->kind, plan::ResourceKind::project);
    EXPECT_EQ(plan::parse_target("flow:sign-in")->key, "sign-in");
    EXPECT_EQ(plan::parse_target("tenant:acme")->key, "acme");
    EXPECT_EQ(plan::parse_target("role:acme/auditor")->key, "acme/auditor");
    EXPECT_EQ(plan::parse_target("permission:a:b")->key, "a:b");
    EXPECT_EQ(plan::parse_target("theme")->kind, plan::ResourceKind::theme);
    EXPECT_EQ(plan::parse_target("project")->kind, plan::ResourceKind::project);
    auto typo = plan::parse_target("tenat:acme");
    ASSERT_FALSE(typo.has_value());
    EXPECT_NE(typo.error().message.find("did you mean 'tenant'"), std::string::npos)
        << typo.error().message;
    EXPECT_FALSE(plan::parse_target("tenant").has_value());
    EXPECT_FALSE(plan::parse_target("tenant:").has_value());
    EXPECT_FALSE(plan::parse_target("theme:x").has_value());
}

TEST(Differ, SameInputsGiveTheSamePlan) {
    model::Tenant acme = tenant("acme", "Acme");
    acme.default_roles = {"r"};
    const auto d = desired_with({tenant("z", "Z"), acme, tenant("m", "M", "z")}, {role("r", {"p"})},
                                {permission("p")});
    const auto a = must_diff(d, live_with({tenant("old", "Old")}), prune_all());
    const auto b = must_diff(d, live_with({tenant("old", "Old")}), prune_all());
    EXPECT_EQ(addresses(a), addresses(b));
}

}  // namespace
}  // namespace descope_mgmt
