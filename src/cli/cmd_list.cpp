// `tenant list`, `role list`, `permission list`.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>

#include "cli/context.hpp"
#include "cli/list_command.hpp"
#include "cli/workspace.hpp"
#include "render/list_view.hpp"

namespace descope_mgmt::cli {

namespace {

using render::noun;

api::ApiResult<void> fetch(api::DescopeApi& api, ListKind kind, render::ResourceListing& out) {
    switch (kind) {
        case ListKind::tenants: {
            auto r = api.load_all_tenants();
            if (!r) return util::unexpected(r.error());
            out.tenants = std::move(*r);
            std::sort(out.tenants.begin(), out.tenants.end(),
                      [](const auto& a, const auto& b) { return a.id < b.id; });
            break;
        }
        case ListKind::roles: {
            auto r = api.load_all_roles();
            if (!r) return util::unexpected(r.error());
            out.roles = std::move(*r);
            std::sort(out.roles.begin(), out.roles.end(), [](const auto& a, const auto& b) {
                return std::tie(a.tenant_id, a.name) < std::tie(b.tenant_id, b.name);
            });
            break;
        }
        case ListKind::permissions: {
            auto r = api.load_all_permissions();
            if (!r) return util::unexpected(r.error());
            out.permissions = std::move(*r);
            std::sort(out.permissions.begin(), out.permissions.end(),
                      [](const auto& a, const auto& b) { return a.name < b.name; });
            break;
        }
    }
    return {};
}

}  // namespace

int run_list(Context& ctx, ListKind kind) {
    Workspace* ws = &ctx.workspace();

    Workspace& s = *ws;
    std::vector<render::ResourceListing> listings(s.size());
    std::vector<api::Task> tasks;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (kind == ListKind::tenants) {  // the MANAGED column
            for (const auto& t : config::desired_state(s.config, s.environment(i).name).tenants)
                listings[i].declared.insert(t.id);
        }
        tasks.push_back(
            {s.environment(i).name, s.environment(i).name, {}, [&s, &listings, kind, i] {
                 return fetch(s.client(i), kind, listings[i]);
             }});
    }
    const auto outcomes = s.executor().run(std::move(tasks));
    const bool interrupted = s.interrupted();
    bool failed = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        listings[i].read = read_result(ctx, s.environment(i), outcomes[i], interrupted,
                                       std::string(noun(kind)) + " list");
        failed = failed || !listings[i].read.ok();
    }
    ctx.show(render::resource_list_view(kind, listings));
    report_api_stats(ctx, s);
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

{1}Exit codes: 0 listed everywhere, 1 an environment failed (the others are still shown),
130 interrupted.)",
        noun(kind),
        kind == ListKind::tenants
            ? "MANAGED says whether the config declares the tenant for that environment; the\n"
              "declared tenants missing live are listed under the table.\n\n"
            : ""));
    sub.callback([&ctx, kind] { ctx.action = [&ctx, kind] { return run_list(ctx, kind); }; });
}

}  // namespace descope_mgmt::cli
