#include "cli/workspace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>

#include "cli/context.hpp"
#include "cli/progress_display.hpp"
#include "diag/diagnostic.hpp"
#include "util/strings.hpp"
#include "util/terminal_text.hpp"
#include "workspace/http_clients.hpp"

namespace descope_mgmt::cli {

namespace {

extern "C" void on_sigint(int) {
    interrupt_token().cancel();
}

/// A log line quotes answers of the server: escaped, and cut well after any line of ours.
constexpr std::size_t kMaxLogLineBytes = 8 * util::kMaxServerMessageBytes;

/// Log lines of every client thread, through Context::write_err (one line at a time, above
/// the progress line). The context outlives its clients.
api::ApiLogSink stderr_sink(const Context& ctx) {
    // Level 0 (retries, an environment that stopped answering) is shown by default; -q
    // keeps stderr to errors, which the command reports itself.
    if (ctx.global.quiet) return {};
    const Context* c = &ctx;
    const int verbosity = std::max(0, ctx.global.verbosity);
    return [c, verbosity](int level, const std::string& line) {
        if (level > verbosity) return;
        c->write_err(util::terminal_safe(line, kMaxLogLineBytes) + "\n");
    };
}

/// What the clients do (waits, requests, retries), for the run's progress line.
api::ApiActivitySink progress_sink(const Context& ctx) {
    if (ctx.global.quiet) return {};
    const Context* c = &ctx;
    return [c](const api::ApiActivity& activity) {
        if (c->progress) c->progress->progress().on_api(activity);
    };
}

/// DESCOPE_MGMT_RETRY_BACKOFF="1,2,4,8,16" (seconds, decimals allowed) replaces the retry
/// waits; an empty list disables retries. Unparsable text is an error.
util::Result<std::optional<std::vector<std::chrono::milliseconds>>> backoff_from_environment() {
    const char* text = std::getenv("DESCOPE_MGMT_RETRY_BACKOFF");
    if (text == nullptr) return std::optional<std::vector<std::chrono::milliseconds>>();
    std::vector<std::chrono::milliseconds> out;
    const std::string value = text;
    if (value.find_first_not_of(" ") == std::string::npos) return std::optional(out);
    for (const auto& part : util::split(value, ',')) {
        char* end = nullptr;
        const double seconds = std::strtod(part.c_str(), &end);
        if (end == part.c_str() || *end != '\0' || seconds < 0 || seconds > 3600) {
            return util::error(
                "DESCOPE_MGMT_RETRY_BACKOFF: expected seconds separated by commas "
                "(e.g. 1,2,4,8,16), got \"" +
                value + "\"");
        }
        out.emplace_back(static_cast<std::int64_t>(seconds * 1000));
    }
    return std::optional(out);
}

/// DESCOPE_MGMT_MAX_RESPONSE_MB=N (a whole number of MiB, 1 to 4096) replaces the answer size
/// cap (256 MiB).
util::Result<std::optional<std::size_t>> max_response_from_environment() {
    const char* text = std::getenv("DESCOPE_MGMT_MAX_RESPONSE_MB");
    if (text == nullptr || *text == '\0') return std::optional<std::size_t>();
    char* end = nullptr;
    const long mb = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || mb < 1 || mb > 4096) {
        return util::error(std::string("DESCOPE_MGMT_MAX_RESPONSE_MB: expected a whole number of "
                                       "MiB from 1 to 4096, got \"") +
                           text + "\"");
    }
    return std::optional<std::size_t>(static_cast<std::size_t>(mb) << 20);
}

}  // namespace

api::CancellationToken& interrupt_token() {
    static api::CancellationToken token;
    return token;
}

void install_interrupt_handler() {
    struct sigaction action {};
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;  // the second Ctrl-C gets the default behaviour
    sigaction(SIGINT, &action, nullptr);
}

std::optional<config::Config> load_config_or_report(Context& ctx, config::LoadOptions options) {
    std::error_code ec;
    if (std::filesystem::status(ctx.global.config_path, ec).type() ==
        std::filesystem::file_type::not_found) {
        // One line that says what to do, not a diagnostic block about a file that is not there.
        ctx.error(config::missing_config_message(ctx.global.config_path));
        return std::nullopt;
    }
    config::LoadResult r = config::load(ctx.global.config_path, config::process_env, options);
    if (r.config && !r.diagnostics.has_errors()) {
        // Warnings (an ignored key in a flow file, an override never used, a key written in
        // the file) are shown here too, not only by validate; unset credential variables are
        // left out: they matter only for the environments a command uses, which say so.
        if (!ctx.global.quiet) {
            std::set<std::string> credential_problems;
            for (const auto& env : r.config->environments)
                for (const auto& d : env.credential_problems)
                    credential_problems.insert(d.message);
            for (const auto& d : r.diagnostics.items()) {
                if (d.severity == diag::Severity::warning && !credential_problems.count(d.message))
                    ctx.write_err(diag::render(d, r.sources, ctx.global.color_stderr));
            }
        }
        return std::move(r.config);
    }
    r.diagnostics.sort();
    ctx.write_err(diag::render_all(r.diagnostics, r.sources, ctx.global.color_stderr));
    // Each error also goes into the -o json error document (app.cpp), one line each.
    for (const auto& d : r.diagnostics.items()) {
        if (d.severity != diag::Severity::error) continue;
        const auto& at = d.location;
        ctx.errors.push_back(
            at.known() ? fmt::format("{}:{}:{}: {}", at.file, at.line, at.column, d.message)
                       : fmt::format("{}: {}", at.file.empty() ? ctx.global.config_path : at.file,
                                     d.message));
    }
    ctx.error(fmt::format("{}: the config has errors (see above)", ctx.global.config_path));
    return std::nullopt;
}

