// Plan files (backup/plan_file.hpp): states survive the file field for field (so the plan
// diffed again is the plan saved), every file written is valid under docs/plan-file.schema.json,
// a changed byte fails the checksum, and only the objects a plan touches are checked for moves.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "backup/plan_file.hpp"
#include "backup/state_json.hpp"
#include "support/json_schema.hpp"
#include "unit/backup/backup_test_support.hpp"

namespace descope_mgmt::backup {
namespace {

using nlohmann::json;

const json& plan_file_schema() {
    static const json schema =
        json::parse(std::ifstream(DM_SOURCE_DIR "/docs/plan-file.schema.json"));
    return schema;
}

/// Every optional field set, and some unset, so a lost one shows.
model::DesiredState every_field_desired() {
    model::DesiredState d;
    d.environment = "prod";
    d.project_name = "Acme";
    d.permissions = {{"audit.read", "Read audits", false}};
    model::Role auditor{"auditor", "Audits", "acme", {"audit.read"}, true, std::nullopt};
    d.roles = {auditor, model::Role{"viewer", "", "", {}, std::nullopt, false}};
    model::Tenant acme;
    acme.id = "acme";
    acme.name = "Acme Corporation";
    acme.self_provisioning_domains = {"acme.com"};
    acme.custom_attributes = {{"seats", std::int64_t{50}},
                              {"ratio", 1.0},
                              {"trial", true},
                              {"zip", std::string("01234")},
                              {"tags", std::vector<std::string>{"a", "b"}}};
    acme.enforce_sso = true;
    acme.default_roles = {"viewer"};
    model::SessionSettings s;
    s.session_token_expiration = model::Duration{10, model::TimeUnit::minutes};
    s.jit_disabled = true;
    acme.session_settings = s;
    acme.role_inheritance = "userOnly";
    acme.enforce_sso_exclusions = std::vector<std::string>{"U2x"};
    model::Tenant holding;
    holding.id = "holding";
    holding.name = "Holding";
    acme.parent = "holding";
    d.tenants = {holding, acme};
    d.flows = {{"sign-in", R"({"flow":{},"screens":[]})"}};
    d.theme = model::Theme{R"({"theme":{}})"};
    return d;
}

PlanFile sample_file() {
    PlanFile f;
    f.tool_version = "0.0.0-test";
    f.created_at = "2026-12-01T12:00:00.000Z";
    f.config_path = "descope.yaml";
    SavedEnvironment e;
    e.name = "prod";
    e.project_id = "P2prod";
    e.is_protected = true;
    e.read_at = "2026-12-01T11:59:59.500Z";
    e.desired = every_field_desired();
    e.live = testing::sample_state();
    e.live.environment = "prod";
    f.config_digest = config_digest({e.desired});
    f.options.prune = {model::PruneType::roles};
    f.environments.push_back(std::move(e));
    return f;
}

std::string sample_text() {
    const PlanFile f = sample_file();
    return plan_file_text(f, json{{"plan", "for readers"}});
}

TEST(PlanFile, DesiredStateSurvivesFieldForField) {
    const model::DesiredState d = every_field_desired();
    auto back = desired_from_json(desired_to_json(d));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(desired_to_json(*back), desired_to_json(d));
    EXPECT_EQ(back->tenants[1], d.tenants[1]);
    EXPECT_EQ(back->roles, d.roles);
    EXPECT_EQ(back->project_name, d.project_name);
    // "Not managed" stays not managed.
    model::DesiredState bare;
    bare.environment = "dev";
    auto bare_back = desired_from_json(desired_to_json(bare));
    ASSERT_TRUE(bare_back);
    EXPECT_FALSE(bare_back->project_name.has_value());
    EXPECT_FALSE(bare_back->theme.has_value());
}

RC_GTEST_PROP(PlanFile, EveryLiveStateSurvivesFieldForField, ()) {
    const model::LiveState s = testing::gen_live_state();
    auto back = live_from_json(json::parse(live_to_json(s).dump()));
    RC_ASSERT(back.has_value());
    RC_ASSERT(live_to_json(*back) == live_to_json(s));
    RC_ASSERT(back->tenants == s.tenants);
    RC_ASSERT(back->roles == s.roles);
}

TEST(PlanFile, ReadBackItGivesTheSamePlan) {
    const PlanFile f = sample_file();
    const std::string text = sample_text();
    auto read = parse_plan_file(text, "x.plan");
    ASSERT_TRUE(read) << read.error().message;
    auto again = replan(*read);
    ASSERT_TRUE(again);
    auto changes = [](const plan::Plan& p) {
        std::vector<std::string> out;
        for (const auto& c : p.environments.at(0).changes)
            out.push_back(std::string(plan::to_string(c.action)) + " " + c.address());
        return out;
    };
    EXPECT_EQ(changes(*again), changes(*replan(f)));
    EXPECT_TRUE(again->has_changes());
    EXPECT_EQ(read->options.prune, f.options.prune);
    EXPECT_EQ(read->config_digest, f.config_digest);
    EXPECT_TRUE(again->environments[0].is_protected);
}

TEST(PlanFile, WrittenFilesAreValidUnderThePublishedSchema) {
    EXPECT_EQ(plan_file_schema()["properties"]["format"]["const"], kPlanFileFormat);
    EXPECT_EQ(plan_file_schema()["properties"]["format_version"]["const"], kPlanFileFormatVersion);
    const json doc = json::parse(sample_text());
    const auto errors = test::JsonSchemaValidator(plan_file_schema()).validate(doc);
    EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors);
    // The validator can fail.
    json bad = doc;
    bad["environments"][0]["desired"]["tenants"][0]["enforce_sso"] = "yes";
    EXPECT_FALSE(test::JsonSchemaValidator(plan_file_schema()).validate(bad).empty());
}

TEST(PlanFile, AnyChangedByteOrAnotherVersionIsRefused) {
    const std::string text = sample_text();
    std::string edited = text;
    edited.replace(edited.find("Acme Corporation"), 4, "Evil");
    auto tampered = parse_plan_file(edited, "x.plan");
    ASSERT_FALSE(tampered);
    EXPECT_NE(tampered.error().message.find("does not match its checksum"), std::string::npos);
    EXPECT_FALSE(parse_plan_file(text.substr(0, text.size() - 10), "x.plan"));
    json other = json::parse(text);
    other["format_version"] = 2;
    auto v2 = parse_plan_file(other.dump(), "x.plan");
    ASSERT_FALSE(v2);
    EXPECT_NE(v2.error().message.find("format_version 2"), std::string::npos);
    EXPECT_FALSE(parse_plan_file(R"({"format":"descope-mgmt-backup"})", "x.plan"));
}

TEST(PlanFile, OnlyWhatThePlanTouchesIsCheckedForMoves) {
    const PlanFile f = sample_file();
    const auto plan = replan(f);
    ASSERT_TRUE(plan);
    const auto touched = touched_addresses(plan->environments[0]);
    EXPECT_TRUE(touched.count("tenant:acme"));
    EXPECT_TRUE(touched.count("tenant_settings:acme"));
    const plan::ReadScope scope = recheck_scope(touched);
    ASSERT_TRUE(scope.settings_for.has_value());
    EXPECT_TRUE(scope.settings_for->count("acme"));

    model::LiveState now = f.environments[0].live;
    EXPECT_EQ(moved_objects(f.environments[0], now, touched), std::vector<std::string>{});
    // A tenant the plan does not touch may change; acme may not.
    model::Tenant stranger;
    stranger.id = "signed-up-at-runtime";
    now.tenants.push_back(stranger);
    EXPECT_EQ(moved_objects(f.environments[0], now, touched), std::vector<std::string>{});
    for (auto& t : now.tenants)
        if (t.id == "acme") t.name = "Moved";
    EXPECT_EQ(moved_objects(f.environments[0], now, touched),
              std::vector<std::string>{"tenant:acme"});
}

/// A saved environment whose plan deletes tenant `old`, permission `old.read` and role `legacy`,
/// and prunes flow `retired` (live state only listed it, as the plan's read does).
SavedEnvironment pruning_environment(plan::PlanOptions& options) {
    SavedEnvironment e;
    e.name = "dev";
    e.project_id = "P2dev";
    e.desired.environment = "dev";
    e.desired.permissions = {{"projects.read", "", false}};
    e.desired.roles = {
        model::Role{"viewer", "", "", {"projects.read"}, std::nullopt, std::nullopt}};
    e.live.environment = "dev";
    e.live.permissions = {{"projects.read", "", false}, {"old.read", "", false}};
    e.live.roles = e.desired.roles;
    e.live.roles.push_back(model::Role{"legacy", "", "", {}, false, false});
    model::Tenant old;
    old.id = "old";
    old.name = "Old";
    e.live.tenants = {old};
    e.live.flow_summaries = {{"retired", "Retired", "", false}};
    options.prune = {model::PruneType::tenants, model::PruneType::roles,
                     model::PruneType::permissions, model::PruneType::flows};
    return e;
}

TEST(PlanFile, WhatADeletionTakesWithItIsCheckedToo) {
    plan::PlanOptions options;
    const SavedEnvironment saved = pruning_environment(options);
    auto p = plan::diff(saved.desired, saved.live, options);
    ASSERT_TRUE(p);
    const auto touched = touched_addresses(*p);
    // Nothing moved: a pruned flow that was only listed is compared as listed (re-read it the
    // same way), not reported stale because the re-read exports it.
    EXPECT_TRUE(touched.count("flow_listed:retired"));
    EXPECT_FALSE(recheck_scope(touched).flows->count("retired"));
    EXPECT_EQ(moved_objects(saved, saved.live, touched), std::vector<std::string>{});

    // After the plan: a role is added under the tenant it deletes, a role starts using the
    // permission it deletes, and a tenant names the role it deletes as a default role.
    model::LiveState now = saved.live;
    now.roles.push_back(model::Role{"billing", "", "old", {}, false, false});
    now.roles.push_back(model::Role{"reader", "", "", {"old.read"}, false, false});
    model::Tenant fresh;
    fresh.id = "fresh";
    fresh.name = "Fresh";
    fresh.default_roles = {"legacy"};
    now.tenants.push_back(fresh);
    EXPECT_EQ(moved_objects(saved, now, touched),
              (std::vector<std::string>{"roles_using_permission:old.read", "tenant_dependents:old",
                                        "tenants_naming_role:legacy"}));
}

}  // namespace
}  // namespace descope_mgmt::backup
