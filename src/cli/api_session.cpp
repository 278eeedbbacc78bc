#include "cli/api_session.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "api/base_url.hpp"
#include "api/curl_transport.hpp"
#include "api/rate_limiter.hpp"
#include "cli/context.hpp"
#include "diag/diagnostic.hpp"
#include "render/api_error_json.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::cli {

namespace {

extern "C" void on_sigint(int) {
    interrupt_token().cancel();
}

/// One stderr writer for all client threads, so log lines never interleave.
api::ApiLogSink stderr_sink(const Context& ctx) {
    if (ctx.global.quiet || ctx.global.verbosity <= 0) return {};
    auto mutex = std::make_shared<std::mutex>();
    std::FILE* err = ctx.err;
    const int verbosity = ctx.global.verbosity;
    return [mutex, err, verbosity](int level, const std::string& line) {
        if (level > verbosity) return;
        std::lock_guard lock(*mutex);
        fmt::print(err, "{}\n", line);
        std::fflush(err);
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
                    fmt::print(ctx.err, "{}", diag::render(d, r.sources, ctx.global.color_stderr));
            }
        }
        return std::move(r.config);
    }
    r.diagnostics.sort();
    fmt::print(ctx.err, "{}", diag::render_all(r.diagnostics, r.sources, ctx.global.color_stderr));
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

util::Result<std::vector<const model::Environment*>> select_environments(
    const config::Config& config, const std::vector<std::string>& names) {
    std::vector<const model::Environment*> out;
    if (selects_all_environments(names)) {
        for (const auto& e : config.environments)
            out.push_back(&e);
        if (out.empty()) return util::error("the config declares no environments");
        return out;
    }
    std::vector<std::string> declared;
    for (const auto& e : config.environments)
        declared.push_back(e.name);
    for (const auto& name : names) {
        const model::Environment* env = config.find_environment(name);
        if (env == nullptr) {
            std::string message = fmt::format("unknown environment '{}' (from --env)", name);
            if (auto m = util::closest_match(name, declared)) {
                message += fmt::format(": did you mean '{}'?", *m);
            }
            message += " (declared: " + util::join(declared, ", ") + ")";
            return util::error(message);
        }
        if (std::find(out.begin(), out.end(), env) == out.end()) out.push_back(env);
    }
    return out;
}

util::Result<std::unique_ptr<ApiSession>> ApiSession::open(
    const config::Config& config, const std::vector<const model::Environment*>& environments,
    Context& ctx) {
    // Every credential problem of every selected environment, reported together.
    std::vector<std::string> problems;
    for (const model::Environment* env : environments) {
        for (const auto& d : env->credential_problems) {
            std::string where = d.location.known() ? fmt::format("{}:{}:{}: ", d.location.file,
                                                                 d.location.line, d.location.column)
                                                   : "";
            problems.push_back(where + d.message);
        }
        if (!env->credential_problems.empty()) continue;
        if (env->project_id.empty()) {
            problems.push_back(fmt::format("environment '{}': project_id is empty", env->name));
        }
        if (env->management_key.empty()) {
            problems.push_back(fmt::format("environment '{}': management_key is empty", env->name));
        }
    }
    if (!problems.empty()) return util::error(util::join(problems, "\n"));

    auto backoff = backoff_from_environment();
    if (!backoff) return util::unexpected(backoff.error());

    auto session = std::make_unique<ApiSession>();
    auto transport = std::make_shared<api::CurlTransport>();
    std::shared_ptr<api::RateLimiter> shared_limiter;
    if (config.defaults.rate_limit_scope == model::RateLimitScope::shared) {
        shared_limiter = std::make_shared<api::RateLimiter>(util::SystemClock::instance(),
                                                            config.defaults.rate_limit);
    }
    const api::ApiLogSink sink = stderr_sink(ctx);
    for (const model::Environment* env : environments) {
        auto base = api::resolve_base_url(env->project_id, env->base_url);
        if (!base) {
            return util::error(
                fmt::format("environment '{}': {}", env->name, base.error().message));
        }
        api::ClientOptions o;
        o.environment = env->name;
        o.project_id = env->project_id;
        o.management_key = env->management_key;
        o.base_url = *base;
        o.cancel = &interrupt_token();
        o.log = sink;
        // As Descope's SDKs do: the tier picks the rate-limit bucket (R9); never fatal.
        o.fetch_license = true;
        if (*backoff) o.retry.backoff = **backoff;
        auto limiter = shared_limiter ? shared_limiter
                                      : std::make_shared<api::RateLimiter>(
                                            util::SystemClock::instance(), env->rate_limit);
        if (ctx.global.verbosity >= 2 && sink) {
            sink(2, fmt::format("api: {} -> {} (rate limit {}/{} s{})", env->name, *base,
                                limiter->limit().requests, limiter->limit().per_seconds,
                                shared_limiter ? ", shared" : ""));
        }
        session->m_environments.push_back(env);
        session->m_clients.push_back(
            std::make_unique<api::HttpDescopeApi>(std::move(o), transport, limiter));
    }
    return session;
}

