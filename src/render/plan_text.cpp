#include "render/plan_text.hpp"

#include <fmt/format.h>

#include "util/terminal_text.hpp"

namespace descope_mgmt::render {

using plan::Action;

std::string summary_line(const plan::EnvironmentPlan& plan) {
    const plan::Summary s = plan.summary();
    const std::string environment = util::terminal_safe(plan.environment);
    if (s.total() == 0) return fmt::format("{}: no changes", environment);
    std::string line = fmt::format("{}: {} to create, {} to update, {} to delete", environment,
                                   s.create, s.update, s.remove);
    if (s.replace > 0) line += fmt::format(", {} to replace", s.replace);
    return line;
}

std::string total_line(const plan::Plan& plan) {
    plan::Summary s;
    std::size_t unread = 0;
    for (const plan::EnvironmentPlan& e : plan.environments) {
        if (e.read_error) ++unread;
        const plan::Summary one = e.summary();
        s.create += one.create;
        s.update += one.update;
        s.replace += one.replace;
        s.remove += one.remove;
    }
    const std::size_t n = plan.environments.size();
    std::string line = "total: ";
    if (s.total() == 0) {
        line += "no changes";
    } else {
        line +=
            fmt::format("{} to create, {} to update, {} to delete", s.create, s.update, s.remove);
        if (s.replace > 0) line += fmt::format(", {} to replace", s.replace);
    }
    line += fmt::format(" in {} environment{}", n, n == 1 ? "" : "s");
    if (unread > 0) line += fmt::format(" ({} not planned)", unread);
    return line;
}

std::string change_title(const plan::Change& change, const TextStyle& style) {
    // The theme is a singleton: "~ theme", not "~ theme theme".
    if (change.kind == plan::ResourceKind::theme) {
        return fmt::format("{} theme", colored(style, change.action, plan::symbol(change.action)));
    }
    std::string title =
        fmt::format("{} {} {}", colored(style, change.action, plan::symbol(change.action)),
                    plan::to_string(change.kind), bold(style, change.key));
    // A deleted tenant is easier to recognise by its name than by its id.
    if (change.action == Action::remove && change.kind == plan::ResourceKind::tenant &&
        change.live) {
        if (const auto* t = std::get_if<model::Tenant>(&*change.live); t && !t->name.empty()) {
            title += fmt::format(" ({})", format_value(t->name));
        }
    }
    return title;
}

std::string render_plan_text(const plan::EnvironmentPlan& plan, const TextStyle& style) {
    if (plan.read_error) {
        // The words of the error printed above it: "reading the tenants failed".
        return fmt::format("{}: not planned: {} failed (see the error above)\n",
                           util::terminal_safe(plan.environment), plan.read_error->activity());
    }
    std::string out;
    const bool changes = plan.has_changes();
    // DESCOPE_BASE_URL: where the environment was really read, in its header or, with no
    // header, on its one line ("no changes" from the emulator says nothing about prod).
    const std::string via =
        plan.base_url_override
            ? fmt::format("via {} (DESCOPE_BASE_URL)", util::terminal_safe(*plan.base_url_override))
            : std::string();
    const bool header = changes || !plan.notes.empty();
    if (header) {
        out += bold(style, plan.environment);
        if (!plan.project_id.empty())
            out += fmt::format(" (project {})", util::terminal_safe(plan.project_id));
        if (plan.is_protected) out += " [protected]";
        if (!via.empty()) out += " " + via;
        out += '\n';
    }
    for (const plan::Change& c : plan.changes) {
        if (c.action == Action::no_op) continue;
        out += fmt::format("  {}\n", change_title(c, style));
        for (const plan::FieldChange& f : c.fields) {
            if (c.action == Action::create) {
                out += fmt::format("      {}: {}\n", util::terminal_safe(f.field),
                                   format_value(f.after));
            } else {
                out += fmt::format("      {}: {} -> {}\n", util::terminal_safe(f.field),
                                   format_value(f.before), format_value(f.after));
            }
        }
        if (!c.json_changes.empty()) {
            plan::JsonDiffRenderOptions options;
            options.indent = "      ";
            options.max_changes = 50;
            // Paths and values come from flow files and the server.
            out += util::terminal_safe_lines(plan::render_json_diff(c.json_changes, options));
        }
        if (!c.reason.empty()) out += fmt::format("      {}\n", dim(style, "# " + c.reason));
    }
    for (const std::string& note : plan.notes) {
        out += fmt::format("  {}\n", dim(style, "note: " + note));
    }
    out += summary_line(plan);
    if (!header && !via.empty()) out += ", " + via;
    out += '\n';
    return out;
}

std::string render_plan_text(const plan::Plan& plan, const TextStyle& style) {
    // Environments with changes are separated by a blank line; "prod: no changes" lines stay
    // together.
    std::string out;
    bool previous_block = false;
    for (std::size_t i = 0; i < plan.environments.size(); ++i) {
        const std::string block = render_plan_text(plan.environments[i], style);
        const bool is_block = block.find('\n') + 1 < block.size();
        if (i > 0 && (is_block || previous_block)) out += '\n';
        out += block;
        previous_block = is_block;
    }
    if (plan.environments.size() > 1) {
        if (previous_block) out += '\n';
        out += total_line(plan);
        out += '\n';
    }
    return out;
}

}  // namespace descope_mgmt::render
