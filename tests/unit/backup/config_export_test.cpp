// export-config: the written config, loaded by the real config loader, is the live project:
// its plan against that project has no changes.
#include "backup/config_export.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <fstream>
#include <set>

#include "config/config.hpp"
#include "plan/differ.hpp"
#include "unit/backup/backup_test_support.hpp"

namespace descope_mgmt::backup {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

const std::string kProjectId = "P2" + std::string(26, 'x');

std::optional<std::string> fake_env(const std::string& name) {
    if (name == "DESCOPE_PROD_MANAGEMENT_KEY" || name == "DESCOPE_EU_WEST_MANAGEMENT_KEY")
        return std::string("K2secret");
    return std::nullopt;
}

/// Writes the exported files under `dir` and loads the config with the real loader.
config::LoadResult write_and_load(const ExportedConfig& exported, const fs::path& dir) {
    for (const auto& f : exported.files) {
        fs::create_directories((dir / f.path).parent_path());
        std::ofstream(dir / f.path, std::ios::binary) << f.content;
    }
    return config::load(dir / "descope.yaml", fake_env);
}

std::string diagnostics_text(const config::LoadResult& r) {
    std::string out;
    for (const auto& d : r.diagnostics.items())
        out += d.location.file + ":" + std::to_string(d.location.line) + ": " + d.message + "\n";
    return out;
}

/// The plan of the loaded config against `live`: every change must be a no-op.
void expect_no_changes(const config::LoadResult& loaded, const model::LiveState& live,
                       const std::string& env, const std::string& yaml) {
    ASSERT_TRUE(loaded.config) << diagnostics_text(loaded) << yaml;
    const auto desired = config::desired_state(*loaded.config, env);
    auto p = plan::diff(desired, live, {});
    ASSERT_TRUE(p) << p.error().text();
    for (const auto& c : p->changes)
        EXPECT_EQ(c.action, plan::Action::no_op) << c.address() << "\n" << yaml;
    EXPECT_EQ(desired.flows.size(), live.flows.size());
    for (const auto& f : desired.flows) {
        EXPECT_EQ(*plan::canonical_compact_json(f.document, plan::JsonDocumentKind::flow),
                  *plan::canonical_compact_json(live.flows.at(f.id).document,
                                                plan::JsonDocumentKind::flow));
    }
    ASSERT_EQ(desired.theme.has_value(), live.theme.has_value());
    if (live.theme) {
        EXPECT_EQ(
            *plan::canonical_compact_json(desired.theme->document, plan::JsonDocumentKind::theme),
            *plan::canonical_compact_json(live.theme->document, plan::JsonDocumentKind::theme));
    }
}

model::LiveState sample_with_settings_read() {
    auto s = testing::sample_state();
    for (auto& t : s.tenants)
        if (!t.session_settings) t.session_settings = model::SessionSettings{};
    return s;
}

TEST(ConfigExport, SampleProjectLoadsBackWithNoChanges) {
    const auto live = sample_with_settings_read();
    auto exported =
        export_config(live, {"prod", kProjectId, testing::sample_metadata().created_at});
    ASSERT_TRUE(exported) << exported.error().message;
    ASSERT_EQ(exported->files.size(), 4u);
    EXPECT_EQ(exported->files[0].path, "descope.yaml");
    EXPECT_EQ(exported->files[1].path, fs::path("flows/sign-in.json"));
    EXPECT_EQ(exported->files[3].path, fs::path("themes/theme.json"));
    TempDir tmp;
    const auto loaded = write_and_load(*exported, tmp.path());
    expect_no_changes(loaded, live, "prod", exported->files[0].content);
    const auto& yaml = exported->files[0].content;
    EXPECT_NE(yaml.find("  prod:\n    project_id: " + kProjectId + "\n"), std::string::npos)
        << yaml;
    EXPECT_NE(yaml.find("${DESCOPE_PROD_MANAGEMENT_KEY}"), std::string::npos);
    // Uncustomised settings are not managed; customised ones are.
    EXPECT_EQ(loaded.config->tenants.size(), 3u);
    for (const auto& t : loaded.config->tenants)
        EXPECT_EQ(t.tenant.session_settings.has_value(), t.tenant.id == "acme") << t.tenant.id;
    // The flow file is the canonical export (what `flow export` writes).
    EXPECT_EQ(exported->files[1].content,
              *plan::canonical_pretty_json(testing::kFlowDoc, plan::JsonDocumentKind::flow));
}

TEST(ConfigExport, ValuesThatYamlWouldMisreadAreQuoted) {
    for (const char* plain : {"Acme Corp", "projects.read", "acme-1", "Acme (prod)", "a/b"})
        EXPECT_EQ(yaml_scalar(plain), plain);
    for (const char* tricky :
         {"",        "true", "no",        "null",     "~",           "123",      "1.5",
          "-1",      ".inf", "0x1F",      "a: b",     "#hash",       "a #b",     "- item",
          "[x]",     "{x}",  "trailing ", " leading", "multi\nline", "quote\"d", "*alias",
          "&anchor", "!tag", "%percent",  "@at",      "`tick",       "é",        "it's"})
        EXPECT_EQ(yaml_scalar(tricky).front(), '"') << tricky;
    EXPECT_EQ(yaml_scalar("cost ${PRICE}"), "\"cost $${PRICE}\"");
    EXPECT_EQ(yaml_scalar("${X}", false), "\"${X}\"");
    EXPECT_EQ(flow_file_name("sign-in"), "sign-in.json");
    EXPECT_EQ(flow_file_name("a/b c"), "a_b_c.json");
    EXPECT_EQ(flow_file_name(".."), "flow...json");
    // Ids that are not file names, and ids whose names collide, still get one file each.
    EXPECT_EQ(flow_file_names({"a/b", "a_b", "../etc/passwd", "", std::string("a\0b", 3)}),
              (std::vector<std::string>{"a_b.json", "a_b-2.json", "flow.._etc_passwd.json",
                                        "flow.json", "a_b-3.json"}));
}

TEST(ConfigExport, TrickyValuesSurviveTheLoader) {
    model::LiveState live;
    live.project_name = "true";
    live.permissions = {{"123", "yes"}, {"a: b", "${NOT_A_VAR} and $${literal}"}};
    model::Tenant t;
    t.id = "acme";
    t.name = "  spaced  ";
    t.custom_attributes = {{"n", std::int64_t{-7}},
                           {"f", 2.0},
                           {"g", 1e300},
                           {"s", std::string("0.5")},
                           {"b", false},
                           {"l", std::vector<std::string>{"x, y", "1"}},
                           {"empty", std::string()},
                           {"true", std::string("#")}};
    t.session_settings = model::SessionSettings{};
    t.session_settings->jit_disabled = true;
    live.tenants = {t};
    live.roles = {{"null", "multi\nline\ttab", "acme", {"123", "a: b"}}};
    auto exported = export_config(live, {"eu-west", kProjectId, {}});
    ASSERT_TRUE(exported) << exported.error().message;
    EXPECT_NE(exported->files[0].content.find("${DESCOPE_EU_WEST_MANAGEMENT_KEY}"),
              std::string::npos);
    TempDir tmp;
    expect_no_changes(write_and_load(*exported, tmp.path()), live, "eu-west",
                      exported->files[0].content);
}

TEST(ConfigExport, SettingsTheConfigCannotExpressAreLeftOutWithANote) {
    model::LiveState live;
    model::Tenant t;
    t.id = "acme";
    t.name = "Acme";
    t.session_settings = model::SessionSettings{};
    t.session_settings->refresh_token_expiration = model::Duration{0, model::TimeUnit::days};
    live.tenants = {t};
    auto exported = export_config(live, {"prod", kProjectId, {}});
    ASSERT_TRUE(exported);
    ASSERT_EQ(exported->notes.size(), 1u);
    EXPECT_NE(exported->notes[0].find("tenant 'acme': refresh_token_expiration"),
              std::string::npos);
    EXPECT_EQ(exported->files[0].content.find("session_settings"), std::string::npos);
}

// ---- property: any config-expressible project exports to a config with an empty plan --------

rc::Gen<std::string> gen_name() {
    return rc::gen::oneOf(
        rc::gen::element<std::string>("true", "123", "no", "null", "a: b", "#x", "${HOME}", "$${x}",
                                      "-", "é ü", "x\ny", " pad ", "[a]", "'q'"),
        rc::gen::nonEmpty(rc::gen::container<std::string>(
            rc::gen::element('a', 'b', 'Z', '1', ' ', ':', '#', '-', '"', '\'', '$', '{', '}', ',',
                             '.', '\\', '\t'))));
}

rc::Gen<std::string> gen_id() {
    return rc::gen::nonEmpty(
        rc::gen::container<std::string>(rc::gen::element('a', 'b', 'c', '1', '-', '_', '.')));
}

rc::Gen<std::string> gen_domain() {
    return rc::gen::map(
        rc::gen::nonEmpty(rc::gen::container<std::string>(rc::gen::element('a', 'b', '9'))),
        [](const std::string& s) { return s + ".example.com"; });
}

/// Any project the config format can express (generated inside a property).
model::LiveState gen_project() {
    model::LiveState live;
    live.environment = "prod";
    live.project_name = *gen_name();
    const auto perm_names =
        *rc::gen::scale(0.2, rc::gen::unique<std::vector<std::string>>(gen_name()));
    for (const auto& n : perm_names)
        live.permissions.push_back({n, *gen_name()});
    const auto tenant_ids =
        *rc::gen::scale(0.2, rc::gen::unique<std::vector<std::string>>(gen_id()));
    std::set<std::string> tenant_names;
    for (std::size_t i = 0; i < tenant_ids.size(); ++i) {
        model::Tenant t;
        t.id = tenant_ids[i];
        t.name = *gen_name() + " #" + std::to_string(i);  // unique per project
        t.self_provisioning_domains =
            *rc::gen::scale(0.1, rc::gen::unique<std::vector<std::string>>(gen_domain()));
        for (const auto& k :
             *rc::gen::scale(0.1, rc::gen::container<std::vector<std::string>>(gen_id())))
            t.custom_attributes[k] = *testing::gen_attribute();
        t.enforce_sso = *rc::gen::arbitrary<bool>();
        t.disabled = *rc::gen::arbitrary<bool>();
        if (i > 0 && *rc::gen::arbitrary<bool>()) t.parent = tenant_ids[i - 1];
        model::SessionSettings s;
        if (*rc::gen::arbitrary<bool>())
            s.refresh_token_expiration =
                model::Duration{*rc::gen::inRange<std::int64_t>(1, 1000), model::TimeUnit::weeks};
        // Live values respect Descope's floors (inactivity at least 10 minutes, R3).
        if (*rc::gen::arbitrary<bool>())
            s.inactivity_timeout = model::Duration{*rc::gen::inRange<std::int64_t>(10, 1000),
                                                   model::TimeUnit::minutes};
        s.jit_disabled = *rc::gen::arbitrary<bool>();
        t.session_settings = s;
        live.tenants.push_back(std::move(t));
    }
    const auto role_names =
        *rc::gen::scale(0.2, rc::gen::unique<std::vector<std::string>>(gen_name()));
    for (const auto& n : role_names) {
        model::Role r;
        r.name = n;
        r.description = *gen_name();
        if (!tenant_ids.empty() && *rc::gen::arbitrary<bool>())
            r.tenant_id = *rc::gen::elementOf(tenant_ids);
        for (const auto& p : perm_names)
            if (*rc::gen::arbitrary<bool>()) r.permissions.push_back(p);
        live.roles.push_back(std::move(r));
    }
    for (auto& t : live.tenants)
        for (const auto& r : live.roles)
            if ((r.tenant_id.empty() || r.tenant_id == t.id) && *rc::gen::arbitrary<bool>())
                t.default_roles.push_back(r.name);
    return live;
}

RC_GTEST_PROP(ConfigExport, AnyProjectExportsToAConfigWithNoChanges, ()) {
    const model::LiveState live = gen_project();
    // Custom attribute strings: the loader's strings are any text but never an empty list item.
    auto exported = export_config(live, {"prod", kProjectId, {}});
    RC_ASSERT(exported.has_value());
    TempDir tmp;
    const auto loaded = write_and_load(*exported, tmp.path());
    if (!loaded.config) RC_FAIL(diagnostics_text(loaded) + exported->files[0].content);
    const auto desired = config::desired_state(*loaded.config, "prod");
    auto p = plan::diff(desired, live, {});
    if (!p) RC_FAIL(p.error().text());
    for (const auto& c : p->changes)
        if (c.action != plan::Action::no_op)
            RC_FAIL(c.address() + " changes\n" + exported->files[0].content);
}

/// `base` as another environment has it: some tenants missing (and their roles), others
/// renamed, with other domains, flags or settings; permissions and roles described otherwise,
/// roles with other permissions or flags; a flow that differs; a tenant of its own.
model::LiveState gen_variant(model::LiveState s, const std::string& env) {
    s.environment = env;
    std::set<std::string> parents;
    for (const auto& t : s.tenants)
        if (!t.parent.empty()) parents.insert(t.parent);
    std::vector<model::Tenant> tenants;
    std::set<std::string> dropped;
    for (auto& t : s.tenants) {
        if (!parents.count(t.id) && *rc::gen::inRange(0, 5) == 0) {
            dropped.insert(t.id);
            continue;
        }
        if (*rc::gen::inRange(0, 3) == 0) t.name += " @" + env;  // still unique
        if (*rc::gen::inRange(0, 3) == 0) t.self_provisioning_domains = {env + ".example.com"};
        if (*rc::gen::inRange(0, 3) == 0) t.disabled = !t.disabled;
        if (*rc::gen::inRange(0, 3) == 0) t.custom_attributes.clear();
        if (*rc::gen::inRange(0, 3) == 0) t.session_settings = model::SessionSettings{};
        if (*rc::gen::inRange(0, 4) == 0) t.default_roles.clear();
        tenants.push_back(std::move(t));
    }
    if (*rc::gen::arbitrary<bool>()) {
        model::Tenant own;
        own.id = "only-" + env;
        own.name = "Only in " + env;
        own.session_settings = model::SessionSettings{};
        tenants.push_back(own);
    }
    s.tenants = std::move(tenants);
    std::vector<model::Role> roles;
    for (auto& r : s.roles) {
        if (dropped.count(r.tenant_id)) continue;
        if (*rc::gen::inRange(0, 6) == 0) {  // not (yet) in this environment, nor its uses
            for (auto& t : s.tenants)
                if (r.tenant_id.empty() || r.tenant_id == t.id)
                    t.default_roles.erase(
                        std::remove(t.default_roles.begin(), t.default_roles.end(), r.name),
                        t.default_roles.end());
            continue;
        }
        if (*rc::gen::inRange(0, 3) == 0) r.description = "in " + env;
        if (*rc::gen::inRange(0, 3) == 0) r.permissions.clear();
        if (*rc::gen::inRange(0, 4) == 0) r.is_default = !r.is_default.value_or(false);
        roles.push_back(std::move(r));
    }
    s.roles = std::move(roles);
    for (auto& p : s.permissions)
        if (*rc::gen::inRange(0, 3) == 0) p.description = "";
    if (*rc::gen::arbitrary<bool>())
        s.flows["sign-in"] = {"sign-in",
                              R"({"flow": {"id": "sign-in", "name": ")" + env + R"("}})"};
    return s;
}

/// One ExportedEnvironment per live state (named after it), pointing into `lives`.
std::vector<ExportedEnvironment> exported_environments(const std::vector<model::LiveState>& lives) {
    std::vector<ExportedEnvironment> envs;
    for (const auto& l : lives) {
        ExportedEnvironment e;
        e.name = l.environment;
        e.project_id = kProjectId;
        e.live = &l;
        envs.push_back(e);
    }
    return envs;
}

/// Exports `lives` as one config, loads it and plans each environment: "" when there is no
/// note and every plan is empty, else the notes and what went wrong.
std::string round_trip_problems(const std::vector<model::LiveState>& lives) {
    auto exported = export_config(exported_environments(lives), {});
    if (!exported) return "export: " + exported.error().message;
    std::string out;
    for (const auto& note : exported->notes)
        out += "note: " + note + "\n";
    TempDir tmp;
    const auto loaded = write_and_load(*exported, tmp.path());
    if (!loaded.config) return "load: " + diagnostics_text(loaded) + exported->files[0].content;
    for (const auto& l : lives) {
        auto p = plan::diff(config::desired_state(*loaded.config, l.environment), l, {});
        if (!p) {
            out += l.environment + ": " + p.error().text() + "\n";
            continue;
        }
        for (const auto& c : p->changes)
            if (c.action != plan::Action::no_op)
                out += l.environment + ": " + c.address() + " changes\n";
    }
    return out.empty() ? out : out + exported->files[0].content;
}

RC_GTEST_PROP(ConfigExport, AnyEnvironmentsExportToOneConfigWithNoChangesInAny, ()) {
    const model::LiveState base = gen_project();
    const std::vector<std::string> all = {"test", "dev", "staging", "prod"};
    const std::size_t count = *rc::gen::inRange<std::size_t>(2, all.size() + 1);
    std::vector<model::LiveState> live;
    for (std::size_t i = 0; i < count; ++i)
        live.push_back(gen_variant(base, all[i]));
    if (const auto problems = round_trip_problems(live); !problems.empty()) RC_FAIL(problems);
}

TEST(ConfigExport, WhatIsTheSameEverywhereIsWrittenOnceAndTheRestAsOverrides) {
    model::LiveState dev;
    dev.environment = "dev";
    model::Tenant acme;
    acme.id = "acme";
    acme.name = "Acme";
    acme.self_provisioning_domains = {"acme.com"};
    acme.session_settings = model::SessionSettings{};
    dev.tenants = {acme};
    model::LiveState staging = dev;
    staging.environment = "staging";
    model::LiveState prod = dev;
    prod.environment = "prod";
    prod.tenants[0].name = "Acme Corporation";
    prod.tenants[0].self_provisioning_domains = {};
    model::Tenant globex;
    globex.id = "globex";
    globex.name = "Globex";
    globex.session_settings = model::SessionSettings{};
    prod.tenants.push_back(globex);
    const std::vector<model::LiveState> lives = {dev, staging, prod};
    auto envs = exported_environments(lives);
    envs[2].is_protected = true;
    envs[2].management_key_variable = "PROD_KEY";
    auto exported = export_config(envs, {});
    ASSERT_TRUE(exported) << exported.error().message;
    const std::string& yaml = exported->files[0].content;
    EXPECT_NE(yaml.find("  prod:\n    project_id: " + kProjectId +
                        "\n    management_key: ${PROD_KEY}\n    protected: true\n"),
              std::string::npos)
        << yaml;
    EXPECT_NE(yaml.find("  - id: acme\n    name: Acme\n    self_provisioning_domains: [acme.com]\n"
                        "    overrides:\n      prod:\n        name: Acme Corporation\n"
                        "        self_provisioning_domains: []\n"),
              std::string::npos)
        << yaml;
    EXPECT_NE(yaml.find("  - id: globex\n    name: Globex\n    environments: [prod]\n"),
              std::string::npos)
        << yaml;
    EXPECT_TRUE(exported->notes.empty());
}

TEST(ConfigExport, AParentThatDiffersIsANoteBecauseNoOverrideCanSetIt) {
    model::LiveState dev;
    dev.environment = "dev";
    for (const char* id : {"a", "b", "child"}) {
        model::Tenant t;
        t.id = id;
        t.name = id;
        dev.tenants.push_back(t);
    }
    model::LiveState prod = dev;
    prod.environment = "prod";
    dev.tenants[2].parent = "a";
    prod.tenants[2].parent = "b";
    const std::vector<model::LiveState> lives = {dev, prod};
    auto exported = export_config(exported_environments(lives), {});
    ASSERT_TRUE(exported);
    ASSERT_EQ(exported->notes.size(), 1u);
    EXPECT_NE(exported->notes[0].find("tenant 'child': its parent is b in prod, but the "
                                      "config's is a"),
              std::string::npos)
        << exported->notes[0];
}

// ---- found by review: configs that did not load ------------------------------------------------

model::Tenant plain_tenant(const std::string& id) {
    model::Tenant t;
    t.id = id;
    t.name = "Tenant " + id;
    t.session_settings = model::SessionSettings{};
    return t;
}

model::LiveState named_environment(const std::string& name) {
    model::LiveState s;
    s.environment = name;
    return s;
}

TEST(ConfigExport, ADefaultRoleOnlyInSomeEnvironmentsLoadsAndPlansNoChanges) {
    for (const std::string scope : {"", "acme"}) {
        auto dev = named_environment("dev");
        model::Role r;
        r.name = "viewer";
        r.tenant_id = scope;
        dev.roles = {r};
        dev.tenants = {plain_tenant("acme")};
        dev.tenants[0].default_roles = {"viewer"};
        auto prod = named_environment("prod");
        prod.tenants = {plain_tenant("acme")};
        EXPECT_EQ(round_trip_problems({dev, prod}), "") << "scope '" << scope << "'";
    }
}

TEST(ConfigExport, AParentNotEverywhereTheTenantIsStillLoadsWithANote) {
    auto dev = named_environment("dev");
    dev.tenants = {plain_tenant("parent"), plain_tenant("child")};
    dev.tenants[1].parent = "parent";
    auto prod = named_environment("prod");
    prod.tenants = {plain_tenant("child")};
    const auto problems = round_trip_problems({dev, prod});
    EXPECT_EQ(problems.find("load: "), std::string::npos) << problems;
    // dev keeps its parent only by a replace, which the note says and the header repeats.
    EXPECT_NE(problems.find("dev: tenant child"), std::string::npos) << problems;
    const std::vector<model::LiveState> lives = {dev, prod};
    auto exported = export_config(exported_environments(lives), {});
    ASSERT_TRUE(exported);
    ASSERT_EQ(exported->notes.size(), 1u);
    EXPECT_NE(exported->notes[0].find("replaces the tenant there (deletes and re-creates it)"),
              std::string::npos)
        << exported->notes[0];
    EXPECT_NE(exported->files[0].content.find("# Except what the config cannot express"),
              std::string::npos);
}

}  // namespace
}  // namespace descope_mgmt::backup
