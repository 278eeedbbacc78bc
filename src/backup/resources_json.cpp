#include "backup/resources_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "plan/json_canonical.hpp"

namespace descope_mgmt::backup {

using nlohmann::json;

namespace {

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

// Documents are stored canonical (plan/json_canonical.hpp): without the server's bookkeeping
// (version, modifiedTime, etag), which changes on every export and would make every backup
// differ from the last one.
std::optional<json> parse_document(const std::string& text, plan::JsonDocumentKind kind) {
    auto doc = plan::canonical_json(text, kind);
    if (!doc) return std::nullopt;
    return std::move(*doc);
}

// Durations keep Descope's (amount, unit) exactly: "4w" and "28d" are different values.
std::string duration_text(const model::Duration& d) {
    return std::to_string(d.amount) + model::wire_name(d.unit).front();
}

std::optional<model::Duration> parse_duration_text(const std::string& text) {
    if (text.size() < 2) return std::nullopt;
    const auto unit_letter = text.back();
    std::optional<model::TimeUnit> unit;
    for (auto u : {model::TimeUnit::seconds, model::TimeUnit::minutes, model::TimeUnit::hours,
                   model::TimeUnit::days, model::TimeUnit::weeks})
        if (model::wire_name(u).front() == unit_letter) unit = u;
    if (!unit) return std::nullopt;
    std::int64_t amount = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size() - 1;
    if (first != last && *first == '+') return std::nullopt;
    const auto [end, ec] = std::from_chars(first, last, amount);
    if (ec != std::errc() || end != last) return std::nullopt;
    return model::Duration{amount, *unit};
}

json duration_json(const std::optional<model::Duration>& d) {
    return d ? json(duration_text(*d)) : json(nullptr);
}

util::Result<json> attribute_json(const std::string& tenant, const std::string& key,
                                  const model::AttributeValue& value) {
    if (const auto* d = std::get_if<double>(&value); d != nullptr && !std::isfinite(*d))
        return util::error(
            fmt::format("tenant '{}': custom attribute '{}' is not a finite number", tenant, key));
    return std::visit([](const auto& v) { return json(v); }, value);
}

util::Result<json> tenant_json(const model::Tenant& t) {
    json attributes = json::object();
    for (const auto& [key, value] : t.custom_attributes) {
        auto v = attribute_json(t.id, key, value);
        if (!v) return util::unexpected(v.error());
        attributes[key] = std::move(*v);
    }
    json settings = nullptr;
    if (t.session_settings) {
        const auto& s = *t.session_settings;
        settings = {{"refresh_token_expiration", duration_json(s.refresh_token_expiration)},
                    {"session_token_expiration", duration_json(s.session_token_expiration)},
                    {"stepup_token_expiration", duration_json(s.stepup_token_expiration)},
                    {"inactivity_timeout", duration_json(s.inactivity_timeout)},
                    {"jit_disabled", s.jit_disabled}};
    }
    return json{{"id", t.id},
                {"name", t.name},
                {"self_provisioning_domains", sorted(t.self_provisioning_domains)},
                {"custom_attributes", std::move(attributes)},
                {"enforce_sso", t.enforce_sso},
                {"disabled", t.disabled},
                {"parent", t.parent},
                {"default_roles", sorted(t.default_roles)},
                {"session_settings", std::move(settings)}};
}

/// Fails when two items share a key; `describe` names the item in the message.
template <class T, class KeyFn, class DescribeFn>
util::Result<std::vector<const T*>> sorted_unique(const std::vector<T>& items, KeyFn key,
                                                  DescribeFn describe) {
    std::vector<const T*> out;
    out.reserve(items.size());
    for (const auto& item : items)
        out.push_back(&item);
    std::sort(out.begin(), out.end(), [&](const T* a, const T* b) { return key(*a) < key(*b); });
    for (std::size_t i = 1; i < out.size(); ++i)
        if (key(*out[i - 1]) == key(*out[i]))
            return util::error(fmt::format("duplicate {} in the live state", describe(*out[i])));
    return out;
}

std::optional<model::Duration> read_duration(StrictReader& r, std::string_view key) {
    const auto* v = r.any(key);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_string()) {
        r.fail(key, "expected a duration such as \"4w\" or null, got " + json_kind(*v));
        return std::nullopt;
    }
    auto d = parse_duration_text(v->get<std::string>());
    if (!d)
        r.fail(key,
               fmt::format("'{}' is not a duration (<integer><s|m|h|d|w>)", v->get<std::string>()));
    return d;
}

std::optional<model::AttributeValue> read_attribute(const json& v, const std::string& path,
                                                    Problems& problems) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_number_unsigned() &&
        v.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
        problems.error(path + ": integer out of range");
        return std::nullopt;
    }
    if (v.is_number_integer()) return v.get<std::int64_t>();
    if (v.is_number_float()) return v.get<double>();
    if (v.is_array() &&
        std::all_of(v.begin(), v.end(), [](const json& i) { return i.is_string(); }))
        return v.get<std::vector<std::string>>();
    problems.error(path + ": expected a string, number, boolean or array of strings, got " +
                   json_kind(v));
    return std::nullopt;
}

