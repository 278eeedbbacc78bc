// Rendering of plans and apply reports: symbols, field lines, summary, colour only when allowed,
// escaping, and the JSON document's shape.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "render/apply_json.hpp"
#include "render/apply_text.hpp"
#include "render/json_document.hpp"
#include "render/plan_json.hpp"
#include "render/plan_text.hpp"
#include "render/table.hpp"

namespace descope_mgmt {
namespace {

TEST(Table, AlignsColumnsAndLeavesTheLastUnpadded) {
    EXPECT_EQ(render::format_table({{"ID", "NAME"}, {"sign-in", "Sign In"}, {"x", "-"}}),
              "  ID       NAME\n"
              "  sign-in  Sign In\n"
              "  x        -\n");
    EXPECT_EQ(render::format_table({}), "");
}

plan::EnvironmentPlan sample_plan() {
    plan::EnvironmentPlan p;
    p.environment = "dev";
    p.project_id = "P2sample";
    plan::Change create;
    create.action = plan::Action::create;
    create.kind = plan::ResourceKind::tenant;
    create.key = "acme";
    create.fields = {{"name", std::monostate{}, std::string("Acme")}};
    plan::Change update;
    update.action = plan::Action::update;
    update.kind = plan::ResourceKind::role;
    update.key = "admin";
    update.fields = {
        {"permissions", std::vector<std::string>{"a"}, std::vector<std::string>{"a", "b"}}};
    update.depends_on = {0};
    plan::Change remove;
    remove.action = plan::Action::remove;
    remove.kind = plan::ResourceKind::tenant;
    remove.key = "old";
    model::Tenant old;
    old.id = "old";
    old.name = "Old Inc";
    remove.live = old;
    plan::Change same;
    same.kind = plan::ResourceKind::permission;
    same.key = "p";
    p.changes = {create, update, remove, same};
    return p;
}

TEST(PlanText, TerraformSymbolsFieldsAndSummary) {
    const std::string text = render::render_plan_text(sample_plan(), render::TextStyle{});
    EXPECT_EQ(text,
              "dev (project P2sample)\n"
              "  + tenant acme\n"
              "      name: \"Acme\"\n"
              "  ~ role admin\n"
              "      permissions: [\"a\"] -> [\"a\", \"b\"]\n"
              "  - tenant old (\"Old Inc\")\n"
              "dev: 1 to create, 1 to update, 1 to delete\n");
}

TEST(PlanText, ColourOnlyWhenAllowed) {
    const auto p = sample_plan();
    EXPECT_EQ(render::render_plan_text(p, {false}).find('\033'), std::string::npos);
    const std::string coloured = render::render_plan_text(p, {true});
    EXPECT_NE(coloured.find("\033[32m+\033[0m"), std::string::npos);
    EXPECT_NE(coloured.find("\033[33m~\033[0m"), std::string::npos);
    EXPECT_NE(coloured.find("\033[31m-\033[0m"), std::string::npos);
}

TEST(PlanText, ValuesCannotDriveTheTerminal) {
    EXPECT_EQ(render::format_value(std::string("a\033[2Jb\"c\\")), "\"a\\u001b[2Jb\\\"c\\\\\"");
    EXPECT_EQ(render::format_value(std::monostate{}), "(unset)");
    EXPECT_EQ(render::format_value(std::int64_t{50}), "50");
    EXPECT_EQ(render::format_value(0.75), "0.75");
    EXPECT_EQ(render::format_value(true), "true");
}

TEST(PlanText, EnvironmentsWithoutChangesStayOnConsecutiveLines) {
    plan::Plan plan;
    plan::EnvironmentPlan a;
    a.environment = "test";
    plan::EnvironmentPlan b;
    b.environment = "dev";
    plan.environments = {a, b, sample_plan(), a};
    const std::string text = render::render_plan_text(plan, {});
    EXPECT_EQ(text.rfind("test: no changes\ndev: no changes\n\ndev (project", 0), 0u) << text;
    EXPECT_NE(text.find("1 to delete\n\ntest: no changes\n"), std::string::npos) << text;
}

TEST(PlanText, SummaryLines) {
    plan::EnvironmentPlan empty;
    empty.environment = "prod";
    EXPECT_EQ(render::summary_line(empty), "prod: no changes");
    EXPECT_EQ(render::render_plan_text(empty, {}), "prod: no changes\n");
    auto p = sample_plan();
    p.changes[0].action = plan::Action::replace;
    EXPECT_EQ(render::summary_line(p), "dev: 0 to create, 1 to update, 1 to delete, 1 to replace");
}

// Issue 13: DESCOPE_BASE_URL replaced where the environment is reached; the plan says where.
TEST(PlanText, TheAddressDescopeBaseUrlGaveIsShownInTheHeaderOrOnTheOneLine) {
    auto p = sample_plan();
    p.environment = "prod";
    p.is_protected = true;
    p.base_url_override = "http://127.0.0.1:1234";
    const std::string text = render::render_plan_text(p, {});
    EXPECT_EQ(text.rfind("prod (project P2sample) [protected] via http://127.0.0.1:1234 "
                         "(DESCOPE_BASE_URL)\n",
                         0),
              0u)
        << text;
    plan::EnvironmentPlan same;
    same.environment = "dev";
    same.base_url_override = "http://127.0.0.1:1234";
    EXPECT_EQ(render::render_plan_text(same, {}),
              "dev: no changes, via http://127.0.0.1:1234 (DESCOPE_BASE_URL)\n");
    // Its own address: nothing said.
    same.base_url_override.reset();
    EXPECT_EQ(render::render_plan_text(same, {}), "dev: no changes\n");

    plan::Plan plan;
    plan.environments = {p, same};
    const auto doc = nlohmann::json::parse(render::render_plan_json(plan));
    EXPECT_EQ(doc["environments"][0]["base_url_override"], "http://127.0.0.1:1234");
    EXPECT_TRUE(doc["environments"][1]["base_url_override"].is_null()) << doc.dump(2);
}

// Issue 13: the line of an environment that was not read says what failed in the same words as
// the error above it, and the JSON error says what to check for a refused key.
TEST(PlanText, AnUnreadEnvironmentSaysWhatFailedInTheUsersWords) {
    plan::EnvironmentPlan p;
    p.environment = "prod";
    api::ApiError e;
    e.environment = "prod";
    e.operation = "role list";
    e.http_status = 401;
    e.message = "Invalid project id or management key";
    e.credential_hint = "check DESCOPE_PROD_MANAGEMENT_KEY: it is the key for prod's project P2x";
    p.read_error = e;
    EXPECT_EQ(render::render_plan_text(p, {}),
              "prod: not planned: reading the roles failed (see the error above)\n");
    plan::Plan plan;
    plan.environments = {p};
    const auto doc = nlohmann::json::parse(render::render_plan_json(plan));
    const auto& error = doc["environments"][0]["error"];
    EXPECT_EQ(error["operation"], "role list") << "the JSON keeps the endpoint's name";
    EXPECT_EQ(error["hint"], e.credential_hint) << error.dump(2);
    EXPECT_EQ(error["text"], e.to_string());
    e.http_status = 500;
    p.read_error = e;
    plan.environments = {p};
    EXPECT_TRUE(
        nlohmann::json::parse(render::render_plan_json(plan))["environments"][0]["error"]["hint"]
            .is_null());
}

TEST(JsonDocument, InvalidUtf8BecomesAReplacementCharacterInsteadOfAnAbort) {
    // A tenant name read from a live project may hold any bytes; `dump()` would throw.
    const nlohmann::json doc{{"name", std::string("Acme \xff\xfe Corp")}, {"n", 1}};
    std::string text;
    ASSERT_NO_THROW(text = render::json_document(doc));
    EXPECT_EQ(text, "{\n  \"n\": 1,\n  \"name\": \"Acme \xEF\xBF\xBD\xEF\xBF\xBD Corp\"\n}\n");
    EXPECT_EQ(nlohmann::json::parse(text)["n"], 1);
}

TEST(PlanJson, DocumentShape) {
    plan::Plan plan;
    plan.environments = {sample_plan()};
    const auto doc = nlohmann::json::parse(render::render_plan_json(plan));
    EXPECT_EQ(doc["format_version"], 1);
    EXPECT_TRUE(doc["has_changes"].get<bool>());
    const auto& env = doc["environments"][0];
    EXPECT_EQ(env["name"], "dev");
    EXPECT_EQ(env["summary"]["create"], 1);
    EXPECT_EQ(env["summary"]["delete"], 1);
    ASSERT_EQ(env["changes"].size(), 4u);
    EXPECT_EQ(env["changes"][0]["action"], "create");
    EXPECT_EQ(env["changes"][0]["type"], "tenant");
    EXPECT_EQ(env["changes"][0]["key"], "acme");
    EXPECT_TRUE(env["changes"][0]["fields"][0]["before"].is_null());
    EXPECT_EQ(env["changes"][1]["fields"][0]["after"], nlohmann::json({"a", "b"}));
    EXPECT_EQ(env["changes"][1]["depends_on"], nlohmann::json({0}));
    EXPECT_EQ(env["changes"][2]["action"], "delete");
    EXPECT_EQ(env["changes"][3]["action"], "no-op");
}

TEST(ApplyReport, SaysExactlyWhatFailedAndWhatWasSkipped) {
    const auto p = sample_plan();
    apply::EnvironmentReport r;
    r.environment = "dev";
    api::ApiError e;
    e.environment = "dev";
    e.operation = "tenant create";
    e.subject = "acme";
    e.http_status = 503;
    e.message = "unavailable";
    r.results = {{0, api::TaskStatus::failed, e, {}, 1, {}},
                 {1, api::TaskStatus::skipped, std::nullopt, {0}, 0, {}},
                 {2, api::TaskStatus::succeeded, std::nullopt, {}, 1, {}}};
    r.deleted = 1;
    r.failed = 1;
    r.skipped = 1;
    r.api_calls = 9;
    r.read_calls = 7;
    r.retries = 3;
    r.elapsed = std::chrono::milliseconds(1234);
    const std::string text = render::render_report_text(p, r, {});
    EXPECT_NE(text.find("dev: 0 created, 0 updated, 1 deleted, 1 failed, 1 skipped; api: 9 calls "
                        "(7 to read, 2 to apply), 3 retries, 1234 ms"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("failed:      + tenant acme: dev: creating tenant acme: HTTP 503"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("skipped:     ~ role admin (needs tenant acme, which did not succeed)"),
              std::string::npos)
        << text;

    plan::Plan plan;
    plan.environments = {p};
    const auto doc = nlohmann::json::parse(render::render_apply_json(plan, {r}, true));
    EXPECT_FALSE(doc["ok"].get<bool>());
    EXPECT_EQ(doc["reports"][0]["changes"][0]["outcome"], "failed");
    EXPECT_EQ(doc["reports"][0]["changes"][0]["error"]["http_status"], 503);
    EXPECT_EQ(doc["reports"][0]["changes"][1]["blocked_by"], nlohmann::json({0}));
    EXPECT_EQ(doc["plan"]["format_version"], 1);
    EXPECT_EQ(doc["reports"][0]["api_calls"], 9);
    EXPECT_EQ(doc["reports"][0]["read_calls"], 7);
    EXPECT_EQ(doc["reports"][0]["apply_calls"], 2);
}

// Issue 13: a total line across environments when the plan shows more than one.
TEST(PlanText, ATotalLineFollowsSeveralEnvironments) {
    plan::Plan plan;
    plan.environments = {sample_plan()};
    EXPECT_EQ(render::render_plan_text(plan, {}).find("total:"), std::string::npos);
    plan::EnvironmentPlan prod = sample_plan();
    prod.environment = "prod";
    plan::EnvironmentPlan unread;
    unread.environment = "staging";
    unread.read_error = api::ApiError{};
    plan.environments = {sample_plan(), prod, unread};
    const std::string text = render::render_plan_text(plan, {});
    EXPECT_NE(text.find("(see the error above)\ntotal: 2 to create, 2 to update, 2 to delete in 3 "
                        "environments (1 "
                        "not planned)\n"),
              std::string::npos)
        << text;
    plan.environments = {plan::EnvironmentPlan{}, plan::EnvironmentPlan{}};
    plan.environments[0].environment = "dev";
    plan.environments[1].environment = "prod";
    EXPECT_EQ(render::render_plan_text(plan, {}),
              "dev: no changes\nprod: no changes\ntotal: no changes in 2 environments\n");
}

// Issue 13: what Ctrl-C left is one line per environment; -v lists each change.
TEST(ApplyReport, ChangesLeftNotStartedAreOneLineUnlessEachIsAskedFor) {
    const auto p = sample_plan();
    apply::EnvironmentReport r;
    r.environment = "dev";
    api::ApiError unanswered;
    unanswered.not_sent = true;
    r.results = {{0, api::TaskStatus::succeeded, std::nullopt, {}, 1, {}},
                 {1, api::TaskStatus::not_started, std::nullopt, {}, 0, {}},
                 {2, api::TaskStatus::not_started, unanswered, {}, 0, {}}};
    r.created = 1;
    r.not_started = 2;
    r.interrupted = true;
    const std::string text = render::render_report_text(p, r, {});
    EXPECT_NE(text.find("\n  not started: 1 change (interrupted; -v lists them)\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("\n  not started: 1 change (dev stopped answering; -v lists them)\n"),
              std::string::npos)
        << text;
    EXPECT_EQ(text.find("not started: ~ role"), std::string::npos) << text;
    const std::string each = render::render_report_text(p, r, {}, true);
    EXPECT_NE(each.find("  not started: ~ role admin (interrupted)\n"), std::string::npos) << each;
    EXPECT_EQ(each.find("-v lists them"), std::string::npos) << each;
}

// Issue 13: one total line after the environments' reports, and `totals` in JSON.
TEST(ApplyReport, TotalsFollowTheReportsOfSeveralEnvironments) {
    const auto p = sample_plan();
    apply::EnvironmentReport r;
    r.environment = "dev";
    r.created = 2;
    r.deleted = 1;
    r.api_calls = 10;
    r.read_calls = 6;
    apply::RunTotals t = apply::sum_reports({r, r});
    EXPECT_EQ(t.created, 4u);
    EXPECT_EQ(t.apply_calls(), 8);
    t.environments = 3;
    t.api_calls += 5;  // an environment without changes was read too
    t.read_calls += 5;
    EXPECT_EQ(render::render_totals_text(t, {}),
              "total: 4 created, 0 updated, 2 deleted, 0 failed, 0 skipped in 3 environments; "
              "api: 25 calls (17 to read, 8 to apply), 0 retries\n");
    plan::Plan plan;
    plan.environments = {p};
    render::ApplyViewOptions options;
    options.totals = t;
    const auto doc = render::apply_to_json(plan, {r}, true, &*options.totals);
    EXPECT_EQ(doc["totals"]["api_calls"], 25);
    EXPECT_EQ(doc["totals"]["read_calls"], 17);
    EXPECT_EQ(doc["totals"]["apply_calls"], 8);
    EXPECT_EQ(doc["totals"]["environments"], 3);
    EXPECT_EQ(doc["totals"]["deleted"], 2);
    EXPECT_FALSE(render::apply_to_json(plan, {r}, true).contains("totals"));
    const auto view = render::apply_view(plan, {r}, true, options);
    EXPECT_NE(view.text.find("\ntotal: 4 created"), std::string::npos) << view.text;
    options.totals->environments = 1;  // one environment: its own line says it all
    EXPECT_EQ(render::apply_view(plan, {r}, true, options).text.find("total:"), std::string::npos);
}

}  // namespace
}  // namespace descope_mgmt
