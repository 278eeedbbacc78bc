#include "cli/completion.hpp"

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "util/strings.hpp"

namespace descope_mgmt::cli {

const char* to_string(CompletionValue::Kind kind) {
    using K = CompletionValue::Kind;
    switch (kind) {
        case K::text:
            return "text";
        case K::choices:
            return "choices";
        case K::environments:
            return "environments";
        case K::tenants:
            return "tenants";
        case K::flows:
            return "flows";
        case K::files:
            return "files";
        case K::folders:
            return "folders";
    }
    return "text";
}

namespace {

using Kind = CompletionValue::Kind;

/// 'text' for sh-like shells (bash, zsh).
std::string sh_quoted(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

/// 'text' for fish, where \ and ' are escaped inside single quotes.
std::string fish_quoted(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

/// How the scripts name a value: "choices a b c", "environments", "files", ...
std::string value_word(const CompletionValue& v) {
    if (v.kind == Kind::choices) return "choices " + util::join(v.choices, " ");
    return to_string(v.kind);
}

/// The description of a completion entry: one line, no tabs.
std::string one_line(std::string_view text) {
    std::string out;
    for (char c : text)
        out += c == '\n' || c == '\t' ? ' ' : c;
    return out;
}

std::vector<std::string> all_names(const std::vector<CompletionOption>& options) {
    std::vector<std::string> names;
    for (const auto& o : options)
        names.insert(names.end(), o.names.begin(), o.names.end());
    return names;
}

const CompletionCommand& top_level(const CompletionTree& tree) {
    return tree.commands.front();
}

/// The data functions bash and zsh share (both read `case`): the subcommands of a command, its
/// options, how an option's value completes, and its arguments.
std::string sh_data_functions(const CompletionTree& tree, const std::string& fn) {
    const CompletionCommand& top = top_level(tree);
    std::string out;
    out += fmt::format(
        "# The subcommands of command $1 (\"\" for the top level, \"tenant\").\n"
        "{}_commands() {{\n    case \"$1\" in\n",
        fn);
    for (const auto& c : tree.commands)
        if (!c.subcommands.empty())
            out += fmt::format("        {}) echo {} ;;\n", sh_quoted(c.path),
                               sh_quoted(util::join(c.subcommands, " ")));
    out += "    esac\n}\n";

    out += fmt::format(
        "# The options of command $1, the global ones included.\n"
        "{}_options() {{\n    local global={}\n    case \"$1\" in\n",
        fn, sh_quoted(util::join(all_names(top.options), " ")));
    for (const auto& c : tree.commands)
        if (!c.path.empty() && !c.options.empty())
            out += fmt::format("        {}) echo \"$global \"{} ;;\n", sh_quoted(c.path),
                               sh_quoted(util::join(all_names(c.options), " ")));
    out += "        *) echo \"$global\" ;;\n    esac\n}\n";

    out += fmt::format(
        "# How the value of option $2 of command $1 completes (nothing: the option is a flag).\n"
        "{}_value() {{\n    case \"$2\" in\n",
        fn);
    for (const auto& o : top.options)
        if (o.value)
            out += fmt::format("        {}) echo {}; return ;;\n", util::join(o.names, "|"),
                               sh_quoted(value_word(*o.value)));
    out += "    esac\n    case \"$1|$2\" in\n";
    for (const auto& c : tree.commands) {
        if (c.path.empty()) continue;
        for (const auto& o : c.options) {
            if (!o.value) continue;
            std::vector<std::string> patterns;
            for (const auto& name : o.names)
                patterns.push_back(sh_quoted(c.path + "|" + name));
            out += fmt::format("        {}) echo {} ;;\n", util::join(patterns, "|"),
                               sh_quoted(value_word(*o.value)));
        }
    }
    out += "    esac\n}\n";

    out += fmt::format(
        "# How the arguments of command $1 complete (nothing: it takes none).\n"
        "{}_argument() {{\n    case \"$1\" in\n",
        fn);
    for (const auto& c : tree.commands)
        if (c.argument)
            out += fmt::format("        {}) echo {} ;;\n", sh_quoted(c.path),
                               sh_quoted(value_word(*c.argument)));
    out += "    esac\n}\n";
    return out;
}

/// The loop both sh-like scripts use to find the command typed so far: the words before the
/// cursor that are subcommands, skipping options and the values of those that take one. Sets
/// `cmd` and `config` (-c FILE, for `__complete`). `words` and `first`/`last` are the shell's.
std::string sh_command_walk(const std::string& fn, const std::string& words, const char* first,
                            const char* last) {
    return fmt::format(R"SH(    local cmd='' word kind i
    config=()
    for ((i = {first}; i < {last}; i++)); do
        word="${{{words}[i]}}"
        case "$word" in
            --*=*) ;;
            -*)
                kind="$({fn}_value "$cmd" "$word")"
                if [[ -n "$kind" ]]; then
                    if [[ "$word" == -c || "$word" == --config ]]; then
                        config=(-c "${{{words}[i+1]}}")
                    fi
                    i=$((i + 1))
                fi ;;
            *)
                if [[ " $({fn}_commands "$cmd") " == *" $word "* ]]; then
                    cmd="${{cmd:+$cmd }}$word"
                fi ;;
        esac
    done
)SH",
                       fmt::arg("first", first), fmt::arg("last", last), fmt::arg("words", words),
                       fmt::arg("fn", fn));
}

