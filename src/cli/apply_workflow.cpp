// confirm_apply_and_report (plan_workflow.hpp): the changing half of apply and the tenant
// commands.

#include <fmt/format.h>

#include <algorithm>

#include "apply/apply_engine.hpp"
#include "cli/automatic_backups.hpp"
#include "cli/confirm.hpp"
#include "cli/context.hpp"
#include "cli/plan_workflow.hpp"
#include "cli/progress_display.hpp"
#include "render/apply_json.hpp"
#include "render/apply_text.hpp"
#include "render/run_progress.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::cli {

namespace {

/// The run's totals over every environment of `plan` (plan.environments[i] is ws's
/// environment i): `reports` summed, plus the calls of the environments without a report
/// (no changes, or not read): their reads count against the rate limit too.
apply::RunTotals run_totals(Workspace& ws, const plan::Plan& plan,
                            const std::vector<apply::EnvironmentReport>& reports) {
    apply::RunTotals t = apply::sum_reports(reports);
    t.environments = plan.environments.size();
    for (std::size_t i = 0; i < plan.environments.size() && i < ws.size(); ++i) {
        bool reported = false;
        for (const auto& r : reports)
            reported = reported || r.environment == plan.environments[i].environment;
        if (reported) continue;
        const api::ApiStatsSnapshot now = ws.client(i).stats();
        const int calls = static_cast<int>(now.calls - ws.stats_at_open(i).calls);
        t.api_calls += calls;
        t.read_calls += calls;
        t.retries += static_cast<int>(now.retries - ws.stats_at_open(i).retries);
    }
    return t;
}

render::ApplyViewOptions view_options(const Context& ctx, Workspace& ws, const plan::Plan& plan,
                                      const std::vector<apply::EnvironmentReport>& reports) {
    render::ApplyViewOptions o;
    o.style = render::TextStyle{ctx.global.color};
    o.each_not_started = ctx.global.verbosity >= 1;
    o.totals = run_totals(ws, plan, reports);
    return o;
}

void print_nothing_applied(Context& ctx, Workspace& ws, const plan::Plan& plan, const char* why) {
    ctx.show_unless_quiet(render::apply_view(plan, {}, false, view_options(ctx, ws, plan, {})));
    if (why != nullptr) ctx.info(why);
}

/// Sets the calls `report` counts to what client i sent over the run: since the workspace was
/// opened (the plan's read included), the reads being those sent before `apply_began`.
void count_run_calls(Workspace& ws, std::size_t i, const api::ApiStatsSnapshot& apply_began,
                     apply::EnvironmentReport& report) {
    const api::ApiStatsSnapshot& opened = ws.stats_at_open(i);
    const api::ApiStatsSnapshot now = ws.client(i).stats();
    report.api_calls = static_cast<int>(now.calls - opened.calls);
    report.read_calls = static_cast<int>(apply_began.calls - opened.calls);
    report.retries = static_cast<int>(now.retries - opened.retries);
}

/// The environments of `plan` that have changes, in config order (the rollout's order, whatever
/// the order of -e).
std::vector<std::size_t> rollout_order(const Workspace& ws, const plan::Plan& plan) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < plan.environments.size(); ++i)
        if (plan.environments[i].has_changes()) order.push_back(i);
    auto rank = [&](std::size_t i) {
        const auto& declared = ws.config.environments;
        for (std::size_t r = 0; r < declared.size(); ++r)
            if (declared[r].name == plan.environments[i].environment) return r;
        return declared.size();
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
    return order;
}

/// The report of an environment whose turn never came: nothing tried, every change not started
/// (its calls: the plan's read).
apply::EnvironmentReport not_started_report(Workspace& ws, std::size_t i,
                                            const plan::EnvironmentPlan& env,
                                            const std::string& stopped_by, bool interrupted) {
    apply::EnvironmentReport r;
    count_run_calls(ws, i, ws.client(i).stats(), r);
    r.environment = env.environment;
    r.started = false;
    r.stopped_by = stopped_by;
    r.interrupted = interrupted && stopped_by.empty();
    for (const plan::Change& c : env.changes)
        if (c.action != plan::Action::no_op) ++r.not_started;
    return r;
}

