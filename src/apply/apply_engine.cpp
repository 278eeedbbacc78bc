#include "apply/apply_engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <queue>
#include <thread>

namespace descope_mgmt::apply {

std::string_view to_string(Outcome o) {
    switch (o) {
        case Outcome::succeeded:
            return "succeeded";
        case Outcome::failed:
            return "failed";
        case Outcome::skipped:
            return "skipped";
        case Outcome::not_started:
            return "not-started";
        case Outcome::interrupted:
            return "interrupted";
    }
    return "not-started";
}

namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

/// The scheduling state of one apply: which changes wait for which, and what happened.
class Run {
  public:
    Run(const plan::EnvironmentPlan& plan, api::DescopeApi& api, const ApplyOptions& options,
        const ProgressSink& progress)
        : m_plan(plan), m_api(api), m_options(options), m_progress(progress) {
        const auto& changes = plan.changes;
        m_waiting.assign(changes.size(), 0);
        m_dependents.resize(changes.size());
        m_result_of.assign(changes.size(), kNone);
        for (std::size_t i = 0; i < changes.size(); ++i) {
            if (changes[i].action == plan::Action::no_op) continue;
            m_result_of[i] = m_results.size();
            m_results.push_back(ChangeResult{i, Outcome::not_started, {}, {}, 0, {}});
            for (std::size_t d : changes[i].depends_on) {
                if (d >= i || changes[d].action == plan::Action::no_op) continue;
                ++m_waiting[i];
                m_dependents[d].push_back(i);
            }
            if (m_waiting[i] == 0) m_ready.push(i);
        }
        m_unfinished = m_results.size();
    }

    std::vector<ChangeResult> execute() {
        const int workers =
            std::max(1, std::min<int>(m_options.parallelism, static_cast<int>(m_results.size())));
        if (m_results.empty()) return {};
        std::vector<std::thread> threads;
        for (int w = 1; w < workers; ++w)
            threads.emplace_back([this] { work(); });
        work();
        for (auto& t : threads)
            t.join();
        return std::move(m_results);
    }

  private:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

    bool cancelled() const { return api::is_cancelled(m_options.cancel); }

    void work() {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] {
                return !m_ready.empty() || m_running == 0 || m_unfinished == 0 || cancelled();
            });
            if (m_unfinished == 0 || cancelled() || m_ready.empty()) {
                // Nothing can start: either all done, interrupted, or waiting on others that
                // will wake us; leave when no one is running.
                if (m_unfinished == 0 || cancelled() || m_running == 0) {
                    m_wake.notify_all();
                    return;
                }
                continue;
            }
            const std::size_t index = m_ready.top();
            m_ready.pop();
            ++m_running;
            emit(ProgressEvent::Kind::started, index, nullptr);
            lock.unlock();

            const auto start = Clock::now();
            int calls = 0;
            auto outcome = execute_with_visibility_retries(index, calls);

