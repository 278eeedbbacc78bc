#pragma once
// What every command receives: the global options and the output streams. Kept free of CLI11
// so command implementations stay cheap to compile.

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace descope_mgmt::cli {

enum class OutputFormat { text, json };

namespace exit_code {
inline constexpr int ok = 0;
inline constexpr int error = 1;
inline constexpr int changes = 2;
inline constexpr int interrupted = 130;
}  // namespace exit_code

struct GlobalOptions {
    std::string config_path;        // resolved: -c, $DESCOPE_MGMT_CONFIG, ./descope.yaml
    std::vector<std::string> envs;  // empty or {"all"} = every environment
    OutputFormat output = OutputFormat::text;
    int verbosity = 0;  // -v = 1, -vv = 2 (HTTP logs)
    bool quiet = false;
    bool color = false;  // after --no-color, NO_COLOR, TERM=dumb and isatty(stdout)
    bool color_stderr = false;
    bool dry_run = false;
};

/// No --env, or `--env all`: the command works on every environment of the config.
inline bool selects_all_environments(const std::vector<std::string>& names) {
    return names.empty() || (names.size() == 1 && names[0] == "all");
}

struct Context {
    GlobalOptions global;
    std::FILE* out = stdout;  // the command's result (one JSON document with --output json)
    std::FILE* err = stderr;  // logs, progress, errors
    /// Set by the chosen subcommand's parse callback; run after parsing succeeds.
    std::function<int()> action;

    /// Prints "descope-mgmt: error: MESSAGE" to err (also in JSON mode; stdout stays clean), and
    /// keeps it in `errors`: a command that fails with -o json without printing its document
    /// gets an error document made of them (app.cpp).
    void error(const std::string& message) const;
    mutable std::vector<std::string> errors;
    void warning(const std::string& message) const;
    /// Prints to err unless --quiet.
    void info(const std::string& message) const;
    bool json() const { return global.output == OutputFormat::json; }
};

}  // namespace descope_mgmt::cli
