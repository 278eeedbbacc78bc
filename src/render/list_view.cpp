#include "render/list_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "model/builtins.hpp"
#include "render/table.hpp"
#include "render/tenant_text.hpp"
#include "util/strings.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::render {

using nlohmann::json;

namespace {

constexpr int kListFormatVersion = 1;

std::string or_dash(const std::string& s) {
    return s.empty() ? "-" : s;
}

std::string resource_table(ListKind kind, const ResourceListing& l) {
    std::vector<std::vector<std::string>> rows;
    switch (kind) {
        case ListKind::tenants:
            rows.push_back({"ID", "NAME", "DOMAINS", "PARENT", "FLAGS", "MANAGED"});
            for (const auto& t : l.tenants) {
                std::vector<std::string> flags;
                if (t.enforce_sso) flags.push_back("enforce-sso");
                if (t.disabled) flags.push_back("disabled");
                rows.push_back({t.id, t.name, or_dash(util::join(t.self_provisioning_domains, ",")),
                                or_dash(t.parent), or_dash(util::join(flags, ",")),
                                l.declared.count(t.id) ? "yes" : "no"});
            }
            break;
        case ListKind::roles:
            rows.push_back({"TENANT", "NAME", "PERMISSIONS", "FLAGS", "DESCRIPTION"});
            for (const auto& r : l.roles) {
                std::vector<std::string> flags;
                if (model::is_builtin_role(r)) flags.push_back("built-in");
                if (r.is_default.value_or(false)) flags.push_back("default");
                if (r.is_private.value_or(false)) flags.push_back("private");
                rows.push_back({r.tenant_id.empty() ? "(project)" : r.tenant_id, r.name,
                                or_dash(util::join(r.permissions, ",")),
                                or_dash(util::join(flags, ",")), r.description});
            }
            break;
        case ListKind::permissions:
            rows.push_back({"NAME", "FLAGS", "DESCRIPTION"});
            for (const auto& p : l.permissions)
                rows.push_back(
                    {p.name, model::is_builtin_permission(p) ? "built-in" : "-", p.description});
            break;
    }
    return format_table(rows);
}

std::size_t item_count(ListKind kind, const ResourceListing& l) {
    switch (kind) {
        case ListKind::tenants:
            return l.tenants.size();
        case ListKind::roles:
            return l.roles.size();
        case ListKind::permissions:
            return l.permissions.size();
    }
    return 0;
}

json role_json(const model::Role& r) {
    return {{"name", r.name},
            {"tenant", r.tenant_id.empty() ? json(nullptr) : json(r.tenant_id)},
            {"description", r.description},
            {"permissions", r.permissions},
            {"default", r.is_default.value_or(false)},
            {"private", r.is_private.value_or(false)},
            {"built_in", model::is_builtin_role(r)}};
}

json permission_json(const model::Permission& p) {
    return {{"name", p.name},
            {"description", p.description},
            {"built_in", model::is_builtin_permission(p)}};
}

json resource_items(ListKind kind, const ResourceListing& l) {
    json items = json::array();
    switch (kind) {
        case ListKind::tenants:
            for (const auto& t : l.tenants) {
                json item = tenant_to_json(t);
                item["managed"] = l.declared.count(t.id) > 0;
                items.push_back(std::move(item));
            }
            break;
        case ListKind::roles:
            for (const auto& r : l.roles)
                items.push_back(role_json(r));
            break;
        case ListKind::permissions:
            for (const auto& p : l.permissions)
                items.push_back(permission_json(p));
            break;
    }
    return items;
}

const char* plural_key(ListKind kind) {
    switch (kind) {
        case ListKind::tenants:
            return "tenants";
        case ListKind::roles:
            return "roles";
        case ListKind::permissions:
            return "permissions";
    }
    return "tenants";
}

/// The declared ids with no live object among `items` (flows or tenants).
template <class Items>
std::vector<std::string> missing_declared(const std::set<std::string>& declared,
                                          const Items& items) {
    std::vector<std::string> missing;
    for (const auto& id : declared) {
        const bool live =
            std::any_of(items.begin(), items.end(), [&id](const auto& x) { return x.id == id; });
        if (!live) missing.push_back(id);
    }
    return missing;
}

std::vector<std::string> missing_declared(const FlowListing& l) {
    return missing_declared(l.declared, l.flows);
}

/// "  declared in the config but not in this project: a, b\n", or "" when none is missing.
std::string missing_line(const std::vector<std::string>& missing) {
    if (missing.empty()) return {};
    return fmt::format("  declared in the config but not in this project: {}\n",
                       util::terminal_safe(util::join(missing, ", ")));
}

/// "ENV: N tenants, M managed", the table and the declared tenants missing live.
std::string tenant_block(const ResourceListing& l) {
    const auto managed = static_cast<std::size_t>(
        std::count_if(l.tenants.begin(), l.tenants.end(),
                      [&l](const auto& t) { return l.declared.count(t.id) > 0; }));
    std::string out =
        fmt::format("{}: {} tenant{}, {} managed\n", util::terminal_safe(l.read.environment),
                    l.tenants.size(), l.tenants.size() == 1 ? "" : "s", managed);
    if (!l.tenants.empty()) out += resource_table(ListKind::tenants, l);
    return out + missing_line(missing_declared(l.declared, l.tenants));
}

std::string flow_block(const FlowListing& l) {
    const auto managed =
        static_cast<std::size_t>(std::count_if(l.flows.begin(), l.flows.end(), [&l](const auto& f) {
            return l.declared.count(f.id) > 0;
        }));
    std::string out =
        fmt::format("{}: {} flow{}, {} managed\n", util::terminal_safe(l.read.environment),
                    l.flows.size(), l.flows.size() == 1 ? "" : "s", managed);
    if (!l.flows.empty()) {
        std::vector<std::vector<std::string>> rows{{"ID", "NAME", "DISABLED", "MANAGED"}};
        for (const auto& f : l.flows) {
            rows.push_back({f.id, f.name.empty() ? "-" : f.name, f.disabled ? "yes" : "no",
                            l.declared.count(f.id) ? "yes" : "no"});
        }
        out += format_table(rows);
    }
    return out + missing_line(missing_declared(l));
}

json flow_items(const FlowListing& l) {
    json flows = json::array();
    for (const auto& f : l.flows) {
        flows.push_back({{"id", f.id},
                         {"name", f.name},
                         {"description", f.description},
                         {"disabled", f.disabled},
                         {"managed", l.declared.count(f.id) > 0}});
    }
    return flows;
}

}  // namespace

