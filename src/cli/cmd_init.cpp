// `init`: a commented starter config (the five environments, credentials as ${VAR} references,
// one example of each resource), the JSON Schema beside it for editors, and `.descope-mgmt/`
// (automatic backups: whole tenants) in the folder's .gitignore. Refuses to replace a config
// without --force; every file is written atomically. Exit 0 written, 1 error.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/adopt.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "config/config.hpp"
#include "config/definitions.hpp"
#include "config/value_checks.hpp"
#include "render/init_view.hpp"
#include "util/file.hpp"

namespace descope_mgmt::cli {

namespace {

namespace fs = std::filesystem;

struct InitCommand {
    bool force = false;
    bool from_live = false;
};

/// The environments a team promotes through, in promotion order (docs/plan-apply.md).
const std::vector<std::string>& starter_environments() {
    static const std::vector<std::string> names = {"test", "devtest", "dev", "staging", "prod"};
    return names;
}

constexpr const char* kSchemaFile = "descope-mgmt.schema.json";
constexpr const char* kIgnoredFolder = ".descope-mgmt/";

std::string starter_config() {
    std::string out = fmt::format(R"(# yaml-language-server: $schema=./{}
#
# descope-mgmt config: your Descope projects as code, one environment per project.
# Written by `descope-mgmt init`. The format: docs/config.md (`descope-mgmt schema` prints the
# JSON Schema that editors read through the first line).
#
#   descope-mgmt validate     check this file; no network, no credentials
#   descope-mgmt plan         what apply would change, per environment
#   descope-mgmt apply        plan, confirm, back up, change (one environment at a time)
version: 1

defaults:
  rate_limit: {{ requests: 100, per_seconds: 60, scope: shared }}   # Descope: 100 / 60 s per IP
  prune: []        # e.g. [roles, permissions]: also delete live objects not declared here

# One environment per Descope project, in the order changes are rolled out. The credentials
# come from the process environment: never write a management key in this file.
# project_name is managed only where it is written, and reading it needs a company-level
# management key (`descope-mgmt doctor` tells which kind you have).
environments:
)",
                                  kSchemaFile);
    for (const std::string& env : starter_environments()) {
        out += fmt::format("  {}:\n", env);
        out += fmt::format("    project_id: ${{{}}}\n",
                           config::default_credential_variable(env, "PROJECT_ID"));
        out += fmt::format("    management_key: ${{{}}}\n",
                           config::default_credential_variable(env, "MANAGEMENT_KEY"));
        if (env == "prod") {
            out += "    protected: true            # apply asks you to type \"prod\" first\n";
            out += "    # project_name: My App\n";
        } else {
            out += fmt::format("    # project_name: My App ({})\n", env);
        }
    }
    out += R"(
permissions:
  - name: projects.read
    description: View projects and their settings

roles:
  - name: viewer
    description: Read-only access
    permissions: [projects.read]   # also Descope's built-ins: SSO Admin, User Admin, Impersonate

tenants:
  - id: example
    name: Example Tenant
    self_provisioning_domains: [example.com]
    default_roles: [viewer]
    # A custom attribute must first be defined in each project (console: Tenants, Custom
    # Attributes); no management API defines one. Remove this line if yours has none.
    custom_attributes: { plan: starter }
    session_settings:
      session_token_expiration: 10m
      refresh_token_expiration: 4w
    # environments: [test, dev]      # only there (omitted: every environment)
    # overrides:
    #   prod: { name: Example Tenant (production) }

# Flows and the theme are JSON files next to this one. Write them from a project first:
#   descope-mgmt flow export sign-up-or-in -e dev --out flows/sign-up-or-in.json
#   descope-mgmt theme export -e dev --out themes/theme.json
# then uncomment:
# flows:
#   - id: sign-up-or-in
#     file: flows/sign-up-or-in.json
# theme:
#   file: themes/theme.json
)";
    return out;
}