/// What the progress line counts: each environment's changes (no-ops aside) and the requests
/// they should cost, in rollout order.
std::vector<render::RunProgress::Changes> changes_of(const plan::Plan& plan,
                                                     const std::vector<std::size_t>& order) {
    std::vector<render::RunProgress::Changes> out;
    for (std::size_t i : order) {
        render::RunProgress::Changes c;
        c.environment = plan.environments[i].environment;
        for (const plan::Change& change : plan.environments[i].changes) {
            if (change.action == plan::Action::no_op) continue;
            ++c.changes;
            c.requests += static_cast<std::size_t>(apply::expected_requests(change));
        }
        out.push_back(std::move(c));
    }
    return out;
}

/// An apply event, as the progress line counts it.
void note_progress(render::RunProgress& progress, const apply::ProgressEvent& e) {
    using Kind = apply::ProgressEvent::Kind;
    if (e.kind == Kind::started) return;
    const auto outcome = e.kind == Kind::succeeded ? render::RunProgress::Outcome::succeeded
                         : e.kind == Kind::failed  ? render::RunProgress::Outcome::failed
                                                   : render::RunProgress::Outcome::skipped;
    progress.change_done(std::string(e.environment),
                         static_cast<std::size_t>(apply::expected_requests(*e.change)), outcome);
}

