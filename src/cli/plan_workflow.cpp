#include "cli/plan_workflow.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <set>

#include "backup/timestamp.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/progress_display.hpp"
#include "plan/live_reader.hpp"
#include "render/plan_json.hpp"
#include "render/plan_text.hpp"
#include "util/strings.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::cli {

void add_apply_flags(CLI::App& sub, ApplyFlags& flags, const std::string& help) {
    sub.add_flag(kYesFlags, flags.auto_approve, help);
    sub.add_flag("--parallel", flags.parallel,
                 "change every environment at the same time; by default they are changed one at "
                 "a time, in config order, and the first that fails stops the rest");
    sub.add_option("--parallelism", flags.parallelism,
                   "changes of one environment applied at the same time (default 4)")
        ->type_name("N")
        ->check(CLI::Range(1, 64));
    sub.add_option("--visibility-timeout", flags.visibility_timeout_seconds,
                   "Descope shows a new object only after a moment: a change that needs an "
                   "object created earlier in the same run retries a refusal for up to this "
                   "many seconds (default 5; 0 = never; -v shows each retry)")
        ->type_name("SECONDS")
        ->check(CLI::Range(0.0, 300.0));
}

void add_plan_flags(CLI::App& sub, PlanFlags& flags) {
    sub.add_option("--target", flags.targets,
                   "limit to resources and what they need: tenant:ID (with its settings and "
                   "default roles), tenant_settings:ID, tenant_default_roles:ID, role:NAME, "
                   "role:TENANT/NAME, permission:NAME, flow:ID, theme, project; every `address` "
                   "of plan -o json; repeatable")
        ->type_name("TYPE:KEY");
    sub.add_option("--prune", flags.prune,
                   "also delete undeclared live objects of TYPE (tenants, roles, permissions, "
                   "flows); repeatable; adds to defaults.prune")
        ->type_name("TYPE");
    sub.add_option("--max-deletes", flags.max_deletes,
                   "refuse (exit 1, nothing changed) when an environment's plan deletes or "
                   "replaces more than N objects")
        ->type_name("N")
        ->check(CLI::NonNegativeNumber);
}

util::Result<plan::PlanOptions> plan_options(const config::Config& config, const PlanFlags& flags) {
    plan::PlanOptions o;
    o.prune = config.defaults.prune;
    for (const std::string& word : flags.prune) {
        const auto t = model::parse_prune_type(word);
        if (!t) {
            std::string message = fmt::format(
                "invalid --prune '{}': expected tenants, roles, permissions or flows (or the "
                "singular)",
                util::terminal_safe(word));
            if (auto m = util::closest_match(word, model::prune_type_names())) {
                message += fmt::format("; did you mean '{}'?", *m);
            }
            return util::error(message);
        }
        o.prune.insert(*t);
    }
    for (const std::string& text : flags.targets) {
        auto t = plan::parse_target(text);
        if (!t) return util::error(t.error().message);
        o.targets.push_back(*t);
    }
    return o;
}

std::optional<plan::Plan> make_plan(Context& ctx, Workspace& ws, const plan::PlanOptions& options,
                                    const DesiredEdit& edit, PlanInputs* inputs) {
    std::vector<model::DesiredState> desired;
    for (const model::Environment* env : ws.environments) {
        desired.push_back(config::desired_state(ws.config, env->name));
        if (edit) edit(desired.back());
    }
    return make_plan_from(ctx, ws, std::move(desired), options, inputs);
}

bool LiveStates::all_read() const {
    for (const auto& e : errors)
        if (e) return false;
    return true;
}

std::vector<plan::LiveReadResult> read_live_all_shown(
    Context& ctx, const std::vector<plan::LiveReadTarget>& targets, api::Executor& executor) {
    std::vector<std::string> names;
    for (const plan::LiveReadTarget& t : targets)
        names.push_back(t.environment);
    ProgressPhase shown = show_reads(ctx, names);
    plan::ReadObserver observer;
    if (render::RunProgress* progress = shown.progress()) {
        observer = [progress, &names](const plan::ReadProgress& p) {
            if (p.kind == plan::ReadProgress::Kind::planned)
                progress->reads_planned(names[p.target], p.count, p.last_round);
            else
                progress->read_done(names[p.target]);
        };
    }
    return plan::read_live_all(targets, executor, observer);
}

std::optional<LiveStates> read_each_live_state(Context& ctx, Workspace& ws,
                                               const std::vector<plan::ReadScope>& scopes) {
    const std::size_t n = ws.environments.size();
    std::vector<plan::LiveReadTarget> targets;
    for (std::size_t i = 0; i < n; ++i)
        targets.push_back({&ws.client(i), ws.environments[i]->name, scopes[i]});
    api::Executor executor = ws.executor();
    LiveStates out;
    out.scopes = scopes;
    out.read_at = std::chrono::system_clock::now();
    auto live = read_live_all_shown(ctx, targets, executor);
    if (ws.interrupted()) {
        ctx.error("interrupted while reading the live state; nothing was changed");
        return std::nullopt;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (!live[i].state) {
            // "dev: reading the tenants: HTTP 500 ...": the environment and the operation.
            ctx.error(live[i].state.error().to_string());
            out.states.emplace_back();
            out.errors.push_back(std::move(live[i].state.error()));
        } else {
            out.states.push_back(std::move(*live[i].state));
            out.errors.emplace_back();
        }
    }
    return out;
}