/// Whether a .gitignore line already keeps `.descope-mgmt/` out of git.
bool ignores_tool_folder(const std::string& gitignore) {
    std::istringstream in(gitignore);
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.pop_back();
        if (line == ".descope-mgmt" || line == ".descope-mgmt/" || line == "/.descope-mgmt" ||
            line == "/.descope-mgmt/")
            return true;
    }
    return false;
}

/// The .gitignore beside the config with `.descope-mgmt/` added, or nullopt when it is there.
util::Result<std::optional<std::string>> gitignore_with_tool_folder(const fs::path& file) {
    std::error_code ec;
    std::string text;
    if (fs::exists(file, ec)) {
        auto read = util::read_file(file);
        if (!read) return util::error(read.error().message);
        text = std::move(*read);
    }
    if (ignores_tool_folder(text)) return std::optional<std::string>{};
    if (!text.empty() && text.back() != '\n') text += '\n';
    text += "# descope-mgmt: automatic backups and state (whole tenants); keep them out of git\n";
    text += kIgnoredFolder;
    text += '\n';
    return std::optional<std::string>{std::move(text)};
}

int run_init(Context& ctx, const InitCommand& cmd) {
    const fs::path config_file = ctx.global.config_path;
    const fs::path dir = config_file.parent_path();
    std::error_code ec;
    const auto status = fs::symlink_status(config_file, ec);
    if (fs::exists(status) && !cmd.force) {
        ctx.error(
            fmt::format("{} exists; nothing was written (--force replaces it, or -c names "
                        "another file)",
                        config_file.string()));
        return exit_code::error;
    }
    if (fs::is_directory(fs::status(config_file, ec))) {
        ctx.error(fmt::format("{} is a folder; nothing was written (-c names the config file)",
                              config_file.string()));
        return exit_code::error;
    }
    const fs::path gitignore = dir / ".gitignore";
    auto ignore_text = gitignore_with_tool_folder(gitignore);
    if (!ignore_text) {
        ctx.error(ignore_text.error().message + "; nothing was written");
        return exit_code::error;
    }

    struct Planned {
        fs::path path;
        std::string content;
        const char* what;
    };
    std::vector<Planned> planned = {{config_file, starter_config(), "the config"},
                                    {dir / kSchemaFile, config::json_schema(),
                                     "the JSON Schema editors read, from `descope-mgmt schema`"}};
    render::InitDone done;
    done.config_file = config_file.string();
    if (*ignore_text)
        planned.push_back(
            {gitignore, **ignore_text, "keeps .descope-mgmt/, the automatic backups, out of git"});
    for (const Planned& p : planned) {
        std::string outcome;
        if (ctx.global.dry_run) {
            util::Result<std::string> old = util::error("not there");
            if (fs::exists(p.path, ec)) old = util::read_file(p.path);
            outcome = !old ? "would create" : *old == p.content ? "unchanged" : "would update";
        } else {
            // Atomically, each; the config first: nothing else is written if it cannot be.
            auto written = util::write_file_if_changed(p.path, p.content);
            if (!written) {
                ctx.error(written.error().message +
                          (done.files.empty() ? "; nothing was written" : ""));
                return exit_code::error;
            }
            outcome = util::to_string(*written);
        }
        done.files.push_back({p.path.string(), outcome, p.what});
    }
    if (!*ignore_text)
        done.files.push_back(
            {gitignore.string(), "unchanged", "already keeps .descope-mgmt/ out of git"});
    done.dry_run = ctx.global.dry_run;
    for (const std::string& env : starter_environments()) {
        done.environments.push_back(env);
        done.variables.push_back(config::default_credential_variable(env, "PROJECT_ID"));
        done.variables.push_back(config::default_credential_variable(env, "MANAGEMENT_KEY"));
    }
    ctx.show_unless_quiet(render::init_view(done));
    return exit_code::ok;
}

