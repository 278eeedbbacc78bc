#include "diag/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "util/secret.hpp"
#include "util/strings.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::diag {

void Diagnostics::error(SourceLocation where, std::string message, std::vector<std::string> notes) {
    add({Severity::error, std::move(where), std::move(message), std::move(notes)});
}

std::string Diagnostics::text() const {
    std::string out;
    for (const auto& d : m_items) {
        if (!out.empty()) out += '\n';
        if (d.location.known())
            out += d.location.file + ":" + std::to_string(d.location.line) + ":" +
                   std::to_string(d.location.column) + ": ";
        out += d.message;
    }
    return out;
}

void Diagnostics::warning(SourceLocation where, std::string message,
                          std::vector<std::string> notes) {
    add({Severity::warning, std::move(where), std::move(message), std::move(notes)});
}

void Diagnostics::append(const Diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Diagnostics::has_errors() const {
    return error_count() > 0;
}

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(
        std::count_if(m_items.begin(), m_items.end(),
                      [](const auto& d) { return d.severity == Severity::error; }));
}

std::size_t Diagnostics::warning_count() const {
    return static_cast<std::size_t>(
        std::count_if(m_items.begin(), m_items.end(),
                      [](const auto& d) { return d.severity == Severity::warning; }));
}

void Diagnostics::sort() {
    std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        const auto& la = a.location;
        const auto& lb = b.location;
        return std::tie(la.file, la.line, la.column) < std::tie(lb.file, lb.line, lb.column);
    });
}

std::string_view to_string(Severity s) {
    switch (s) {
        case Severity::error:
            return "error";
        case Severity::warning:
            return "warning";
        case Severity::note:
            return "note";
    }
    return "error";
}

void SourceCache::add(const std::string& file, std::string text) {
    for (auto& [name, lines] : m_files) {
        if (name == file) {
            lines = util::split(text, '\n');
            return;
        }
    }
    m_files.emplace_back(file, util::split(text, '\n'));
}

std::string SourceCache::line(const std::string& file, int line) const {
    for (const auto& [name, lines] : m_files) {
        if (name == file && line >= 1 && static_cast<std::size_t>(line) <= lines.size()) {
            std::string text = lines[static_cast<std::size_t>(line - 1)];
            if (!text.empty() && text.back() == '\r') text.pop_back();
            return text;
        }
    }
    return {};
}

namespace {

/// What a terminal is shown of text from a config file or a server: no key, no escape sequence,
/// no megabytes.
std::string shown(std::string_view text) {
    return util::terminal_safe(util::mask_management_keys(std::string(text)),
                               util::kMaxShownLineBytes);
}

struct Excerpt {
    std::string text;  // the source line as shown
    /// Puts a caret under the column; nullopt when the line was cut before it.
    std::optional<std::string> pad;
};

/// The source line as shown, and the padding that puts a caret under `column` (1-based, in
/// characters) of the original line: an escape is as wide in the padding as in the line.
Excerpt excerpt(const std::string& line, int column) {
    // Twice what is shown is enough to mask every word that shows (a key cut there still has
    // its shape) and keeps a 50 MB line cheap.
    const std::string masked = util::mask_management_keys(
        line.size() > 2 * util::kMaxShownLineBytes ? line.substr(0, 2 * util::kMaxShownLineBytes)
                                                   : line);
    std::size_t cut = 0;  // bytes of the line before the column
    for (int c = 1; c < column && cut < masked.size(); ++c) {
        ++cut;
        while (cut < masked.size() && (static_cast<unsigned char>(masked[cut]) & 0xC0) == 0x80)
            ++cut;
    }
    Excerpt e{util::terminal_safe(masked, util::kMaxShownLineBytes), std::nullopt};
    const std::string before =
        util::terminal_safe(std::string_view(masked).substr(0, cut), util::kMaxShownLineBytes);
    if (before.size() > util::kMaxShownLineBytes) return e;
    std::string pad;
    for (char c : before)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) pad += ' ';
    e.pad = std::move(pad);
    return e;
}

}  // namespace

std::string render(const Diagnostic& d, const SourceCache& sources, bool color) {
    const char* bold = color ? "\033[1m" : "";
    const char* reset = color ? "\033[0m" : "";
    const char* sev_color = "";
    if (color) sev_color = d.severity == Severity::error ? "\033[1;31m" : "\033[1;35m";

    std::string out;
    const auto& loc = d.location;
    if (!loc.file.empty()) {
        out += bold + util::terminal_safe(loc.file, util::kMaxShownLineBytes);
        if (loc.known()) out += fmt::format(":{}:{}", loc.line, std::max(loc.column, 1));
        out += std::string(": ") + reset;
    }
    out += fmt::format("{}{}:{} {}\n", sev_color, to_string(d.severity), reset, shown(d.message));
    if (loc.known()) {
        const std::string line = sources.line(loc.file, loc.line);
        if (!line.empty()) {
            const Excerpt e = excerpt(line, loc.column);
            out += fmt::format("  {}\n", e.text);
            if (e.pad) out += fmt::format("  {}{}^{}\n", *e.pad, sev_color, reset);
        }
    }
    for (const auto& note : d.notes)
        out += fmt::format("  {}note:{} {}\n", bold, reset, shown(note));
    return out;
}

std::string render_all(const Diagnostics& ds, const SourceCache& sources, bool color) {
    std::string out;
    for (const auto& d : ds.items())
        out += render(d, sources, color);
    const auto errors = ds.error_count();
    const auto warnings = ds.warning_count();
    if (errors || warnings) {
        out += fmt::format("{} error{}, {} warning{}\n", errors, errors == 1 ? "" : "s", warnings,
                           warnings == 1 ? "" : "s");
    }
    return out;
}

}  // namespace descope_mgmt::diag
