// The real descope-mgmt against descope-emulator hosting five projects: the first apply creates
// everything, the next plan is clean, out-of-band changes show, undeclared objects are left
// alone unless pruned, --target and --max-deletes behave, JSON output is one document.

#include <algorithm>

#include "plan_e2e_support.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

using nlohmann::json;

TEST_F(PlanE2e, FirstApplyCreatesEverythingThenThePlanIsClean) {
    auto plan = mgmt({"plan", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 2) << plan.err;
    EXPECT_TRUE(contains(plan.out, "  + tenant acme")) << plan.out;
    EXPECT_TRUE(contains(plan.out, "  + role acme/auditor")) << plan.out;
    EXPECT_TRUE(contains(plan.out, "dev: ")) << plan.out;

    auto apply = mgmt({"apply", "--auto-approve"});
    ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
    for (const auto& e : environments()) {
        EXPECT_TRUE(contains(apply.out, e + ": ")) << apply.out;
    }
    EXPECT_TRUE(contains(apply.out, "0 failed, 0 skipped")) << apply.out;
    EXPECT_TRUE(contains(apply.err, "prod: + tenant globex: created")) << apply.err;

    EXPECT_EQ(tenant_ids("prod"), (std::vector<std::string>{"acme", "globex", "holding"}));
    EXPECT_EQ(tenant_ids("dev"), (std::vector<std::string>{"acme", "holding"}));
    const auto acme = api("prod", "GET", "/v1/mgmt/tenant?id=acme");
    EXPECT_EQ(acme["name"], "Acme Corporation");  // the prod override
    EXPECT_EQ(acme["parent"], "holding");
    EXPECT_EQ(acme["defaultRoles"], json({"viewer"}));
    const auto settings = api("dev", "GET", "/v1/mgmt/tenant/settings?id=acme");
    EXPECT_EQ(settings["sessionTokenExpiration"], 10);
    EXPECT_EQ(settings["refreshTokenExpirationUnit"], "weeks");

    auto again = mgmt({"plan", "--detailed-exitcode"});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
    for (const auto& e : environments()) {
        EXPECT_TRUE(contains(again.out, e + ": no changes")) << again.out;
    }
    auto json_plan = mgmt({"-o", "json", "plan"});
    ASSERT_EQ(json_plan.exit_code, 0) << json_plan.err;
    const auto doc = json::parse(json_plan.out);  // exactly one document
    EXPECT_EQ(doc["format_version"], 1);
    EXPECT_EQ(doc["command"], "plan");
    EXPECT_FALSE(doc["has_changes"].get<bool>());
    EXPECT_EQ(doc["environments"].size(), 5u);

    // Applying again changes nothing.
    auto noop = mgmt({"apply", "--auto-approve"});
    EXPECT_EQ(noop.exit_code, 0) << noop.err;
}

TEST_F(PlanE2e, AnOutOfBandChangeShowsAsAChange) {
    ASSERT_EQ(mgmt({"apply", "--auto-approve"}).exit_code, 0);
    // Someone edits dev in the console: renames acme and drops its domain.
    api("dev", "POST", "/v1/mgmt/tenant/update",
        {{"id", "acme"},
         {"name", "Acme (edited)"},
         {"selfProvisioningDomains", json::array()},
         {"customAttributes", {{"plan", "enterprise"}, {"seats", 50}}}});
    api("dev", "POST", "/v1/mgmt/role/update",
        {{"name", "admin"},
         {"newName", "admin"},
         {"description", "changed"},
         {"permissionNames", {"projects.read"}}});

    auto plan = mgmt({"-e", "dev", "plan", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 2) << plan.out << plan.err;
    EXPECT_TRUE(contains(plan.out, "  ~ tenant acme\n")) << plan.out;
    EXPECT_TRUE(contains(plan.out, "name: \"Acme (edited)\" -> \"Acme Corp\"")) << plan.out;
    EXPECT_TRUE(contains(plan.out, "self_provisioning_domains: [] -> [\"acme.com\"]")) << plan.out;
    EXPECT_TRUE(contains(plan.out, "  ~ role admin\n")) << plan.out;
    EXPECT_TRUE(contains(plan.out, "dev: 0 to create, 2 to update, 0 to delete")) << plan.out;

    auto json_plan = mgmt({"-e", "dev", "-o", "json", "plan"});
    const auto doc = json::parse(json_plan.out);
    const auto& changes = doc["environments"][0]["changes"];
    const auto it = std::find_if(changes.begin(), changes.end(),
                                 [](const json& c) { return c["address"] == "tenant:acme"; });
    ASSERT_NE(it, changes.end());
    EXPECT_EQ((*it)["action"], "update");
    EXPECT_EQ((*it)["fields"][0],
              json({{"name", "name"}, {"before", "Acme (edited)"}, {"after", "Acme Corp"}}));

    ASSERT_EQ(mgmt({"-e", "dev", "apply", "--auto-approve"}).exit_code, 0);
    EXPECT_EQ(mgmt({"plan", "--detailed-exitcode"}).exit_code, 0);
}

TEST_F(PlanE2e, UndeclaredObjectsAreLeftAloneUnlessPruned) {
    ASSERT_EQ(mgmt({"apply", "--auto-approve"}).exit_code, 0);
    api("dev", "POST", "/v1/mgmt/tenant/create",
        {{"id", "signup-1"}, {"name", "Self-service Inc"}});
    api("dev", "POST", "/v1/mgmt/role/create",
        {{"name", "legacy"}, {"permissionNames", json::array()}});

    auto plan = mgmt({"-e", "dev", "plan", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
    EXPECT_TRUE(contains(plan.out, "1 tenant not in the config is left alone (signup-1)"))
        << plan.out;
    ASSERT_EQ(mgmt({"-e", "dev", "apply", "--auto-approve"}).exit_code, 0);
    EXPECT_EQ(tenant_ids("dev"), (std::vector<std::string>{"acme", "holding", "signup-1"}));

    // --max-deletes refuses a plan that deletes more than allowed, and changes nothing.
    auto capped = mgmt({"-e", "dev", "apply", "--auto-approve", "--prune", "tenants", "--prune",
                        "roles", "--max-deletes", "1"});
    EXPECT_EQ(capped.exit_code, 1);
    EXPECT_TRUE(contains(capped.err, "more than --max-deletes 1")) << capped.err;
    EXPECT_EQ(tenant_ids("dev"), (std::vector<std::string>{"acme", "holding", "signup-1"}));
    // Every changing command ends the same way: with -o json the refusal is still one apply
    // document on stdout (tenant sync printed nothing before).
    for (const std::string command : {"apply", "tenant sync"}) {
        std::vector<std::string> args = {"-e", "dev", "-o", "json"};
        for (const auto& word : util::split(command, ' '))
            args.push_back(word);
        args.insert(args.end(), {"--auto-approve", "--prune", "tenants", "--max-deletes", "0"});
        auto refused = mgmt(args);
        EXPECT_EQ(refused.exit_code, 1) << command;
        const auto doc = json::parse(refused.out);
        EXPECT_EQ(doc["applied"], false) << command;
        EXPECT_TRUE(doc["reports"].empty()) << command;
    }
    EXPECT_EQ(tenant_ids("dev"), (std::vector<std::string>{"acme", "holding", "signup-1"}));

    auto pruned = mgmt({"-e", "dev", "apply", "--auto-approve", "--prune", "tenants"});
    EXPECT_EQ(pruned.exit_code, 0) << pruned.out << pruned.err;
    EXPECT_TRUE(contains(pruned.out, "- tenant signup-1 (\"Self-service Inc\")")) << pruned.out;
    EXPECT_EQ(tenant_ids("dev"), (std::vector<std::string>{"acme", "holding"}));
    // Only the pruned type: the undeclared role is still there.
    const auto roles = api("dev", "GET", "/v1/mgmt/role/all");
    EXPECT_TRUE(contains(roles.dump(), "\"legacy\"")) << roles.dump();
}

TEST_F(PlanE2e, TargetLimitsThePlanToATenantAndWhatItNeeds) {
    auto plan = mgmt({"-e", "dev", "plan", "--target", "tenant:acme"});
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    EXPECT_TRUE(contains(plan.out, "+ tenant holding")) << plan.out;  // its parent
    EXPECT_TRUE(contains(plan.out, "+ role viewer")) << plan.out;     // its default role
    EXPECT_FALSE(contains(plan.out, "role admin")) << plan.out;
    auto typo = mgmt({"-e", "dev", "plan", "--target", "tenant:acmee"});
    EXPECT_EQ(typo.exit_code, 1);
    EXPECT_TRUE(contains(typo.err, "did you mean 'tenant:acme'")) << typo.err;
}

TEST_F(PlanE2e, ParentChangeIsShownAndAppliedAsAReplace) {
    ASSERT_EQ(mgmt({"apply", "--auto-approve"}).exit_code, 0);
    std::string moved = kConfig;
    const std::string from = "    parent: holding\n";
    moved.replace(moved.find(from), from.size(), "");  // acme becomes a top-level tenant
    write_config(moved);
    auto plan = mgmt({"-e", "dev", "plan"});
    EXPECT_TRUE(contains(plan.out, "-/+ tenant acme")) << plan.out;
    ASSERT_EQ(mgmt({"-e", "dev", "apply", "--auto-approve"}).exit_code, 0);
    EXPECT_EQ(api("dev", "GET", "/v1/mgmt/tenant?id=acme")["parent"], "");
    EXPECT_EQ(mgmt({"-e", "dev", "plan", "--detailed-exitcode"}).exit_code, 0);
}

TEST_F(PlanE2e, TenantCommandsUseTheSameEngine) {
    ASSERT_EQ(mgmt({"-e", "dev", "tenant", "create", "initech", "--name", "Initech", "--domain",
                    "initech.com", "--attr-json", "seats=10", "--attr-json", "beta=true"})
                  .exit_code,
              0);
    const auto t = api("dev", "GET", "/v1/mgmt/tenant?id=initech");
    EXPECT_EQ(t["customAttributes"]["seats"], 10);
    EXPECT_EQ(t["customAttributes"]["beta"], true);
    auto bad =
        mgmt({"-e", "dev", "tenant", "create", "x", "--name", "X", "--domain", "not a domain"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_TRUE(contains(bad.err, "--domain 'not a domain'")) << bad.err;

    ASSERT_EQ(mgmt({"-e", "dev", "tenant", "update", "initech", "--name", "Initech Inc"}).exit_code,
              0);
    const auto updated = api("dev", "GET", "/v1/mgmt/tenant?id=initech");
    EXPECT_EQ(updated["name"], "Initech Inc");
    EXPECT_EQ(updated["selfProvisioningDomains"], json({"initech.com"}));  // kept

    auto show = mgmt({"-e", "dev", "-o", "json", "tenant", "show", "initech"});
    ASSERT_EQ(show.exit_code, 0) << show.err;
    const json shown = json::parse(show.out)["environments"][0]["tenant"];
    EXPECT_EQ(shown["name"], "Initech Inc");
    EXPECT_TRUE(shown["parent"].is_null()) << shown.dump();
    // One JSON shape per model type: `tenant list` shows a tenant exactly as `tenant show` does,
    // except for the session settings, which only show reads.
    auto list = mgmt({"-e", "dev", "-o", "json", "tenant", "list"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    const json list_doc = json::parse(list.out);
    json listed;
    for (const auto& item : list_doc["environments"][0]["tenants"])
        if (item["id"] == "initech") listed = item;
    ASSERT_TRUE(listed.is_object()) << list.out;
    EXPECT_TRUE(listed["session_settings"].is_null());
    json shown_without_settings = shown;
    shown_without_settings["session_settings"] = nullptr;
    EXPECT_EQ(listed, shown_without_settings);

    auto refused = mgmt({"-e", "dev", "tenant", "delete", "initech"});  // no terminal, no --yes
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_TRUE(contains(refused.err, "not a terminal")) << refused.err;
    ASSERT_EQ(mgmt({"-e", "dev", "tenant", "delete", "initech", "--yes"}).exit_code, 0);
    EXPECT_EQ(tenant_ids("dev"), std::vector<std::string>{});

    // sync applies only tenants: roles and permissions are not created.
    auto sync = mgmt({"-e", "test", "tenant", "sync", "--auto-approve"});
    EXPECT_EQ(sync.exit_code, 1) << sync.out << sync.err;  // acme names role viewer, not there yet
    EXPECT_TRUE(contains(sync.err, "default role \"viewer\"")) << sync.err;
    ASSERT_EQ(mgmt({"-e", "test", "apply", "--auto-approve", "--target", "role:viewer"}).exit_code,
              0);
    ASSERT_EQ(mgmt({"-e", "test", "tenant", "sync", "--auto-approve"}).exit_code, 0);
    EXPECT_EQ(tenant_ids("test"), (std::vector<std::string>{"acme", "holding"}));
    EXPECT_FALSE(contains(api("test", "GET", "/v1/mgmt/role/all").dump(), "\"admin\""));
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