std::optional<LiveStates> read_live_states(Context& ctx, Workspace& ws,
                                           const std::vector<plan::ReadScope>& scopes) {
    auto live = read_each_live_state(ctx, ws, scopes);
    if (!live || !live->all_read()) return std::nullopt;
    return live;
}

void keep_live_reads(plan::Plan& plan, const LiveStates& live) {
    for (std::size_t i = 0; i < plan.environments.size() && i < live.states.size(); ++i) {
        if (live.errors[i] || i >= live.scopes.size()) continue;
        if (plan.environments[i].environment != live.states[i].environment) continue;
        auto basis = std::make_shared<plan::LiveBasis>();
        basis->state = live.states[i];
        basis->scope = live.scopes[i];
        basis->read_at = live.read_at;
        plan.environments[i].live = std::move(basis);
    }
}

std::optional<plan::Plan> diff_all(Context& ctx, const Workspace& ws,
                                   const std::vector<model::DesiredState>& desired,
                                   const LiveStates& live, const plan::PlanOptions& options) {
    bool failed = false;
    plan::Plan plan;
    for (std::size_t i = 0; i < desired.size(); ++i) {
        const model::Environment& env = *ws.environments[i];
        if (live.errors[i]) {
            plan::EnvironmentPlan unread;
            unread.environment = env.name;
            unread.project_id = env.project_id;
            unread.is_protected = env.is_protected;
            if (env.overridden_base_url) unread.base_url_override = env.base_url;
            unread.read_error = live.errors[i];
            plan.environments.push_back(std::move(unread));
            continue;
        }
        auto p = plan::diff(desired[i], live.states[i], options);
        if (!p) {
            ctx.report(p.error());
            failed = true;
            continue;
        }
        p->project_id = env.project_id;
        p->is_protected = env.is_protected;
        if (env.overridden_base_url) p->base_url_override = env.base_url;
        plan.environments.push_back(std::move(*p));
    }
    if (failed) return std::nullopt;
    keep_live_reads(plan, live);
    return plan;
}

bool report_unread_environments(Context& ctx, const plan::Plan& plan, const char* outcome) {
    std::vector<std::string> names;
    for (const auto& e : plan.environments)
        if (e.read_error) names.push_back(e.environment);
    if (names.empty()) return false;
    std::string message = util::join(names, ", ");
    message.append(" could not be read, so nothing was planned or changed there (see above)");
    if (names.size() < plan.environments.size()) message.append("; ").append(outcome);
    ctx.error(message);
    return true;
}

std::optional<plan::Plan> make_plan_from(Context& ctx, Workspace& ws,
                                         std::vector<model::DesiredState> desired,
                                         const plan::PlanOptions& options, PlanInputs* inputs) {
    const std::string read_at = backup::format_iso8601(backup::now_utc());
    auto live = read_each_live_state(ctx, ws, plan::ReadScope::for_diff(desired));
    if (!live) return std::nullopt;
    // A target that names nothing anywhere is a typo, not an empty plan. (An environment that
    // was not read contributes what it declares.)
    std::set<std::string> known;
    for (std::size_t i = 0; i < desired.size(); ++i) {
        for (auto& a : plan::target_addresses(desired[i], live->states[i]))
            known.insert(std::move(a));
    }
    bool failed = false;
    for (const plan::Target& t : options.targets) {
        if (known.count(t.owner().to_string())) continue;
        std::string message =
            fmt::format("--target {} matches nothing declared or live in the selected environments",
                        t.to_string());
        if (auto m = util::closest_match(t.to_string(), {known.begin(), known.end()})) {
            message += fmt::format("; did you mean '{}'?", *m);
        }
        ctx.error(message);
        failed = true;
    }
    if (failed) return std::nullopt;
    auto plan = diff_all(ctx, ws, desired, *live, options);
    if (plan && inputs != nullptr) *inputs = {std::move(desired), std::move(*live), read_at};
    return plan;
}

bool within_max_deletes(Context& ctx, const plan::Plan& plan, int max_deletes) {
    if (max_deletes < 0) return true;
    bool ok = true;
    for (const auto& e : plan.environments) {
        auto r = plan::check_max_deletes(e, static_cast<std::size_t>(max_deletes));
        if (!r) {
            ctx.error(r.error().message);
            ok = false;
        }
    }
    return ok;
}

void print_plan(Context& ctx, const plan::Plan& plan, bool will_ask) {
    // -q is errors only, unless a question follows: nobody answers one blind.
    if (ctx.global.quiet && !will_ask) return;
    ctx.preview(render::render_plan_text(plan, render::TextStyle{ctx.global.color}));
}

}  // namespace descope_mgmt::cli
