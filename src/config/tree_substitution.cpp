// ${VAR} substitution over the whole tree, with each problem located at its reference.
#include <string_view>

#include "config/loader_internal.hpp"
#include "config/substitution.hpp"

namespace descope_mgmt::config {

namespace {

/// The 1-based line `line` of `text` (without its newline).
std::string_view line_of(const std::string& text, int line) {
    std::size_t start = 0;
    for (int i = 1; i < line; ++i) {
        start = text.find('\n', start);
        if (start == std::string::npos) return {};
        ++start;
    }
    const std::size_t end = text.find('\n', start);
    return std::string_view(text).substr(start, end == std::string::npos ? end : end - start);
}

class TreeSubstituter {
  public:
    TreeSubstituter(const std::string& text, const LoadInput& in, diag::Diagnostics& diags,
                    std::vector<CredentialGap>& gaps)
        : m_text(text), m_in(in), m_diags(diags), m_gaps(gaps) {}

    void walk(YamlNode& n) {
        switch (n.kind) {
            case YamlKind::scalar:
                return scalar(n);
            case YamlKind::sequence:
                for (auto& i : n.items)
                    walk(i);
                return;
            case YamlKind::mapping:
                for (auto& e : n.entries) {
                    m_path.push_back(e.key);
                    walk(e.value);
                    m_path.pop_back();
                }
                return;
            case YamlKind::null:
                return;
        }
    }

  private:
    bool in_credential() const {
        return m_path.size() == 3 && m_path[0] == "environments" &&
               (m_path[2] == "project_id" || m_path[2] == "management_key");
    }

    void scalar(YamlNode& n) {
        if (!needs_substitution(n.text)) return;
        Substitution s = substitute(n.text, m_in.env);
        n.variables = std::move(s.variables);
        const bool credential = in_credential();
        for (const auto& p : s.problems) {
            n.unresolved = true;
            const diag::SourceLocation where = locate(n, p);
            if (credential && p.kind == SubstitutionProblem::Kind::unset) {
                m_gaps.push_back({std::string(m_path[1]), p.variable, where});
            } else {
                m_diags.error(where, describe(p), {hint(p)});
            }
        }
        n.text = std::move(s.text);
    }

    /// The column of the reference itself when the source line shows it where expected
    /// (plain or quoted on one line), else the scalar's start.
    diag::SourceLocation locate(const YamlNode& n, const SubstitutionProblem& p) const {
        diag::SourceLocation where = n.location(m_in.file);
        const std::string_view line = line_of(m_text, n.line);
        const std::string ref =
            p.kind == SubstitutionProblem::Kind::unset ? "${" + p.variable : p.variable;
        const std::size_t start = static_cast<std::size_t>(n.column - 1);
        if (start > line.size()) return where;
        const std::size_t quote = n.style == ScalarStyle::quoted ? 1 : 0;
        const std::size_t expected = start + quote + p.offset;
        if (line.compare(expected, ref.size(), ref) == 0) {
            where.column = static_cast<int>(expected) + 1;
            return where;
        }
        const std::size_t found = line.find(ref, start);
        if (found != std::string_view::npos) where.column = static_cast<int>(found) + 1;
        return where;
    }

    const std::string& m_text;
    const LoadInput& m_in;
    diag::Diagnostics& m_diags;
    std::vector<CredentialGap>& m_gaps;
    std::vector<std::string_view> m_path;
};

}  // namespace

void substitute_tree(YamlNode& root, const std::string& text, const LoadInput& in,
                     diag::Diagnostics& diags, std::vector<CredentialGap>& gaps) {
    TreeSubstituter(text, in, diags, gaps).walk(root);
}

}  // namespace descope_mgmt::config