api::Executor ApiSession::executor(int parallelism) const {
    api::ExecutorOptions o;
    o.parallelism = parallelism > 0 ? parallelism : std::max<int>(1, static_cast<int>(size()) * 4);
    o.lane_parallelism = 4;
    o.cancel = &interrupt_token();
    return api::Executor(o);
}

api::ApiStatsSnapshot ApiSession::total_stats() const {
    api::ApiStatsSnapshot total;
    for (const auto& c : m_clients)
        total += c->stats();
    return total;
}

namespace {
std::vector<std::string> environment_names(const std::vector<const model::Environment*>& envs) {
    std::vector<std::string> names;
    for (const auto* e : envs)
        names.push_back(e->name);
    return names;
}
}  // namespace

util::Result<const model::Environment*> single_environment(
    const std::vector<const model::Environment*>& selected, std::string_view command) {
    if (selected.size() == 1) return selected.front();
    const std::string names = util::join(environment_names(selected), ", ");
    return util::error(fmt::format(
        "{} works on one environment, but {} are selected ({}): choose one with -e NAME, "
        "e.g. -e {}",
        command, selected.size(), names, selected.empty() ? "dev" : selected.front()->name));
}

std::optional<Workspace> open_workspace(Context& ctx, const WorkspaceOptions& options) {
    auto config = load_config_or_report(ctx, options.load);
    if (!config) return std::nullopt;
    Workspace ws;
    ws.config = std::move(*config);
    auto envs = select_environments(ws.config, ctx.global.envs);
    if (envs && options.single_for) {
        auto one = single_environment(*envs, *options.single_for);
        if (one)
            *envs = {*one};
        else
            envs = util::unexpected(one.error());
    }
    if (!envs) {
        ctx.error(envs.error().message);
        return std::nullopt;
    }
    ws.environments = std::move(*envs);
    auto session = ApiSession::open(ws.config, ws.environments, ctx);
    if (!session) {
        for (const auto& line : util::split(session.error().message, '\n'))
            ctx.error(line);
        return std::nullopt;
    }
    ws.session = std::move(*session);
    return ws;
}

void report_failed_read(Context& ctx, nlohmann::json& out, const api::TaskOutcome& outcome,
                        bool interrupted, const std::string& environment, const std::string& what) {
    out["status"] = outcome.status == api::TaskStatus::not_started ? "not_started"
                    : interrupted                                  ? "interrupted"
                                                                   : "error";
    if (outcome.error) {
        out["error"] = render::api_error_json(*outcome.error);
        ctx.error(outcome.error->to_string());
    } else {
        ctx.error(fmt::format("{}: {}: not started (interrupted)", environment, what));
    }
}

}  // namespace descope_mgmt::cli