std::string bash_script(const CompletionTree& tree) {
    const std::string fn = "_descope_mgmt";
    std::string out = fmt::format(
        "# bash completion for {0} (generated by `{0} completion bash` from its command table)\n"
        "# Install: {0} completion bash > ~/.local/share/bash-completion/completions/{0}\n"
        "# or, for this shell only: source <({0} completion bash)\n",
        tree.program);
    out += sh_data_functions(tree, fn);
    out += fmt::format(
        R"SH(# The config's environment names, tenant ids or flow ids ($1), never from the network.
{fn}_config_words() {{
    "${{COMP_WORDS[0]}}" "${{config[@]}}" __complete "$1" 2>/dev/null
}}
{fn}() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev='' prefix=''
    local -a config
{walk}    COMPREPLY=()
    ((COMP_CWORD > 1)) && prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    kind=''
    if [[ "$prev" == -* && "$prev" != *=* ]]; then
        kind="$({fn}_value "$cmd" "$prev")"
    fi
    if [[ -z "$kind" && "$cur" != -* ]]; then
        local commands
        commands="$({fn}_commands "$cmd")"
        if [[ -n "$commands" ]]; then
            mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
            return 0
        fi
        kind="$({fn}_argument "$cmd")"
    fi
    case "$kind" in
        '')
            mapfile -t COMPREPLY < <(compgen -W "$({fn}_options "$cmd")" -- "$cur") ;;
        choices\ *)
            mapfile -t COMPREPLY < <(compgen -W "${{kind#choices }}" -- "$cur") ;;
        environments)
            # -e dev,st<TAB>: the names after the last comma
            if [[ "$cur" == *,* ]]; then prefix="${{cur%,*}},"; cur="${{cur##*,}}"; fi
            mapfile -t COMPREPLY < <(compgen -P "$prefix" -W "$({fn}_config_words environments) all" -- "$cur") ;;
        tenants|flows)
            mapfile -t COMPREPLY < <(compgen -W "$({fn}_config_words "$kind")" -- "$cur") ;;
        files)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
        folders)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
    esac
    return 0
}}
complete -F {fn} {program}
)SH",
        fmt::arg("fn", fn), fmt::arg("program", tree.program),
        fmt::arg("walk", sh_command_walk(fn, "COMP_WORDS", "1", "COMP_CWORD")));
    return out;
}

