#include "workspace/workspace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <utility>

#include "util/strings.hpp"

namespace descope_mgmt::workspace {

namespace {

std::vector<std::string> environment_names(const std::vector<const model::Environment*>& envs) {
    std::vector<std::string> names;
    for (const auto* e : envs)
        names.push_back(e->name);
    return names;
}

/// Why a credential cannot be sent as is, or nullptr.
const char* credential_flaw(const std::string& value) {
    if (value.empty()) return nullptr;
    for (const unsigned char c : value) {
        if (c == '\n' || c == '\r') return "contains a line break";
        if (c < 0x20 || c == 0x7f) return "contains a control character";
    }
    if (value.front() == ' ' || value.back() == ' ' || value.find(' ') != std::string::npos)
        return "contains a space";
    return nullptr;
}

/// Unset credential variables (with where they are used), an empty project id or key.
diag::Diagnostics credential_problems(const std::vector<const model::Environment*>& environments) {
    diag::Diagnostics problems;
    for (const model::Environment* env : environments) {
        for (const auto& d : env->credential_problems)
            problems.add(d);
        if (!env->credential_problems.empty()) continue;
        if (env->project_id.empty())
            problems.error({}, fmt::format("environment '{}': project_id is empty", env->name));
        if (env->management_key.empty())
            problems.error({}, fmt::format("environment '{}': management_key is empty", env->name));
        // A key pasted with its line end, or a space, would reach the Authorization header (a
        // header injection with CR/LF) or give a confusing 401: refused before any request,
        // and never shown.
        for (const auto& [what, value] :
             {std::pair{"project_id", std::cref(env->project_id)},
              std::pair{"management_key", std::cref(env->management_key.reveal())}}) {
            if (const char* why = credential_flaw(value))
                problems.error({}, fmt::format("environment '{}': {} {} (check the variable or "
                                               "file it comes from); nothing was sent",
                                               env->name, what, why));
        }
    }
    return problems;
}

diag::Diagnostics one_error(std::string message) {
    diag::Diagnostics d;
    d.error({}, std::move(message));
    return d;
}

}  // namespace

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
        if (name.empty()) continue;  // `-e dev,`
        const model::Environment* env = config.find_environment(name);
        if (env == nullptr) {
            std::string message = fmt::format("unknown environment '{}' (from --env)", name);
            if (auto m = util::closest_match(name, declared))
                message += fmt::format(": did you mean '{}'?", *m);
            message += " (declared: " + util::join(declared, ", ") + ")";
            return util::error(message);
        }
        if (std::find(out.begin(), out.end(), env) == out.end()) out.push_back(env);
    }
    if (out.empty()) return util::error("--env names no environment");
    return out;
}

util::Result<const model::Environment*> single_environment(
    const std::vector<const model::Environment*>& selected, std::string_view command) {
    if (selected.size() == 1) return selected.front();
    const std::string names = util::join(environment_names(selected), ", ");
    return util::error(fmt::format(
        "{} works on one environment, but {} are selected ({}): choose one with -e NAME "
        "(required for {}), e.g. -e {}",
        command, selected.size(), names, command,
        selected.empty() ? "dev" : selected.front()->name));
}

util::Result<Workspace, diag::Diagnostics> open(config::Config config, const Selection& selection,
                                                ClientFactory& factory,
                                                const api::CancellationToken* cancel) {
    Workspace ws;
    ws.config = std::move(config);
    auto envs = select_environments(ws.config, selection.names);
    if (envs && selection.single_for) {
        auto one = single_environment(*envs, *selection.single_for);
        if (one)
            *envs = {*one};
        else
            envs = util::unexpected(one.error());
    }
    if (!envs) return util::unexpected(one_error(envs.error().message));
    ws.environments = std::move(*envs);
    if (auto problems = credential_problems(ws.environments); problems.has_errors())
        return util::unexpected(std::move(problems));
    auto clients = factory.open(ws.config, ws.environments);
    if (!clients) return util::unexpected(std::move(clients.error()));
    ws.m_clients = std::move(*clients);
    for (const auto& c : ws.m_clients)
        ws.m_at_open.push_back(c->stats());
    ws.m_cancel = cancel;
    return ws;
}

api::Executor Workspace::executor(int per_environment) const {
    api::ExecutorOptions o;
    o.lane_parallelism = std::max(1, per_environment);
    o.parallelism = std::max<int>(1, static_cast<int>(size())) * o.lane_parallelism;
    o.cancel = m_cancel;
    return api::Executor(o);
}

api::ApiStatsSnapshot Workspace::total_stats() const {
    api::ApiStatsSnapshot total;
    for (const auto& c : m_clients)
        total += c->stats();
    return total;
}

}  // namespace descope_mgmt::workspace
