#include "config/substitution.hpp"

#include <algorithm>

namespace descope_mgmt::config {

namespace {

bool is_name_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool needs_substitution(std::string_view text) {
    return text.find("${") != std::string_view::npos;
}

Substitution substitute(std::string_view text, EnvLookup env) {
    Substitution out;
    out.text.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text.compare(i, 3, "$${") == 0) {
            out.text += "${";
            i += 3;
            continue;
        }
        if (text.compare(i, 2, "${") != 0) {
            out.text += text[i++];
            continue;
        }
        const std::size_t close = text.find('}', i + 2);
        std::size_t name_end = i + 2;
        while (name_end < text.size() && is_name_char(text[name_end]))
            ++name_end;
        if (close == std::string_view::npos || name_end != close || close == i + 2) {
            // Show the reference as written: up to its '}', or its name when it is unclosed.
            const std::size_t shown_end = close == std::string_view::npos ? name_end : close + 1;
            out.problems.push_back({SubstitutionProblem::Kind::malformed,
                                    std::string(text.substr(i, shown_end - i)), i});
            i = shown_end;
            continue;
        }
        std::string name(text.substr(i + 2, close - i - 2));
        if (std::find(out.variables.begin(), out.variables.end(), name) == out.variables.end())
            out.variables.push_back(name);
        if (auto value = env(name)) {
            out.text += *value;
        } else {
            out.problems.push_back({SubstitutionProblem::Kind::unset, name, i});
        }
        i = close + 1;
    }
    return out;
}

std::string describe(const SubstitutionProblem& problem) {
    if (problem.kind == SubstitutionProblem::Kind::unset)
        return "environment variable " + problem.variable + " is not set";
    if (problem.variable == "${}") return "empty variable reference '${}'";
    if (problem.variable.back() != '}')
        return "unterminated variable reference '" + problem.variable + "'";
    return "invalid variable name in '" + problem.variable + "'";
}

std::string hint(const SubstitutionProblem& problem) {
    if (problem.kind == SubstitutionProblem::Kind::unset)
        return "set it in the environment (export " + problem.variable +
               "=...), or write '$${' for a literal '${'";
    return "variable names use upper-case letters, digits and '_' (${NAME}); write '$${' for a "
           "literal '${'";
}

}  // namespace descope_mgmt::config
