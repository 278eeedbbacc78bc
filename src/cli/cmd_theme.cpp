// `theme` and its subcommands; `theme deploy` is in cmd_deploy.cpp.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/deploy_commands.hpp"
#include "cli/flow_commands.hpp"
#include "cli/flow_support.hpp"
#include "render/export_view.hpp"

namespace descope_mgmt::cli {

namespace {

int export_theme(Context& ctx, Workspace& s, const std::string& out) {
    const auto& env = s.environment(0);
    const bool to_stdout = out.empty() || out == "-";

    render::ExportReport report;
    report.environment = env.name;
    report.project_id = env.project_id;
    report.attempted = 1;
    if (auto theme = s.client(0).export_theme(); !theme) {
        report.errors.push_back({"", theme.error().cancelled ? "interrupted" : "api",
                                 theme.error().to_string(), theme.error()});
    } else if (auto text = canonical_theme_text(*theme); !text) {
        report.errors.push_back(
            {"", "api", fmt::format("{}: theme export: {}", env.name, text.error().message), {}});
    } else if (to_stdout) {
        // The theme document itself is the command's output, in text and JSON mode alike.
        fmt::print(ctx.out, "{}", *text);
        return exit_code::ok;
    } else if (auto w = write_file_if_changed(out, *text); !w) {
        report.errors.push_back(
            {"", "file", fmt::format("{}: theme export: {}", env.name, w.error().message), {}});
    } else {
        report.files.push_back({"theme", "", out, text->size(), *w});
    }
    report.interrupted = s.interrupted();
    for (const auto& e : report.errors)
        ctx.error(e.text);
    ctx.show_unless_quiet(render::export_view(report));
    if (report.interrupted) return exit_code::interrupted;
    return report.errors.empty() ? exit_code::ok : exit_code::error;
}

}  // namespace

int run_theme_export(Context& ctx, const std::string& out) {
    Workspace* ws = &ctx.workspace();
    const int code = export_theme(ctx, *ws, out);
    report_api_stats(ctx, *ws);
    return code;
}

namespace {

void define_theme_export(CLI::App& sub, Context& ctx) {
    auto out = std::make_shared<std::string>();
    sub.add_option("--out", *out, "write the theme to FILE (atomically) instead of stdout")
        ->type_name("FILE");
    sub.footer(R"(Exports the project theme from ONE environment (-e NAME; required when the config
has several) in canonical form: keys sorted, server-managed fields (version, modifiedTime,
etag) removed, 2-space indent, trailing newline. The file is what the config's
`theme: {file: ...}` takes; exporting an unchanged theme again gives the same bytes. A file
that already holds the same text is not rewritten.

Examples:
  descope-mgmt theme export -e staging --out themes/theme.json
  descope-mgmt theme export -e dev                       print the theme on stdout
  descope-mgmt theme export -e prod --out t.json -o json report the file as JSON

Exit codes: 0 exported, 1 error (API error, file not writable), 130 interrupted.)");
    sub.callback([&ctx, out] { ctx.action = [&ctx, out] { return run_theme_export(ctx, *out); }; });
}

const std::vector<CommandEntry>& theme_subcommands() {
    static const std::vector<CommandEntry> table = {
        {"export", "write the project theme as canonical JSON", define_theme_export,
         needs::one_live_environment},
        {"deploy", "plan, confirm and import the declared theme", define_theme_deploy,
         needs::clients},
    };
    return table;
}

}  // namespace

void define_theme(CLI::App& sub, Context& ctx) {
    define_parent_command(sub, ctx, theme_subcommands());
    sub.footer(R"(A project has one theme, kept as a JSON file next to descope.yaml (`theme:` in the
config). `theme export` reads it from a live project and never changes it; `theme deploy`
shows a plan and imports only after confirmation, with the same rules as `apply`.

Examples:
  descope-mgmt theme export -e staging --out themes/theme.json
  descope-mgmt theme export -e prod | jq .theme.cssTemplate
  descope-mgmt theme deploy -e prod                             plan, confirm, import

Docs: docs/flows.md.)");
}

}  // namespace descope_mgmt::cli
