// Issue 13, "Tenant commands", in-process on fake projects (cli_harness.hpp; the real binary
// against the emulator is tests/e2e/tenant_commands_e2e_test.cpp): --attr is text, --attr-json
// JSON; update merges attributes unless --replace-attributes; a warning when the next apply
// would undo the command; "did you mean" for ids; which tenants the config manages.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli_harness.hpp"

namespace descope_mgmt::cli_test {
namespace {

using test::ApiOperation;

std::optional<model::Tenant> fake_tenant(CliHarness& h, const std::string& env,
                                         const std::string& id) {
    for (auto& t : h.project(env).tenants())
        if (t.id == id) return t;
    return std::nullopt;
}

/// The number of lines of `text` that contain `part`.
int lines_with(const std::string& text, const std::string& part) {
    int n = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (text.substr(start, end - start).find(part) != std::string::npos) ++n;
        start = end + 1;
    }
    return n;
}

model::Tenant seeded_tenant(const std::string& id, model::CustomAttributes attributes) {
    model::Tenant t;
    t.id = id;
    t.name = id;
    t.custom_attributes = std::move(attributes);
    return t;
}

// --- --attr is text, --attr-json is JSON ----------------------------------------------------

TEST(TenantCommands, AttrIsAlwaysTextAndAttrJsonKeepsTypesAndIntegersExactly) {
    CliHarness h;
    const CliResult r = h.run({"-e",
                               "dev",
                               "tenant",
                               "create",
                               "newco",
                               "--name",
                               "New Co",
                               "--attr",
                               "zip=01234",
                               "--attr",
                               "ver=1.10",
                               "--attr",
                               "flag=true",
                               "--attr",
                               "empty=",
                               "--attr",
                               "eq=a=b",
                               "--attr-json",
                               "seats=50",
                               "--attr-json",
                               "big=9223372036854775807",
                               "--attr-json",
                               "neg=-9223372036854775808",
                               "--attr-json",
                               "ratio=1.10",
                               "--attr-json",
                               "beta=false",
                               "--attr-json",
                               R"(name="01234")",
                               "--attr-json",
                               R"(tags=["a", "b"])",
                               "--attr-json",
                               "none=[]"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const auto t = fake_tenant(h, "dev", "newco");
    ASSERT_TRUE(t);
    const model::CustomAttributes expected = {
        {"zip", std::string("01234")},
        {"ver", std::string("1.10")},
        {"flag", std::string("true")},
        {"empty", std::string("")},
        {"eq", std::string("a=b")},
        {"seats", std::int64_t{50}},
        {"big", std::int64_t{9223372036854775807}},
        {"neg", std::int64_t{-9223372036854775807 - 1}},
        {"ratio", 1.1},
        {"beta", false},
        {"name", std::string("01234")},
        {"tags", std::vector<std::string>{"a", "b"}},
        {"none", std::vector<std::string>{}},
    };
    EXPECT_EQ(t->custom_attributes, expected);
    // The plan shows the string as a string.
    EXPECT_TRUE(contains(r.out, "custom_attributes.zip: \"01234\"")) << r.out;
    EXPECT_TRUE(contains(r.out, "custom_attributes.seats: 50")) << r.out;
}

TEST(TenantCommands, AnInvalidAttrJsonIsRefusedBeforeAnyRequestNamingEveryProblem) {
    CliHarness h;
    const CliResult r = h.run({"-e",
                               "dev",
                               "tenant",
                               "create",
                               "newco",
                               "--name",
                               "New Co",
                               "--attr-json",
                               "big=9223372036854775808",
                               "--attr-json",
                               "huge=123456789012345678901234567890",
                               "--attr-json",
                               "word=gold",
                               "--attr-json",
                               "list=[1,2]",
                               "--attr-json",
                               R"(obj={"a":1})",
                               "--attr-json",
                               "nokey",
                               "--attr",
                               "dup=1",
                               "--attr-json",
                               "dup=1"});
    EXPECT_EQ(r.exit_code, 1);
    for (const char* part :
         {"--attr-json 'big=9223372036854775808': the integer is too large",
          "--attr-json 'huge=123456789012345678901234567890': the integer is too large",
          "--attr-json 'word=gold': not JSON", "a string is quoted",
          "--attr-json 'list=[1,2]': item 1 of the list is an integer; a list holds strings only",
          "--attr-json 'obj={\"a\":1}': an object", "--attr-json 'nokey': expected KEY=JSON",
          "--attr-json: attribute 'dup' is given twice"}) {
        EXPECT_TRUE(contains(r.err, part)) << part << "\n" << r.err;
    }
    EXPECT_EQ(h.projects().total_calls(), 0);
}

// --- update merges unless --replace-attributes ---------------------------------------------

TEST(TenantCommands, UpdateMergesTheGivenAttributesIntoTheLiveOnes) {
    CliHarness h;
    h.project("dev").seed_tenant(seeded_tenant(
        "initech", {{"seats", std::int64_t{5}}, {"plan", std::string("gold")}, {"beta", true}}));
    const CliResult r = h.run({"-e", "dev", "tenant", "update", "initech", "--attr-json",
                               "seats=10", "--attr", "zip=01234", "--attr-json", "beta=null"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const model::CustomAttributes expected = {
        {"seats", std::int64_t{10}}, {"plan", std::string("gold")}, {"zip", std::string("01234")}};
    EXPECT_EQ(fake_tenant(h, "dev", "initech")->custom_attributes, expected);
    // The plan names only what changes.
    EXPECT_TRUE(contains(r.out, "custom_attributes.seats: 5 -> 10")) << r.out;
    EXPECT_FALSE(contains(r.out, "custom_attributes.plan")) << r.out;
}

TEST(TenantCommands, ReplaceAttributesMakesTheGivenOnesAllOfThem) {
    CliHarness h;
    h.project("dev").seed_tenant(
        seeded_tenant("initech", {{"seats", std::int64_t{5}}, {"plan", std::string("gold")}}));
    const CliResult r = h.run({"-e", "dev", "tenant", "update", "initech", "--replace-attributes",
                               "--attr-json", "seats=10"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(fake_tenant(h, "dev", "initech")->custom_attributes,
              (model::CustomAttributes{{"seats", std::int64_t{10}}}));

    // Alone, it clears them; without it and without --attr, the attributes are not touched.
    ASSERT_EQ(h.run({"-e", "dev", "tenant", "update", "initech", "--name", "Initech"}).exit_code,
              0);
    EXPECT_EQ(fake_tenant(h, "dev", "initech")->custom_attributes.size(), 1u);
    const CliResult cleared =
        h.run({"-e", "dev", "tenant", "update", "initech", "--replace-attributes"});
    ASSERT_EQ(cleared.exit_code, 0) << cleared.err;
    EXPECT_TRUE(fake_tenant(h, "dev", "initech")->custom_attributes.empty());
}

TEST(TenantCommands, ReplaceAttributesIsAnUpdateFlagOnly) {
    CliHarness h;
    const CliResult r =
        h.run({"-e", "dev", "tenant", "create", "newco", "--name", "N", "--replace-attributes"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, "--replace-attributes")) << r.err;
    EXPECT_EQ(h.projects().total_calls(), 0);
}

// --- the next apply undoes it ----------------------------------------------------------------

TEST(TenantCommands, UpdatingADeclaredTenantWarnsNamingWhatTheNextApplyPutsBack) {
    CliHarness h;
    h.seed_declared();
    const CliResult r = h.run({"-e", "dev", "tenant", "update", "acme", "--name", "Renamed",
                               "--attr-json", "seats=3", "--enforce-sso"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.err,
                         "descope-mgmt: warning: dev: tenant acme is declared in descope.yaml: "
                         "the next apply will undo this change of name, custom_attributes.seats, "
                         "enforce_sso (change the config to keep it)\n"))
        << r.err;
    EXPECT_EQ(lines_with(r.err, "warning"), 1) << r.err;
    // The warning comes before the plan is applied: it is not an afterthought.
    EXPECT_LT(r.err.find("warning"), r.err.find("updated")) << r.err;
    // And it is true: the plan puts them back.
    const CliResult plan = h.run({"-e", "dev", "plan"});
    EXPECT_TRUE(contains(plan.out, "name: \"Renamed\" -> \"Acme Corp\"")) << plan.out;
    EXPECT_TRUE(contains(plan.out, "custom_attributes.seats: 3 -> (unset)")) << plan.out;
}

TEST(TenantCommands, AChangeTheConfigAgreesWithIsNotWarnedAbout) {
    CliHarness h;
    h.seed_declared();
    h.run({"-e", "dev", "tenant", "update", "acme", "--name", "Renamed", "-y"});
    // Back to the declared name: the next apply changes nothing.
    const CliResult r = h.run({"-e", "dev", "tenant", "update", "acme", "--name", "Acme Corp"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(contains(r.err, "warning")) << r.err;
    EXPECT_EQ(h.run({"-e", "dev", "plan", "--detailed-exitcode"}).exit_code, 0);
}

TEST(TenantCommands, DeletingADeclaredTenantWarnsThatTheNextApplyReCreatesIt) {
    CliHarness h;
    h.seed_declared();
    const CliResult r = h.run({"-e", "dev", "tenant", "delete", "acme", "-y"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.err,
                         "warning: dev: tenant acme is declared in descope.yaml: the next apply "
                         "will re-create it"))
        << r.err;
    const CliResult plan = h.run({"-e", "dev", "plan"});
    EXPECT_TRUE(contains(plan.out, "+ tenant acme")) << plan.out;
}

TEST(TenantCommands, TheWarningIsPerEnvironment) {
    CliHarness h;
    h.seed_declared();
    // globex is declared for prod only: in dev it is nobody's.
    const CliResult dev = h.run({"-e", "dev", "tenant", "create", "globex", "--name", "Other"});
    ASSERT_EQ(dev.exit_code, 0) << dev.err;
    EXPECT_FALSE(contains(dev.err, "warning")) << dev.err;
    const CliResult prod =
        h.run({"-e", "prod", "tenant", "update", "globex", "--name", "Other", "-y"});
    ASSERT_EQ(prod.exit_code, 0) << prod.err;
    EXPECT_TRUE(contains(prod.err, "warning: prod: tenant globex is declared")) << prod.err;
}

TEST(TenantCommands, CreatingAnUndeclaredTenantWhereTheConfigPrunesTenantsWarns) {
    std::string config = kConfig;
    config.replace(config.find("environments:"), 0, "defaults:\n  prune: [tenants]\n");
    CliHarness h(config);
    const CliResult r = h.run({"-e", "dev", "tenant", "create", "newco", "--name", "New Co"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.err,
                         "warning: dev: tenant newco is not declared in descope.yaml, whose "
                         "defaults.prune includes tenants: the next apply will delete it"))
        << r.err;
    const CliResult plain =
        CliHarness().run({"-e", "dev", "tenant", "create", "newco", "--name", "New Co"});
    EXPECT_FALSE(contains(plain.err, "warning")) << plain.err;
}

// --- did you mean --------------------------------------------------------------------------

TEST(TenantCommands, UnknownIdsSuggestTheClosestLiveId) {
    CliHarness h;
    h.seed_declared();
    const CliResult show = h.run({"-e", "dev", "tenant", "show", "acm"});
    EXPECT_EQ(show.exit_code, 1);
    EXPECT_TRUE(contains(show.err, "warning: dev: tenant acm does not exist: did you mean 'acme'?"))
        << show.err;
    EXPECT_TRUE(contains(show.err,
                         "error: tenant acm does not exist in any selected environment: "
                         "did you mean 'acme'?"))
        << show.err;

    const CliResult update = h.run({"-e", "dev", "tenant", "update", "amce", "--name", "X"});
    EXPECT_EQ(update.exit_code, 1);
    EXPECT_TRUE(contains(update.err,
                         "error: dev: tenant amce does not exist: did you mean "
                         "'acme'? (or use 'tenant create')"))
        << update.err;

    const CliResult remove = h.run({"-e", "dev", "tenant", "delete", "acmee", "-y"});
    EXPECT_EQ(remove.exit_code, 1);
    EXPECT_TRUE(contains(remove.err,
                         "dev: tenant acmee does not exist; nothing to delete: did "
                         "you mean 'acme'?"))
        << remove.err;
    EXPECT_EQ(h.project("dev").write_calls(), 0);

    // Nothing close: no guess.
    const CliResult far = h.run({"-e", "dev", "tenant", "show", "zzzzzz"});
    EXPECT_EQ(far.exit_code, 1);
    EXPECT_FALSE(contains(far.err, "did you mean")) << far.err;
    EXPECT_TRUE(contains(far.err, "dev: tenant zzzzzz does not exist\n")) << far.err;
}

TEST(TenantCommands, ShowSuggestsFromEachEnvironmentsOwnTenants) {
    CliHarness h;
    h.seed_declared();
    const CliResult r = h.run({"tenant", "show", "globx"});  // globex is in prod only
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, "dev: tenant globx does not exist\n")) << r.err;
    EXPECT_TRUE(contains(r.err, "prod: tenant globx does not exist: did you mean 'globex'?"))
        << r.err;
}

// --- managed -------------------------------------------------------------------------------

TEST(TenantCommands, TenantListHasAManagedColumnAndJsonField) {
    CliHarness h;
    h.seed_declared();
    h.project("dev").seed_tenant(seeded_tenant("stray", {}));
    ASSERT_TRUE(h.project("prod").delete_tenant("globex", false));

    const CliResult text = h.run({"tenant", "list"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_TRUE(contains(text.out, "dev: 2 tenants, 1 managed\n")) << text.out;
    EXPECT_TRUE(contains(text.out, "  ID     NAME       DOMAINS  PARENT  FLAGS  MANAGED\n"))
        << text.out;
    EXPECT_TRUE(contains(text.out, "  acme   Acme Corp  -        -       -      yes\n"))
        << text.out;
    EXPECT_TRUE(contains(text.out, "  stray  stray      -        -       -      no\n")) << text.out;
    EXPECT_TRUE(contains(text.out, "prod: 1 tenant, 1 managed\n")) << text.out;
    EXPECT_TRUE(contains(text.out, "  declared in the config but not in this project: globex\n"))
        << text.out;

    const nlohmann::json doc = h.run({"-o", "json", "tenant", "list"}).json();
    const auto& dev = doc["environments"][0];
    ASSERT_EQ(dev["tenants"].size(), 2u) << doc.dump(2);
    EXPECT_EQ(dev["tenants"][0]["id"], "acme");
    EXPECT_EQ(dev["tenants"][0]["managed"], true);
    EXPECT_EQ(dev["tenants"][1]["id"], "stray");
    EXPECT_EQ(dev["tenants"][1]["managed"], false);
    EXPECT_EQ(dev["declared_missing"], nlohmann::json::array());
    EXPECT_EQ(doc["environments"][1]["declared_missing"], nlohmann::json({"globex"}));
}

TEST(TenantCommands, TenantShowSaysWhetherTheConfigManagesIt) {
    CliHarness h;
    h.seed_declared();
    h.project("dev").seed_tenant(seeded_tenant("stray", {}));
    const CliResult managed = h.run({"-e", "dev", "tenant", "show", "acme"});
    ASSERT_EQ(managed.exit_code, 0) << managed.err;
    EXPECT_TRUE(
        contains(managed.out, "dev: tenant acme\n  managed: yes (declared in the config)\n"))
        << managed.out;
    const nlohmann::json doc = h.run({"-e", "dev", "-o", "json", "tenant", "show", "stray"}).json();
    EXPECT_EQ(doc["environments"][0]["tenant"]["managed"], false) << doc.dump(2);
}

}  // namespace
}  // namespace descope_mgmt::cli_test
