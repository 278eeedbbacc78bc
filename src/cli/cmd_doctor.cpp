// `doctor`: a read-only preflight of every selected environment before a first apply
// (docs/doctor.md). Per environment it makes six requests at most (the license handshake,
// permission/all, role/all, tenant/all, flow/list, projects/list), never the same read twice,
// and reports what would make plan, apply or drift fail. Nothing is written. Exit 0 when
// nothing would fail, 1 when something would (or the config has errors), 130 interrupted.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>

#include "api/base_url.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/workspace.hpp"
#include "config/value_checks.hpp"
#include "model/builtins.hpp"
#include "plan/change.hpp"
#include "render/doctor_report.hpp"
#include "util/secret.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::cli {

namespace {

using render::CredentialStatus;
using render::DoctorEnvironment;
using render::DoctorProblem;
using render::KeyScope;

template <class T>
using Read = std::optional<api::ApiResult<T>>;  // nullopt = never ran

/// What one environment answered.
struct LiveReads {
    Read<std::string> license;
    Read<std::vector<model::Permission>> permissions;
    Read<std::vector<model::Role>> roles;
    Read<std::vector<model::Tenant>> tenants;
    Read<std::vector<model::FlowSummary>> flows;
    Read<std::vector<model::ProjectInfo>> projects;
};

bool refused(const api::ApiError& e) {
    return e.http_status == 401 || e.http_status == 403;
}

const std::vector<std::string> kPlanLike = {"plan", "apply", "drift"};

/// What can be said without the network: base URL, region, rate-limit bucket, credentials set.
DoctorEnvironment offline_facts(const config::Config& config, const model::Environment& env) {
    DoctorEnvironment d;
    d.name = env.name;
    d.project_id = env.project_id;
    d.declared_project_name = env.project_name;
    d.rate_limit_shared = config.defaults.rate_limit_scope == model::RateLimitScope::shared;
    d.rate_limit = d.rate_limit_shared ? config.defaults.rate_limit : env.rate_limit;
    const char* from_env = std::getenv("DESCOPE_BASE_URL");
    d.base_url_source = !env.base_url                        ? "project_id"
                        : (from_env != nullptr && *from_env) ? "DESCOPE_BASE_URL"
                                                             : "config";
    if (env.project_id.size() >= 32) d.region = env.project_id.substr(1, 4);

    for (const auto& p : env.credential_problems)
        d.credential_details.push_back(p.message);
    if (env.credential_problems.empty() && env.project_id.empty())
        d.credential_details.push_back("project_id is empty");
    if (env.credential_problems.empty() && env.management_key.empty())
        d.credential_details.push_back("management_key is empty");
    if (auto url = api::resolve_base_url(env.project_id, env.base_url))
        d.base_url = *url;
    else
        d.credential_details.push_back(url.error().message);
    if (!d.credential_details.empty()) {
        d.problems.push_back({"credentials_not_set",
                              {"all"},
                              util::join(d.credential_details, "; "),
                              "export them, or set project_id and management_key in the config "
                              "(docs/config.md, `environments`), then run doctor again"});
    }
    d.credentials = d.credential_details.empty() ? CredentialStatus::accepted  // until checked
                                                 : CredentialStatus::not_set;
    return d;
}

void check_credentials(DoctorEnvironment& d, const LiveReads& r) {
    if (!r.permissions) {
        d.credentials = CredentialStatus::unreachable;
        d.credential_details = {"not checked (interrupted)"};
        return;
    }
    if (*r.permissions) return;
    const api::ApiError& e = r.permissions->error();
    d.credentials_error = e;
    d.credential_details = {e.to_string()};
    if (refused(e)) {
        d.credentials = CredentialStatus::refused;
        d.problems.push_back(
            {"credentials_refused",
             {"all"},
             fmt::format("Descope refused the management key for project {} (HTTP {})",
                         d.project_id, e.http_status),
             // Where this environment's key comes from (the variable the config references).
             e.hint().empty()
                 ? fmt::format("check {} and {} (or the management_key and project_id the config "
                               "gives environment '{}'): the key must belong to this project or "
                               "be a company key",
                               config::default_credential_variable(d.name, "MANAGEMENT_KEY"),
                               config::default_credential_variable(d.name, "PROJECT_ID"), d.name)
                 : e.hint() + ", and must belong to that project or be a company key"});
    } else {
        d.credentials = CredentialStatus::unreachable;
        d.problems.push_back({"unreachable",
                              {"all"},
                              "a first read failed: " + e.to_string(),
                              "check the base URL and the network, then run doctor again"});
    }
}

void check_key_scope(DoctorEnvironment& d, const LiveReads& r) {
    if (!r.projects) return;  // not reached: credentials not accepted, or interrupted
    const std::string declared = d.declared_project_name.value_or("");
    if (*r.projects) {
        d.key_scope = KeyScope::company;
        for (const auto& p : **r.projects)
            if (p.id == d.project_id) d.live_project_name = p.name;
        if (d.declared_project_name && !d.live_project_name) {
            d.problems.push_back({"project_not_listed", kPlanLike,
                                  fmt::format("the config declares project_name \"{}\", but "
                                              "projects/list does not list project {}",
                                              declared, d.project_id),
                                  "use a company key of the company that owns this project"});
        }
        return;
    }
    const api::ApiError& e = r.projects->error();
    d.key_scope_error = e;
    if (refused(e)) {
        d.key_scope = KeyScope::project;
        if (!d.declared_project_name) return;  // nothing reads the name: the key is enough
        d.problems.push_back(
            {"project_name_needs_company_key", kPlanLike,
             fmt::format("the config declares project_name \"{}\", and reading the project name "
                         "needs a company-level management key; this key is limited to specific "
                         "projects (projects/list refused it with HTTP {})",
                         declared, e.http_status),
             fmt::format("use a company management key (one not limited to specific projects) "
                         "for environment '{}', or remove its project_name from the config",
                         d.name)});
        return;
    }
    d.key_scope = KeyScope::unknown;
    if (d.declared_project_name) {
        d.problems.push_back({"project_name_unreadable", kPlanLike,
                              "the project name could not be read: " + e.to_string(),
                              "run doctor again; if it persists, check the service status"});
    }
}

/// A live read after the credential check that failed: plan-like commands and backup need it.
template <class T>
bool read_ok(DoctorEnvironment& d, const Read<T>& r) {
    if (!r) return false;
    if (*r) return true;
    d.problems.push_back({"live_read_failed",
                          {"plan", "apply", "drift", "backup"},
                          r->error().to_string(),
                          "run doctor again; a 401/403 here means the key lacks this permission"});
    return false;
}

template <class Live, class Key>
render::DoctorObjects compare(const std::vector<std::string>& declared, const Live& live, Key key) {
    render::DoctorObjects o;
    o.declared = declared.size();
    o.checked = true;
    std::set<std::string> have;
    for (const auto& item : live)
        have.insert(key(item));
    for (const auto& k : declared)
        if (!have.count(k)) o.missing.push_back(k);
    return o;
}

template <class T, class Key>
std::vector<std::string> keys(const std::vector<T>& items, Key key) {
    std::vector<std::string> out;
    for (const auto& item : items)
        out.push_back(key(item));
    return out;
}

/// References to built-ins the config does not declare (R5): fine while the project has them;
/// a built-in missing live makes apply fail at Descope.
void check_builtin_references(DoctorEnvironment& d, const model::DesiredState& desired,
                              const std::set<std::string>& live_permissions,
                              const std::set<std::string>& live_project_roles) {
    std::set<std::string> declared_permissions, declared_roles;
    for (const auto& p : desired.permissions)
        declared_permissions.insert(p.name);
    for (const auto& r : desired.roles)
        declared_roles.insert(plan::role_key(r));
    std::map<std::string, std::vector<std::string>> users;  // "permission \"X\"" -> who uses it
    for (const auto& r : desired.roles)
        for (const auto& p : r.permissions)
            if (model::is_builtin_permission_name(p) && !declared_permissions.count(p) &&
                !live_permissions.count(p))
                users[fmt::format("permission \"{}\"", p)].push_back(
                    fmt::format("role \"{}\"", plan::role_key(r)));
    for (const auto& t : desired.tenants)
        for (const auto& name : t.default_roles)
            if (model::is_builtin_role_name(name) && !declared_roles.count(name) &&
                !declared_roles.count(plan::role_key(t.id, name)) &&
                !live_project_roles.count(name))
                users[fmt::format("role \"{}\"", name)].push_back(
                    fmt::format("tenant \"{}\" (default_roles)", t.id));
    for (const auto& [builtin, who] : users) {
        d.problems.push_back(
            {"builtin_missing",
             {"apply"},
             fmt::format("the config uses the built-in {}, which this project does not have "
                         "(used by {})",
                         builtin, util::join(who, ", ")),
             "declare it in the config so apply creates it, or stop referring to it"});
    }
}

void check_live(DoctorEnvironment& d, const LiveReads& r, const model::DesiredState& desired) {
    if (r.license && *r.license)
        d.license_tier = **r.license;
    else if (r.license)
        d.license_error = r.license->error();
    check_credentials(d, r);
    if (d.credentials != CredentialStatus::accepted) return;
    check_key_scope(d, r);

    const auto& permissions = **r.permissions;
    std::set<std::string> live_permissions, live_project_roles;
    for (const auto& p : permissions) {
        live_permissions.insert(p.name);
        if (model::is_builtin_permission(p)) d.builtin_permissions_found.push_back(p.name);
    }
    for (std::string_view b : model::builtin_permission_names())
        if (!live_permissions.count(std::string(b))) d.builtin_permissions_missing.emplace_back(b);
    d.permissions = compare(keys(desired.permissions, [](const auto& p) { return p.name; }),
                            permissions, [](const auto& p) { return p.name; });

    const bool roles_ok = read_ok(d, r.roles);
    if (roles_ok) {
        d.builtins_checked = true;
        for (const auto& role : **r.roles) {
            if (role.tenant_id.empty()) live_project_roles.insert(role.name);
            if (model::is_builtin_role(role)) d.builtin_roles_found.push_back(role.name);
        }
        for (std::string_view b : model::builtin_role_names())
            if (!live_project_roles.count(std::string(b))) d.builtin_roles_missing.emplace_back(b);
        const auto role_key = [](const model::Role& x) { return plan::role_key(x); };
        d.roles = compare(keys(desired.roles, role_key), **r.roles, role_key);
        check_builtin_references(d, desired, live_permissions, live_project_roles);
    }
    const auto id = [](const auto& x) { return x.id; };
    if (read_ok(d, r.tenants)) d.tenants = compare(keys(desired.tenants, id), **r.tenants, id);
    if (read_ok(d, r.flows)) d.flows = compare(keys(desired.flows, id), **r.flows, id);
}

/// The tasks of one environment: the license handshake and the permission list first (the
/// credential check); the other reads only once the key is known to work, so a wrong key
/// costs two requests, not six.
void add_tasks(std::vector<api::Task>& tasks, Workspace& s, std::size_t i, LiveReads& r) {
    const std::string lane = s.environment(i).name;
    const std::size_t first = tasks.size();
    tasks.push_back({lane + " credentials", lane, {}, [&s, &r, i]() -> api::ApiResult<void> {
                         r.license = s.client(i).license_tier();
                         r.permissions = s.client(i).load_all_permissions();
                         if (!*r.permissions) return util::unexpected(r.permissions->error());
                         return {};
                     }});
    // The later reads keep their own error; the task result only orders them.
    auto later = [&](const char* what, std::function<void()> read) {
        tasks.push_back({lane + " " + what, lane, {first}, [read = std::move(read)] {
                             read();
                             return api::ApiResult<void>();
                         }});
    };
    later("roles", [&s, &r, i] { r.roles = s.client(i).load_all_roles(); });
    later("tenants", [&s, &r, i] { r.tenants = s.client(i).load_all_tenants(); });
    later("flows", [&s, &r, i] { r.flows = s.client(i).list_flows(); });
    later("projects", [&s, &r, i] { r.projects = s.client(i).list_projects(); });
}

int run_doctor(Context& ctx) {
    std::optional<config::Config> loaded = ctx.config();
    auto selected = workspace::select_environments(*loaded, ctx.global.envs);
    if (!selected) {
        ctx.error(selected.error().message);
        return exit_code::error;
    }
    install_interrupt_handler();

    render::DoctorReport report;
    std::vector<model::DesiredState> desired;
    std::vector<std::string> checkable;  // credentials set: worth a request
    std::vector<std::size_t> report_index;
    std::vector<util::Secret> keys;  // redacted from the output
    for (const model::Environment* env : *selected) {
        report.environments.push_back(offline_facts(*loaded, *env));
        desired.push_back(config::desired_state(*loaded, env->name));
        keys.push_back(env->management_key);
        if (report.environments.back().problems.empty()) {
            checkable.push_back(env->name);
            report_index.push_back(report.environments.size() - 1);
        }
    }

    if (!checkable.empty()) {
        auto ws = open_clients(ctx, std::move(*loaded), {checkable, std::nullopt});
        if (!ws) return exit_code::error;
        Workspace& s = *ws;
        std::vector<LiveReads> reads(s.size());
        std::vector<api::Task> tasks;
        for (std::size_t i = 0; i < s.size(); ++i)
            add_tasks(tasks, s, i, reads[i]);
        s.executor().run(std::move(tasks));
        report.interrupted = s.interrupted();
        for (std::size_t i = 0; i < s.size(); ++i) {
            const std::size_t k = report_index[i];
            check_live(report.environments[k], reads[i], desired[k]);
            report.environments[k].base_url = s.client(i).base_url();
            report.environments[k].api_calls = s.client(i).stats().calls;
        }
    }
    for (std::size_t k = 0; k < report.environments.size(); ++k) {
        auto& d = report.environments[k];
        d.tenants.declared = desired[k].tenants.size();
        d.roles.declared = desired[k].roles.size();
        d.permissions.declared = desired[k].permissions.size();
        d.flows.declared = desired[k].flows.size();
    }

    std::string out =
        ctx.rendered(render::doctor_view(report, render::TextStyle{ctx.global.color}));
    // The report never holds a key; this makes sure no answer echoed one either.
    for (const auto& key : keys)
        out = util::redact(std::move(out), key.reveal());
    fmt::print(ctx.out, "{}", out);
    if (report.interrupted) return exit_code::interrupted;
    return report.ok() ? exit_code::ok : exit_code::error;
}

}  // namespace