            lock.lock();
            --m_running;
            ChangeResult& r = m_results[m_result_of[index]];
            r.api_calls = calls;
            r.elapsed = since(start);
            if (outcome) {
                r.outcome = Outcome::succeeded;
                --m_unfinished;
                emit(ProgressEvent::Kind::succeeded, index, &r);
                for (std::size_t d : m_dependents[index]) {
                    if (--m_waiting[d] == 0 && m_results[m_result_of[d]].blocked_by.empty()) {
                        m_ready.push(d);
                    }
                }
            } else {
                // A change cut short by Ctrl-C (e.g. a replace whose create was refused after
                // its delete) is reported as interrupted, not as an API failure.
                r.outcome = outcome.error().cancelled ? Outcome::interrupted : Outcome::failed;
                r.error = outcome.error();
                if (r.error->environment.empty()) r.error->environment = m_plan.environment;
                --m_unfinished;
                emit(ProgressEvent::Kind::failed, index, &r);
                skip_dependents(index);
            }
            m_wake.notify_all();
        }
    }

    /// True when `index` depends on a change that created an object in this run. Only creates
    /// (and replaces, which create again) make objects that Descope may not show yet.
    bool depends_on_new_object(std::size_t index) const {
        for (std::size_t d : m_plan.changes[index].depends_on) {
            const plan::Action a = m_plan.changes[d].action;
            if (a == plan::Action::create || a == plan::Action::replace) return true;
        }
        return false;
    }

    /// A refusal that a not-yet-visible object explains: any 4xx but a bad key or a rate
    /// limit. The status class only: the client never depends on codes or message text (R15).
    static bool may_be_invisible(const api::ApiError& e) {
        return e.http_status >= 400 && e.http_status < 500 && e.http_status != 401 &&
               e.http_status != 403 && e.http_status != 429 && !e.cancelled;
    }

    /// Runs the change; retries it while it may be waiting for an object created moments ago
    /// to become visible (ApplyOptions::visibility_timeout). Runs without the lock.
    api::ApiResult<void> execute_with_visibility_retries(std::size_t index, int& calls) {
        const plan::Change& change = m_plan.changes[index];
        auto outcome = execute_change(change, m_api, calls);
        // A replace is not repeated: its delete may already have happened.
        if (outcome || m_options.visibility_timeout.count() <= 0 ||
            change.action == plan::Action::replace || !depends_on_new_object(index)) {
            return outcome;
        }
        const auto first = Clock::now();
        std::chrono::milliseconds waited{0};
        std::chrono::milliseconds wait{250};
        for (int attempt = 2; !outcome && may_be_invisible(outcome.error()) && !cancelled();
             ++attempt) {
            if (waited + wait > m_options.visibility_timeout) break;
            if (m_options.log) {
                m_options.log(fmt::format(
                    "visibility: {}: {}: {}; a change it depends on was just created and Descope "
                    "may not show it yet: attempt {} in {:.2f} s",
                    m_plan.environment, change.address(), outcome.error().to_string(), attempt,
                    wait.count() / 1000.0));
            }
            if (m_options.sleep) {
                m_options.sleep(wait);
            } else {
                std::this_thread::sleep_for(wait);
            }
            waited += wait;
            wait = std::min(wait * 2, std::chrono::milliseconds{1000});
            outcome = execute_change(change, m_api, calls);
        }
        if (outcome && m_options.log) {
            m_options.log(fmt::format("visibility: {}: {}: applied after {:.2f} s",
                                      m_plan.environment, change.address(),
                                      since(first).count() / 1000.0));
        }
        return outcome;
    }

    /// Marks every change that (transitively) waits for `index` as skipped. Caller holds lock.
    void skip_dependents(std::size_t index) {
        for (std::size_t d : m_dependents[index]) {
            ChangeResult& r = m_results[m_result_of[d]];
            const bool first = r.blocked_by.empty();
            r.blocked_by.push_back(index);
            if (!first) continue;  // already skipped through another dependency
            r.outcome = Outcome::skipped;
            --m_unfinished;
            emit(ProgressEvent::Kind::skipped, d, &r);
            skip_dependents(d);
        }
    }

    void emit(ProgressEvent::Kind kind, std::size_t index, const ChangeResult* result) {
        if (!m_progress) return;
        ProgressEvent e;
        e.kind = kind;
        e.environment = m_plan.environment;
        e.index = index;
        e.change = &m_plan.changes[index];
        e.result = result;
        m_progress(e);
    }

    const plan::EnvironmentPlan& m_plan;
    api::DescopeApi& m_api;
    const ApplyOptions& m_options;
    const ProgressSink& m_progress;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<std::size_t> m_waiting;
    std::vector<std::vector<std::size_t>> m_dependents;
    std::vector<std::size_t> m_result_of;  // change index -> m_results index
    std::vector<ChangeResult> m_results;
    // Plan order among the ready ones, so that parallelism 1 runs exactly the plan's order.
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> m_ready;
    std::size_t m_unfinished = 0;
    int m_running = 0;
};

}  // namespace

EnvironmentReport apply_plan(const plan::EnvironmentPlan& plan, api::DescopeApi& api,
                             const ApplyOptions& options, const ProgressSink& progress) {
    const auto start = Clock::now();
    Run run(plan, api, options, progress);
    EnvironmentReport report;
    report.environment = plan.environment;
    report.results = run.execute();
    for (const ChangeResult& r : report.results) {
        report.api_calls += r.api_calls;
        switch (r.outcome) {
            case Outcome::succeeded:
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
            case Outcome::failed:
            case Outcome::interrupted:
                ++report.failed;
                break;
            case Outcome::skipped:
                ++report.skipped;
                break;
            case Outcome::not_started:
                ++report.not_started;
                break;
        }
    }
    report.interrupted =
        report.not_started > 0 ||
        std::any_of(report.results.begin(), report.results.end(),
                    [](const ChangeResult& r) { return r.outcome == Outcome::interrupted; });
    report.elapsed = since(start);
    return report;
}

}  // namespace descope_mgmt::apply
