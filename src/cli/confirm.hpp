#pragma once
// Asking the user before changing anything. The answer is read from standard input only when it
// is a terminal: a script that pipes "yes" cannot confirm by accident; it must say
// --auto-approve (or --yes) explicitly.

#include <string>
#include <vector>

namespace descope_mgmt::cli {

struct Context;

enum class Confirmation {
    approved,
    declined,     // the user answered something else
    no_terminal,  // stdin is not a terminal: nobody can be asked
};

/// Asks "Do you want to <what> in dev, staging?" and accepts only "yes" (unless `ask_yes` is
/// false: a reviewed plan file needs no second "yes"); then, for every protected environment,
/// asks the user to type its name. Prompts go to ctx.err.
Confirmation confirm(Context& ctx, const std::string& what,
                     const std::vector<std::string>& environments,
                     const std::vector<std::string>& protected_environments, bool ask_yes = true);

/// True when standard input is a terminal.
bool stdin_is_terminal();

}  // namespace descope_mgmt::cli