void define_doctor(CLI::App& sub, Context& ctx) {
    sub.footer(
        R"(A read-only preflight, per selected environment (-e NAME, repeatable; default all), to
run before a first apply. Nothing is changed. For each environment it checks:
  credentials  set, and accepted by Descope (a permission list is read)
  key scope    company key, or project key (limited to specific projects: projects/list refuses
               it, so a declared project_name cannot be read)
  license      the rate-limit tier from /v1/mgmt/license (unknown is not a failure)
  rate limit   the bucket in use (defaults.rate_limit, shared by every environment unless
               defaults.rate_limit.scope is environment)
  base URL     where requests go, where it came from, and the region of the project id
  built-ins    role Tenant Admin; permissions SSO Admin, User Admin, Impersonate
  declared     how many declared tenants, roles, permissions and flows exist live
and lists which commands would fail and why. At most six requests per environment.

Examples:
  descope-mgmt doctor                 every environment
  descope-mgmt doctor -e prod         one environment
  descope-mgmt doctor -o json | jq '.environments[] | {name, problems}'

Exit codes: 0 nothing would fail, 1 something would (or the config has errors), 130
interrupted. JSON format: docs/doctor.md.)");
    sub.callback([&ctx] { ctx.action = [&ctx] { return run_doctor(ctx); }; });
}

}  // namespace descope_mgmt::cli