std::optional<model::SessionSettings> read_settings(const json& v, const std::string& path,
                                                    Problems& problems) {
    StrictReader r(v, path, problems,
                   {"refresh_token_expiration", "session_token_expiration",
                    "stepup_token_expiration", "inactivity_timeout", "jit_disabled"});
    model::SessionSettings s;
    s.refresh_token_expiration = read_duration(r, "refresh_token_expiration");
    s.session_token_expiration = read_duration(r, "session_token_expiration");
    s.stepup_token_expiration = read_duration(r, "stepup_token_expiration");
    s.inactivity_timeout = read_duration(r, "inactivity_timeout");
    s.jit_disabled = r.boolean("jit_disabled").value_or(false);
    return s;
}

model::Tenant read_tenant(const json& v, const std::string& path, Problems& problems) {
    StrictReader r(v, path, problems,
                   {"id", "name", "self_provisioning_domains", "custom_attributes", "enforce_sso",
                    "disabled", "parent", "default_roles", "session_settings"});
    model::Tenant t;
    t.id = r.string("id").value_or("");
    t.name = r.string("name").value_or("");
    t.self_provisioning_domains =
        r.strings("self_provisioning_domains").value_or(std::vector<std::string>{});
    if (const auto* attrs = r.any("custom_attributes")) {
        if (!attrs->is_object()) {
            r.fail("custom_attributes", "expected an object, got " + json_kind(*attrs));
        } else {
            for (const auto& item : attrs->items()) {
                auto value = read_attribute(
                    item.value(), r.child_path("custom_attributes") + "." + item.key(), problems);
                if (value) t.custom_attributes.emplace(item.key(), std::move(*value));
            }
        }
    }
    t.enforce_sso = r.boolean("enforce_sso").value_or(false);
    t.disabled = r.boolean("disabled").value_or(false);
    t.parent = r.string("parent").value_or("");
    t.default_roles = r.strings("default_roles").value_or(std::vector<std::string>{});
    if (const auto* s = r.object_or_null("session_settings"))
        t.session_settings = read_settings(*s, r.child_path("session_settings"), problems);
    return t;
}

/// Calls `read(item, item_path)` for each element of the array `key` of `r`.
template <class Fn>
void for_each_item(StrictReader& r, std::string_view key, Fn read) {
    const auto* items = r.array(key);
    if (items == nullptr) return;
    for (std::size_t i = 0; i < items->size(); ++i)
        read((*items)[i], fmt::format("{}[{}]", r.child_path(key), i));
}

/// Records a problem for every key seen twice (a restore from such a file would be ambiguous).
class DuplicateCheck {
  public:
    DuplicateCheck(Problems& problems, std::string what)
        : m_problems(problems), m_what(std::move(what)) {}
    void see(const std::string& key, const std::string& path, const std::string& shown) {
        if (!m_seen.insert(key).second)
            m_problems.error(fmt::format("{}: duplicate {} {}", path, m_what, shown));
    }

  private:
    Problems& m_problems;
    std::string m_what;
    std::set<std::string> m_seen;
};

}  // namespace

