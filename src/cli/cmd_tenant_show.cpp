// `tenant show ID`: the tenant, its default roles and session settings, in every selected
// environment.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>

#include "cli/cmd_tenant_edit.hpp"
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
    // Where it does not exist: the live tenants, for "did you mean" (one more read, only then;
    // a failed one only costs the hint).
    std::vector<std::vector<model::Tenant>> others(n);
    std::vector<api::Task> tasks;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& env = ws->environment(i).name;
        for (const auto& t : config::desired_state(ws->config, env).tenants)
            found[i].managed = found[i].managed || t.id == id;
        tasks.push_back({env, env, {}, [&, i]() -> api::ApiResult<void> {
                             auto& api = ws->client(i);
                             auto t = api.load_tenant(id);
                             if (!t && t.error().is_not_found()) {
                                 found[i].not_found = true;
                                 if (auto all = api.load_all_tenants()) others[i] = std::move(*all);
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
    std::string hint;  // did you mean, from the first environment with a close id
    for (std::size_t i = 0; i < n; ++i) {
        found[i].read =
            read_result(ctx, ws->environment(i), outcomes[i], interrupted, "tenant show " + id);
        failed = failed || !found[i].read.ok();
        if (found[i].not_found) {
            const std::string close = did_you_mean_tenant(id, others[i]);
            if (hint.empty()) hint = close;
            ctx.warning(
                fmt::format("{}: tenant {} does not exist{}", ws->environment(i).name, id, close));
        }
    }
    ctx.show(render::tenant_show_view(found, render::TextStyle{ctx.global.color}));
    if (interrupted) return exit_code::interrupted;
    if (failed) return exit_code::error;
    const bool any =
        std::any_of(found.begin(), found.end(), [](const auto& f) { return f.tenant.has_value(); });
    if (!any) {
        ctx.error(fmt::format("tenant {} does not exist in any selected environment{}", id, hint));
        return exit_code::error;
    }
    return exit_code::ok;
}

}  // namespace

void define_tenant_show(CLI::App& sub, Context& ctx) {
    auto id = std::make_shared<std::string>();
    ctx.completes_with[sub.add_option("ID", *id, "the tenant id")->required()] = "tenants";
    sub.footer(R"(Examples:
  descope-mgmt tenant show acme -e prod        acme in prod: fields, default roles, session settings
  descope-mgmt tenant show acme -o json        acme in every environment, as a JSON document
Shows whether the config manages the tenant there; an id that does not exist gets a "did you
mean" naming the closest live id.)");
    sub.callback([&ctx, id] { ctx.action = [&ctx, id] { return run_tenant_show(ctx, *id); }; });
}

}  // namespace descope_mgmt::cli
