// Plan files: `plan --out FILE` (save_plan_file), `apply FILE` (apply_plan_file) and
// `show FILE` (define_show). The format is backup/plan_file.hpp's; docs/plan-file.md.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "backup/plan_file.hpp"
#include "backup/timestamp.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/plan_file_commands.hpp"
#include "cli/plan_workflow.hpp"
#include "render/markdown.hpp"
#include "render/plan_json.hpp"
#include "render/plan_text.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"
#include "util/version.hpp"

namespace descope_mgmt::cli {

namespace {

/// Reads and checks a plan file; prints the error and returns nullopt when it is not one.
std::optional<backup::PlanFile> load_plan_file(Context& ctx, const std::string& path) {
    auto text = util::read_file(path);
    if (!text) {
        ctx.error(text.error().message);
        return std::nullopt;
    }
    auto file = backup::parse_plan_file(*text, path);
    if (!file) {
        ctx.error(file.error().message + "; nothing was changed");
        return std::nullopt;
    }
    return std::move(*file);
}

}  // namespace

std::vector<std::string> plan_file_environments(const std::string& path) {
    auto text = util::read_file(path);
    if (!text) return {};
    const auto doc = nlohmann::json::parse(*text, nullptr, false);
    std::vector<std::string> out;
    if (!doc.is_object() || !doc.contains("environments") || !doc["environments"].is_array())
        return out;
    for (const auto& e : doc["environments"])
        if (e.is_object() && e.contains("name") && e["name"].is_string())
            out.push_back(e["name"].get<std::string>());
    return out;
}

bool save_plan_file(Context& ctx, const Workspace& ws, const plan::Plan& plan, PlanInputs& inputs,
                    const plan::PlanOptions& options, const std::string& path) {
    if (!inputs.live.all_read()) {
        ctx.error(fmt::format(
            "no plan file written to {}: a plan file must hold every selected environment, and "
            "some could not be read (see above)",
            path));
        return false;
    }
    backup::PlanFile file;
    file.tool_version = util::kVersion;
    file.created_at = backup::format_iso8601(backup::now_utc());
    file.config_path = ctx.global.config_path;
    file.config_digest = backup::config_digest(inputs.desired);
    file.options = options;
    for (std::size_t i = 0; i < ws.environments.size(); ++i) {
        const model::Environment& env = *ws.environments[i];
        backup::SavedEnvironment saved;
        saved.name = env.name;
        saved.project_id = env.project_id;
        saved.is_protected = env.is_protected;
        saved.read_at = inputs.read_at;
        if (env.overridden_base_url) saved.base_url_override = env.base_url;
        saved.desired = std::move(inputs.desired[i]);
        saved.live = std::move(inputs.live.states[i]);
        file.environments.push_back(std::move(saved));
    }
    const std::string text = backup::plan_file_text(file, render::plan_to_json(plan));
    // Tenant data, as in a backup: readable by its owner only.
    if (auto w = util::write_file_atomically(path, text, 0600); !w) {
        ctx.error(fmt::format("cannot write the plan file: {}", w.error().message));
        return false;
    }
    ctx.info(
        fmt::format("plan saved to {}: apply exactly it with `descope-mgmt apply {}`", path, path));
    return true;
}

int apply_plan_file(Context& ctx, Workspace& ws, const std::string& path, bool allow_config_change,
                    ApplyFlags flags) {
    auto file = load_plan_file(ctx, path);
    if (!file) return exit_code::error;
    if (file->tool_version != util::kVersion) {
        ctx.error(fmt::format(
            "{} was made by descope-mgmt {}, this is {}: the same plan needs the same version; "
            "nothing was changed (make a new plan with this version)",
            path, file->tool_version, util::kVersion));
        return exit_code::error;
    }
    // The plan's environments, exactly: in the workspace's order.
    std::vector<std::string> planned;
    for (const auto& e : file->environments)
        planned.push_back(e.name);
    std::vector<std::string> selected;
    for (const auto* e : ws.environments)
        selected.push_back(e->name);
    if (std::set<std::string>(planned.begin(), planned.end()) !=
        std::set<std::string>(selected.begin(), selected.end())) {
        ctx.error(
            fmt::format("{} is a plan of {}, but {} {} selected: apply FILE applies the "
                        "environments it was made for (leave out -e); nothing was changed",
                        path, util::join(planned, ", "), util::join(selected, ", "),
                        selected.size() == 1 ? "is" : "are"));
        return exit_code::error;
    }
    std::vector<const backup::SavedEnvironment*> saved(ws.environments.size());
    bool ok = true;
    std::vector<model::DesiredState> current;
    std::vector<model::DesiredState> planned_desired;
    for (std::size_t i = 0; i < ws.environments.size(); ++i) {
        const model::Environment& env = *ws.environments[i];
        for (const auto& e : file->environments)
            if (e.name == env.name) saved[i] = &e;
        if (saved[i]->project_id != env.project_id) {
            ctx.error(
                fmt::format("{}: the plan was made for project {}, the config now says {}; "
                            "nothing was changed",
                            env.name, saved[i]->project_id, env.project_id));
            ok = false;
        }
        // Planned against one address (an emulator, a proxy), applied against another: the
        // objects it creates were absent in both, so the check below would not see it.
        const std::optional<std::string> now_override =
            env.overridden_base_url ? env.base_url : std::nullopt;
        if (saved[i]->base_url_override != now_override) {
            ctx.error(fmt::format(
                "{}: the plan was made through {}, this run reaches {}; nothing was changed",
                env.name, saved[i]->base_url_override.value_or("its own address"),
                now_override ? *now_override + " (DESCOPE_BASE_URL)"
                             : std::string("its own address")));
            ok = false;
        }
        current.push_back(config::desired_state(ws.config, env.name));
        planned_desired.push_back(saved[i]->desired);
    }
    if (!ok) return exit_code::error;
    // What the config asks for now against what it asked for then (comments do not count).
    if (backup::config_digest(current) != backup::config_digest(planned_desired)) {
        if (!allow_config_change) {
            ctx.error(fmt::format(
                "the config ({}) asks for something else than when {} was made: nothing was "
                "changed (make a new plan, or --allow-config-change to apply the saved plan "
                "anyway)",
                ctx.global.config_path, path));
            return exit_code::error;
        }
        ctx.warning(
            fmt::format("the config changed since {} was made; applying the saved plan "
                        "as it was reviewed (--allow-config-change)",
                        path));
    }
    auto replanned = backup::replan(*file);
    if (!replanned) {
        ctx.error(fmt::format("{}: {}; nothing was changed", path, replanned.error().message));
        return exit_code::error;
    }
    plan::Plan plan;
    for (std::size_t i = 0; i < ws.environments.size(); ++i)
        for (std::size_t k = 0; k < file->environments.size(); ++k)
            if (&file->environments[k] == saved[i]) {
                plan.environments.push_back(std::move(replanned->environments[k]));
                // Protected now or then: the config of today may have added it.
                plan.environments.back().is_protected =
                    saved[i]->is_protected || ws.environments[i]->is_protected;
            }

    // Re-read only what the plan touches, and refuse when any of it moved since.
    std::vector<std::set<std::string>> touched;
    std::vector<plan::ReadScope> scopes;
    for (const auto& e : plan.environments) {
        touched.push_back(backup::touched_addresses(e));
        scopes.push_back(backup::recheck_scope(touched.back()));
    }
    auto now = read_each_live_state(ctx, ws, scopes);
    if (!now) return exit_code::error;
    if (!now->all_read()) {
        ctx.error("nothing was changed: an environment of the plan could not be read again");
        return exit_code::error;
    }
    bool stale = false;
    for (std::size_t i = 0; i < plan.environments.size(); ++i) {
        const auto moved = backup::moved_objects(*saved[i], now->states[i], touched[i]);
        for (const std::string& address : moved)
            ctx.error(fmt::format("{}: {} changed since the plan read it ({})",
                                  ws.environments[i]->name, address, saved[i]->read_at));
        stale = stale || !moved.empty();
    }
    if (stale) {
        ctx.error(
            fmt::format("{} is stale: nothing was changed; make a new plan and review it", path));
        return exit_code::error;
    }
    // The automatic backup starts from this read and reads only what it lacks.
    for (std::size_t i = 0; i < plan.environments.size(); ++i) {
        auto basis = std::make_shared<plan::LiveBasis>();
        basis->state = std::move(now->states[i]);
        basis->scope = scopes[i];
        basis->read_at = now->read_at;
        plan.environments[i].live = std::move(basis);
    }
    print_plan(ctx, plan, false);
    flags.reviewed = true;
    return confirm_apply_and_report(ctx, ws, plan, flags);
}

void define_show(CLI::App& sub, Context& ctx) {
    auto file = std::make_shared<std::string>();
    sub.add_option("FILE", *file, "a plan file written by `plan --out FILE`")
        ->required()
        ->type_name("FILE");
    sub.footer(R"(Examples:
  descope-mgmt show prod.plan                the saved plan as text
  descope-mgmt -o json show prod.plan        the same document as plan -o json
  descope-mgmt -o markdown show prod.plan    a pull-request comment
Needs no config and no network. The file's checksum is checked first. See docs/plan-file.md.)");
    sub.callback([&ctx, file] {
        ctx.action = [&ctx, file] {
            auto loaded = load_plan_file(ctx, *file);
            if (!loaded) return exit_code::error;
            if (loaded->tool_version != util::kVersion)
                ctx.warning(fmt::format(
                    "{} was made by descope-mgmt {}, this is {}: the plan is shown as this "
                    "version computes it, and `apply {}` would refuse it",
                    *file, loaded->tool_version, util::kVersion, *file));
            auto plan = backup::replan(*loaded);
            if (!plan) {
                ctx.error(fmt::format("{}: {}", *file, plan.error().message));
                return exit_code::error;
            }
            if (ctx.global.output == OutputFormat::markdown)
                ctx.show(render::View{render::plan_markdown(*plan), nullptr});
            else
                ctx.show(render::plan_view(*plan, render::TextStyle{ctx.global.color}));
            ctx.info(fmt::format("planned {} by descope-mgmt {} from {} (read {})",
                                 loaded->created_at, loaded->tool_version, loaded->config_path,
                                 loaded->environments.empty()
                                     ? std::string("-")
                                     : loaded->environments.front().read_at));
            return plan->has_changes() ? exit_code::ok : exit_code::ok;
        };
    });
}

}  // namespace descope_mgmt::cli
