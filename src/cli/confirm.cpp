#include "cli/confirm.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <string>

#include "cli/context.hpp"
#include "util/strings.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::cli {

namespace {

/// One line from stdin without its line end; nullopt at end of input.
std::optional<std::string> read_answer() {
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.pop_back();
    while (!line.empty() && line.front() == ' ')
        line.erase(line.begin());
    return line;
}

}  // namespace

bool stdin_is_terminal() {
    return ::isatty(STDIN_FILENO) == 1;
}

Confirmation confirm(Context& ctx, const std::string& what,
                     const std::vector<std::string>& environments,
                     const std::vector<std::string>& protected_environments, bool ask_yes) {
    if (!ask_yes && protected_environments.empty()) return Confirmation::approved;
    if (!stdin_is_terminal()) return Confirmation::no_terminal;
    if (ask_yes) {
        fmt::print(ctx.err,
                   "\nDo you want to {} in {}?\n  Only 'yes' will be accepted.\n  Enter a value: ",
                   what, util::terminal_safe(util::join(environments, ", ")));
        std::fflush(ctx.err);
        const auto answer = read_answer();
        if (!answer || *answer != "yes") {
            // Say why when it was close: "Yes", "y" are not "yes".
            if (answer && !answer->empty())
                ctx.warning(fmt::format("the answer was '{}', not 'yes'",
                                        util::terminal_safe(*answer, 80)));
            return Confirmation::declined;
        }
    }
    for (const std::string& env : protected_environments) {
        fmt::print(ctx.err, "\n'{}' is a protected environment.\n  Type its name to confirm: ",
                   util::terminal_safe(env));
        std::fflush(ctx.err);
        const auto typed = read_answer();
        if (!typed || *typed != env) {
            if (typed && !typed->empty())
                ctx.warning(
                    fmt::format("'{}' is not '{}': the name must be typed exactly (case too)",
                                util::terminal_safe(*typed, 80), util::terminal_safe(env)));
            return Confirmation::declined;
        }
    }
    return Confirmation::approved;
}

}  // namespace descope_mgmt::cli
