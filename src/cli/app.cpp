#include "cli/app.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/progress_display.hpp"
#include "cli/workspace.hpp"
#include "diag/diagnostic.hpp"
#include "render/json_document.hpp"
#include "render/view.hpp"
#include "util/build_info.hpp"
#include "util/strings.hpp"
#include "util/terminal_text.hpp"
#include "util/version.hpp"

namespace descope_mgmt::cli {

namespace {

/// A message as stderr shows it: it quotes names and server messages (already cut to
/// util::kMaxServerMessageBytes), so it is escaped, and cut where nothing should be that long.
/// The JSON document keeps the whole text.
std::string shown(const std::string& message) {
    return util::terminal_safe(message, 8 * util::kMaxServerMessageBytes);
}

}  // namespace

void Context::write_err(std::string_view text) const {
    if (progress) {
        progress->print(text);
        return;
    }
    static std::mutex one_writer;  // lines from several threads never interleave
    std::lock_guard lock(one_writer);
    std::fwrite(text.data(), 1, text.size(), err);
    std::fflush(err);
}

void Context::error(const std::string& message) const {
    const char* red = global.color_stderr ? "\033[1;31m" : "";
    const char* reset = global.color_stderr ? "\033[0m" : "";
    write_err(fmt::format("descope-mgmt: {}error:{} {}\n", red, reset, shown(message)));
    errors.push_back(message);
}

void Context::report(const diag::Diagnostics& problems, const std::string& prefix) const {
    for (const auto& d : problems.items()) {
        const auto& at = d.location;
        const std::string where =
            at.known() ? fmt::format("{}:{}:{}: ", at.file, at.line, at.column) : "";
        if (d.severity == diag::Severity::error)
            error(where + prefix + d.message);
        else if (d.severity == diag::Severity::warning)
            warning(where + prefix + d.message);
    }
}

void Context::warning(const std::string& message) const {
    if (global.quiet) return;
    const char* mag = global.color_stderr ? "\033[1;35m" : "";
    const char* reset = global.color_stderr ? "\033[0m" : "";
    write_err(fmt::format("descope-mgmt: {}warning:{} {}\n", mag, reset, shown(message)));
}

std::string Context::rendered(const render::View& view) const {
    // The envelope goes on here, once, for every command's document.
    return json() ? render::document_text(view, command) : view.text;
}

void Context::show(const render::View& view) const {
    const std::string text = rendered(view);
    std::fwrite(text.data(), 1, text.size(), out);
    std::fflush(out);
}

void Context::preview(const std::string& text) const {
    if (json()) return;
    std::fwrite(text.data(), 1, text.size(), out);
    std::fflush(out);
}

void Context::show_unless_quiet(const render::View& view) const {
    // A document asked for with -o (json, markdown) is the result itself, not chatter.
    if (global.output != OutputFormat::text || !global.quiet) show(view);
}

void Context::info(const std::string& message) const {
    if (!global.quiet) write_err(shown(message) + "\n");
}

namespace {

bool color_allowed(int fd, bool no_color_flag) {
    if (no_color_flag) return false;
    // no-color.org: NO_COLOR set to a non-empty value turns colour off; NO_COLOR= does not.
    if (const char* no_color = std::getenv("NO_COLOR"); no_color != nullptr && *no_color != '\0')
        return false;
    const char* term = std::getenv("TERM");
    if (term != nullptr && std::string(term) == "dumb") return false;
    return ::isatty(fd) == 1;
}

constexpr const char* kAppFooter = R"(Examples:
  descope-mgmt init                          a commented starter ./descope.yaml, to edit
  descope-mgmt validate                      check ./descope.yaml and its flow/theme files
  descope-mgmt plan -e staging               what apply would change in staging
  descope-mgmt apply -e prod                 plan, confirm, back up, change, report
  descope-mgmt drift -e prod -o json         console edits since the last apply, for monitoring
  descope-mgmt flow export sign-in -e staging --out flows/sign-in.json   then: apply -e prod
  descope-mgmt restore .descope-mgmt/backups/prod -e prod    back to the last automatic backup
  descope-mgmt -c infra/descope.yaml schema > descope-mgmt.schema.json
  descope-mgmt completion bash > ~/.local/share/bash-completion/completions/descope-mgmt

Exit codes: 0 success (no changes), 1 error, 2 changes or drift found, 130 interrupted.
Config: ./descope.yaml, or $DESCOPE_MGMT_CONFIG, or -c FILE. DESCOPE_BASE_URL overrides every
environment's API base URL (e.g. the local descope-emulator).
Docs: README.md and docs/ in the source tree.)";

/// Every help page but the top level's ends with the options every command takes ("Global
/// options", from the top-level app), then the command's own examples (its footer). An option a
/// command requires is marked: `-e` for the commands that work on exactly one environment.
class HelpFormatter : public CLI::Formatter {
  public:
    explicit HelpFormatter(const std::map<const void*, Needs>& needs_of) : m_needs_of(needs_of) {}

