// `tenant show ID`: the tenant, its default roles and session settings, in every selected
// environment.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/workspace.hpp"
#include "render/list_view.hpp"

namespace descope_mgmt::cli {

namespace {

/// Two reads per environment (the tenant, then its session settings), all environments at once.
/// A point read, cheaper than the live reader's whole-project one.
int run_tenant_show(Context& ctx, const std::string& id) {
    Workspace* ws = &ctx.workspace();
    const std::size_t n = ws->size();
    std::vector<render::TenantLookup> found(n);
    std::vector<api::Task> tasks;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& env = ws->environment(i).name;
        tasks.push_back({env, env, {}, [&, i]() -> api::ApiResult<void> {
                             auto& api = ws->client(i);
                             auto t = api.load_tenant(id);
                             if (!t && t.error().is_not_found()) {
                                 found[i].not_found = true;
                                 return {};
                             }
                             if (!t) return util::unexpected(t.error());
                             auto s = api.load_tenant_settings(id);
                             if (!s) return util::unexpected(s.error());
                             t->session_settings = *s;
                             found[i].tenant = std::move(*t);
                             return {};
                         }});
    }
    const auto outcomes = ws->executor().run(std::move(tasks));
    const bool interrupted = ws->interrupted();
    bool failed = false;
    for (std::size_t i = 0; i < n; ++i) {
        found[i].read =
            read_result(ctx, ws->environment(i), outcomes[i], interrupted, "tenant show " + id);
        failed = failed || !found[i].read.ok();
        if (found[i].not_found)
            ctx.warning(fmt::format("{}: tenant {} does not exist", ws->environment(i).name, id));
    }
    ctx.show(render::tenant_show_view(found, render::TextStyle{ctx.global.color}));
    if (interrupted) return exit_code::interrupted;
    if (failed) return exit_code::error;
    const bool any =
        std::any_of(found.begin(), found.end(), [](const auto& f) { return f.tenant.has_value(); });
    if (!any) {
        ctx.error(fmt::format("tenant {} does not exist in any selected environment", id));
        return exit_code::error;
    }
    return exit_code::ok;
}

}  // namespace

void define_tenant_show(CLI::App& sub, Context& ctx) {
    auto id = std::make_shared<std::string>();
    sub.add_option("ID", *id, "the tenant id")->required();
    sub.footer(R"(Examples:
  descope-mgmt tenant show acme -e prod        acme in prod: fields, default roles, session settings
  descope-mgmt tenant show acme -o json        acme in every environment, as a JSON document)");
    sub.callback([&ctx, id] { ctx.action = [&ctx, id] { return run_tenant_show(ctx, *id); }; });
}

}  // namespace descope_mgmt::cli
