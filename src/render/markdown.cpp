#include "render/markdown.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "plan/json_diff.hpp"
#include "render/drift_report.hpp"
#include "render/plan_text.hpp"
#include "render/text_style.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::render {

using plan::Action;

namespace {

/// `text` made terminal-safe, then each character in `entities` written as its HTML entity
/// ("&#NN;"), and each in `backslashed` preceded by a backslash.
std::string escape_markup(std::string_view text, std::string_view entities,
                          std::string_view backslashed) {
    const std::string safe = util::terminal_safe(text, util::kMaxShownLineBytes);
    std::string out;
    out.reserve(safe.size() + safe.size() / 4);
    for (const char c : safe) {
        if (entities.find(c) != std::string_view::npos) {
            out += fmt::format("&#{};", static_cast<int>(c));
            continue;
        }
        if (backslashed.find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::string markdown_inline(std::string_view text) {
    // HTML's three, "@org/team" (a ping) and "#123" (an issue link) as entities; what can open
    // emphasis, code, a link, a table cell or strikethrough mid-line backslashed (the text never
    // starts a line, so + and - need nothing).
    return escape_markup(text, "<>&@#", "\\`*_[]|~");
}

std::string html_text(std::string_view text) {
    return escape_markup(text, "<>&\"", "");
}

std::string markdown_fence(std::string_view content) {
    std::size_t longest = 0;
    std::size_t run = 0;
    for (const char c : content) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

namespace {

/// Room kept for the closing note and the cut markers.
constexpr std::size_t kReserve = 600;
/// Deletions named one by one in the callout, per environment.
constexpr std::size_t kCalloutItems = 20;

std::string markdown_plural(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

/// "tenant acme", "theme": a change's object, as the plan names it.
std::string object_name(const plan::Change& c) {
    if (c.kind == plan::ResourceKind::theme) return "theme";
    return fmt::format("{} {}", plan::to_string(c.kind), c.key);
}

/// The lines of one change in a `diff` block: the title, then each field, with `-` before and
/// `+` after, so that GitHub colours what goes and what comes.
std::string change_lines(const plan::Change& c) {
    std::string out = util::terminal_safe(change_title(c, TextStyle{})) + "\n";
    for (const plan::FieldChange& f : c.fields) {
        const std::string field = util::terminal_safe(f.field);
        if (c.action == Action::create) {
            out += fmt::format("+     {}: {}\n", field, format_value(f.after));
        } else {
            out += fmt::format("-     {}: {}\n", field, format_value(f.before));
            out += fmt::format("+     {}: {}\n", field, format_value(f.after));
        }
    }
    if (!c.json_changes.empty()) {
        plan::JsonDiffRenderOptions o;
        o.indent = "      ";
        o.max_changes = 50;
        out += util::terminal_safe_lines(plan::render_json_diff(c.json_changes, o));
    }
    if (!c.reason.empty()) out += "#     " + util::terminal_safe(c.reason) + "\n";
    return out;
}

/// One environment's collapsible block, cut to `budget` bytes when it does not fit: every
/// change that fits, then a line saying how many were left out. Empty when not even the block's
/// frame fits. `cut` gets the number of changes left out.
std::string details_block(std::string_view summary, bool open,
                          const std::vector<std::string>& chunks,
                          const std::vector<std::string>& notes, std::size_t budget,
                          std::size_t& cut, std::string_view how_to_see_all) {
    std::string body;
    for (const auto& chunk : chunks)
        body += chunk;
    const std::string fence = markdown_fence(body);
    const std::string opening = fmt::format("<details{}><summary>{}</summary>\n\n{}diff\n",
                                            open ? " open" : "", summary, fence);
    std::string notes_text;
    for (const std::string& note : notes)
        notes_text += "* " + markdown_inline("note: " + note) + "\n";
    const std::string closing =
        fmt::format("{}\n{}{}\n</details>\n\n", fence, notes_text.empty() ? "" : "\n", notes_text);
    cut = 0;
    if (opening.size() + body.size() + closing.size() <= budget) return opening + body + closing;
    const std::string marker_model =
        fmt::format("# ... {} more changes not shown: {}\n", chunks.size(), how_to_see_all);
    if (opening.size() + closing.size() + marker_model.size() > budget) {
        cut = chunks.size();
        return {};
    }
    std::string out = opening;
    std::size_t used = opening.size() + closing.size() + marker_model.size();
    std::size_t shown = 0;
    for (; shown < chunks.size() && used + chunks[shown].size() <= budget; ++shown) {
        out += chunks[shown];
        used += chunks[shown].size();
    }
    cut = chunks.size() - shown;
    if (cut > 0)
        out += fmt::format("# ... {} not shown: {}\n",
                           markdown_plural(cut, "more change", "more changes"), how_to_see_all);
    out += closing;
    return out;
}

/// The note at the end of a document that was cut.
std::string cut_note(std::size_t changes, std::size_t environments, std::string_view command) {
    return fmt::format(
        "> [!NOTE]\n> Cut to stay within GitHub's 65,536-character comment limit: {} in {} "
        "{} not shown. Run `descope-mgmt {}` to see everything.\n",
        markdown_plural(changes, "change", "changes"),
        markdown_plural(environments, "environment", "environments"), changes == 1 ? "is" : "are",
        command);
}

std::string environment_summary(const plan::EnvironmentPlan& e) {
    std::string s = "<b>" + html_text(e.environment) + "</b>";
    if (e.is_protected) s += " (protected)";
    const plan::Summary n = e.summary();
    if (n.total() == 0) return s + ": no changes";
    s += fmt::format(": {} to create, {} to update, {} to delete", n.create, n.update, n.remove);
    if (n.replace > 0) s += fmt::format(", {} to replace", n.replace);
    return s;
}

/// Deletes and replaces named first, protected environments that change next: what a reviewer
/// must not miss.
std::string callouts(const plan::Plan& plan) {
    std::string deletes;
    std::vector<std::string> protected_changing;
    for (const auto& e : plan.environments) {
        if (e.is_protected && e.has_changes()) protected_changing.push_back(e.environment);
        std::vector<std::string> gone;
        for (const plan::Change& c : e.changes)
            if (c.action == Action::remove || c.action == Action::replace)
                gone.push_back((c.action == Action::replace ? "replace " : "delete ") +
                               object_name(c));
        if (gone.empty()) continue;
        std::string line = "> **" + markdown_inline(e.environment) + "**";
        if (e.is_protected) line += " (protected)";
        line += ": ";
        for (std::size_t i = 0; i < gone.size() && i < kCalloutItems; ++i)
            line += (i ? ", " : "") + markdown_inline(gone[i]);
        if (gone.size() > kCalloutItems)
            line += fmt::format(", and {} more", gone.size() - kCalloutItems);
        deletes += line + "\n";
    }
    std::string out;
    if (!deletes.empty()) out += "> [!CAUTION]\n> **Deletes**\n>\n" + deletes + "\n";
    if (!protected_changing.empty()) {
        std::string names;
        for (const auto& n : protected_changing)
            names += (names.empty() ? "" : ", ") + ("**" + markdown_inline(n) + "**");
        out += "> [!WARNING]\n> Protected environments that change: " + names +
               ". Applying asks for each one's name unless `-y` is given.\n\n";
    }
    return out;
}

std::string summary_table(const plan::Plan& plan) {
    std::string out =
        "| Environment | Create | Update | Delete | Replace |\n|:--|--:|--:|--:|--:|\n";
    plan::Summary total;
    for (const auto& e : plan.environments) {
        std::string name = markdown_inline(e.environment);
        if (e.is_protected) name += " (protected)";
        if (e.read_error) {
            out += fmt::format("| {} | not read | | | |\n", name);
            continue;
        }
        const plan::Summary s = e.summary();
        total.create += s.create;
        total.update += s.update;
        total.remove += s.remove;
        total.replace += s.replace;
        auto strong = [](std::size_t n) {
            return n == 0 ? std::string("0") : fmt::format("**{}**", n);
        };
        out += fmt::format("| {} | {} | {} | {} | {} |\n", name, s.create, s.update,
                           strong(s.remove), strong(s.replace));
    }
    if (plan.environments.size() > 1)
        out += fmt::format("| **total** | {} | {} | {} | {} |\n", total.create, total.update,
                           total.remove, total.replace);
    return out + "\n";
}

std::string unread_lines(const plan::Plan& plan) {
    std::string out;
    for (const auto& e : plan.environments)
        if (e.read_error)
            out += "* **" + markdown_inline(e.environment) +
                   "** was not planned: " + markdown_inline(e.read_error->to_string()) + "\n";
    return out.empty() ? out : out + "\n";
}

/// Appends the details of each environment to `out` within `max_bytes` (header included) and
/// the cut note when something did not fit.
struct Block {
    std::string summary;
    bool open = false;
    std::vector<std::string> chunks;
    std::vector<std::string> notes;
    std::string how_to_see_all;
};

/// The whole size of each block when nothing is cut.
std::size_t full_size(const Block& b) {
    std::size_t cut = 0;
    return details_block(b.summary, b.open, b.chunks, b.notes, std::string::npos, cut,
                         b.how_to_see_all)
        .size();
}

std::string assemble(std::string header, const std::vector<Block>& blocks, std::size_t max_bytes,
                     std::string_view command) {
    std::string out = std::move(header);
    // The room left is shared fairly: a block smaller than its share gets its size, and what it
    // leaves goes to the bigger ones, so that no environment (prod last in config order) is
    // crowded out by another.
    std::size_t room = max_bytes > out.size() + kReserve ? max_bytes - out.size() - kReserve : 0;
    std::vector<std::size_t> order(blocks.size());
    std::vector<std::size_t> sizes(blocks.size());
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        order[i] = i;
        sizes[i] = full_size(blocks[i]);
    }
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return sizes[a] < sizes[b]; });
    std::vector<std::size_t> budget(blocks.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::size_t share = room / (order.size() - k);
        budget[order[k]] = std::min(sizes[order[k]], share);
        room -= budget[order[k]];
    }
    std::size_t cut_changes = 0;
    std::size_t cut_environments = 0;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const Block& b = blocks[i];
        std::size_t cut = 0;
        out +=
            details_block(b.summary, b.open, b.chunks, b.notes, budget[i], cut, b.how_to_see_all);
        if (cut > 0) {
            cut_changes += cut;
            ++cut_environments;
        }
    }
    if (cut_changes > 0) out += cut_note(cut_changes, cut_environments, command);
    return out;
}

Block environment_block(const plan::EnvironmentPlan& e, std::string summary) {
    Block b;
    b.summary = std::move(summary);
    b.open = e.is_protected;
    for (const plan::Change& c : e.changes)
        if (c.action != Action::no_op) b.chunks.push_back(change_lines(c));
    b.notes = e.notes;
    b.how_to_see_all = "descope-mgmt plan -e " + util::terminal_safe(e.environment);
    return b;
}

}  // namespace

std::string plan_markdown(const plan::Plan& plan, const MarkdownOptions& options) {
    std::string header = "### descope-mgmt plan\n\n";
    if (!plan.has_changes() && !plan.has_read_errors())
        header += "No changes: every environment matches the config.\n\n";
    header += summary_table(plan) + unread_lines(plan);
    // The callouts name at most 20 objects per environment; with very many environments they
    // are left to the details rather than crowd them out.
    if (std::string c = callouts(plan); header.size() + c.size() < options.max_bytes / 2)
        header += c;
    else
        header +=
            "> [!CAUTION]\n> Too many deletions and protected environments to list here: "
            "see the table and each environment below.\n\n";
    std::vector<Block> blocks;
    for (const auto& e : plan.environments)
        if (!e.read_error && (e.has_changes() || !e.notes.empty()))
            blocks.push_back(environment_block(e, environment_summary(e)));
    return assemble(std::move(header), blocks, options.max_bytes, "plan");
}

std::string drift_markdown(const plan::DriftReport& report, bool count_extra,
                           const std::vector<EnvironmentRead>& unread,
                           const MarkdownOptions& options) {
    std::string header = "### descope-mgmt drift\n\n";
    std::size_t drifted = 0;
    for (const auto& e : report.environments)
        drifted += e.drift ? 1 : 0;
    header += drifted == 0 ? std::string("No drift: every environment read matches the config.")
                           : fmt::format("**Drift in {} of {}.**", drifted,
                                         markdown_plural(report.environments.size(), "environment",
                                                         "environments"));
    header += "\n\n";
    // The matrix: only resources that are not in sync everywhere, at most 200 rows.
    std::vector<const plan::DriftRow*> rows;
    for (const auto& row : report.rows)
        if (std::any_of(row.cells.begin(), row.cells.end(), [](plan::DriftStatus s) {
                return s != plan::DriftStatus::in_sync && s != plan::DriftStatus::absent;
            }))
            rows.push_back(&row);
    if (!rows.empty()) {
        std::string head = "| Resource |";
        std::string rule = "|:--|";
        for (const auto& e : report.environments) {
            head += " " + markdown_inline(e.name) + " |";
            rule += ":--|";
        }
        header += head + "\n" + rule + "\n";
        // At most 200 rows, and at most half the room: the details need the rest.
        constexpr std::size_t kMaxRows = 200;
        std::size_t shown = 0;
        for (; shown < rows.size() && shown < kMaxRows && header.size() < options.max_bytes / 2;
             ++shown) {
            std::string line = "| " + markdown_inline(rows[shown]->address) + " |";
            for (const plan::DriftStatus s : rows[shown]->cells)
                line += " " + markdown_inline(plan::to_string(s)) + " |";
            header += line + "\n";
        }
        header += "\n";
        if (rows.size() > shown)
            header += fmt::format("{} more resources differ; `descope-mgmt drift` lists all.\n\n",
                                  rows.size() - shown);
        header += markdown_inline(kDriftLegend) + "\n\n";
    }
    for (const auto& e : report.environments) {
        std::string line = "* **" + markdown_inline(e.name) + "**: ";
        line += e.drift ? fmt::format("{} differ{}, {} missing, {} extra ({} in sync)", e.differs,
                                      e.differs == 1 ? "s" : "", e.missing, e.extra, e.in_sync)
                        : fmt::format("no drift ({} in sync)", e.in_sync);
        header += line + "\n";
    }
    for (const auto& read : unread)
        header += "* **" + markdown_inline(read.environment) + "**: not compared: " +
                  markdown_inline(read.error ? read.error->to_string()
                                             : std::string("its live state could not be read")) +
                  "\n";
    header += "\n";
    std::vector<Block> blocks;
    for (const auto& e : report.environments) {
        if (!e.drift && e.unpruned_extras.empty()) continue;
        Block b = environment_block(e.plan, "<b>" + html_text(e.name) + "</b>: " +
                                                (e.drift ? "drift" : "extras not counted"));
        for (const auto& address : e.unpruned_extras)
            b.chunks.push_back(fmt::format("? {} (live, not in the config{})\n",
                                           util::terminal_safe(address),
                                           count_extra ? "" : ", not counted"));
        b.how_to_see_all = "descope-mgmt drift -e " + util::terminal_safe(e.name);
        blocks.push_back(std::move(b));
    }
    return assemble(std::move(header), blocks, options.max_bytes, "drift");
}

}  // namespace descope_mgmt::render