util::Result<json> resources_to_json(const model::LiveState& state) {
    json out = json::object();
    out["project_name"] = state.project_name;

    auto permissions = sorted_unique(
        state.permissions, [](const model::Permission& p) { return p.name; },
        [](const model::Permission& p) { return fmt::format("permission '{}'", p.name); });
    if (!permissions) return util::unexpected(permissions.error());
    out["permissions"] = json::array();
    for (const auto* p : *permissions)
        out["permissions"].push_back({{"name", p->name}, {"description", p->description}});

    auto roles = sorted_unique(
        state.roles, [](const model::Role& r) { return std::tie(r.tenant_id, r.name); },
        [](const model::Role& r) {
            return r.tenant_id.empty()
                       ? fmt::format("role '{}'", r.name)
                       : fmt::format("role '{}' of tenant '{}'", r.name, r.tenant_id);
        });
    if (!roles) return util::unexpected(roles.error());
    out["roles"] = json::array();
    for (const auto* r : *roles)
        out["roles"].push_back({{"name", r->name},
                                {"tenant", r->tenant_id},
                                {"description", r->description},
                                {"permissions", sorted(r->permissions)}});

    auto tenants = sorted_unique(
        state.tenants, [](const model::Tenant& t) { return t.id; },
        [](const model::Tenant& t) { return fmt::format("tenant '{}'", t.id); });
    if (!tenants) return util::unexpected(tenants.error());
    out["tenants"] = json::array();
    for (const auto* t : *tenants) {
        auto tj = tenant_json(*t);
        if (!tj) return util::unexpected(tj.error());
        out["tenants"].push_back(std::move(*tj));
    }

    // Every flow, listed or exported, appears once; a backup needs each one's document.
    std::map<std::string, const model::FlowSummary*> summaries;
    for (const auto& s : state.flow_summaries) {
        if (!summaries.emplace(s.id, &s).second)
            return util::error(fmt::format("duplicate flow '{}' in the live state", s.id));
    }
    std::set<std::string> ids;
    for (const auto& [id, summary] : summaries)
        ids.insert(id);
    for (const auto& [id, flow] : state.flows)
        ids.insert(id);
    out["flows"] = json::array();
    for (const auto& id : ids) {
        const auto doc_it = state.flows.find(id);
        if (doc_it == state.flows.end())
            return util::error(fmt::format("flow '{}' has no exported document", id));
        auto doc = parse_document(doc_it->second.document, plan::JsonDocumentKind::flow);
        if (!doc) return util::error(fmt::format("flow '{}': document is not valid JSON", id));
        const auto s_it = summaries.find(id);
        const model::FlowSummary summary =
            s_it != summaries.end() ? *s_it->second : model::FlowSummary{id, "", "", false};
        out["flows"].push_back({{"id", id},
                                {"name", summary.name},
                                {"description", summary.description},
                                {"disabled", summary.disabled},
                                {"document", std::move(*doc)}});
    }

    out["theme"] = nullptr;
    if (state.theme) {
        auto doc = parse_document(state.theme->document, plan::JsonDocumentKind::theme);
        if (!doc) return util::error("theme: document is not valid JSON");
        out["theme"] = {{"document", std::move(*doc)}};
    }
    return out;
}

model::LiveState resources_from_json(const json& resources, const std::string& path,
                                     Problems& problems) {
    StrictReader r(resources, path, problems,
                   {"project_name", "permissions", "roles", "tenants", "flows", "theme"});
    model::LiveState state;
    state.project_name = r.string("project_name").value_or("");

    DuplicateCheck permission_names(problems, "permission");
    for_each_item(r, "permissions", [&](const json& v, const std::string& p) {
        StrictReader item(v, p, problems, {"name", "description"});
        model::Permission perm{item.string("name").value_or(""),
                               item.string("description").value_or("")};
        permission_names.see(perm.name, p, "'" + perm.name + "'");
        state.permissions.push_back(std::move(perm));
    });

    DuplicateCheck role_keys(problems, "role");
    for_each_item(r, "roles", [&](const json& v, const std::string& p) {
        StrictReader item(v, p, problems, {"name", "tenant", "description", "permissions"});
        model::Role role;
        role.name = item.string("name").value_or("");
        role.tenant_id = item.string("tenant").value_or("");
        role.description = item.string("description").value_or("");
        role.permissions = item.strings("permissions").value_or(std::vector<std::string>{});
        role_keys.see(role.tenant_id + '\n' + role.name, p,
                      fmt::format("'{}' (tenant '{}')", role.name, role.tenant_id));
        state.roles.push_back(std::move(role));
    });

    DuplicateCheck tenant_ids(problems, "tenant");
    for_each_item(r, "tenants", [&](const json& v, const std::string& p) {
        auto tenant = read_tenant(v, p, problems);
        tenant_ids.see(tenant.id, p, "'" + tenant.id + "'");
        state.tenants.push_back(std::move(tenant));
    });

    DuplicateCheck flow_ids(problems, "flow");
    for_each_item(r, "flows", [&](const json& v, const std::string& p) {
        StrictReader item(v, p, problems, {"id", "name", "description", "disabled", "document"});
        model::FlowSummary summary;
        summary.id = item.string("id").value_or("");
        summary.name = item.string("name").value_or("");
        summary.description = item.string("description").value_or("");
        summary.disabled = item.boolean("disabled").value_or(false);
        const auto* doc = item.object_or_null("document");
        if (item.is_object() && v.contains("document") && v["document"].is_null())
            item.fail("document", "expected an object, got null");
        flow_ids.see(summary.id, p, "'" + summary.id + "'");
        if (doc != nullptr)
            state.flows[summary.id] = model::Flow{summary.id, plan::compact_json(*doc)};
        state.flow_summaries.push_back(std::move(summary));
    });

    if (const auto* theme = r.object_or_null("theme")) {
        StrictReader item(*theme, r.child_path("theme"), problems, {"document"});
        const auto* doc = item.object_or_null("document");
        if (theme->contains("document") && (*theme)["document"].is_null())
            item.fail("document", "expected an object, got null");
        if (doc != nullptr) state.theme = model::Theme{plan::compact_json(*doc)};
    }
    return state;
}

}  // namespace descope_mgmt::backup