    std::string make_footer(const CLI::App* app) const override {
        std::string out;
        if (app->get_parent() != nullptr) {
            const CLI::App* root = app;
            while (root->get_parent() != nullptr)
                root = root->get_parent();
            const auto it = m_needs_of.find(app);
            const bool one_env = it != m_needs_of.end() && it->second.one_environment;
            std::ostringstream lines;
            for (const CLI::Option* opt : root->get_options()) {
                if (opt == root->get_help_ptr() || opt == root->get_help_all_ptr()) continue;
                std::string desc = make_option_desc(opt);
                if (one_env && opt->check_lname("env"))
                    desc = "REQUIRED (unless the config has one environment): the one to work on";
                CLI::detail::format_help(lines,
                                         make_option_name(opt, false) + make_option_opts(opt), desc,
                                         column_width_);
            }
            out += "Global options:\n" + lines.str() + "\n";
        }
        return out + CLI::Formatter::make_footer(app);
    }

  private:
    const std::map<const void*, Needs>& m_needs_of;
};

/// The help page of `app`, as its --help prints it.
std::string help_page(const CLI::App& app) {
    // The formatter, not App::help(), which would show the parsed subcommand's page instead.
    std::string name;
    for (const CLI::App* p = &app; p != nullptr; p = p->get_parent())
        name = p->get_name() + (name.empty() ? "" : " " + name);
    return app.get_formatter()->make_help(&app, name, CLI::AppFormatMode::Normal);
}

/// "tenant show": the names of `app` and its parents below the top level.
std::string command_path(const CLI::App& app) {
    std::string path;
    for (const CLI::App* p = &app; p->get_parent() != nullptr; p = p->get_parent())
        path = p->get_name() + (path.empty() ? "" : " " + path);
    return path;
}

std::vector<std::string> subcommand_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({}))
        if (!sub->get_group().empty()) names.push_back(sub->get_name());  // not the hidden ones
    return names;
}

std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* opt : app.get_options()) {
        for (const auto& l : opt->get_lnames())
            names.push_back("--" + l);
        for (const auto& s : opt->get_snames())
            names.push_back("-" + s);
    }
    return names;
}

/// Every long option name of `app` and its subcommands, without dashes.
void long_option_names(const CLI::App& app, std::set<std::string>& out) {
    for (const CLI::Option* opt : app.get_options())
        for (const auto& l : opt->get_lnames())
            out.insert(l);
    for (const CLI::App* sub : app.get_subcommands({}))
        long_option_names(*sub, out);
}

/// Terraform's habit, `-out=x.plan`: one dash before a long option's name, which CLI11 would read
/// as `-o ut=x.plan`. The message for the first such word; nullopt when there is none.
std::optional<std::string> single_dash_long_option(const CLI::App& app, int argc,
                                                   const char* const* argv) {
    std::set<std::string> names;
    long_option_names(app, names);
    for (int i = 1; i < argc; ++i) {
        const std::string word = argv[i];
        if (word == "--") break;
        if (word.size() < 3 || word[0] != '-' || word[1] == '-') continue;
        const std::string name = word.substr(1, word.find('=') - 1);
        if (name.size() < 2 || !names.count(name)) continue;
        return fmt::format("'{}': a long option takes two dashes: did you mean '-{}'?", word, word);
    }
    return std::nullopt;
}

/// The deepest subcommand the parse reached (`app` itself when none).
const CLI::App& parsed_scope(const CLI::App& app) {
    const CLI::App* scope = &app;
    while (!scope->get_subcommands().empty())
        scope = scope->get_subcommands().front();
    return *scope;
}

