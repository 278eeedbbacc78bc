#pragma once
// Problems are collected as Diagnostics and reported together (Terraform's habit):
// FILE:LINE:COL: error: MESSAGE, then the source line and a caret.

#include <string>
#include <vector>

namespace descope_mgmt::diag {

/// A position in a file; line and column are 1-based, 0 = unknown.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;

    bool known() const { return line > 0; }
    bool operator==(const SourceLocation&) const = default;
};

enum class Severity { error, warning, note };

struct Diagnostic {
    Severity severity = Severity::error;
    SourceLocation location;
    std::string message;
    /// Extra lines shown after the caret (e.g. "did you mean 'tenants'?").
    std::vector<std::string> notes;
};

/// An ordered collection of diagnostics.
class Diagnostics {
  public:
    void add(Diagnostic d) { m_items.push_back(std::move(d)); }
    void error(SourceLocation where, std::string message, std::vector<std::string> notes = {});
    void warning(SourceLocation where, std::string message, std::vector<std::string> notes = {});
    /// An error that is not about a place in a file (an API failure, a flag).
    void error(std::string message) { error({}, std::move(message)); }
    void append(const Diagnostics& other);

    bool has_errors() const;
    std::size_t error_count() const;
    std::size_t warning_count() const;
    bool empty() const { return m_items.empty(); }
    const std::vector<Diagnostic>& items() const { return m_items; }
    /// Sorts by file, line, column (stable), so output follows the source.
    void sort();
    /// The messages, one per line, "FILE:LINE:COL: " first where the place is known (for logs
    /// and test failures; users see render_all).
    std::string text() const;

  private:
    std::vector<Diagnostic> m_items;
};

std::string_view to_string(Severity s);

/// Source text by file name, so the renderer can show the offending line.
class SourceCache {
  public:
    /// Registers the text of `file` (the loader does this as it reads files).
    void add(const std::string& file, std::string text);
    /// The 1-based line of `file`, or empty when unknown.
    std::string line(const std::string& file, int line) const;

  private:
    std::vector<std::pair<std::string, std::vector<std::string>>> m_files;
};

/// Renders one diagnostic: "FILE:LINE:COL: error: MESSAGE\n  source line\n  ^\n" plus notes.
/// Colour (bold/red) only when `color` is true.
std::string render(const Diagnostic& d, const SourceCache& sources, bool color);

/// Renders all diagnostics and a final "N errors, M warnings" summary line when non-empty.
std::string render_all(const Diagnostics& ds, const SourceCache& sources, bool color);

}  // namespace descope_mgmt::diag
