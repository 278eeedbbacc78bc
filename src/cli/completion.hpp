#pragma once
// Shell completion as data, and the bash, zsh and fish scripts written from it. The data is
// taken from the CLI11 command tree that also makes --help (cmd_completion.cpp), so a new
// command or flag completes with no change here. Kept free of CLI11.

#include <optional>
#include <string>
#include <vector>

namespace descope_mgmt::cli {

/// What the value of an option (or a command's argument) completes to.
struct CompletionValue {
    enum class Kind {
        text,          // anything: nothing offered
        choices,       // one of `choices` (-o text|json, --prune tenants|...)
        environments,  // the config's environment names (and `all`)
        tenants,       // the config's tenant ids
        flows,         // the config's flow ids
        files,
        folders,
    };
    Kind kind = Kind::text;
    std::vector<std::string> choices;
};

/// The words `__complete WHAT` prints, from the config alone: "environments", "tenants", "flows".
const char* to_string(CompletionValue::Kind kind);

struct CompletionOption {
    std::vector<std::string> names;  // "-c", "--config"
    std::string help;
    /// Unset: a flag, which takes no value.
    std::optional<CompletionValue> value;
};

struct CompletionCommand {
    std::string path;  // "" for the top level, "plan", "tenant show"
    std::string summary;
    std::vector<std::string> subcommands;  // names, in help order
    /// Its own options; the top level's are the global ones, which every command takes.
    std::vector<CompletionOption> options;
    /// Its arguments (tenant show ID), unset when it takes none.
    std::optional<CompletionValue> argument;
};

/// Every command, the top level first, parents before their subcommands.
struct CompletionTree {
    std::string program = "descope-mgmt";
    std::vector<CompletionCommand> commands;
};

enum class Shell { bash, zsh, fish };

/// The completion script of `shell` for `tree`. The scripts ask `PROGRAM [-c FILE] __complete
/// WHAT` for the config's environment names, tenant ids and flow ids (no network).
std::string completion_script(const CompletionTree& tree, Shell shell);

}  // namespace descope_mgmt::cli