/// One message for every parse error, at every level: "unknown command 'lst' for 'tenant': did
/// you mean 'list'?", "unknown option '--tagret' for 'plan': did you mean '--target'?".
std::string parse_error_message(const CLI::App& app, const CLI::ParseError& e) {
    const CLI::App& scope = parsed_scope(app);
    const std::string path = command_path(scope);
    const std::string for_path = path.empty() ? "" : fmt::format(" for '{}'", path);
    std::vector<std::string> extras = const_cast<CLI::App&>(app).remaining(true);
    const std::vector<std::string> commands = subcommand_names(scope);
    if (!extras.empty()) {
        const std::string& word = extras.front();
        if (!word.empty() && word[0] == '-') {
            const std::string name = word.substr(0, word.find('='));
            std::vector<std::string> candidates = option_names(scope);
            if (&scope != &app) {
                auto more = option_names(app);
                candidates.insert(candidates.end(), more.begin(), more.end());
            }
            std::string message = fmt::format("unknown option '{}'{}", name, for_path);
            if (auto m = util::closest_match(name, candidates))
                message += fmt::format(": did you mean '{}'?", *m);
            return message;
        }
        if (!commands.empty()) {
            std::string message = fmt::format("unknown command '{}'{}", word, for_path);
            if (auto m = util::closest_match(word, commands))
                message += fmt::format(": did you mean '{}'?", *m);
            else
                message += fmt::format(" (commands: {})", util::join(commands, ", "));
            return message;
        }
        return fmt::format("unexpected argument '{}'{}", word, for_path);
    }
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr && !commands.empty()) {
        return fmt::format("'{}' needs a command: {}", path, util::join(commands, ", "));
    }
    return path.empty() ? e.what() : fmt::format("{}: {}", path, e.what());
}

/// `help tenant show`: the help page of that command, or an unknown command with "did you mean".
int print_help_of(Context& ctx, const CLI::App& app, const std::vector<std::string>& words) {
    const CLI::App* page = &app;
    for (const std::string& word : words) {
        const CLI::App* next = nullptr;
        for (const CLI::App* sub : page->get_subcommands({}))
            if (sub->get_name() == word) next = sub;
        if (next == nullptr) {
            const std::string path = command_path(*page);
            const std::vector<std::string> commands = subcommand_names(*page);
            std::string message = fmt::format("unknown command '{}'{}", word,
                                              path.empty() ? "" : " for '" + path + "'");
            if (commands.empty())
                message += fmt::format(" ('{}' has no subcommands)", path);
            else if (auto m = util::closest_match(word, commands))
                message += fmt::format(": did you mean '{}'?", *m);
            else
                message += fmt::format(" (commands: {})", util::join(commands, ", "));
            ctx.error(message);
            fmt::print(ctx.err, "  run 'descope-mgmt {}{}--help' for usage\n", path,
                       path.empty() ? "" : " ");
            return exit_code::error;
        }
        page = next;
    }
    const std::string text = help_page(*page);
    std::fwrite(text.data(), 1, text.size(), ctx.out);
    std::fflush(ctx.out);
    return exit_code::ok;
}

}  // namespace

int run(int argc, char** argv) {
    Context ctx;
    return run(argc, argv, ctx);
}