std::string zsh_script(const CompletionTree& tree) {
    const std::string fn = "_descope_mgmt";
    const CompletionCommand& top = top_level(tree);
    std::string out = fmt::format(
        "#compdef {0}\n"
        "# zsh completion for {0} (generated by `{0} completion zsh` from its command table)\n"
        "# Install: {0} completion zsh > ~/.zfunc/_{0}  with  fpath=(~/.zfunc $fpath)  before\n"
        "# compinit in ~/.zshrc; or, for this shell only: source <({0} completion zsh)\n",
        tree.program);
    out += sh_data_functions(tree, fn);
    // zsh shows a description beside each command and option: "name:description" lines.
    out += fmt::format(
        "# The subcommands of command $1, as name:description lines.\n"
        "{}_commands_described() {{\n    case \"$1\" in\n",
        fn);
    for (const auto& parent : tree.commands) {
        if (parent.subcommands.empty()) continue;
        std::vector<std::string> lines;
        for (const auto& c : tree.commands) {
            const std::string prefix = parent.path.empty() ? "" : parent.path + " ";
            if (c.path.size() <= prefix.size() || c.path.compare(0, prefix.size(), prefix) != 0)
                continue;
            const std::string name = c.path.substr(prefix.size());
            if (name.find(' ') != std::string::npos) continue;
            lines.push_back(sh_quoted(name + ":" + one_line(c.summary)));
        }
        out += fmt::format("        {}) print -rl -- {} ;;\n", sh_quoted(parent.path),
                           util::join(lines, " "));
    }
    out += "    esac\n}\n";
    auto described = [](const std::vector<CompletionOption>& options) {
        std::vector<std::string> lines;
        for (const auto& o : options)
            for (const auto& name : o.names)
                lines.push_back(sh_quoted(name + ":" + one_line(o.help)));
        return util::join(lines, " ");
    };
    out += fmt::format(
        "# The options of command $1, the global ones included, as name:description "
        "lines.\n{}_options_described() {{\n    print -rl -- {}\n    case \"$1\" in\n",
        fn, described(top.options));
    for (const auto& c : tree.commands)
        if (!c.path.empty() && !c.options.empty())
            out += fmt::format("        {}) print -rl -- {} ;;\n", sh_quoted(c.path),
                               described(c.options));
    out += "    esac\n}\n";
    out += fmt::format(
        R"SH({fn}() {{
    local cur="${{words[CURRENT]}}" prev=''
    local -a config described names
{walk}    ((CURRENT > 2)) && prev="${{words[CURRENT-1]}}"
    kind=''
    if [[ "$prev" == -* && "$prev" != *=* ]]; then
        kind="$({fn}_value "$cmd" "$prev")"
    fi
    if [[ -z "$kind" && "$cur" != -* ]]; then
        described=("${{(@f)$({fn}_commands_described "$cmd")}}")
        if [[ -n "${{described[1]}}" ]]; then
            _describe -t commands '{program} command' described
            return
        fi
        kind="$({fn}_argument "$cmd")"
    fi
    case "$kind" in
        '')
            described=("${{(@f)$({fn}_options_described "$cmd")}}")
            _describe -t options option described ;;
        choices\ *)
            names=(${{=kind#choices }})
            compadd -a names ;;
        environments)
            compset -P '*,'   # -e dev,st<TAB>: the names after the last comma
            names=("${{(@f)$("${{words[1]}}" "${{config[@]}}" __complete environments 2>/dev/null)}}" all)
            compadd -a names ;;
        tenants|flows)
            names=("${{(@f)$("${{words[1]}}" "${{config[@]}}" __complete "$kind" 2>/dev/null)}}")
            compadd -a names ;;
        files) _files ;;
        folders) _files -/ ;;
    esac
}}
if [[ "${{funcstack[1]}}" == _{program} ]]; then
    {fn} "$@"
else
    compdef {fn} {program}
fi
)SH",
        fmt::arg("fn", fn), fmt::arg("program", tree.program),
        fmt::arg("walk", sh_command_walk(fn, "words", "2", "CURRENT")));
    return out;
}

/// The `complete` flags of an option's value in fish.
std::string fish_value_flags(const CompletionValue& v, const std::string& fn) {
    switch (v.kind) {
        case Kind::text:
            return " -x";
        case Kind::choices:
            return " -x -a " + fish_quoted(util::join(v.choices, " "));
        case Kind::environments:
            return fmt::format(" -x -a '({}_config_words environments) all'", fn);
        case Kind::tenants:
        case Kind::flows:
            return fmt::format(" -x -a '({}_config_words {})'", fn, to_string(v.kind));
        case Kind::files:
            return " -r -F";
        case Kind::folders:
            return " -x -a '(__fish_complete_directories)'";
    }
    return " -x";
}

std::string fish_option_line(const std::string& program, const std::string& condition,
                             const CompletionOption& o, const std::string& fn) {
    std::string line = "complete -c " + program + condition;
    for (const auto& name : o.names) {
        if (name.rfind("--", 0) == 0)
            line += " -l " + name.substr(2);
        else if (name.size() == 2)
            line += " -s " + name.substr(1);
        else
            line += " -o " + name.substr(1);
    }
    if (o.value) line += fish_value_flags(*o.value, fn);
    return line + " -d " + fish_quoted(one_line(o.help)) + "\n";
}