const char* noun(ListKind kind) {
    switch (kind) {
        case ListKind::tenants:
            return "tenant";
        case ListKind::roles:
            return "role";
        case ListKind::permissions:
            return "permission";
    }
    return "tenant";
}

View resource_list_view(ListKind kind, const std::vector<ResourceListing>& listings) {
    json envs = json::array();
    std::string text;
    for (const ResourceListing& l : listings) {
        json e = json::object();
        add_read_status(e, l.read);
        if (l.read.ok()) {
            e[plural_key(kind)] = resource_items(kind, l);
            if (kind == ListKind::tenants) {
                e["declared_missing"] = missing_declared(l.declared, l.tenants);
                text += (text.empty() ? "" : "\n") + tenant_block(l);
            } else {
                const std::size_t n = item_count(kind, l);
                text += fmt::format("{}{}: {} {}{}\n", text.empty() ? "" : "\n",
                                    util::terminal_safe(l.read.environment), n, noun(kind),
                                    n == 1 ? "" : "s");
                if (n > 0) text += resource_table(kind, l);
            }
        }
        envs.push_back(std::move(e));
    }
    return make_view(std::move(text),
                     {{"format_version", kListFormatVersion}, {"environments", std::move(envs)}});
}

View flow_list_view(const std::vector<FlowListing>& listings) {
    json envs = json::array();
    std::string text;
    for (const FlowListing& l : listings) {
        json e = json::object();
        add_read_status(e, l.read);
        if (l.read.ok()) {
            e["flows"] = flow_items(l);
            e["declared_missing"] = missing_declared(l);
            text += (text.empty() ? "" : "\n") + flow_block(l);
        }
        envs.push_back(std::move(e));
    }
    return make_view(std::move(text),
                     {{"format_version", kListFormatVersion}, {"environments", std::move(envs)}});
}

View tenant_show_view(const std::vector<TenantLookup>& lookups, const TextStyle& style) {
    json envs = json::array();
    std::string text;
    for (const TenantLookup& l : lookups) {
        json e = json::object();
        if (l.not_found) {
            EnvironmentRead read = l.read;
            read.status = api::TaskStatus::succeeded;  // the read worked: there is no such tenant
            read.error.reset();
            add_read_status(e, read);
        } else {
            add_read_status(e, l.read);
        }
        e["tenant"] = json(nullptr);
        if (l.tenant) {
            e["tenant"] = tenant_to_json(*l.tenant);
            e["tenant"]["managed"] = l.managed;
            text += render_tenant_text(l.read.environment, *l.tenant, l.managed, style);
        }
        envs.push_back(std::move(e));
    }
    return make_view(std::move(text),
                     {{"format_version", kListFormatVersion}, {"environments", std::move(envs)}});
}

}  // namespace descope_mgmt::render