int run(int argc, char** argv, Context& ctx) {
    CLI::App app{
        "descope-mgmt: manage Descope projects as code (tenants, roles, permissions, "
        "flows, themes) across environments",
        "descope-mgmt"};
    app.footer(kAppFooter);
    // Set before any subcommand is added: CLI11 copies it into each.
    app.formatter(std::make_shared<HelpFormatter>(ctx.needs_of));
    app.set_help_all_flag("--help-all", "show help for every command");
    app.require_subcommand(0, 1);
    app.fallthrough();

    std::string config_path;
    std::string output = "text";
    bool no_color = false;
    app.add_option("-c,--config", config_path,
                   "config file (default ./descope.yaml, or $DESCOPE_MGMT_CONFIG)")
        ->type_name("FILE");
    app.add_option("-e,--env", ctx.global.envs,
                   "environment; repeatable or comma-separated (-e dev,staging); \"all\" "
                   "(the default) = every environment")
        ->type_name("NAME")
        ->delimiter(',')
        ->take_last()
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_option("-o,--output", output,
                   "output format: text (default) | json | markdown (plan and drift: a "
                   "pull-request comment)")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    app.add_flag("-v,--verbose", ctx.global.verbosity,
                 "more detail; repeat (-vv) for HTTP-level logs (keys always redacted)");
    app.add_flag("-q,--quiet", ctx.global.quiet, "errors only");
    app.add_flag("--no-color", no_color,
                 "no colour (also: NO_COLOR, TERM=dumb, output not a terminal)");
    app.add_flag("--dry-run", ctx.global.dry_run,
                 "for commands that change things: show the plan, change nothing");
    app.set_version_flag("--version", std::string(util::kVersion), "print the version and exit");

    for (const auto& entry : command_table())
        add_command(app, ctx, entry);
    // `help [COMMAND...]`: the page `COMMAND... --help` prints.
    std::vector<std::string> help_words;
    CLI::App* help = app.add_subcommand("help", "show the help of a command: help [COMMAND...]");
    help->footer(R"(Examples:
  descope-mgmt help                 the commands and the global options (same as --help)
  descope-mgmt help plan            same as: descope-mgmt plan --help
  descope-mgmt help tenant show     same as: descope-mgmt tenant show --help)");
    help->add_option("COMMAND", help_words, "a command, and its subcommand, e.g. tenant show");
    help->callback([&ctx, &app, &help_words] {
        ctx.action = [&ctx, &app, &help_words] { return print_help_of(ctx, app, help_words); };
    });

    if (auto message = single_dash_long_option(app, argc, argv)) {
        ctx.global.color_stderr = color_allowed(2, no_color);
        ctx.error(*message);
        return exit_code::error;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion&) {
        fmt::print(ctx.out, "{}\n", util::version_line("descope-mgmt"));
        return exit_code::ok;
    } catch (const CLI::ParseError& e) {
        ctx.global.color_stderr = color_allowed(2, no_color);
        ctx.error(parse_error_message(app, e));
        const std::string path = command_path(parsed_scope(app));
        fmt::print(ctx.err, "  run 'descope-mgmt {}{}--help' for usage\n", path,
                   path.empty() ? "" : " ");
        return exit_code::error;
    }

    if (config_path.empty()) {
        const char* from_env = std::getenv("DESCOPE_MGMT_CONFIG");
        config_path = from_env != nullptr && *from_env ? from_env : "descope.yaml";
    }
    ctx.global.config_path = config_path;
    ctx.global.output = output == "json"       ? OutputFormat::json
                        : output == "markdown" ? OutputFormat::markdown
                                               : OutputFormat::text;
    ctx.global.color = color_allowed(1, no_color);
    ctx.global.color_stderr = color_allowed(2, no_color);

    if (!ctx.action) {
        fmt::print(ctx.out, "{}", app.help());
        return exit_code::ok;
    }
    // The chosen command is the deepest parsed subcommand: its name and its needs.
    std::string command;
    const CLI::App* chosen = &app;
    while (!chosen->get_subcommands().empty()) {
        chosen = chosen->get_subcommands().front();
        command += (command.empty() ? "" : " ") + chosen->get_name();
    }
    if (auto it = ctx.needs_of.find(chosen); it != ctx.needs_of.end()) ctx.needs = it->second;
    if (ctx.global.output == OutputFormat::markdown && command != "plan" && command != "drift" &&
        command != "show") {
        ctx.error(
            fmt::format("-o markdown is for plan, drift and show (a pull-request comment); {} "
                        "prints text or json",
                        command.empty() ? "descope-mgmt" : command));
        return exit_code::error;
    }
    return run_command(ctx, command);
}

int run_command(Context& ctx, const std::string& command) {
    ctx.command = command;
    // The run starts now: a plain progress line comes only once it is 10 s old.
    if (!ctx.progress) {
        ctx.progress = std::make_shared<ProgressDisplay>(
            ctx.err, progress_mode_for(ctx.err, ctx.global.quiet), util::SystemClock::instance());
    }
    // What escapes a command is caught here, once: an error message and exit 1, never an abort.
    auto guarded = [&ctx]() -> int {
        try {
            if (!open_needs(ctx)) return exit_code::error;
            return ctx.action();
        } catch (const std::exception& e) {
            ctx.error(fmt::format("internal error: {}", e.what()));
        } catch (...) {
            ctx.error("internal error");
        }
        return exit_code::error;
    };
    // The exit code is derived here once: a command that failed after Ctrl-C was interrupted.
    auto run_it = [&ctx, &guarded]() -> int {
        const int rc = guarded();
        const api::CancellationToken& token =
            ctx.cancel != nullptr ? *ctx.cancel : interrupt_token();
        return rc == exit_code::error && token.cancelled() ? exit_code::interrupted : rc;
    };
    if (!ctx.json()) return run_it();

    // With -o json, stdout gets exactly one JSON document, failing or not: the command's own,
    // or, when it failed before printing one, a document of its errors.
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* memory = ::open_memstream(&buffer, &size);
    if (memory == nullptr) return run_it();
    std::FILE* const real_out = ctx.out;
    ctx.out = memory;
    const int rc = run_it();
    std::fclose(memory);
    ctx.out = real_out;
    std::string text(buffer, size);
    std::free(buffer);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos && rc != exit_code::ok &&
        rc != exit_code::changes) {
        text = ctx.rendered(render::failure_view(rc, ctx.errors));
    }
    std::fwrite(text.data(), 1, text.size(), real_out);
    std::fflush(real_out);
    return rc;
}

}  // namespace descope_mgmt::cli
