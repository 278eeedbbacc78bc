// `tenant show ID`: the tenant, its default roles and session settings, in every selected
// environment.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/plan_workflow.hpp"
#include "render/plan_json.hpp"
#include "render/tenant_text.hpp"

namespace descope_mgmt::cli {

namespace {

struct Found {
    std::optional<model::Tenant> tenant;
    std::optional<api::ApiError> error;
};

int run_tenant_show(Context& ctx, const std::string& id) {
    auto ws = open_workspace(ctx);
    if (!ws) return exit_code::error;
    const std::size_t n = ws->environments.size();
    std::vector<Found> found(n);
    std::vector<std::function<void()>> reads;
    for (std::size_t i = 0; i < n; ++i) {
        reads.emplace_back([&, i] {
            auto& api = ws->client(i);
            auto t = api.load_tenant(id);
            if (!t) {
                found[i].error = t.error();
                return;
            }
            auto s = api.load_tenant_settings(id);
            if (!s) {
                found[i].error = s.error();
                return;
            }
            t->session_settings = *s;
            found[i].tenant = std::move(*t);
        });
    }
    ws->executor().run_all(reads);
    if (ws->interrupted()) return exit_code::interrupted;

    bool any = false;
    bool failed = false;
    nlohmann::json envs = nlohmann::json::array();
    std::string text;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& env = ws->environments[i]->name;
        nlohmann::json j{{"name", env}, {"tenant", nullptr}};
        if (found[i].tenant) {
            any = true;
            j["tenant"] = render::tenant_to_json(*found[i].tenant);
            text += render::render_tenant_text(env, *found[i].tenant,
                                               render::TextStyle{ctx.global.color});
        } else if (found[i].error && found[i].error->is_not_found()) {
            ctx.warning(fmt::format("{}: tenant {} does not exist", env, id));
        } else {
            failed = true;
            const std::string message =
                found[i].error ? found[i].error->to_string() : env + ": not read";
            j["error"] = message;
            ctx.error(message);
        }
        envs.push_back(std::move(j));
    }
    if (ctx.json()) {
        nlohmann::json doc{{"format_version", render::kPlanFormatVersion},
                           {"environments", std::move(envs)}};
        ctx.print_document(doc);
    } else {
        fmt::print(ctx.out, "{}", text);
    }
    if (failed) return exit_code::error;
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
    sub.callback([&ctx, id] { ctx.action = [&ctx, id] { return run_tenant_show(ctx, *id); }; });
}

}  // namespace descope_mgmt::cli
