#include "diag/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/strings.hpp"

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

std::string render(const Diagnostic& d, const SourceCache& sources, bool color) {
    const char* bold = color ? "\033[1m" : "";
    const char* reset = color ? "\033[0m" : "";
    const char* sev_color = "";
    if (color) sev_color = d.severity == Severity::error ? "\033[1;31m" : "\033[1;35m";

    std::string out;
    const auto& loc = d.location;
    if (!loc.file.empty()) {
        out += bold + loc.file;
        if (loc.known()) out += fmt::format(":{}:{}", loc.line, std::max(loc.column, 1));
        out += std::string(": ") + reset;
    }
    out += fmt::format("{}{}:{} {}\n", sev_color, to_string(d.severity), reset, d.message);
    if (loc.known()) {
        const std::string text = sources.line(loc.file, loc.line);
        if (!text.empty()) {
            out += fmt::format("  {}\n", text);
            std::string pad;
            // Keep tabs so the caret lines up under the column.
            for (int i = 1; i < loc.column && static_cast<std::size_t>(i - 1) < text.size(); ++i)
                pad += text[static_cast<std::size_t>(i - 1)] == '\t' ? '\t' : ' ';
            out += fmt::format("  {}{}^{}\n", pad, sev_color, reset);
        }
    }
    for (const auto& note : d.notes)
        out += fmt::format("  {}note:{} {}\n", bold, reset, note);
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
