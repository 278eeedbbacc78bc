// The central promise of plan/apply, as a property: for any desired state (valid as the config
// loader would accept it) and any live state (valid as Descope would hold it), applying the plan
// to FakeDescopeApi converges: the next plan is empty. Small name pools make collisions (same
// ids, same names, shared roles) frequent.

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "apply/apply_engine.hpp"
#include "plan/live_reader.hpp"
#include "plan_test_support.hpp"
#include "support/fake_descope_api.hpp"

namespace descope_mgmt {
namespace {

const std::vector<std::string> kPermissions = {"p1", "p2", "p3", "p4"};
const std::vector<std::string> kRoles = {"r1", "r2", "r3"};
const std::vector<std::string> kTenantIds = {"t1", "t2", "t3", "t4", "t5"};
const std::vector<std::string> kTenantNames = {"N1", "N2", "N3", "N4", "N5", "N6"};
const std::vector<std::string> kTexts = {"", "a", "b"};
const std::vector<std::string> kDomains = {"a.com", "b.com", "c.io"};

template <class T>
std::vector<T> some_of(const std::vector<T>& pool) {
    std::vector<T> out;
    for (const T& x : pool) {
        if (*rc::gen::arbitrary<bool>()) out.push_back(x);
    }
    return out;
}

std::optional<model::Duration> maybe_duration() {
    if (*rc::gen::arbitrary<bool>()) return std::nullopt;
    return model::Duration{*rc::gen::inRange<std::int64_t>(1, 4),
                           *rc::gen::element(model::TimeUnit::minutes, model::TimeUnit::hours,
                                             model::TimeUnit::weeks)};
}

model::SessionSettings settings() {
    model::SessionSettings s;
    s.refresh_token_expiration = maybe_duration();
    s.session_token_expiration = maybe_duration();
    s.stepup_token_expiration = maybe_duration();
    s.inactivity_timeout = maybe_duration();
    s.jit_disabled = *rc::gen::arbitrary<bool>();
    return s;
}

model::CustomAttributes attributes() {
    model::CustomAttributes a;
    if (*rc::gen::arbitrary<bool>()) a["plan"] = *rc::gen::elementOf(kTexts);
    if (*rc::gen::arbitrary<bool>()) a["seats"] = *rc::gen::inRange<std::int64_t>(1, 3);
    if (*rc::gen::arbitrary<bool>()) a["beta"] = *rc::gen::arbitrary<bool>();
    return a;
}

/// Tenants with distinct ids and names; a parent is always an earlier tenant (no cycles).
std::vector<model::Tenant> tenants() {
    std::vector<model::Tenant> out;
    auto names = *rc::gen::unique<std::vector<std::string>>(kTenantNames.size(),
                                                            rc::gen::elementOf(kTenantNames));
    std::size_t next_name = 0;
    for (const std::string& id : some_of(kTenantIds)) {
        model::Tenant t;
        t.id = id;
        t.name = names[next_name++];
        if (!out.empty() && *rc::gen::arbitrary<bool>()) {
            t.parent = out[*rc::gen::inRange<std::size_t>(0, out.size())].id;
        }
        t.self_provisioning_domains = some_of(kDomains);
        t.custom_attributes = attributes();
        t.enforce_sso = *rc::gen::arbitrary<bool>();
        t.disabled = *rc::gen::arbitrary<bool>();
        out.push_back(std::move(t));
    }
    return out;
}

/// Project roles and roles of the given tenants, using only the given permissions.
std::vector<model::Role> roles(const std::vector<model::Tenant>& ts,
                               const std::vector<model::Permission>& ps) {
    std::vector<std::string> names;
    for (const auto& p : ps)
        names.push_back(p.name);
    std::vector<model::Role> out;
    for (const std::string& n : some_of(kRoles)) {
        out.push_back(plan_test::role(n, some_of(names), *rc::gen::elementOf(kTexts)));
    }
    for (const auto& t : ts) {
        if (*rc::gen::arbitrary<bool>()) {
            out.push_back(plan_test::role(*rc::gen::elementOf(kRoles), some_of(names),
                                          *rc::gen::elementOf(kTexts), t.id));
        }
    }
    return out;
}

/// Default roles of each tenant, chosen among the roles it can see.
void default_roles(std::vector<model::Tenant>& ts, const std::vector<model::Role>& rs) {
    for (auto& t : ts) {
        std::set<std::string> visible;
        for (const auto& r : rs) {
            if (r.tenant_id.empty() || r.tenant_id == t.id) visible.insert(r.name);
        }
        t.default_roles = some_of(std::vector<std::string>(visible.begin(), visible.end()));
    }
}

std::vector<model::Permission> permissions() {
    std::vector<model::Permission> out;
    for (const std::string& n : some_of(kPermissions)) {
        out.push_back(plan_test::permission(n, *rc::gen::elementOf(kTexts)));
    }
    return out;
}

model::DesiredState desired_state() {
    model::DesiredState d;
    d.environment = "dev";
    if (*rc::gen::arbitrary<bool>()) d.project_name = *rc::gen::elementOf(kTenantNames);
    d.permissions = permissions();
    d.tenants = tenants();
    d.roles = roles(d.tenants, d.permissions);
    default_roles(d.tenants, d.roles);
    for (auto& t : d.tenants) {
        if (*rc::gen::arbitrary<bool>()) t.session_settings = settings();
    }
    return d;
}

void seed_live(test::FakeDescopeApi& api) {
    const auto ps = permissions();
    auto ts = tenants();
    const auto rs = roles(ts, ps);
    default_roles(ts, rs);
    for (auto& t : ts) {
        if (*rc::gen::arbitrary<bool>()) t.session_settings = settings();
    }
    for (const auto& p : ps)
        api.seed_permission(p);
    for (const auto& t : ts)
        api.seed_tenant(t);
    for (const auto& r : rs)
        api.seed_role(r);
    api.seed_project_name(*rc::gen::elementOf(kTenantNames));
}

std::string describe_failures(const plan::EnvironmentPlan& p, const apply::EnvironmentReport& r) {
    std::string out;
    for (const auto& c : r.results) {
        if (c.outcome == api::TaskStatus::succeeded) continue;
        out += std::string(api::to_string(c.outcome)) + " " + p.changes[c.index].address() +
               (c.error ? ": " + c.error->to_string() : "") + "\n";
    }
    return out;
}

std::string describe(const std::vector<model::Tenant>& ts, const std::vector<model::Role>& rs,
                     const std::vector<model::Permission>& ps) {
    std::string out;
    for (const auto& p : ps)
        out += "  permission " + p.name + " '" + p.description + "'\n";
    for (const auto& r : rs) {
        out += "  role " + plan::role_key(r) + " [";
        for (const auto& p : r.permissions)
            out += p + " ";
        out += "]\n";
    }
    for (const auto& t : ts) {
        out += "  tenant " + t.id + " '" + t.name + "' parent=" + t.parent + " defaults=[";
        for (const auto& d : t.default_roles)
            out += d + " ";
        out += "]" + std::string(t.session_settings ? " settings" : "") + "\n";
    }
    return out;
}

RC_GTEST_PROP(PlanProperty, ApplyingThePlanConverges, ()) {
    const model::DesiredState desired = desired_state();
    test::FakeDescopeApi api("dev");
    seed_live(api);
    plan::PlanOptions options;
    for (auto t :
         {model::PruneType::tenants, model::PruneType::roles, model::PruneType::permissions}) {
        if (*rc::gen::arbitrary<bool>()) options.prune.insert(t);
    }

    RC_LOG() << "desired:\n"
             << describe(desired.tenants, desired.roles, desired.permissions) << "live:\n"
             << describe(api.tenants(), api.roles(), api.permissions());
    auto live = plan::read_live_state(api, desired);
    RC_ASSERT(live.has_value());
    auto first = plan::diff(desired, *live, options);
    // Some inputs cannot be applied as declared (a name held by an unmanaged tenant, a replace
    // of a tenant with children): the plan must then refuse, and nothing is applied.
    if (!first) {
        const std::string& m = first.error().text();
        RC_TAG(m.find("is used by tenant") != std::string::npos ? "refused: name held"
               : m.find("child tenants") != std::string::npos   ? "refused: replace with children"
               : m.find("cycle") != std::string::npos           ? "refused: cycle"
                                                                : "refused: other");
        RC_ASSERT(!first.error().text().empty());
        return;
    }
    RC_CLASSIFY(first->has_changes(), "has changes");

    apply::ApplyOptions apply_options;
    apply_options.parallelism = *rc::gen::inRange(1, 4);
    const auto report = apply::apply_plan(*first, api, apply_options);
    if (!report.ok()) RC_FAIL("apply failed:\n" + describe_failures(*first, report));

    auto live_after = plan::read_live_state(api, desired);
    RC_ASSERT(live_after.has_value());
    auto second = plan::diff(desired, *live_after, options);
    RC_ASSERT(second.has_value());
    std::string left;
    for (const auto& a : plan_test::addresses(*second))
        left += a + "\n";
    RC_LOG() << "after:\n" << describe(api.tenants(), api.roles(), api.permissions());
    if (second->has_changes()) RC_FAIL("still to do after apply:\n" + left);
}

}  // namespace
}  // namespace descope_mgmt