namespace {

workspace::ClientFactory& client_factory(Context& ctx) {
    if (!ctx.client_factory) {
        auto backoff = backoff_from_environment();
        workspace::HttpClientSettings settings;
        settings.cancel = &interrupt_token();
        settings.log = stderr_sink(ctx);
        settings.activity = progress_sink(ctx);
        settings.verbosity = ctx.global.verbosity;
        if (backoff) settings.backoff = *backoff;
        if (auto cap = max_response_from_environment(); cap) settings.max_response_bytes = *cap;
        ctx.client_factory = workspace::http_client_factory(std::move(settings));
    }
    return *ctx.client_factory;
}

}  // namespace

std::optional<Workspace> open_clients(Context& ctx, config::Config config,
                                      const workspace::Selection& selection) {
    if (!ctx.client_factory) {
        if (auto backoff = backoff_from_environment(); !backoff) {
            ctx.error(backoff.error().message);
            return std::nullopt;
        }
        if (auto cap = max_response_from_environment(); !cap) {
            ctx.error(cap.error().message);
            return std::nullopt;
        }
    }
    auto ws = workspace::open(std::move(config), selection, client_factory(ctx),
                              ctx.cancel != nullptr ? ctx.cancel : &interrupt_token());
    if (!ws) {
        ctx.report(ws.error());
        return std::nullopt;
    }
    // Issue 13: one variable in the shell silently pointed prod somewhere else.
    for (const model::Environment* env : ws->environments) {
        if (!env->is_protected || !env->overridden_base_url || !env->base_url) continue;
        ctx.warning(fmt::format(
            "DESCOPE_BASE_URL (in the process environment) overrides where protected environment "
            "'{}' is reached: {}{}; unset DESCOPE_BASE_URL to reach its own Descope project",
            env->name, *env->base_url,
            env->overridden_base_url->empty()
                ? ""
                : " instead of its base_url " + *env->overridden_base_url));
    }
    return std::move(*ws);
}

bool open_needs(Context& ctx) {
    const Needs& n = ctx.needs;
    if (n.what == Needs::What::nothing) return true;
    WorkspaceOptions options;
    options.load.read_resource_files = n.resource_files;
    if (n.one_environment) options.single_for = ctx.command;
    if (n.what == Needs::What::config) {
        auto config = load_config_or_report(ctx, options.load);
        if (!config) return false;
        ctx.opened_config = std::make_shared<config::Config>(std::move(*config));
        return true;
    }
    auto ws = open_workspace(ctx, options);
    if (!ws) return false;
    ctx.opened_workspace = std::make_shared<Workspace>(std::move(*ws));
    install_interrupt_handler();
    return true;
}

const config::Config& Context::config() const {
    if (opened_workspace) return opened_workspace->config;
    if (!opened_config)
        throw std::logic_error("the command table does not say it needs the config");
    return *opened_config;
}

Workspace& Context::workspace() const {
    if (!opened_workspace)
        throw std::logic_error("the command table does not say it needs clients");
    return *opened_workspace;
}

std::optional<Workspace> open_workspace(Context& ctx, const WorkspaceOptions& options) {
    auto config = load_config_or_report(ctx, options.load);
    if (!config) return std::nullopt;
    return open_clients(ctx, std::move(*config), {ctx.global.envs, options.single_for});
}

render::EnvironmentRead read_result(Context& ctx, const model::Environment& env,
                                    const api::TaskOutcome& outcome, bool interrupted,
                                    const std::string& what) {
    render::EnvironmentRead read{env.name, env.project_id, outcome.status, interrupted,
                                 outcome.error};
    if (read.ok()) return read;
    diag::Diagnostics problems;
    if (outcome.error)
        problems.add(api::to_diagnostic(*outcome.error));
    else
        problems.error(fmt::format("{}: {}: not started (interrupted)", env.name, what));
    ctx.report(problems);
    return read;
}

void report_api_stats(Context& ctx, const Workspace& ws) {
    if (ctx.global.verbosity < 1) return;
    const auto st = ws.total_stats();
    ctx.info(fmt::format("api: {} call{}, {} retr{}, {} x 429, waited {:.1f} s", st.calls,
                         st.calls == 1 ? "" : "s", st.retries, st.retries == 1 ? "y" : "ies",
                         st.http_429, st.waited().count() / 1000.0));
}

}  // namespace descope_mgmt::cli
