// `flow export ID [--out FILE]` and `flow export --all --dir DIR`: canonical flow files from
// one environment (docs/flows.md, "Commands").
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <system_error>

#include "backup/config_export.hpp"
#include "cli/context.hpp"
#include "cli/flow_commands.hpp"
#include "cli/flow_support.hpp"
#include "render/export_view.hpp"

namespace descope_mgmt::cli {

namespace fs = std::filesystem;

namespace {

/// What happened to one flow.
struct FlowResult {
    std::string id;
    std::optional<std::string> text;  // the canonical file text, once exported
    fs::path path;
    FileOutcome outcome = FileOutcome::unchanged;
    bool written = false;
    std::string error;  // "" = no error
    std::string kind;   // "not_found", "api", "file", "interrupted"
    std::optional<api::ApiError> api_error;
};

/// The options that belong together, or the message that says what to type instead.
std::optional<std::string> check_options(const FlowExportOptions& o) {
    if (o.all && !o.id.empty())
        return fmt::format("flow export: give a flow ID or --all, not both (got '{}' and --all)",
                           o.id);
    if (!o.all && o.id.empty())
        return "flow export: which flow? give its ID (see 'descope-mgmt flow list'), or --all "
               "--dir DIR for every flow";
    if (o.all && o.dir.empty())
        return "flow export --all needs --dir DIR (one DIR/<id>.json per flow)";
    if (o.all && !o.out.empty())
        return "flow export: --out is for one flow; with --all use --dir DIR";
    if (!o.all && !o.dir.empty())
        return "flow export: --dir is for --all; for one flow use --out FILE";
    return std::nullopt;
}

/// Exports `r.id` and canonicalises it; on failure fills r.error (explained) and returns the
/// API error for the executor.
api::ApiResult<void> export_one(api::DescopeApi& api, const model::Environment& env,
                                FlowResult& r) {
    auto flow = api.export_flow(r.id);
    if (!flow) {
        bool not_found = false;
        r.error = explain_flow_export_error(api, env, flow.error(), r.id, not_found);
        r.kind = not_found ? "not_found" : flow.error().cancelled ? "interrupted" : "api";
        r.api_error = flow.error();
        return util::unexpected(flow.error());
    }
    auto text = canonical_flow_text(*flow);
    if (!text) {
        r.error = fmt::format("{}: flow export \"{}\": {}", env.name, r.id, text.error().message);
        r.kind = "api";
        return {};
    }
    r.text = std::move(*text);
    return {};
}

void write_result(const model::Environment& env, FlowResult& r) {
    if (!r.text || !r.error.empty()) return;
    auto w = write_file_if_changed(r.path, *r.text);
    if (!w) {
        r.error = fmt::format("{}: flow export \"{}\": {}", env.name, r.id, w.error().message);
        r.kind = "file";
        return;
    }
    r.outcome = *w;
    r.written = true;
}

render::ExportReport report_of(const model::Environment& env,
                               const std::vector<FlowResult>& results, bool interrupted,
                               const std::optional<std::string>& dir) {
    render::ExportReport report;
    report.environment = env.name;
    report.project_id = env.project_id;
    report.dir = dir;
    report.attempted = results.size();
    report.interrupted = interrupted;
    for (const auto& r : results) {
        if (r.written) report.files.push_back({"flow", r.id, r.path, r.text->size(), r.outcome});
        if (!r.error.empty()) report.errors.push_back({r.id, r.kind, r.error, r.api_error});
    }
    return report;
}

int finish(Context& ctx, const render::ExportReport& report) {
    for (const auto& e : report.errors)
        ctx.error(e.text);
    ctx.show_unless_quiet(render::export_view(report));
    if (report.interrupted) return exit_code::interrupted;
    return report.errors.empty() ? exit_code::ok : exit_code::error;
}

int export_one_flow(Context& ctx, Workspace& s, const FlowExportOptions& o) {
    const auto& env = s.environment(0);
    std::vector<FlowResult> results(1);
    FlowResult& r = results[0];
    r.id = o.id;
    (void)export_one(s.client(0), env, r);
    const bool to_stdout = o.out.empty() || o.out == "-";
    if (to_stdout && r.error.empty()) {
        // The flow document itself is the command's output, in text and JSON mode alike.
        fmt::print(ctx.out, "{}", *r.text);
        return exit_code::ok;
    }
    if (!to_stdout) {
        r.path = o.out;
        write_result(env, r);
    }
    return finish(ctx, report_of(env, results, s.interrupted(), std::nullopt));
}

int export_all_flows(Context& ctx, Workspace& s, const FlowExportOptions& o) {
    const auto& env = s.environment(0);
    auto flows = s.client(0).list_flows();
    if (!flows) {
        render::ExportReport report = report_of(env, {}, s.interrupted(), o.dir);
        report.errors.push_back({"", "api", flows.error().to_string(), flows.error()});
        finish(ctx, report);
        return exit_code::error;
    }
    std::error_code ec;
    fs::create_directories(o.dir, ec);
    if (ec || !fs::is_directory(o.dir)) {
        ctx.error(fmt::format("{}: flow export --all: cannot create folder {}: {}", env.name, o.dir,
                              ec ? ec.message() : "a file has that name"));
        return exit_code::error;
    }

    std::vector<FlowResult> results(flows->size());
    std::vector<std::string> ids;
    for (const auto& f : *flows)
        ids.push_back(f.id);
    // The same file names export-config gives the same flows.
    const std::vector<std::string> names = backup::flow_file_names(ids);
    std::vector<api::Task> tasks;
    for (std::size_t i = 0; i < flows->size(); ++i) {
        FlowResult& r = results[i];
        r.id = (*flows)[i].id;
        r.path = fs::path(o.dir) / names[i];
        tasks.push_back({env.name + " flow:" + r.id, env.name, {}, [&s, &env, &r] {
                             return export_one(s.client(0), env, r);
                         }});
    }
    s.executor().run(std::move(tasks));
    const bool interrupted = s.interrupted();
    for (auto& r : results) {
        if (r.error.empty() && !r.text) {
            r.error =
                fmt::format("{}: flow export \"{}\": not started (interrupted)", env.name, r.id);
            r.kind = "interrupted";
        }
        write_result(env, r);
    }
    std::sort(results.begin(), results.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    return finish(ctx, report_of(env, results, interrupted, o.dir));
}

}  // namespace

int run_flow_export(Context& ctx, const FlowExportOptions& options) {
    if (auto problem = check_options(options)) {
        ctx.error(*problem);
        return exit_code::error;
    }
    Workspace* ws = &ctx.workspace();
    Workspace& s = *ws;
    const int code =
        options.all ? export_all_flows(ctx, s, options) : export_one_flow(ctx, s, options);
    report_api_stats(ctx, s);
    return code;
}

}  // namespace descope_mgmt::cli