/// `init --from-live`: the environments named with -e (default: the five of the starter),
/// each reached through ${DESCOPE_<ENV>_PROJECT_ID} and ${DESCOPE_<ENV>_MANAGEMENT_KEY}, adopted
/// into one config (cli/adopt.hpp), with the schema and the .gitignore entry beside it. An
/// environment named prod or production is protected.
int run_init_from_live(Context& ctx, const InitCommand& cmd) {
    if (ctx.global.dry_run) {
        ctx.error(
            "init --from-live --dry-run: not supported; to see what it would write, "
            "`descope-mgmt init --from-live -c /tmp/look/descope.yaml` writes it elsewhere");
        return exit_code::error;
    }
    std::vector<std::string> names;
    for (const std::string& e : ctx.global.envs)
        if (e != "all") names.push_back(e);
    if (names.empty()) names = starter_environments();
    std::string text = "version: 1\nenvironments:\n";
    for (const std::string& name : names)
        text += fmt::format("  {}: {{{}}}\n", name,
                            name == "prod" || name == "production" ? " protected: true " : "");
    const fs::path config_file = ctx.global.config_path;
    auto loaded = config::load_from_string(text, config_file);
    if (!loaded.config) {
        ctx.report(loaded.diagnostics);
        return exit_code::error;
    }
    auto ws = open_clients(ctx, std::move(*loaded.config), {names, std::nullopt});
    if (!ws) return exit_code::error;
    install_interrupt_handler();

    const fs::path dir = config_file.parent_path();
    auto ignore_text = gitignore_with_tool_folder(dir / ".gitignore");
    if (!ignore_text) {
        ctx.error(ignore_text.error().message + "; nothing was written");
        return exit_code::error;
    }
    AdoptRequest request;
    request.config_file = config_file;
    request.force = cmd.force;
    request.from_init = true;
    request.schema_file = kSchemaFile;
    request.extra_files.push_back(
        {kSchemaFile, config::json_schema(), "the JSON Schema editors read"});
    if (*ignore_text)
        request.extra_files.push_back({".gitignore", **ignore_text,
                                       "keeps .descope-mgmt/, the automatic backups, out of git"});
    return adopt_projects(ctx, *ws, request);
}

}  // namespace

void define_init(CLI::App& sub, Context& ctx) {
    auto cmd = std::make_shared<InitCommand>();
    sub.add_flag("--force", cmd->force, "replace an existing config file");
    sub.add_flag("--from-live", cmd->from_live,
                 "adopt live projects instead: the environments of -e (default: test, devtest, "
                 "dev, staging, prod), read through ${DESCOPE_<ENV>_PROJECT_ID} and "
                 "${DESCOPE_<ENV>_MANAGEMENT_KEY}");
    sub.footer(
        R"(Writes ./descope.yaml (or the -c FILE): the environments test, devtest, dev, staging
and prod (prod protected), their credentials as ${DESCOPE_<ENV>_PROJECT_ID} and
${DESCOPE_<ENV>_MANAGEMENT_KEY} references (never a key), one commented example of each
resource, and the editor schema line. Beside it: descope-mgmt.schema.json (the JSON Schema the
first line names) and .gitignore, which gets .descope-mgmt/ (automatic backups hold whole
tenants). An existing config is never replaced without --force; each file is written
atomically. The file passes `validate` as written (unset credentials are warnings).

Examples:
  descope-mgmt init                          ./descope.yaml, then: validate, plan
  descope-mgmt -c infra/descope.yaml init    another folder (made if missing)
  descope-mgmt init --force                  start again over an existing ./descope.yaml
  descope-mgmt init --dry-run                what it would write; writes nothing
  descope-mgmt init --from-live -e dev -e prod
                                             adopt two projects: one config, plan shows
                                             no changes in either
With --from-live the config holds what the projects hold (what is the same everywhere
once, `overrides:` for what differs; see export-config), plus the schema and .gitignore.)");
    sub.callback([&ctx, cmd] {
        ctx.action = [&ctx, cmd] {
            return cmd->from_live ? run_init_from_live(ctx, *cmd) : run_init(ctx, *cmd);
        };
    });
}

}  // namespace descope_mgmt::cli