/// confirm_apply_and_report() for the environments that were read.
int confirm_and_apply(Context& ctx, Workspace& ws, const plan::Plan& plan,
                      const ApplyFlags& flags) {
    if (!plan.has_changes()) {
        print_nothing_applied(ctx, ws, plan, nullptr);
        return exit_code::ok;
    }
    if (ctx.global.dry_run) {
        print_nothing_applied(ctx, ws, plan, "--dry-run: nothing was changed");
        return exit_code::ok;
    }
    // Whatever could stop the run after the answer is checked before the question.
    if (!check_automatic_backup_settings(ctx, ws)) return exit_code::error;
    const bool asks = !flags.auto_approve &&
                      (!flags.reviewed || std::any_of(plan.environments.begin(),
                                                      plan.environments.end(), [](const auto& e) {
                                                          return e.is_protected && e.has_changes();
                                                      }));
    if (asks && ctx.json()) {
        // stdout is the JSON document: there is no readable plan on screen to answer from.
        ctx.error(
            "with -o json, changes are never asked for: stdout is the JSON document, so there "
            "is no plan on screen to answer from; nothing was changed (read the plan with "
            "`plan -o json`, then re-run with -y/--auto-approve)");
        return exit_code::error;
    }
    if (!flags.auto_approve) {
        std::vector<std::string> names;
        std::vector<std::string> protected_names;
        for (const auto& e : plan.environments) {
            if (!e.has_changes()) continue;
            names.push_back(e.environment);
            if (e.is_protected) protected_names.push_back(e.environment);
        }
        switch (confirm(ctx, flags.what, names, protected_names, !flags.reviewed)) {
            case Confirmation::approved:
                break;
            case Confirmation::no_terminal:
                ctx.error(
                    "cannot ask for confirmation: standard input is not a terminal; nothing was "
                    "changed (re-run with --auto-approve to apply without asking)");
                return exit_code::error;
            case Confirmation::declined:
                ctx.error("cancelled: nothing was changed");
                return exit_code::error;
        }
    }

    const render::TextStyle err_style{ctx.global.color_stderr};
    ProgressPhase shown;  // the progress line, from the first backup to the report
    const apply::ProgressSink progress = [&](const apply::ProgressEvent& e) {
        if (render::RunProgress* p = shown.progress(); p && e.change != nullptr)
            note_progress(*p, e);
        if (ctx.global.quiet) return;
        if (e.kind == apply::ProgressEvent::Kind::started && ctx.global.verbosity < 1) return;
        // The report sums up what was left not started, in one line per environment.
        if (e.kind == apply::ProgressEvent::Kind::not_started && ctx.global.verbosity < 1) return;
        ctx.write_err(render::render_progress(e, err_style));
    };
    api::Executor executor = ws.executor(flags.parallelism);
    apply::ApplyOptions o;
    o.executor = &executor;
    o.cancel = ws.cancellation();
    o.visibility_timeout =
        std::chrono::milliseconds(static_cast<long long>(flags.visibility_timeout_seconds * 1000));
    if (ctx.global.verbosity >= 1 && !ctx.global.quiet) {
        o.log = [&](const std::string& line) { ctx.write_err(line + "\n"); };
    }
    // Applies the environments `envs` (indexes into plan.environments) as one run (lane =
    // environment) and fills in what their clients counted over the run (reads included).
    auto apply_together = [&](const std::vector<std::size_t>& envs) {
        std::vector<apply::ApplyTarget> targets;
        std::vector<api::ApiStatsSnapshot> before;
        for (std::size_t i : envs) {
            api::DescopeApi& client = ws.client(i);
            targets.push_back({&plan.environments[i], &client});
            before.push_back(client.stats());
        }
        std::vector<apply::EnvironmentReport> reports = apply::apply_plans(targets, o, progress);
        for (std::size_t t = 0; t < envs.size(); ++t)
            count_run_calls(ws, envs[t], before[t], reports[t]);
        return reports;
    };

    const std::vector<std::size_t> order = rollout_order(ws, plan);
    shown = show_changes(ctx, changes_of(plan, order), !flags.parallel && order.size() > 1);
    std::vector<apply::EnvironmentReport> done;
    std::vector<std::string> left;  // not started: an earlier environment failed
    std::string stopped_by;
    if (flags.parallel || order.size() <= 1) {
        // A way back before the first change: a backup of each environment about to change.
        if (!take_automatic_backups(ctx, ws, plan)) return exit_code::error;
        // Environments are separate projects with their own rate limits: one run applies them
        // all at once (lane = environment).
        done = apply_together(order);
    } else {
        // One at a time, in config order (test before prod): the first environment that fails
        // stops the rollout, and the later ones are left as they were. Each is backed up just
        // before its own turn, so its backup shows it as the rollout found it.
        for (std::size_t i : order) {
            const plan::EnvironmentPlan& env = plan.environments[i];
            if (!stopped_by.empty() || ws.interrupted()) {
                done.push_back(not_started_report(ws, i, env, stopped_by, ws.interrupted()));
                left.push_back(env.environment);
                continue;
            }
            if (!take_automatic_backups(ctx, ws, plan, i)) {
                if (done.empty()) return exit_code::error;  // nothing was changed anywhere
                // Its own backup failed (printed): it and the later ones are left alone.
                if (!ws.interrupted()) stopped_by = env.environment;
                done.push_back(not_started_report(ws, i, env, stopped_by, ws.interrupted()));
                left.push_back(env.environment);
                continue;
            }
            done.push_back(std::move(apply_together({i}).front()));
            // Ctrl-C is not a failure of the environment: the later ones say "interrupted".
            if (!done.back().ok() && !ws.interrupted()) stopped_by = env.environment;
        }
    }
    bool ok = true;
    bool interrupted = ws.interrupted();
    for (const apply::EnvironmentReport& report : done) {
        ok = ok && report.ok();
        interrupted = interrupted || report.interrupted;
    }
    shown.end();  // before the report: the line is erased
    ctx.show_unless_quiet(render::apply_view(plan, done, true, view_options(ctx, ws, plan, done)));
    if (interrupted) {
        ctx.error(
            "interrupted: changes in flight finished, nothing new was started; run plan "
            "to see what is left");
        return exit_code::interrupted;
    }
    if (!ok) {
        ctx.error(
            "some changes failed (see above); what succeeded stays applied, and running "
            "apply again does the rest");
        if (!left.empty())
            ctx.error(fmt::format(
                "not started: {} ({} failed first; environments are changed one at a time, in "
                "config order, and the first that fails stops the rollout; --parallel changes "
                "them side by side)",
                util::join(left, ", "), stopped_by));
        return exit_code::error;
    }
    return exit_code::ok;
}

}  // namespace

int confirm_apply_and_report(Context& ctx, Workspace& ws, const plan::Plan& plan,
                             const ApplyFlags& flags) {
    // An environment that could not be read has no changes: the others go ahead as usual
    // (confirmation, protected environments, backups), and the command still fails.
    const int rc = confirm_and_apply(ctx, ws, plan, flags);
    if (!report_unread_environments(ctx, plan, "the other environments are reported above"))
        return rc;
    return rc == exit_code::ok ? exit_code::error : rc;
}

int show_plan_then_apply(Context& ctx, Workspace& ws, const plan::Plan& plan, int max_deletes,
                         const ApplyFlags& flags) {
    print_plan(ctx, plan, !flags.auto_approve && !ctx.global.dry_run && plan.has_changes());
    if (!within_max_deletes(ctx, plan, max_deletes)) {
        print_nothing_applied(ctx, ws, plan, nullptr);
        return exit_code::error;
    }
    return confirm_apply_and_report(ctx, ws, plan, flags);
}

}  // namespace descope_mgmt::cli
