#pragma once
// Builders shared by the backup tests: a small realistic live state, a large one (for the
// interrupted-write test), rapidcheck generators of arbitrary live states, and the expected
// normal form of a state after a backup round trip (computed independently of the writer).

#include <rapidcheck.h>

#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "backup/backup.hpp"
#include "model/state.hpp"
#include "plan/json_canonical.hpp"
#include "support/files.hpp"
#include "unit/json/flow_generator.hpp"

namespace descope_mgmt::backup::testing {

using namespace std::chrono_literals;

inline const std::string kFlowDoc =
    R"({"flow":{"id":"sign-in","name":"Sign In","version":3,"modifiedTime":"1700000000",)"
    R"("dsl":{"start":{"next":"t1"}}},"screens":[{"id":"SC2","flowId":"sign-in"},)"
    R"({"id":"SC1","flowId":"sign-in"}]})";
inline const std::string kThemeDoc =
    R"({"theme":{"id":"","version":7,"cssTemplate":{"light":{"primary":"#006af5"}}}})";

inline BackupMetadata sample_metadata() {
    BackupMetadata m;
    m.tool_version = "0.1.0";
    m.environment = "prod";
    m.project_id = "P2prod";
    m.created_at = Timestamp{std::chrono::sys_days{std::chrono::year{2024} / 5 / 1}} + 12h + 34min +
                   56s + 789ms;
    return m;
}

/// A state with one of everything, deliberately out of order.
inline model::LiveState sample_state() {
    model::LiveState s;
    s.environment = "prod";
    s.project_name = "Acme (prod)";
    s.permissions = {{"projects.write", "Write projects"}, {"projects.read", "Read projects"}};
    s.roles = {{"viewer", "Read only", "", {"projects.read"}},
               {"admin", "Full access", "", {"projects.write", "projects.read"}},
               {"auditor", "", "acme", {"projects.read"}}};
    model::Tenant acme;
    acme.id = "acme";
    acme.name = "Acme Corp";
    acme.self_provisioning_domains = {"acme.io", "acme.com"};
    acme.custom_attributes = {{"plan", std::string("enterprise")},
                              {"seats", std::int64_t{50}},
                              {"ratio", 0.25},
                              {"beta", true},
                              {"regions", std::vector<std::string>{"eu", "us"}}};
    acme.parent = "holding";
    acme.default_roles = {"viewer"};
    model::SessionSettings settings;
    settings.refresh_token_expiration = model::Duration{4, model::TimeUnit::weeks};
    settings.session_token_expiration = model::Duration{10, model::TimeUnit::minutes};
    settings.inactivity_timeout = model::Duration{30, model::TimeUnit::minutes};
    acme.session_settings = settings;
    model::Tenant holding;
    holding.id = "holding";
    holding.name = "Holding";
    model::Tenant signup;  // created at runtime by self-service sign-up, not declared anywhere
    signup.id = "T2xyz";
    signup.name = "Someone's company";
    signup.disabled = true;
    s.tenants = {holding, acme, signup};
    s.flow_summaries = {{"sign-in", "Sign In", "", false}, {"sign-up", "Sign Up", "new", true}};
    s.flows["sign-in"] = {"sign-in", kFlowDoc};
    s.flows["sign-up"] = {"sign-up", R"({"flow":{"id":"sign-up","dsl":{}},"screens":[]})"};
    s.theme = model::Theme{kThemeDoc};
    return s;
}

/// A state whose backup is several megabytes: `tenants` tenants and `flows` generated flows.
inline model::LiveState large_state(int tenants, int flows) {
    model::LiveState s = sample_state();
    for (int i = 0; i < tenants; ++i) {
        model::Tenant t;
        t.id = "T" + std::to_string(100000 + i);
        t.name = "Tenant number " + std::to_string(i);
        t.self_provisioning_domains = {"t" + std::to_string(i) + ".example.com"};
        t.custom_attributes = {{"index", std::int64_t{i}}};
        s.tenants.push_back(std::move(t));
    }
    for (int i = 0; i < flows; ++i) {
        const std::string id = "generated-" + std::to_string(i);
        descope_mgmt::testing::FlowShape shape;
        shape.tasks = 200;
        shape.screens = 20;
        shape.seed = static_cast<std::uint64_t>(i + 1);
        s.flow_summaries.push_back({id, id, "", false});
        s.flows[id] = {id, descope_mgmt::testing::generate_flow(shape, id).dump()};
    }
    return s;
}

/// What a state looks like after write + read: lists in the documented order, set-like lists
/// sorted, documents in canonical compact form, the environment taken from the metadata.
inline model::LiveState expected_after_round_trip(model::LiveState s,
                                                  const std::string& environment) {
    s.environment = environment;
    auto by = [](auto key) {
        return [key](const auto& a, const auto& b) { return key(a) < key(b); };
    };
    std::sort(s.permissions.begin(), s.permissions.end(),
              by([](const model::Permission& p) { return p.name; }));
    for (auto& r : s.roles)
        std::sort(r.permissions.begin(), r.permissions.end());
    std::sort(s.roles.begin(), s.roles.end(),
              by([](const model::Role& r) { return std::make_pair(r.tenant_id, r.name); }));
    for (auto& t : s.tenants) {
        std::sort(t.self_provisioning_domains.begin(), t.self_provisioning_domains.end());
        std::sort(t.default_roles.begin(), t.default_roles.end());
    }
    std::sort(s.tenants.begin(), s.tenants.end(), by([](const model::Tenant& t) { return t.id; }));
    std::sort(s.flow_summaries.begin(), s.flow_summaries.end(),
              by([](const model::FlowSummary& f) { return f.id; }));
    for (auto& [id, flow] : s.flows) {
        flow.id = id;
        flow.document = *plan::canonical_compact_json(flow.document, plan::JsonDocumentKind::flow);
    }
    if (s.theme)
        s.theme->document =
            *plan::canonical_compact_json(s.theme->document, plan::JsonDocumentKind::theme);
    return s;
}

using test::TempDir;

// ---- rapidcheck generators -------------------------------------------------------------------

/// Short printable UTF-8 strings, including quotes, backslashes and non-ASCII characters.
inline rc::Gen<std::string> gen_text() {
    return rc::gen::container<std::string>(rc::gen::element<char>(
        'a', 'z', 'A', '0', '9', ' ', '-', '.', '_', '"', '\\', '/', '\n', '\t'));
}

inline rc::Gen<std::string> gen_unicode_text() {
    return rc::gen::map(
        rc::gen::pair(gen_text(), rc::gen::element<std::string>("", "é", "日本", "😀", "\xC2\xA0")),
        [](const std::pair<std::string, std::string>& p) { return p.first + p.second; });
}

/// Call inside a property: an unset duration or a random (amount, unit).
inline std::optional<model::Duration> gen_duration() {
    if (!*rc::gen::arbitrary<bool>()) return std::nullopt;
    return model::Duration{*rc::gen::inRange<std::int64_t>(0, 100000),
                           *rc::gen::element(model::TimeUnit::minutes, model::TimeUnit::hours,
                                             model::TimeUnit::days, model::TimeUnit::weeks)};
}

inline rc::Gen<model::AttributeValue> gen_attribute() {
    return rc::gen::oneOf(
        rc::gen::cast<model::AttributeValue>(gen_unicode_text()),
        rc::gen::cast<model::AttributeValue>(rc::gen::arbitrary<std::int64_t>()),
        rc::gen::map(rc::gen::arbitrary<double>(),
                     [](double d) { return model::AttributeValue(std::isfinite(d) ? d : 0.5); }),
        rc::gen::cast<model::AttributeValue>(rc::gen::arbitrary<bool>()),
        rc::gen::cast<model::AttributeValue>(
            rc::gen::container<std::vector<std::string>>(gen_text())));
}

/// A random JSON value (for flow graphs): objects, arrays, strings, integers, floats, bools.
inline nlohmann::json gen_json_value(int depth) {
    const int kind = *rc::gen::inRange(0, depth > 0 ? 8 : 6);
    switch (kind) {
        case 0:
            return nullptr;
        case 1:
            return *rc::gen::arbitrary<bool>();
        case 2:
            return *rc::gen::arbitrary<std::int64_t>();
        case 3: {
            const double d = *rc::gen::arbitrary<double>();
            return std::isfinite(d) ? d : 1.5;
        }
        case 4:
        case 5:
            return *gen_unicode_text();
        case 6: {
            auto a = nlohmann::json::array();
            const int n = *rc::gen::inRange(0, 4);
            for (int i = 0; i < n; ++i)
                a.push_back(gen_json_value(depth - 1));
            return a;
        }
        default: {
            auto o = nlohmann::json::object();
            const int n = *rc::gen::inRange(0, 4);
            for (int i = 0; i < n; ++i)
                o[*gen_text()] = gen_json_value(depth - 1);
            return o;
        }
    }
}

/// A list of short strings (inner, set-like lists), kept small so properties run fast.
inline std::vector<std::string> gen_small_list() {
    return *rc::gen::scale(0.1, rc::gen::container<std::vector<std::string>>(gen_text()));
}

/// Unique keys of one resource type (tenant ids, names...).
template <class T>
std::vector<T> gen_keys(const rc::Gen<T>& gen) {
    return *rc::gen::scale(0.25, rc::gen::unique<std::vector<T>>(gen));
}

/// A random live state whose keys are unique and whose flows all have documents.
inline model::LiveState gen_live_state() {
    model::LiveState s;
    s.environment = *gen_text();
    s.project_name = *gen_unicode_text();
    const auto names = gen_keys(gen_text());
    for (const auto& n : names)
        s.permissions.push_back({n, *gen_unicode_text()});
    const auto tenant_ids = gen_keys(gen_text());
    for (const auto& id : tenant_ids) {
        model::Tenant t;
        t.id = id;
        t.name = *gen_unicode_text();
        t.self_provisioning_domains = gen_small_list();
        const auto attr_keys = gen_small_list();
        for (const auto& k : attr_keys)
            t.custom_attributes[k] = *gen_attribute();
        t.enforce_sso = *rc::gen::arbitrary<bool>();
        t.disabled = *rc::gen::arbitrary<bool>();
        t.parent = *gen_text();
        t.default_roles = gen_small_list();
        if (*rc::gen::arbitrary<bool>()) {
            model::SessionSettings ss;
            ss.refresh_token_expiration = gen_duration();
            ss.session_token_expiration = gen_duration();
            ss.stepup_token_expiration = gen_duration();
            ss.inactivity_timeout = gen_duration();
            ss.jit_disabled = *rc::gen::arbitrary<bool>();
            t.session_settings = ss;
        }
        s.tenants.push_back(std::move(t));
    }
    const auto role_keys =
        gen_keys(rc::gen::pair(rc::gen::element<std::string>("", "acme", "b"), gen_text()));
    for (const auto& [tenant, name] : role_keys)
        s.roles.push_back({name, *gen_unicode_text(), tenant, gen_small_list()});
    const auto flow_ids = gen_keys(gen_text());
    for (const auto& id : flow_ids) {
        s.flow_summaries.push_back(
            {id, *gen_unicode_text(), *gen_unicode_text(), *rc::gen::arbitrary<bool>()});
        nlohmann::json doc = {{"flow", {{"id", id}, {"dsl", gen_json_value(3)}}},
                              {"screens", nlohmann::json::array()}};
        s.flows[id] = {id, doc.dump()};
    }
    if (*rc::gen::arbitrary<bool>())
        s.theme = model::Theme{nlohmann::json{{"theme", gen_json_value(2)}}.dump()};
    return s;
}

}  // namespace descope_mgmt::backup::testing