std::string fish_script(const CompletionTree& tree) {
    const std::string fn = "__descope_mgmt";
    const std::string& program = tree.program;
    const CompletionCommand& top = top_level(tree);
    std::string out = fmt::format(
        "# fish completion for {0} (generated by `{0} completion fish` from its command table)\n"
        "# Install: {0} completion fish > ~/.config/fish/completions/{0}.fish\n",
        program);
    out += fmt::format(
        "# The subcommands of command $argv[1] (\"\" for the top level).\n"
        "function {}_commands\n    switch \"$argv[1]\"\n",
        fn);
    for (const auto& c : tree.commands)
        if (!c.subcommands.empty())
            out += fmt::format("        case {}\n            echo {}\n", fish_quoted(c.path),
                               util::join(c.subcommands, " "));
    out += "    end\nend\n";
    out += fmt::format(
        "# Whether option $argv[2] of command $argv[1] takes a value.\n"
        "function {}_takes_value\n    switch \"$argv[2]\"\n",
        fn);
    std::vector<std::string> global_values;
    for (const auto& o : top.options)
        if (o.value)
            for (const auto& name : o.names)
                global_values.push_back(fish_quoted(name));
    if (!global_values.empty())
        out +=
            fmt::format("        case {}\n            return 0\n", util::join(global_values, " "));
    out += "    end\n    switch \"$argv[1]|$argv[2]\"\n";
    std::vector<std::string> own_values;
    for (const auto& c : tree.commands)
        if (!c.path.empty())
            for (const auto& o : c.options)
                if (o.value)
                    for (const auto& name : o.names)
                        own_values.push_back(fish_quoted(c.path + "|" + name));
    if (!own_values.empty())
        out += fmt::format("        case {}\n            return 0\n", util::join(own_values, " "));
    out += "    end\n    return 1\nend\n";
    out += fmt::format(
        R"FISH(# The command typed so far ("tenant show"): the words that are subcommands, past options
# and their values.
function {fn}_command
    set -l tokens (commandline -opc)
    set -l cmd ''
    set -l skip 0
    for word in $tokens[2..-1]
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $word
            case '--*=*'
            case '-*'
                if {fn}_takes_value "$cmd" $word
                    set skip 1
                end
            case '*'
                if contains -- $word (string split ' ' -- ({fn}_commands "$cmd"))
                    if test -z "$cmd"
                        set cmd $word
                    else
                        set cmd "$cmd $word"
                    end
                end
        end
    end
    echo $cmd
end
function {fn}_at
    set -l cmd ({fn}_command)
    test "$cmd" = "$argv[1]"
end
# The config's environment names, tenant ids or flow ids ($argv[1]), never from the network.
function {fn}_config_words
    set -l tokens (commandline -opc)
    set -l config
    for i in (seq 2 (count $tokens))
        if contains -- $tokens[$i] -c --config; and test $i -lt (count $tokens)
            set config -c $tokens[(math $i + 1)]
        end
    end
    command $tokens[1] $config __complete $argv[1] 2>/dev/null
end
complete -c {program} -f
)FISH",
        fmt::arg("fn", fn), fmt::arg("program", program));
    for (const auto& parent : tree.commands) {
        if (parent.subcommands.empty()) continue;
        const std::string condition = fmt::format(" -n '{}_at \"{}\"'", fn, parent.path);
        for (const auto& c : tree.commands) {
            const std::string prefix = parent.path.empty() ? "" : parent.path + " ";
            if (c.path.size() <= prefix.size() || c.path.compare(0, prefix.size(), prefix) != 0)
                continue;
            const std::string name = c.path.substr(prefix.size());
            if (name.find(' ') != std::string::npos) continue;
            out += fmt::format("complete -c {}{} -a {} -d {}\n", program, condition, name,
                               fish_quoted(one_line(c.summary)));
        }
    }
    for (const auto& o : top.options)
        out += fish_option_line(program, "", o, fn);
    for (const auto& c : tree.commands) {
        if (c.path.empty()) continue;
        const std::string condition = fmt::format(" -n '{}_at \"{}\"'", fn, c.path);
        for (const auto& o : c.options)
            out += fish_option_line(program, condition, o, fn);
        if (c.argument && c.argument->kind != Kind::text) {
            // An argument is no option's value: -x/-r (which say "the option takes one") go.
            std::string flags = fish_value_flags(*c.argument, fn);
            for (const char* option_only : {" -x", " -r"})
                if (flags.rfind(option_only, 0) == 0) flags.erase(0, 3);
            out += fmt::format("complete -c {}{}{}\n", program, condition, flags);
        }
    }
    return out;
}

}  // namespace

std::string completion_script(const CompletionTree& tree, Shell shell) {
    if (tree.commands.empty()) return "";
    switch (shell) {
        case Shell::bash:
            return bash_script(tree);
        case Shell::zsh:
            return zsh_script(tree);
        case Shell::fish:
            return fish_script(tree);
    }
    return "";
}

}  // namespace descope_mgmt::cli
