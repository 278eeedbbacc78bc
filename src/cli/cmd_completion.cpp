// `completion bash|zsh|fish`: the shell's completion script, made from the CLI11 command tree
// that also makes --help (so every command, flag and enumerated value is in it), and the hidden
// `__complete environments|tenants|flows` the scripts call for names from the config: read
// from the file alone, never from the network.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/completion.hpp"
#include "cli/context.hpp"
#include "config/config.hpp"
#include "config/definitions.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::cli {

namespace {

using Kind = CompletionValue::Kind;

/// The allowed values of `--prune`: those of `defaults.prune` in the config's key table.
std::vector<std::string> prune_types() {
    const config::KeyDef* defaults = config::config_definition().key("defaults");
    const config::KeyDef* prune = defaults != nullptr ? defaults->type->key("prune") : nullptr;
    if (prune == nullptr || prune->type->element == nullptr) return {};
    return prune->type->element->allowed;
}

/// How the value of `opt` completes: what its definition states (Context::completes_with), the
/// environments for --env, the allowed values of a CLI::IsMember check ("FORMAT:{text,json}"),
/// the resource types for --prune, files for FILE and folders for DIR.
CompletionValue value_of(const CLI::Option& opt, const Context& ctx) {
    if (auto it = ctx.completes_with.find(&opt); it != ctx.completes_with.end())
        return {it->second == "flows" ? Kind::flows : Kind::tenants, {}};
    if (opt.check_lname("env")) return {Kind::environments, {}};
    if (opt.check_lname("prune")) return {Kind::choices, prune_types()};
    const std::vector<std::string> parts = util::split(opt.get_type_name(), ':');
    for (const std::string& part : parts) {
        if (part.size() >= 2 && part.front() == '{' && part.back() == '}')
            return {Kind::choices, util::split(part.substr(1, part.size() - 2), ',')};
    }
    // A positional's name is its type (`restore FILE`).
    const std::string type = !opt.nonpositional() ? opt.get_name()
                             : parts.empty()      ? ""
                                                  : parts.front();
    if (type == "FILE") return {Kind::files, {}};
    if (type == "DIR") return {Kind::folders, {}};
    return {};
}

void add_completion_commands(CLI::App& app, const std::string& path, const Context& ctx,
                             CompletionTree& tree) {
    CompletionCommand command;
    command.path = path;
    command.summary = app.get_description();
    const bool top = app.get_parent() == nullptr;
    std::vector<CLI::App*> subcommands;
    for (CLI::App* sub : app.get_subcommands({})) {
        if (sub->get_group().empty()) continue;  // hidden (__complete)
        subcommands.push_back(sub);
        command.subcommands.push_back(sub->get_name());
    }
    for (const CLI::Option* opt : app.get_options()) {
        if (!opt->nonpositional()) {
            command.argument = value_of(*opt, ctx);
            continue;
        }
        // Every command's -h is the top level's, which is among the global options.
        if (!top && (opt == app.get_help_ptr() || opt == app.get_help_all_ptr())) continue;
        CompletionOption option;
        for (const auto& s : opt->get_snames())
            option.names.push_back("-" + s);
        for (const auto& l : opt->get_lnames())
            option.names.push_back("--" + l);
        option.help = opt->get_description();
        if (opt->get_expected_max() != 0) option.value = value_of(*opt, ctx);  // not a flag
        command.options.push_back(std::move(option));
    }
    tree.commands.push_back(std::move(command));
    for (CLI::App* sub : subcommands)
        add_completion_commands(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(),
                                ctx, tree);
}

/// The words `__complete WHAT` prints: names from the config, one a line; nothing when the
/// config cannot be read (completion stays quiet).
std::vector<std::string> config_words(const std::string& config_path, const std::string& what) {
    config::LoadOptions options;
    options.read_resource_files = false;
    const config::LoadResult r = config::load(config_path, config::process_env, options);
    std::vector<std::string> words;
    if (!r.config) return words;
    if (what == "environments")
        for (const auto& e : r.config->environments)
            words.push_back(e.name);
    if (what == "tenants")
        for (const auto& t : r.config->tenants)
            words.push_back(t.tenant.id);
    if (what == "flows")
        for (const auto& f : r.config->flows)
            words.push_back(f.flow.id);
    return words;
}

struct CompletionCommandOptions {
    std::string shell;
};

}  // namespace

void define_completion(CLI::App& sub, Context& ctx) {
    auto options = std::make_shared<CompletionCommandOptions>();
    sub.add_option("SHELL", options->shell, "the shell: bash, zsh or fish")
        ->required()
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    sub.footer(
        R"(Prints the shell's completion script: commands, subcommands, flags, enumerated values
(-o text|json, --prune TYPE), and, read from the config (-c, $DESCOPE_MGMT_CONFIG or
./descope.yaml, never the network), environment names after -e, tenant ids after
tenant show|update|delete and flow ids after flow export|deploy.

Examples:
  descope-mgmt completion bash > ~/.local/share/bash-completion/completions/descope-mgmt
  descope-mgmt completion zsh > ~/.zfunc/_descope-mgmt     with fpath=(~/.zfunc $fpath) in ~/.zshrc
  descope-mgmt completion fish > ~/.config/fish/completions/descope-mgmt.fish
  source <(descope-mgmt completion bash)     this shell only
See docs/cli.md, "Shell completion".)");
    CLI::App* app = &sub;
    sub.callback([&ctx, app, options] {
        ctx.action = [&ctx, app, options] {
            CLI::App* root = app;
            while (root->get_parent() != nullptr)
                root = root->get_parent();
            CompletionTree tree;
            add_completion_commands(*root, "", ctx, tree);
            const Shell shell = options->shell == "zsh"    ? Shell::zsh
                                : options->shell == "fish" ? Shell::fish
                                                           : Shell::bash;
            const std::string script = completion_script(tree, shell);
            std::fwrite(script.data(), 1, script.size(), ctx.out);
            std::fflush(ctx.out);
            return exit_code::ok;
        };
    });
}

void define_complete_words(CLI::App& sub, Context& ctx) {
    sub.group("");  // hidden: for the completion scripts
    auto what = std::make_shared<std::string>();
    sub.add_option("WHAT", *what, "environments, tenants or flows")
        ->required()
        ->check(CLI::IsMember({"environments", "tenants", "flows"}));
    sub.callback([&ctx, what] {
        ctx.action = [&ctx, what] {
            for (const std::string& word : config_words(ctx.global.config_path, *what))
                fmt::print(ctx.out, "{}\n", word);
            return exit_code::ok;
        };
    });
}

}  // namespace descope_mgmt::cli
