#include "cli/app.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/workspace.hpp"
#include "diag/diagnostic.hpp"
#include "render/json_document.hpp"
#include "render/view.hpp"
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

void Context::error(const std::string& message) const {
    const char* red = global.color_stderr ? "\033[1;31m" : "";
    const char* reset = global.color_stderr ? "\033[0m" : "";
    fmt::print(err, "descope-mgmt: {}error:{} {}\n", red, reset, shown(message));
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
    fmt::print(err, "descope-mgmt: {}warning:{} {}\n", mag, reset, shown(message));
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
    if (json() || !global.quiet) show(view);
}

void Context::info(const std::string& message) const {
    if (!global.quiet) fmt::print(err, "{}\n", shown(message));
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
  descope-mgmt validate                      check ./descope.yaml and its flow/theme files
  descope-mgmt plan -e staging               what apply would change in staging
  descope-mgmt apply -e prod                 plan, confirm, back up, change, report
  descope-mgmt drift -e prod -o json         console edits since the last apply, for monitoring
  descope-mgmt flow export sign-in -e staging --out flows/sign-in.json   then: apply -e prod
  descope-mgmt restore .descope-mgmt/backups/prod -e prod    back to the last automatic backup
  descope-mgmt -c infra/descope.yaml schema > descope-mgmt.schema.json

Exit codes: 0 success (no changes), 1 error, 2 changes or drift found, 130 interrupted.
Config: ./descope.yaml, or $DESCOPE_MGMT_CONFIG, or -c FILE. DESCOPE_BASE_URL overrides every
environment's API base URL (e.g. the local descope-emulator).
Docs: README.md and docs/ in the source tree.)";

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

/// "did you mean" for the first unexpected argument: a command name or an option.
std::string suggestion_for(const CLI::App& app, const std::vector<std::string>& extras) {
    if (extras.empty()) return {};
    const std::string& word = extras.front();
    std::vector<std::string> candidates;
    const CLI::App* scope = &app;
    for (const CLI::App* sub : app.get_subcommands())
        scope = sub;  // the parsed subcommand
    if (!word.empty() && word[0] == '-') {
        std::string name = word.substr(0, word.find('='));
        candidates = option_names(*scope);
        if (scope != &app) {
            auto more = option_names(app);
            candidates.insert(candidates.end(), more.begin(), more.end());
        }
        if (auto m = util::closest_match(name, candidates))
            return fmt::format("did you mean '{}'?", *m);
        return {};
    }
    for (const auto& entry : command_table())
        candidates.emplace_back(entry.name);
    if (scope != &app) {
        for (const CLI::App* sub : scope->get_subcommands({}))
            candidates.push_back(sub->get_name());
    }
    if (auto m = util::closest_match(word, candidates))
        return fmt::format("did you mean '{}'?", *m);
    return {};
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
    app.add_option("-o,--output", output, "output format: text (default) | json")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"text", "json"}));
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

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion&) {
        fmt::print(ctx.out, "descope-mgmt {}\n", util::kVersion);
        return exit_code::ok;
    } catch (const CLI::ExtrasError& e) {
        std::vector<std::string> extras = app.remaining();
        for (const CLI::App* sub : app.get_subcommands()) {
            auto more = sub->remaining();
            extras.insert(extras.end(), more.begin(), more.end());
        }
        const bool unknown_command =
            app.get_subcommands().empty() && !extras.empty() && extras.front()[0] != '-';
        ctx.global.color_stderr = color_allowed(2, no_color);
        if (unknown_command) {
            ctx.error(fmt::format("unknown command '{}'", extras.front()));
        } else {
            ctx.error(fmt::format("unknown argument '{}'",
                                  extras.empty() ? std::string("?") : extras.front()));
        }
        if (auto hint = suggestion_for(app, extras); !hint.empty())
            fmt::print(ctx.err, "  {}\n", hint);
        fmt::print(ctx.err, "  run 'descope-mgmt --help' for usage\n");
        return exit_code::error;
    } catch (const CLI::ParseError& e) {
        ctx.global.color_stderr = color_allowed(2, no_color);
        ctx.error(e.what());
        fmt::print(ctx.err, "  run 'descope-mgmt --help' for usage\n");
        return exit_code::error;
    }

    if (config_path.empty()) {
        const char* from_env = std::getenv("DESCOPE_MGMT_CONFIG");
        config_path = from_env != nullptr && *from_env ? from_env : "descope.yaml";
    }
    ctx.global.config_path = config_path;
    ctx.global.output = output == "json" ? OutputFormat::json : OutputFormat::text;
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
    return run_command(ctx, command);
}

int run_command(Context& ctx, const std::string& command) {
    ctx.command = command;
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
