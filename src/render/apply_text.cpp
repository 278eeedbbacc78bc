#include "render/apply_text.hpp"

#include <fmt/format.h>

#include "render/plan_text.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::render {

namespace {

std::string done_word(plan::Action a) {
    switch (a) {
        case plan::Action::create:
            return "created";
        case plan::Action::update:
            return "updated";
        case plan::Action::replace:
            return "replaced";
        case plan::Action::remove:
            return "deleted";
        case plan::Action::no_op:
            break;
    }
    return "unchanged";
}

std::string plain_address(const plan::Change& c) {
    return fmt::format("{} {} {}", plan::symbol(c.action), plan::to_string(c.kind),
                       util::terminal_safe(c.key));
}

std::string seconds(std::chrono::milliseconds ms) {
    if (ms.count() < 10'000) return fmt::format("{} ms", ms.count());
    return fmt::format("{:.1f} s", static_cast<double>(ms.count()) / 1000.0);
}

std::string blocked_by(const plan::EnvironmentPlan& plan, const apply::ChangeResult& r) {
    std::vector<std::string> names;
    for (std::size_t i : r.blocked_by) {
        names.push_back(fmt::format("{} {}", plan::to_string(plan.changes[i].kind),
                                    util::terminal_safe(plan.changes[i].key)));
    }
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i)
        list += (i ? ", " : "") + names[i];
    return list;
}

/// "api: 23 calls (7 to read, 16 to apply), 1 retry": every request counted against the
/// environment's rate limit, reads and changes apart.
std::string calls_text(int calls, int read_calls, int retries) {
    return fmt::format("api: {} call{} ({} to read, {} to apply), {} retr{}", calls,
                       calls == 1 ? "" : "s", read_calls, calls - read_calls, retries,
                       retries == 1 ? "y" : "ies");
}

std::string changes_word(std::size_t n) {
    return fmt::format("{} change{}", n, n == 1 ? "" : "s");
}

}  // namespace

std::string render_progress(const apply::ProgressEvent& e, const TextStyle& style) {
    const std::string title = change_title(*e.change, style);
    const std::string environment = util::terminal_safe(e.environment);
    switch (e.kind) {
        case apply::ProgressEvent::Kind::started:
            return fmt::format("{}: {}: ...\n", environment, title);
        case apply::ProgressEvent::Kind::succeeded:
            return fmt::format("{}: {}: {} ({} ms)\n", environment, title,
                               done_word(e.change->action), e.result->elapsed.count());
        case apply::ProgressEvent::Kind::failed:
            return fmt::format("{}: {}: {} {}\n", environment, title,
                               colored(style, plan::Action::remove, "failed:"),
                               e.result->error ? e.result->error->to_string() : "unknown error");
        case apply::ProgressEvent::Kind::skipped:
            return fmt::format("{}: {}: skipped (a change it needs did not succeed)\n", environment,
                               title);
        case apply::ProgressEvent::Kind::not_started:
            return fmt::format("{}: {}: not started ({} stopped answering)\n", environment, title,
                               environment);
    }
    return {};
}

std::string render_report_text(const plan::EnvironmentPlan& plan, const apply::EnvironmentReport& r,
                               const TextStyle& style, bool each_not_started) {
    if (!r.started) {
        // One line, not one per change: nothing of this environment was tried.
        const std::string why = r.stopped_by.empty() ? std::string("interrupted before its turn")
                                : r.stopped_by == r.environment
                                    ? std::string("its backup could not be taken")
                                    : r.stopped_by + " failed first";
        return fmt::format("{}: not started ({}): {} left as they were; {}\n",
                           bold(style, r.environment), why, changes_word(r.not_started),
                           calls_text(r.api_calls, r.read_calls, r.retries));
    }
    std::string out = fmt::format("{}: {} created, {} updated, {} deleted",
                                  bold(style, r.environment), r.created, r.updated, r.deleted);
    if (r.replaced > 0) out += fmt::format(", {} replaced", r.replaced);
    out += fmt::format(", {} failed, {} skipped", r.failed, r.skipped);
    if (r.not_started > 0) out += fmt::format(", {} not started", r.not_started);
    out += fmt::format("; {}, {}\n", calls_text(r.api_calls, r.read_calls, r.retries),
                       seconds(r.elapsed));
    // What Ctrl-C (or an environment that stopped answering) left: one line per cause, not one
    // per change, unless -v.
    std::size_t left_interrupted = 0;
    std::size_t left_unanswered = 0;
    for (const apply::ChangeResult& c : r.results) {
        if (c.outcome != api::TaskStatus::not_started) continue;
        ++(c.error && c.error->not_sent ? left_unanswered : left_interrupted);
    }
    for (const apply::ChangeResult& c : r.results) {
        const plan::Change& change = plan.changes[c.index];
        switch (c.outcome) {
            case api::TaskStatus::succeeded:
                break;
            case api::TaskStatus::failed:
                out += fmt::format("  failed:      {}: {}\n", plain_address(change),
                                   c.error ? c.error->to_string() : "unknown error");
                break;
            case api::TaskStatus::skipped:
                out += fmt::format("  skipped:     {} (needs {}, which did not succeed)\n",
                                   plain_address(change), blocked_by(plan, c));
                break;
            case api::TaskStatus::not_started:
                if (!each_not_started) break;
                out +=
                    fmt::format("  not started: {} ({})\n", plain_address(change),
                                c.error && c.error->not_sent ? r.environment + " stopped answering"
                                                             : std::string("interrupted"));
                break;
            case api::TaskStatus::interrupted:
                out += fmt::format("  interrupted: {}: {}\n", plain_address(change),
                                   c.error ? c.error->to_string() : "interrupted");
                break;
        }
    }
    if (!each_not_started) {
        if (left_interrupted > 0)
            out += fmt::format("  not started: {} (interrupted; -v lists them)\n",
                               changes_word(left_interrupted));
        if (left_unanswered > 0)
            out += fmt::format("  not started: {} ({} stopped answering; -v lists them)\n",
                               changes_word(left_unanswered), util::terminal_safe(r.environment));
    }
    return out;
}

std::string render_totals_text(const apply::RunTotals& t, const TextStyle& style) {
    std::string out = fmt::format("{}: {} created, {} updated, {} deleted", bold(style, "total"),
                                  t.created, t.updated, t.deleted);
    if (t.replaced > 0) out += fmt::format(", {} replaced", t.replaced);
    out += fmt::format(", {} failed, {} skipped", t.failed, t.skipped);
    if (t.not_started > 0) out += fmt::format(", {} not started", t.not_started);
    out += fmt::format(" in {} environment{}; {}\n", t.environments, t.environments == 1 ? "" : "s",
                       calls_text(t.api_calls, t.read_calls, t.retries));
    return out;
}

}  // namespace descope_mgmt::render
