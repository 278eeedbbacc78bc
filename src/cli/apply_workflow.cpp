// confirm_apply_and_report (plan_workflow.hpp): the changing half of apply and the tenant
// commands.

#include <fmt/format.h>

#include <mutex>

#include "apply/apply_engine.hpp"
#include "cli/automatic_backups.hpp"
#include "cli/confirm.hpp"
#include "cli/context.hpp"
#include "cli/plan_workflow.hpp"
#include "render/apply_json.hpp"
#include "render/apply_text.hpp"

namespace descope_mgmt::cli {

namespace {

void print_nothing_applied(Context& ctx, const plan::Plan& plan, const char* why) {
    ctx.show(render::apply_view(plan, {}, false, render::TextStyle{ctx.global.color}));
    if (why != nullptr) ctx.info(why);
}

/// confirm_apply_and_report() for the environments that were read.
int confirm_and_apply(Context& ctx, Workspace& ws, const plan::Plan& plan,
                      const ApplyFlags& flags) {
    if (!plan.has_changes()) {
        print_nothing_applied(ctx, plan, nullptr);
        return exit_code::ok;
    }
    if (ctx.global.dry_run) {
        print_nothing_applied(ctx, plan, "--dry-run: nothing was changed");
        return exit_code::ok;
    }
    if (!flags.auto_approve) {
        std::vector<std::string> names;
        std::vector<std::string> protected_names;
        for (const auto& e : plan.environments) {
            if (!e.has_changes()) continue;
            names.push_back(e.environment);
            if (e.is_protected) protected_names.push_back(e.environment);
        }
        switch (confirm(ctx, flags.what, names, protected_names)) {
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

    // A way back before the first change: a backup of each environment about to change.
    if (!take_automatic_backups(ctx, ws, plan)) return exit_code::error;
    std::mutex print_mutex;
    const render::TextStyle err_style{ctx.global.color_stderr};
    const apply::ProgressSink progress = [&](const apply::ProgressEvent& e) {
        if (ctx.global.quiet) return;
        if (e.kind == apply::ProgressEvent::Kind::started && ctx.global.verbosity < 1) return;
        const std::string line = render::render_progress(e, err_style);
        std::lock_guard lock(print_mutex);
        fmt::print(ctx.err, "{}", line);
        std::fflush(ctx.err);
    };

    // Environments are separate projects with their own rate limits: one run applies them all
    // at once (lane = environment).
    std::vector<apply::ApplyTarget> targets;
    std::vector<std::size_t> target_env;
    std::vector<api::ApiStatsSnapshot> before;
    for (std::size_t i = 0; i < plan.environments.size(); ++i) {
        if (!plan.environments[i].has_changes()) continue;
        api::DescopeApi& client = ws.client(i);
        targets.push_back({&plan.environments[i], &client});
        target_env.push_back(i);
        before.push_back(client.stats());
    }
    api::Executor executor = ws.executor(flags.parallelism);
    apply::ApplyOptions o;
    o.executor = &executor;
    o.cancel = ws.cancellation();
    o.visibility_timeout =
        std::chrono::milliseconds(static_cast<long long>(flags.visibility_timeout_seconds * 1000));
    if (ctx.global.verbosity >= 1 && !ctx.global.quiet) {
        o.log = [&](const std::string& line) {
            std::lock_guard lock(print_mutex);
            fmt::print(ctx.err, "{}\n", line);
            std::fflush(ctx.err);
        };
    }
    std::vector<apply::EnvironmentReport> done = apply::apply_plans(targets, o, progress);
    bool ok = true;
    bool interrupted = ws.interrupted();
    for (std::size_t t = 0; t < targets.size(); ++t) {
        apply::EnvironmentReport& report = done[t];
        const api::ApiStatsSnapshot after = ws.client(target_env[t]).stats();
        // HTTP requests actually sent (reads before updates and retries included).
        report.api_calls = static_cast<int>(after.calls - before[t].calls);
        report.retries = static_cast<int>(after.retries - before[t].retries);
        ok = ok && report.ok();
        interrupted = interrupted || report.interrupted;
    }
    ctx.show(render::apply_view(plan, done, true, render::TextStyle{ctx.global.color}));
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
    print_plan(ctx, plan);
    if (!within_max_deletes(ctx, plan, max_deletes)) {
        print_nothing_applied(ctx, plan, nullptr);
        return exit_code::error;
    }
    return confirm_apply_and_report(ctx, ws, plan, flags);
}

}  // namespace descope_mgmt::cli
