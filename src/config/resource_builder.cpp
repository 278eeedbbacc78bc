// permissions, roles, tenants (with overrides and session settings), flows and theme.
#include <map>

#include "config/loader_internal.hpp"
#include "model/duration.hpp"

namespace descope_mgmt::config {

namespace {

EnvironmentSelection selection_of(const YamlNode& item) {
    return texts_of(item.find("environments"));
}

std::optional<model::Duration> duration_of(const YamlNode* node) {
    if (auto t = text_of(node)) return model::parse_duration(*t);
    return std::nullopt;
}

std::optional<model::SessionSettings> session_settings_of(const YamlNode* node) {
    if (node == nullptr || node->kind != YamlKind::mapping) return std::nullopt;
    model::SessionSettings s;
    s.refresh_token_expiration = duration_of(node->find("refresh_token_expiration"));
    s.session_token_expiration = duration_of(node->find("session_token_expiration"));
    s.stepup_token_expiration = duration_of(node->find("stepup_token_expiration"));
    s.inactivity_timeout = duration_of(node->find("inactivity_timeout"));
    s.jit_disabled = bool_of(node->find("jit_disabled")).value_or(false);
    return s;
}

/// The config's role_inheritance (none | user_only) as the wire value Descope stores.
std::optional<std::string> role_inheritance_of(const YamlNode* node) {
    const auto text = text_of(node);
    if (!text) return std::nullopt;
    if (*text == "none") return std::string("none");
    if (*text == "user_only") return std::string("userOnly");
    return std::nullopt;  // reported by the shape check
}

std::optional<model::AttributeValue> attribute_of(const YamlNode& n) {
    if (n.unresolved) return std::nullopt;
    if (n.kind == YamlKind::sequence) {
        std::vector<std::string> list;
        for (const auto& i : n.items) {
            if (!i.is_scalar() || i.unresolved) return std::nullopt;
            list.push_back(i.text);
        }
        return list;
    }
    if (!n.is_scalar()) return std::nullopt;
    switch (scalar_type(n)) {
        case ScalarType::boolean:
            return *scalar_bool(n);
        case ScalarType::integer:
            if (auto i = scalar_int(n)) return *i;
            return std::nullopt;
        case ScalarType::floating:
            if (auto f = scalar_float(n)) return *f;
            return std::nullopt;
        case ScalarType::null:
            return std::nullopt;
        case ScalarType::string:
            break;
    }
    return n.text;
}

std::optional<model::CustomAttributes> attributes_of(const YamlNode* node) {
    if (node == nullptr || node->kind != YamlKind::mapping) return std::nullopt;
    model::CustomAttributes out;
    for (const auto& e : node->entries)
        if (auto v = attribute_of(e.value)) out.emplace(e.key, std::move(*v));
    return out;
}

/// The mapping values of an item's `overrides:`, by environment name, read with `read`.
template <class Override, class Read>
std::map<std::string, Override> overrides_of(const YamlNode& item, Read&& read) {
    std::map<std::string, Override> out;
    if (const YamlNode* o = item.find("overrides"); o != nullptr) {
        for (const auto& e : o->entries)
            if (e.value.kind == YamlKind::mapping) out.emplace(e.key, read(e.value));
    }
    return out;
}

/// The overrides of a flow or the theme whose `file:` is usable (the shape check reported the
/// others); their documents are read later.
std::map<std::string, FileOverride> file_overrides_of(const YamlNode& item, const LoadInput& in) {
    std::map<std::string, FileOverride> out;
    const YamlNode* o = item.find("overrides");
    if (o == nullptr) return out;
    for (const auto& e : o->entries) {
        if (e.value.kind != YamlKind::mapping) continue;
        const YamlNode* file = e.value.find("file");
        auto f = text_of(file);
        if (!f || f->empty()) continue;
        out.emplace(e.key,
                    FileOverride{(in.folder / *f).lexically_normal(), "", file->location(in.file)});
    }
    return out;
}

TenantOverride override_of(const YamlNode& n) {
    TenantOverride o;
    o.name = text_of(n.find("name"));
    o.self_provisioning_domains = texts_of(n.find("self_provisioning_domains"));
    o.custom_attributes = attributes_of(n.find("custom_attributes"));
    o.enforce_sso = bool_of(n.find("enforce_sso"));
    o.disabled = bool_of(n.find("disabled"));
    o.default_roles = texts_of(n.find("default_roles"));
    o.session_settings = session_settings_of(n.find("session_settings"));
    o.role_inheritance = role_inheritance_of(n.find("role_inheritance"));
    o.enforce_sso_exclusions = texts_of(n.find("enforce_sso_exclusions"));
    o.federated_app_ids = texts_of(n.find("federated_app_ids"));
    return o;
}

/// The items of a top-level list that are mappings (others were reported by the shape check).
template <class F>
void each_item(const YamlNode& root, const char* key, F&& f) {
    const YamlNode* list = root.find(key);
    if (list == nullptr || list->kind != YamlKind::sequence) return;
    for (const auto& item : list->items)
        if (item.kind == YamlKind::mapping) f(item);
}

}  // namespace

DeclNodes build_resources(const YamlNode& root, const LoadInput& in, Config& config) {
    DeclNodes nodes;
    auto size_of = [&root](const char* key) {
        const YamlNode* list = root.find(key);
        return list != nullptr ? list->items.size() : 0;
    };
    config.permissions.reserve(size_of("permissions"));
    config.roles.reserve(size_of("roles"));
    config.tenants.reserve(size_of("tenants"));
    nodes.tenants.reserve(size_of("tenants"));
    each_item(root, "permissions", [&](const YamlNode& item) {
        auto name = text_of(item.find("name"));
        if (!name || name->empty()) return;
        PermissionDecl d;
        d.permission.name = *name;
        d.permission.description = text_of(item.find("description")).value_or("");
        d.environments = selection_of(item);
        d.overrides = overrides_of<PermissionOverride>(item, [](const YamlNode& o) {
            return PermissionOverride{text_of(o.find("description"))};
        });
        d.location = item.location(in.file);
        config.permissions.push_back(std::move(d));
        nodes.permissions.push_back(&item);
    });
    each_item(root, "roles", [&](const YamlNode& item) {
        auto name = text_of(item.find("name"));
        if (!name || name->empty()) return;
        RoleDecl d;
        d.role.name = *name;
        d.role.description = text_of(item.find("description")).value_or("");
        d.role.tenant_id = text_of(item.find("tenant")).value_or("");
        d.role.permissions =
            texts_of(item.find("permissions")).value_or(std::vector<std::string>{});
        d.role.is_default = bool_of(item.find("default"));
        d.role.is_private = bool_of(item.find("private"));
        d.environments = selection_of(item);
        d.overrides = overrides_of<RoleOverride>(item, [](const YamlNode& o) {
            return RoleOverride{text_of(o.find("description")), texts_of(o.find("permissions")),
                                bool_of(o.find("default")), bool_of(o.find("private"))};
        });
        d.location = item.location(in.file);
        config.roles.push_back(std::move(d));
        nodes.roles.push_back(&item);
    });
    each_item(root, "tenants", [&](const YamlNode& item) {
        auto id = text_of(item.find("id"));
        if (!id || id->empty()) return;
        TenantDecl d;
        model::Tenant& t = d.tenant;
        t.id = *id;
        t.name = text_of(item.find("name")).value_or("");
        t.self_provisioning_domains =
            texts_of(item.find("self_provisioning_domains")).value_or(std::vector<std::string>{});
        t.custom_attributes =
            attributes_of(item.find("custom_attributes")).value_or(model::CustomAttributes{});
        t.enforce_sso = bool_of(item.find("enforce_sso")).value_or(false);
        t.disabled = bool_of(item.find("disabled")).value_or(false);
        t.parent = text_of(item.find("parent")).value_or("");
        t.default_roles = texts_of(item.find("default_roles")).value_or(std::vector<std::string>{});
        t.session_settings = session_settings_of(item.find("session_settings"));
        t.role_inheritance = role_inheritance_of(item.find("role_inheritance"));
        t.enforce_sso_exclusions = texts_of(item.find("enforce_sso_exclusions"));
        t.federated_app_ids = texts_of(item.find("federated_app_ids"));
        d.environments = selection_of(item);
        d.overrides = overrides_of<TenantOverride>(item, override_of);
        d.location = item.location(in.file);
        config.tenants.push_back(std::move(d));
        nodes.tenants.push_back(&item);
    });
    each_item(root, "flows", [&](const YamlNode& item) {
        auto id = text_of(item.find("id"));
        if (!id || id->empty()) return;
        FlowDecl d;
        d.flow.id = *id;
        d.type = text_of(item.find("type")).value_or("");
        if (auto f = text_of(item.find("file")); f && !f->empty())
            d.file = (in.folder / *f).lexically_normal();
        d.environments = selection_of(item);
        d.overrides = file_overrides_of(item, in);
        d.location = item.location(in.file);
        config.flows.push_back(std::move(d));
        nodes.flows.push_back(&item);
    });
    if (const YamlNode* theme = root.find("theme"); theme && theme->kind == YamlKind::mapping) {
        ThemeDecl d;
        if (auto f = text_of(theme->find("file")); f && !f->empty())
            d.file = (in.folder / *f).lexically_normal();
        d.overrides = file_overrides_of(*theme, in);
        d.location = theme->location(in.file);
        config.theme = std::move(d);
        nodes.theme = theme;
    }
    return nodes;
}

}  // namespace descope_mgmt::config
