#pragma once
// Every DescopeApi operation, run against a live endpoint (the emulator in tests/e2e, a real
// Descope project in tests/live), checking each effect by reading it back. Objects are named
// with `prefix` so that cleanup() removes exactly what the scenario created.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "api/descope_api.hpp"

namespace descope_mgmt::test {

struct ScenarioOptions {
    std::string prefix = "dmtest";
    std::string project_id;
    /// Flow import/delete, theme import and project rename change project-wide things: on a
    /// real project they run only when explicitly allowed.
    bool project_writes = true;
};

template <class T, class Pred>
const T* find_if_ptr(const std::vector<T>& items, Pred pred) {
    auto it = std::find_if(items.begin(), items.end(), pred);
    return it == items.end() ? nullptr : &*it;
}

inline std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

/// Deletes every tenant (by id or name), role and permission that starts with the prefix (roles
/// first, child tenants before parents). Best effort: errors are ignored.
inline void cleanup(api::DescopeApi& api, const std::string& prefix) {
    if (auto roles = api.load_all_roles()) {
        for (const auto& r : *roles) {
            if (r.name.rfind(prefix, 0) == 0 || r.tenant_id.rfind(prefix, 0) == 0) {
                (void)api.delete_role(r.name, r.tenant_id);
            }
        }
    }
    if (auto tenants = api.load_all_tenants()) {
        // Children before parents.
        for (int pass = 0; pass < 2; ++pass) {
            for (const auto& t : *tenants) {
                const bool ours = t.id.rfind(prefix, 0) == 0 || t.name.rfind(prefix, 0) == 0;
                if (ours && (pass == 1 || !t.parent.empty())) {
                    (void)api.delete_tenant(t.id, true);
                }
            }
        }
    }
    if (auto perms = api.load_all_permissions()) {
        for (const auto& p : *perms) {
            if (p.name.rfind(prefix, 0) == 0) (void)api.delete_permission(p.name);
        }
    }
}

/// Runs every operation and checks its effect with gtest assertions; call cleanup() afterwards
/// (e.g. in TearDown), since a failed ASSERT returns early.
inline void run_every_operation(api::DescopeApi& api, const ScenarioOptions& o) {
    const std::string p = o.prefix;
    auto ok = [](const auto& r, const char* what) {
        if (!r) ADD_FAILURE() << what << ": " << r.error().to_string();
        return bool(r);
    };

    // Permissions: create, rename, delete.
    ok(api.create_permission({p + ".read", "Read"}), "create_permission read");
    ok(api.create_permission({p + ".tmp", "Temp"}), "create_permission tmp");
    ok(api.update_permission(p + ".tmp", {p + ".write", "Write"}), "update_permission (rename)");
    ok(api.create_permission({p + ".gone", ""}), "create_permission gone");
    ok(api.delete_permission(p + ".gone"), "delete_permission");
    if (auto perms = api.load_all_permissions(); ok(perms, "load_all_permissions")) {
        auto by_name = [&](const std::string& n) {
            return find_if_ptr(*perms, [&](const model::Permission& x) { return x.name == n; });
        };
        EXPECT_NE(by_name(p + ".read"), nullptr);
        ASSERT_NE(by_name(p + ".write"), nullptr);
        EXPECT_EQ(by_name(p + ".write")->description, "Write");
        EXPECT_EQ(by_name(p + ".tmp"), nullptr);
        EXPECT_EQ(by_name(p + ".gone"), nullptr);
    }

    // Tenants: create with id, create a child, create without id, update, settings, roles.
    model::Tenant parent;
    parent.id = p + "-holding";
    parent.name = p + " Holding";
    ok(api.create_tenant(parent), "create_tenant holding");
    model::Tenant acme;
    acme.id = p + "-acme";
    acme.name = p + " Acme";
    acme.self_provisioning_domains = {p + "-acme.example.com"};
    acme.custom_attributes = {};
    acme.parent = parent.id;
    if (auto id = api.create_tenant(acme); ok(id, "create_tenant acme")) {
        EXPECT_EQ(*id, acme.id);
    }
    model::Tenant generated;
    generated.name = p + " Generated";
    std::string generated_id;
    if (auto id = api.create_tenant(generated); ok(id, "create_tenant without id")) {
        EXPECT_FALSE(id->empty());
        generated_id = *id;
    }
    acme.name = p + " Acme Inc";
    acme.enforce_sso = false;
    acme.disabled = true;
    ok(api.update_tenant(acme), "update_tenant");
    if (auto t = api.load_tenant(acme.id); ok(t, "load_tenant")) {
        EXPECT_EQ(t->name, p + " Acme Inc");
        EXPECT_TRUE(t->disabled);
        EXPECT_EQ(t->parent, parent.id);
        EXPECT_EQ(t->self_provisioning_domains, acme.self_provisioning_domains);
    }
    if (auto all = api.load_all_tenants(); ok(all, "load_all_tenants")) {
        EXPECT_NE(find_if_ptr(*all, [&](const model::Tenant& t) { return t.id == acme.id; }),
                  nullptr);
        if (!generated_id.empty()) {
            auto g =
                find_if_ptr(*all, [&](const model::Tenant& t) { return t.id == generated_id; });
            ASSERT_NE(g, nullptr);
            EXPECT_EQ(g->name, generated.name);
        }
    }
    model::SessionSettings settings;
    settings.refresh_token_expiration = model::Duration{4, model::TimeUnit::weeks};
    settings.session_token_expiration = model::Duration{10, model::TimeUnit::minutes};
    settings.inactivity_timeout = model::Duration{30, model::TimeUnit::minutes};
    acme.session_settings = settings;
    ok(api.update_tenant_settings(acme), "update_tenant_settings");
    if (auto s = api.load_tenant_settings(acme.id); ok(s, "load_tenant_settings")) {
        EXPECT_EQ(*s, settings);
    }

    // Roles: project-scoped and tenant-scoped; rename; delete.
    ok(api.create_role({p + "-admin", "Admins", "", {p + ".read", p + ".write"}}), "create_role");
    ok(api.create_role({p + "-auditor", "", acme.id, {p + ".read"}}), "create_role (tenant)");
    ok(api.create_role({p + "-tmp", "", "", {}}), "create_role tmp");
    ok(api.update_role(p + "-tmp", {p + "-viewer", "Viewers", "", {p + ".read"}}),
       "update_role (rename)");
    ok(api.create_role({p + "-gone", "", "", {}}), "create_role gone");
    ok(api.delete_role(p + "-gone", ""), "delete_role");
    if (auto roles = api.load_all_roles(); ok(roles, "load_all_roles")) {
        auto role = [&](const std::string& tenant, const std::string& n) {
            return find_if_ptr(
                *roles, [&](const model::Role& r) { return r.name == n && r.tenant_id == tenant; });
        };
        ASSERT_NE(role("", p + "-admin"), nullptr);
        EXPECT_EQ(sorted(role("", p + "-admin")->permissions), sorted({p + ".read", p + ".write"}));
        EXPECT_NE(role(acme.id, p + "-auditor"), nullptr);
        ASSERT_NE(role("", p + "-viewer"), nullptr);
        EXPECT_EQ(role("", p + "-viewer")->description, "Viewers");
        EXPECT_EQ(role("", p + "-tmp"), nullptr);
        EXPECT_EQ(role("", p + "-gone"), nullptr);
    }
    ok(api.update_default_roles(acme.id, {p + "-viewer"}), "update_default_roles");
    if (auto t = api.load_tenant(acme.id); ok(t, "load_tenant (default roles)")) {
        EXPECT_EQ(t->default_roles, std::vector<std::string>{p + "-viewer"});
    }

    // Flows, theme, project.
    auto flows = api.list_flows();
    ok(flows, "list_flows");
    if (o.project_writes) {
        const std::string flow_id = p + "-flow";
        const std::string doc =
            R"({"flow":{"id":")" + flow_id +
            R"(","name":"Test flow","description":"d","dsl":{"start":{}},"disabled":false},"screens":[{"id":"s1","flowId":")" +
            flow_id + R"(","htmlTemplate":{}}]})";
        ok(api.import_flow({flow_id, doc}), "import_flow");
        if (auto listed = api.list_flows(); ok(listed, "list_flows after import")) {
            auto f =
                find_if_ptr(*listed, [&](const model::FlowSummary& s) { return s.id == flow_id; });
            ASSERT_NE(f, nullptr);
            EXPECT_EQ(f->name, "Test flow");
        }
        if (auto exported = api.export_flow(flow_id); ok(exported, "export_flow")) {
            EXPECT_EQ(exported->id, flow_id);
            EXPECT_NE(exported->document.find("\"start\""), std::string::npos);
        }
        ok(api.delete_flows({flow_id}), "delete_flows");
        if (auto listed = api.list_flows(); ok(listed, "list_flows after delete")) {
            EXPECT_EQ(
                find_if_ptr(*listed, [&](const model::FlowSummary& s) { return s.id == flow_id; }),
                nullptr);
        }
    } else if (flows && !flows->empty()) {
        ok(api.export_flow(flows->front().id), "export_flow");
    }
    if (auto theme = api.export_theme(); ok(theme, "export_theme") && o.project_writes) {
        ok(api.import_theme(*theme), "import_theme (same theme back)");
    }
    if (auto projects = api.list_projects(); ok(projects, "list_projects")) {
        EXPECT_NE(find_if_ptr(*projects,
                              [&](const model::ProjectInfo& x) { return x.id == o.project_id; }),
                  nullptr);
    }
    if (auto name = api.load_project_name(); ok(name, "load_project_name")) {
        const std::string target = o.project_writes ? p + " project" : *name;
        ok(api.update_project_name(target), "update_project_name");
        if (auto again = api.load_project_name(); ok(again, "load_project_name again")) {
            EXPECT_EQ(*again, target);
        }
        if (o.project_writes) (void)api.update_project_name(*name);
    }

    // Deletes (a child tenant first).
    ok(api.delete_role(p + "-auditor", acme.id), "delete_role (tenant)");
    ok(api.delete_tenant(acme.id, true), "delete_tenant acme");
    if (auto t = api.load_tenant(acme.id); t) {
        ADD_FAILURE() << "tenant still loads after delete";
    } else {
        EXPECT_TRUE(t.error().is_not_found()) << t.error().to_string();
    }
    if (!generated_id.empty())
        ok(api.delete_tenant(generated_id, false), "delete_tenant generated");
}

}  // namespace descope_mgmt::test
