// `tenant list`, `role list`, `permission list`.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "cli/list_command.hpp"
#include "cli/workspace.hpp"
#include "model/builtins.hpp"
#include "render/table.hpp"
#include "render/tenant_text.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::cli {

using nlohmann::json;

namespace {

constexpr int kFormatVersion = 1;

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

/// What one environment answered.
struct Listing {
    std::vector<model::Tenant> tenants;
    std::vector<model::Role> roles;
    std::vector<model::Permission> permissions;
    std::optional<api::ApiError> error;
    bool ran = false;
};

api::ApiResult<void> fetch(api::DescopeApi& api, ListKind kind, Listing& out) {
    out.ran = true;
    auto keep_error = [&out](const api::ApiError& e) {
        out.error = e;
        return api::ApiResult<void>(util::unexpected(e));
    };
    switch (kind) {
        case ListKind::tenants: {
            auto r = api.load_all_tenants();
            if (!r) return keep_error(r.error());
            out.tenants = std::move(*r);
            std::sort(out.tenants.begin(), out.tenants.end(),
                      [](const auto& a, const auto& b) { return a.id < b.id; });
            break;
        }
        case ListKind::roles: {
            auto r = api.load_all_roles();
            if (!r) return keep_error(r.error());
            out.roles = std::move(*r);
            std::sort(out.roles.begin(), out.roles.end(), [](const auto& a, const auto& b) {
                return std::tie(a.tenant_id, a.name) < std::tie(b.tenant_id, b.name);
            });
            break;
        }
        case ListKind::permissions: {
            auto r = api.load_all_permissions();
            if (!r) return keep_error(r.error());
            out.permissions = std::move(*r);
            std::sort(out.permissions.begin(), out.permissions.end(),
                      [](const auto& a, const auto& b) { return a.name < b.name; });
            break;
        }
    }
    return {};
}

std::string or_dash(const std::string& s) {
    return s.empty() ? "-" : s;
}

std::string text_block(ListKind kind, const Listing& l) {
    std::vector<std::vector<std::string>> rows;
    switch (kind) {
        case ListKind::tenants:
            rows.push_back({"ID", "NAME", "DOMAINS", "PARENT", "FLAGS"});
            for (const auto& t : l.tenants) {
                std::vector<std::string> flags;
                if (t.enforce_sso) flags.push_back("enforce-sso");
                if (t.disabled) flags.push_back("disabled");
                rows.push_back({t.id, t.name, or_dash(util::join(t.self_provisioning_domains, ",")),
                                or_dash(t.parent), or_dash(util::join(flags, ","))});
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
    return render::format_table(rows);
}

std::size_t count(ListKind kind, const Listing& l) {
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

json items_json(ListKind kind, const Listing& l) {
    json items = json::array();
    switch (kind) {
        case ListKind::tenants:
            // One shape per model type: the one `tenant show` prints (render).
            for (const auto& t : l.tenants)
                items.push_back(render::tenant_to_json(t));
            break;
        case ListKind::roles:
            for (const auto& r : l.roles) {
                items.push_back(
                    {{"name", r.name},
                     {"tenant", r.tenant_id.empty() ? json(nullptr) : json(r.tenant_id)},
                     {"description", r.description},
                     {"permissions", r.permissions},
                     {"default", r.is_default.value_or(false)},
                     {"private", r.is_private.value_or(false)},
                     {"built_in", model::is_builtin_role(r)}});
            }
            break;
        case ListKind::permissions:
            for (const auto& p : l.permissions) {
                items.push_back({{"name", p.name},
                                 {"description", p.description},
                                 {"built_in", model::is_builtin_permission(p)}});
            }
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

}  // namespace

int run_list(Context& ctx, ListKind kind) {
    auto ws = open_workspace(ctx, live_only());
    if (!ws) return exit_code::error;
    install_interrupt_handler();

    Workspace& s = *ws;
    std::vector<Listing> listings(s.size());
    std::vector<api::Task> tasks;
    for (std::size_t i = 0; i < s.size(); ++i) {
        tasks.push_back(
            {s.environment(i).name, s.environment(i).name, {}, [&s, &listings, kind, i] {
                 return fetch(s.client(i), kind, listings[i]);
             }});
    }
    const auto outcomes = s.executor().run(std::move(tasks));
    const bool interrupted = s.interrupted();

    bool failed = false;
    json doc{{"format_version", kFormatVersion},
             {"command", std::string(noun(kind)) + " list"},
             {"environments", json::array()}};
    std::string text;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto& env = s.environment(i);
        const Listing& l = listings[i];
        json e{{"name", env.name}, {"project_id", env.project_id}};
        if (outcomes[i].status == api::TaskStatus::succeeded) {
            e["status"] = "ok";
            e[plural_key(kind)] = items_json(kind, l);
            const std::size_t n = count(kind, l);
            text += fmt::format("{}{}: {} {}{}\n", text.empty() ? "" : "\n", env.name, n,
                                noun(kind), n == 1 ? "" : "s");
            if (n > 0) text += text_block(kind, l);
        } else {
            failed = true;
            report_failed_read(ctx, e, outcomes[i], interrupted, env.name,
                               std::string(noun(kind)) + " list");
        }
        doc["environments"].push_back(std::move(e));
    }
    if (ctx.json()) {
        ctx.print_document(doc);
    } else {
        fmt::print(ctx.out, "{}", text);
    }
    if (ctx.global.verbosity >= 1) {
        const auto st = s.total_stats();
        ctx.info(fmt::format("api: {} calls, {} retries, {} x 429, waited {:.1f} s", st.calls,
                             st.retries, st.http_429, st.waited().count() / 1000.0));
    }
    if (interrupted) return exit_code::interrupted;
    return failed ? exit_code::error : exit_code::ok;
}

void define_list_subcommand(CLI::App& sub, Context& ctx, ListKind kind) {
    sub.footer(fmt::format(
        R"(Lists the {0}s of each selected environment (-e NAME, repeatable; default all), read
live from Descope. One read per environment, run concurrently within the rate limits.

Examples:
  descope-mgmt {0} list                  every environment
  descope-mgmt {0} list -e prod -o json  one environment, as JSON (format: docs/api-client.md)
  descope-mgmt -vv {0} list -e dev       log every HTTP request (the key is redacted)

Exit codes: 0 listed everywhere, 1 an environment failed (the others are still shown),
130 interrupted.)",
        noun(kind)));
    sub.callback([&ctx, kind] { ctx.action = [&ctx, kind] { return run_list(ctx, kind); }; });
}

}  // namespace descope_mgmt::cli
