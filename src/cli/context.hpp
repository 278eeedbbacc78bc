#pragma once
// What every command receives: the global options and the output streams. Kept free of CLI11
// so command implementations stay cheap to compile.

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace descope_mgmt::api {
class CancellationToken;
}
namespace descope_mgmt::diag {
class Diagnostics;
}
namespace descope_mgmt::render {
struct View;
}
namespace descope_mgmt::workspace {
class ClientFactory;
class Workspace;
}  // namespace descope_mgmt::workspace
namespace descope_mgmt::config {
struct Config;
}

namespace descope_mgmt::cli {

class ProgressDisplay;

enum class OutputFormat { text, json, markdown };

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

/// What a command needs opened before it runs. The command table states it (commands.cpp and
/// each parent's subcommand table); app.cpp opens it, once, the same way for every command, and
/// the command finds it in Context::config() / Context::workspace().
struct Needs {
    enum class What { nothing, config, clients };
    What what = What::nothing;
    bool resource_files = true;    // also read the config's flow and theme files
    bool one_environment = false;  // exactly one environment must be selected
};

namespace needs {
inline constexpr Needs nothing{};
/// The loaded config (doctor, which opens the clients it can check itself).
inline constexpr Needs config{Needs::What::config};
/// The config and a client per selected environment (plan, apply, deploy...).
inline constexpr Needs clients{Needs::What::clients};
/// Clients, and the config without its flow and theme files: commands that only read live
/// projects (a missing or broken flow file must not stop a backup).
inline constexpr Needs live_clients{Needs::What::clients, false};
/// live_clients for exactly one environment (exports, restore).
inline constexpr Needs one_live_environment{Needs::What::clients, false, true};
}  // namespace needs

struct Context {
    GlobalOptions global;
    std::FILE* out = stdout;  // the command's result (one JSON document with --output json)
    std::FILE* err = stderr;  // logs, progress, errors
    /// Set by the chosen subcommand's parse callback; run after parsing succeeds.
    std::function<int()> action;
    /// Makes the API clients (workspace/workspace.hpp): unset = the HTTP one, built from the
    /// global options when a command first opens its workspace; tests set a fake one.
    std::shared_ptr<workspace::ClientFactory> client_factory;
    /// The run's cancellation token: unset = the process-wide Ctrl-C token.
    const api::CancellationToken* cancel = nullptr;

    /// Every (sub)command's needs, by its CLI11 app (registered with the command table).
    std::map<const void*, Needs> needs_of;
    /// What shell completion offers for the value of an option or argument, by its CLI11 option,
    /// where its name does not say it: "tenants" or "flows" (ids from the config). The option's
    /// definition states it (`tenant show ID`); cmd_completion.cpp reads it.
    std::map<const void*, std::string> completes_with;
    /// The chosen command's needs (app.cpp).
    Needs needs;
    /// What app.cpp opened for the command (Needs::What::config and ::clients).
    const config::Config& config() const;
    workspace::Workspace& workspace() const;
    std::shared_ptr<config::Config> opened_config;
    std::shared_ptr<workspace::Workspace> opened_workspace;

    /// The progress line of this run (cli/progress_display.hpp), made by run_command(); unset
    /// = none (write_err() then writes straight to err).
    std::shared_ptr<ProgressDisplay> progress;
    /// Writes `text` (whole lines) to err, above the progress line when one is drawn: every
    /// stderr line of a command goes through here, from any thread.
    void write_err(std::string_view text) const;

    /// Prints "descope-mgmt: error: MESSAGE" to err (also in JSON mode; stdout stays clean), and
    /// keeps it in `errors`: a command that fails with -o json without printing its document
    /// gets an error document made of them (app.cpp).
    void error(const std::string& message) const;
    mutable std::vector<std::string> errors;
    /// error() for each error of `problems` ("FILE:LINE:COL: " first where the place is known,
    /// then `prefix`), warning() for each warning.
    void report(const diag::Diagnostics& problems, const std::string& prefix = "") const;
    void warning(const std::string& message) const;
    /// Prints to err unless --quiet.
    void info(const std::string& message) const;
    bool json() const { return global.output == OutputFormat::json; }
    /// The command being run ("tenant list"), for the JSON envelope.
    std::string command;
    /// Prints a command's result in the output format chosen by -o: the view's text, or its
    /// document with the envelope.
    void show(const render::View& view) const;
    /// show(), except that in text mode nothing is printed with --quiet (for results that are
    /// only a confirmation: files written).
    void show_unless_quiet(const render::View& view) const;
    /// Text shown before the command's result in text mode only (the plan before the prompt);
    /// in JSON mode the one document at the end holds it.
    void preview(const std::string& text) const;
    /// What show() prints.
    std::string rendered(const render::View& view) const;
};

}  // namespace descope_mgmt::cli
