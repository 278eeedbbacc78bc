#include "apply/apply_engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <thread>

#include "api/executor.hpp"

namespace descope_mgmt::apply {

namespace {

using Clock = std::chrono::steady_clock;
using api::TaskStatus;

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::chrono::milliseconds since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

/// True when change `index` depends on a change that created an object in this run. Only
/// creates (and replaces, which create again) make objects that Descope may not show yet.
bool depends_on_new_object(const plan::EnvironmentPlan& plan, std::size_t index) {
    for (std::size_t d : plan.changes[index].depends_on) {
        const plan::Action a = plan.changes[d].action;
        if (a == plan::Action::create || a == plan::Action::replace) return true;
    }
    return false;
}

/// A refusal that a not-yet-visible object explains: any 4xx but a bad key or a rate limit.
/// The status class only: the client never depends on codes or message text (R15).
bool may_be_invisible(const api::ApiError& e) {
    return e.http_status >= 400 && e.http_status < 500 && e.http_status != 401 &&
           e.http_status != 403 && e.http_status != 429 && !e.cancelled;
}

/// Runs the change; retries it while it may be waiting for an object created moments ago to
/// become visible (ApplyOptions::visibility_timeout).
api::ApiResult<void> execute_with_visibility_retries(const plan::EnvironmentPlan& plan,
                                                     std::size_t index, api::DescopeApi& api,
                                                     const ApplyOptions& options, int& calls) {
    const plan::Change& change = plan.changes[index];
    auto outcome = execute_change(change, api, calls);
    // A replace is not repeated: its delete may already have happened.
    if (outcome || options.visibility_timeout.count() <= 0 ||
        change.action == plan::Action::replace || !depends_on_new_object(plan, index)) {
        return outcome;
    }
    const auto first = Clock::now();
    std::chrono::milliseconds waited{0};
    std::chrono::milliseconds wait{250};
    for (int attempt = 2;
         !outcome && may_be_invisible(outcome.error()) && !api::is_cancelled(options.cancel);
         ++attempt) {
        if (waited + wait > options.visibility_timeout) break;
        if (options.log) {
            options.log(fmt::format(
                "visibility: {}: {}: {}; a change it depends on was just created and Descope "
                "may not show it yet: attempt {} in {:.2f} s",
                plan.environment, change.address(), outcome.error().to_string(), attempt,
                wait.count() / 1000.0));
        }
        if (options.sleep) {
            options.sleep(wait);
        } else {
            std::this_thread::sleep_for(wait);
        }
        waited += wait;
        wait = std::min(wait * 2, std::chrono::milliseconds{1000});
        outcome = execute_change(change, api, calls);
    }
    if (outcome && options.log) {
        options.log(fmt::format("visibility: {}: {}: applied after {:.2f} s", plan.environment,
                                change.address(), since(first).count() / 1000.0));
    }
    return outcome;
}

/// One task of the run: which environment's change it is, and what it cost.
struct Slot {
    std::size_t target = 0;
    std::size_t change = 0;
    int calls = 0;
    std::chrono::milliseconds elapsed{0};
    Clock::time_point ended;
};

void count(EnvironmentReport& report, const plan::EnvironmentPlan& plan, const ChangeResult& r) {
    report.api_calls += r.api_calls;
    switch (r.outcome) {
        case TaskStatus::succeeded:
            switch (plan.changes[r.index].action) {
                case plan::Action::create:
                    ++report.created;
                    break;
                case plan::Action::update:
                    ++report.updated;
                    break;
                case plan::Action::replace:
                    ++report.replaced;
                    break;
                case plan::Action::remove:
                    ++report.deleted;
                    break;
                case plan::Action::no_op:
                    break;
            }
            break;
        case TaskStatus::failed:
        case TaskStatus::interrupted:
            ++report.failed;
            break;
        case TaskStatus::skipped:
            ++report.skipped;
            break;
        case TaskStatus::not_started:
            ++report.not_started;
            break;
    }
}

}  // namespace

std::vector<EnvironmentReport> apply_plans(const std::vector<ApplyTarget>& targets,
                                           const ApplyOptions& options,
                                           const ProgressSink& progress) {
    const auto start = Clock::now();
    std::vector<Slot> slots;
    std::vector<std::vector<std::size_t>> task_of(targets.size());  // change -> task, or kNone
    std::vector<api::Task> tasks;
    for (std::size_t t = 0; t < targets.size(); ++t) {
        const plan::EnvironmentPlan& plan = *targets[t].plan;
        task_of[t].assign(plan.changes.size(), kNone);
        for (std::size_t i = 0; i < plan.changes.size(); ++i) {
            const plan::Change& change = plan.changes[i];
            if (change.action == plan::Action::no_op) continue;
            api::Task task;
            task.key = plan.environment + " " + change.address();
            task.lane = plan.environment;
            for (std::size_t d : change.depends_on) {
                if (d < i && task_of[t][d] != kNone) task.after.push_back(task_of[t][d]);
            }
            const std::size_t slot = slots.size();
            slots.push_back(Slot{t, i, 0, {}, {}});
            task.run = [&targets, &slots, &options, slot]() -> api::ApiResult<void> {
                Slot& s = slots[slot];
                const ApplyTarget& target = targets[s.target];
                const auto begin = Clock::now();
                auto r = execute_with_visibility_retries(*target.plan, s.change, *target.api,
                                                         options, s.calls);
                s.elapsed = since(begin);
                if (!r && r.error().environment.empty())
                    r.error().environment = target.plan->environment;
                return r;
            };
            task_of[t][i] = tasks.size();
            tasks.push_back(std::move(task));
        }
    }

    // The result of task `i` as the report shows it (change indexes, not task indexes).
    auto result_of = [&](std::size_t i, const api::TaskOutcome& o) {
        const Slot& s = slots[i];
        ChangeResult r{s.change, o.status, o.error, {}, s.calls, s.elapsed};
        for (std::size_t b : o.blocked_by)
            r.blocked_by.push_back(slots[b].change);
        return r;
    };
    const api::TaskObserver observer = [&](const api::TaskEvent& e) {
        Slot& s = slots[e.index];
        if (e.kind == api::TaskEvent::Kind::ended) s.ended = Clock::now();
        if (!progress) return;
        const plan::EnvironmentPlan& plan = *targets[s.target].plan;
        ProgressEvent p;
        p.environment = plan.environment;
        p.index = s.change;
        p.change = &plan.changes[s.change];
        if (e.kind == api::TaskEvent::Kind::started) {
            p.kind = ProgressEvent::Kind::started;
            progress(p);
            return;
        }
        const ChangeResult r = result_of(e.index, *e.outcome);
        switch (r.outcome) {
            case TaskStatus::succeeded:
                p.kind = ProgressEvent::Kind::succeeded;
                break;
            case TaskStatus::skipped:
                p.kind = ProgressEvent::Kind::skipped;
                break;
            case TaskStatus::not_started:
                p.kind = ProgressEvent::Kind::not_started;
                break;
            default:
                p.kind = ProgressEvent::Kind::failed;
                break;
        }
        p.result = &r;
        progress(p);
    };

    const int lane = std::max(1, options.parallelism);
    std::optional<api::Executor> own;
    if (options.executor == nullptr) {
        own.emplace(
            api::ExecutorOptions{lane * static_cast<int>(std::max<std::size_t>(1, targets.size())),
                                 lane, options.cancel});
    }
    api::Executor& executor = options.executor != nullptr ? *options.executor : *own;
    const std::vector<api::TaskOutcome> outcomes = executor.run(std::move(tasks), observer);

    std::vector<EnvironmentReport> reports(targets.size());
    for (std::size_t t = 0; t < targets.size(); ++t) {
        const plan::EnvironmentPlan& plan = *targets[t].plan;
        EnvironmentReport& report = reports[t];
        report.environment = plan.environment;
        Clock::time_point last = start;
        for (std::size_t i = 0; i < plan.changes.size(); ++i) {
            const std::size_t task = task_of[t][i];
            if (task == kNone) continue;
            report.results.push_back(result_of(task, outcomes[task]));
            count(report, plan, report.results.back());
            if (outcomes[task].status == TaskStatus::interrupted) report.interrupted = true;
            last = std::max(last, slots[task].ended);
        }
        // Not started because of Ctrl-C is an interruption; because the environment stopped
        // answering (error.not_sent), a failure of that environment.
        if (report.not_started > 0 && api::is_cancelled(options.cancel)) report.interrupted = true;
        report.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(last - start);
    }
    return reports;
}

EnvironmentReport apply_plan(const plan::EnvironmentPlan& plan, api::DescopeApi& api,
                             const ApplyOptions& options, const ProgressSink& progress) {
    return apply_plans({ApplyTarget{&plan, &api}}, options, progress).front();
}

}  // namespace descope_mgmt::apply
