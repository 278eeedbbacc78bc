#pragma once
// `${NAME}` substitution in config scalars. NAME is upper-case letters, digits and '_'; `$${`
// writes a literal `${`. Values come from an EnvLookup and are never re-scanned, and problems
// name the variable, never its value.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace descope_mgmt::config {

struct SubstitutionProblem {
    enum class Kind { unset, malformed };
    Kind kind = Kind::unset;
    std::string variable;    // unset: the NAME; malformed: the reference as written (e.g. "${x}")
    std::size_t offset = 0;  // byte offset of the reference in the input text
};

struct Substitution {
    std::string text;                           // the input with every reference replaced
    std::vector<std::string> variables;         // NAMEs referenced, in order, without repeats
    std::vector<SubstitutionProblem> problems;  // unset variables and malformed references
};

/// True when `text` contains anything substitution would change (`${` or `$${`).
bool needs_substitution(std::string_view text);

/// Replaces `${NAME}` with env(NAME) and `$${` with `${`, scanning left to right. An unset
/// variable or a malformed reference (`${lower}`, `${}`, `${ABC` without `}`) is recorded in
/// `problems` and replaced by nothing.
Substitution substitute(std::string_view text, EnvLookup env);

/// One-line message for a problem (names the variable, never a value).
std::string describe(const SubstitutionProblem& problem);
/// The hint shown under it.
std::string hint(const SubstitutionProblem& problem);

}  // namespace descope_mgmt::config
