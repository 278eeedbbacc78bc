// `validate`: load and check the config and every file it references; no network.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "config/config.hpp"
#include "render/validate_view.hpp"
#include "util/strings.hpp"
#include "workspace/workspace.hpp"

namespace descope_mgmt::cli {

namespace {

struct ValidateOptions {
    bool strict = false;
};

constexpr const char* kValidateFooter =
    R"(Checks, with no network and no credentials: YAML syntax, unknown keys (with "did you
mean"), types, duplicate keys/ids/names, references between tenants, roles, permissions and
environments, parent cycles, domains, project ids, durations, string lengths, and the flow/theme
JSON files (which must be in the config's folder unless defaults.files_outside_config: allow).
Management keys written in the file are masked in everything it prints.
An unset ${VAR} in an environment's project_id or management_key is only a warning here
(commands that use that environment need it); anywhere else it is an error.

Examples:
  descope-mgmt validate                          check ./descope.yaml
  descope-mgmt -c infra/descope.yaml validate    check another file
  descope-mgmt validate -e prod --strict         also require prod's credentials; fail on warnings
  descope-mgmt validate -o json | jq '.diagnostics[] | .message'

Exit codes: 0 valid (warnings allowed unless --strict), 1 errors. Format: docs/config.md.)";

/// With --env NAME: the credentials of those environments are required (their warnings become
/// errors), those of the other environments are not the user's concern here (dropped).
void check_selected_environments(const Context& ctx, config::LoadResult& r) {
    if (workspace::selects_all_environments(ctx.global.envs) || !r.config) return;
    const auto& wanted = ctx.global.envs;
    auto is_wanted = [&](const std::string& name) {
        return std::find(wanted.begin(), wanted.end(), name) != wanted.end();
    };
    diag::Diagnostics kept;
    for (auto d : r.diagnostics.items()) {
        const model::Environment* owner = nullptr;
        for (const auto& e : r.config->environments)
            for (const auto& p : e.credential_problems)
                if (d.severity == diag::Severity::warning && p.message == d.message) owner = &e;
        if (owner != nullptr) {
            if (!is_wanted(owner->name)) continue;
            d.severity = diag::Severity::error;
        }
        kept.add(std::move(d));
    }
    std::vector<std::string> names;
    for (const auto& e : r.config->environments)
        names.push_back(e.name);
    for (const auto& name : wanted) {
        if (r.config->find_environment(name) != nullptr) continue;
        std::vector<std::string> notes;
        if (auto m = util::closest_match(name, names))
            notes.push_back(fmt::format("did you mean '{}'?", *m));
        notes.push_back("declared environments: " + util::join(names, ", "));
        kept.error({r.config->path.string(), 0, 0},
                   fmt::format("unknown environment '{}' (from --env)", name), std::move(notes));
    }
    kept.sort();
    r.diagnostics = std::move(kept);
    if (r.diagnostics.has_errors()) r.config.reset();
}

int run_validate(const Context& ctx, const ValidateOptions& opts) {
    config::LoadResult r = config::load(ctx.global.config_path);
    check_selected_environments(ctx, r);
    if (opts.strict && r.diagnostics.warning_count() > 0) {
        diag::Diagnostics all;
        for (auto d : r.diagnostics.items()) {
            d.severity = diag::Severity::error;
            all.add(std::move(d));
        }
        r.diagnostics = std::move(all);
        r.config.reset();
    }
    const bool valid = !r.diagnostics.has_errors();

    // With -o json the document holds them, and stderr stays empty for scripts.
    if (!ctx.json()) {
        diag::Diagnostics shown;
        for (const auto& d : r.diagnostics.items())
            if (!ctx.global.quiet || d.severity == diag::Severity::error) shown.add(d);
        if (!shown.empty())
            fmt::print(ctx.err, "{}", diag::render_all(shown, r.sources, ctx.global.color_stderr));
    }
    render::ValidateResult result{ctx.global.config_path, &r.diagnostics, std::nullopt};
    if (r.config) {
        render::ConfigSummary summary;
        for (const auto& e : r.config->environments)
            summary.environments.push_back(e.name);
        summary.permissions = r.config->permissions.size();
        summary.roles = r.config->roles.size();
        summary.tenants = r.config->tenants.size();
        summary.flows = r.config->flows.size();
        summary.theme = r.config->theme.has_value();
        result.summary = std::move(summary);
    }
    ctx.show_unless_quiet(render::validate_view(result));
    return valid ? exit_code::ok : exit_code::error;
}

}  // namespace

void define_validate(CLI::App& sub, Context& ctx) {
    auto opts = std::make_shared<ValidateOptions>();
    sub.add_flag("--strict", opts->strict, "treat warnings (such as unset credentials) as errors");
    sub.footer(kValidateFooter);
    sub.callback([&ctx, opts] { ctx.action = [&ctx, opts] { return run_validate(ctx, *opts); }; });
}

}  // namespace descope_mgmt::cli
