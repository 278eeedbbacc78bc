// Golden plans (text and JSON) of the diff engine: every field of every type, overrides and
// environment selection (as DesiredStates), pruning, ordering and replace.
// Files: tests/golden/plan/<case>.txt and <case>.json; UPDATE_GOLDEN=1 rewrites them.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "plan_test_support.hpp"
#include "render/plan_json.hpp"
#include "render/plan_text.hpp"

namespace descope_mgmt {
namespace {

using namespace plan_test;

void expect_plan_golden(const std::string& name, const model::DesiredState& desired,
                        const model::LiveState& live, const plan::PlanOptions& options = {}) {
    plan::EnvironmentPlan p = must_diff(desired, live, options);
    p.project_id = "P2goldenproject00000000000000";
    expect_golden(name + ".txt", render::render_plan_text(p, render::TextStyle{}));
    expect_golden(name + ".json", render::environment_plan_to_json(p).dump(2) + "\n");
}

/// A desired state that uses every field of every type.
model::DesiredState full_desired(const std::string& env) {
    model::DesiredState d;
    d.environment = env;
    d.project_name = "Acme (" + env + ")";
    d.permissions = {permission("projects.read", "Read projects"), permission("projects.write"),
                     permission("billing.read", "Read invoices")};
    d.roles = {role("admin", {"projects.read", "projects.write"}, "Full access"),
               role("viewer", {"projects.read"}),
               role("acme-auditor", {"billing.read", "projects.read"}, "Auditors", "acme")};
    model::Tenant holding = tenant("holding", "Holding Inc");
    model::Tenant acme = tenant("acme", "Acme Corp", "holding");
    acme.self_provisioning_domains = {"acme.com", "acme.io"};
    acme.custom_attributes = {{"plan", std::string("enterprise")},
                              {"seats", std::int64_t{50}},
                              {"ratio", 0.75},
                              {"beta", true},
                              {"regions", std::vector<std::string>{"eu", "us"}}};
    acme.enforce_sso = true;
    acme.disabled = false;
    acme.default_roles = {"viewer", "acme-auditor"};
    model::SessionSettings s;
    s.refresh_token_expiration = weeks(4);
    s.session_token_expiration = minutes(10);
    s.stepup_token_expiration = minutes(5);
    s.inactivity_timeout = minutes(30);
    s.jit_disabled = true;
    acme.session_settings = s;
    model::Tenant globex = tenant("globex", "Globex");
    globex.disabled = true;
    d.tenants = {holding, acme, globex};
    return d;
}

/// The live state after applying full_desired("dev"), as the API reports it (sets in another
/// order, numbers typed differently).
model::LiveState live_matching(const model::DesiredState& d) {
    model::LiveState l;
    l.environment = d.environment;
    l.project_name = d.project_name.value_or("");
    l.permissions = {d.permissions.rbegin(), d.permissions.rend()};
    l.roles = d.roles;
    for (auto& r : l.roles)
        std::reverse(r.permissions.begin(), r.permissions.end());
    l.tenants = d.tenants;
    for (auto& t : l.tenants) {
        std::reverse(t.self_provisioning_domains.begin(), t.self_provisioning_domains.end());
        std::reverse(t.default_roles.begin(), t.default_roles.end());
        if (t.custom_attributes.count("seats")) t.custom_attributes["seats"] = 50.0;
    }
    return l;
}

TEST(PlanGolden, CreatesEverythingInDependencyOrder) {
    model::LiveState empty;
    empty.environment = "dev";
    empty.project_name = "My project";
    expect_plan_golden("create_everything", full_desired("dev"), empty);
}

TEST(PlanGolden, MatchingLiveStateHasNoChanges) {
    const auto d = full_desired("dev");
    expect_plan_golden("no_changes", d, live_matching(d));
    EXPECT_FALSE(must_diff(d, live_matching(d)).has_changes());
}

TEST(PlanGolden, UpdatesEveryFieldOfEveryType) {
    const auto d = full_desired("dev");
    model::LiveState l = live_matching(d);
    l.project_name = "Old name";
    l.permissions[0].description = "stale";  // billing.read (reversed order)
    l.roles[0].description = "";             // admin
    l.roles[0].permissions = {"projects.read"};
    l.roles[2].permissions = {"projects.read"};  // acme-auditor
    for (auto& t : l.tenants) {
        if (t.id != "acme") continue;
        t.name = "Acme";
        t.self_provisioning_domains = {"acme.com"};
        t.custom_attributes = {{"plan", std::string("gold")},
                               {"seats", std::int64_t{40}},
                               {"legacy", std::string("x")},
                               {"beta", true},
                               {"regions", std::vector<std::string>{"eu"}},
                               {"ratio", 0.75}};
        t.enforce_sso = false;
        t.disabled = true;
        t.default_roles = {"viewer"};
        model::SessionSettings s;
        s.refresh_token_expiration = model::Duration{28, model::TimeUnit::days};
        s.session_token_expiration = minutes(10);
        t.session_settings = s;  // stepup and inactivity unset, jit enabled
    }
    expect_plan_golden("update_every_field", d, l);
}

/// Undeclared live objects of every type, linked so that order matters when they are deleted.
model::LiveState live_with_extras() {
    const auto d = full_desired("dev");
    model::LiveState l = live_matching(d);
    l.permissions.push_back(permission("legacy.perm", "old"));
    l.roles.push_back(role("legacy-role", {"legacy.perm"}));
    l.roles.push_back(role("acme-legacy", {}, "", "acme"));         // a declared tenant's role
    l.roles.push_back(role("signup-role", {}, "", "self-signup"));  // an undeclared tenant's role
    l.roles[0].permissions.push_back("legacy.perm");                // admin uses it for now
    for (auto& t : l.tenants) {
        if (t.id == "globex") t.default_roles = {"legacy-role"};
    }
    l.tenants.push_back(tenant("old-parent", "Old Parent"));
    l.tenants.push_back(tenant("old-child", "Old Child", "old-parent"));
    l.tenants.push_back(tenant("self-signup", "Signed Up Inc"));
    return l;
}

TEST(PlanGolden, UndeclaredObjectsAreLeftAloneWithoutPrune) {
    expect_plan_golden("prune_off", full_desired("dev"), live_with_extras());
}

TEST(PlanGolden, PruneDeletesUndeclaredObjectsInReverseOrder) {
    plan::PlanOptions o;
    o.prune = {model::PruneType::tenants, model::PruneType::roles, model::PruneType::permissions};
    expect_plan_golden("prune_all", full_desired("dev"), live_with_extras(), o);
}

TEST(PlanGolden, PruneOnlyTheListedTypes) {
    plan::PlanOptions o;
    o.prune = {model::PruneType::roles};
    expect_plan_golden("prune_roles_only", full_desired("dev"), live_with_extras(), o);
}

TEST(PlanGolden, ParentChangeReplacesTheTenant) {
    auto d = full_desired("dev");
    model::LiveState l = live_matching(d);
    l.tenants.insert(l.tenants.begin(), tenant("other-holding", "Other Holding"));
    for (auto& t : l.tenants) {
        if (t.id == "acme") t.parent = "other-holding";
    }
    expect_plan_golden("replace_parent", d, l);
}

/// What the config loader produces for prod: acme overridden (name, domains, seats), globex not
/// selected for prod, and no project name managed.
model::DesiredState prod_desired() {
    auto d = full_desired("prod");
    d.project_name.reset();
    for (auto& t : d.tenants) {
        if (t.id != "acme") continue;
        t.name = "Acme Corporation";
        t.self_provisioning_domains = {"acme.com", "acme.io", "acme.eu"};
        t.custom_attributes["seats"] = std::int64_t{500};
    }
    std::erase_if(d.tenants, [](const model::Tenant& t) { return t.id == "globex"; });
    return d;
}

TEST(PlanGolden, OverridesAndEnvironmentSelection) {
    // The live prod project still matches the shared definition.
    const auto shared = full_desired("prod");
    model::LiveState l = live_matching(shared);
    l.environment = "prod";
    expect_plan_golden("overrides_prod", prod_desired(), l);
}

TEST(PlanGolden, TargetIncludesWhatTheTargetNeeds) {
    model::LiveState empty;
    empty.environment = "dev";
    plan::PlanOptions o;
    o.targets = {*plan::parse_target("tenant:acme")};
    expect_plan_golden("target_tenant", full_desired("dev"), empty, o);
}

}  // namespace
}  // namespace descope_mgmt
