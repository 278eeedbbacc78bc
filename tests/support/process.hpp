#pragma once
// Runs a child process to completion and captures what it printed, for end-to-end tests of the
// real binaries (descope-mgmt, descope-emulator). POSIX only.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace descope_mgmt::test {

struct ProcessOptions {
    /// false: the child starts from an empty environment (only `env`), like `env -i`.
    bool inherit_env = true;
    /// Variables set (or overridden) in the child's environment; the rest is inherited.
    std::map<std::string, std::string> env;
    /// Variables removed from the inherited environment (e.g. DESCOPE_MGMT_CONFIG, NO_COLOR).
    std::vector<std::string> unset_env;
    /// Written to the child's stdin, which is then closed (the child sees EOF).
    std::string stdin_data;
    /// Working directory of the child; empty = the caller's.
    std::filesystem::path cwd;
    /// Sends SIGINT (Ctrl-C) this long after the start.
    std::optional<std::chrono::milliseconds> interrupt_after;
    /// The child is killed (SIGKILL) when it runs longer than this.
    std::chrono::milliseconds timeout{60'000};
};

struct ProcessResult {
    /// The exit status; 128 + N when killed by signal N; -1 when it could not be started.
    int exit_code = -1;
    std::string out;  // everything written to stdout
    std::string err;  // everything written to stderr
    bool timed_out = false;
};

/// Runs argv[0] (looked up in PATH when it has no '/') with the given arguments and waits for it.
/// Never throws; a failure to start shows as exit_code -1 with the reason in `err`.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

/// The environment `options` describes: the current one with `env` applied and `unset_env` removed,
/// as NAME=VALUE strings (shared with EmulatorProcess).
std::vector<std::string> child_environment(const ProcessOptions& options);

struct TerminalOptions {
    /// Typed in advance, one line each (the terminal keeps them until they are read).
    std::vector<std::string> answers;
    /// Sends SIGINT (Ctrl-C) this long after the start.
    std::optional<std::chrono::milliseconds> interrupt_after;
    /// stdout goes to a pipe (TerminalResult::out) instead of the terminal: stdin and stderr
    /// stay on it, as in `descope-mgmt ... > file` typed at a shell.
    bool stdout_to_pipe = false;
    /// The terminal's size in columns; 0 = what forkpty gives (none).
    unsigned short columns = 0;
};

struct TerminalResult {
    int exit_code = -1;  // as ProcessResult::exit_code
    std::string output;  // stdout and stderr together, as on a terminal (stderr only with
                         // stdout_to_pipe)
    std::string out;     // stdout, with stdout_to_pipe
};

/// Runs argv[0] on a pseudo-terminal (forkpty), so that it sees a terminal and may ask;
/// `options` gives its environment and working folder, `terminal` what is typed and when Ctrl-C
/// comes.
TerminalResult run_on_terminal(const std::vector<std::string>& argv, const ProcessOptions& options,
                               const TerminalOptions& terminal);

/// The exit code a wait status describes: the exit status, 128 + N when killed by signal N, else
/// -1.
int exit_code_of(int wait_status);

/// The NULL-terminated pointer array execve wants; `strings` must outlive its use.
std::vector<char*> c_strings(std::vector<std::string>& strings);

}  // namespace descope_mgmt::test
