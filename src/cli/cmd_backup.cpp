// `backup`: one backup document per selected environment (needs the live reader), and
// `backup verify FILE`: check a backup file offline (format, schema, checksum) and say what
// it holds. Exit 0 valid, 1 refused or error.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "backup/backup_reader.hpp"
#include "backup/backup_report.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"

namespace descope_mgmt::cli {

namespace {

int run_backup_verify(Context& ctx, const std::string& file) {
    auto result = backup::read_backup(file);
    if (ctx.json()) fmt::print(ctx.out, "{}", backup::verify_report_json(file, result));
    if (!result) {
        ctx.error(result.error().message);
        // Every schema problem, not just the first: a hand-edited file may have several.
        for (std::size_t i = 1; i < result.error().details.size(); ++i)
            fmt::print(ctx.err, "  {}\n", result.error().details[i]);
        return exit_code::error;
    }
    if (!ctx.json()) fmt::print(ctx.out, "{}", backup::describe_backup_text(file, *result));
    return exit_code::ok;
}

}  // namespace

void define_backup(CLI::App& sub, Context& ctx) {
    sub.require_subcommand(0, 1);
    CLI::App* verify = sub.add_subcommand(
        "verify", "check a backup file (format, schema, checksum) and show what it holds");
    verify->fallthrough();
    auto file = std::make_shared<std::string>();
    verify->add_option("FILE", *file, "the backup file")->required();
    verify->footer(R"(Examples:
  descope-mgmt backup verify .descope-mgmt/backups/prod/prod-20240501T123456.789Z.json
  descope-mgmt backup verify -o json backup.json    {"valid": true|false, ...}
No network and no config needed. Exit 0 valid, 1 refused (truncated, edited, other format
version, not a backup) or unreadable. See docs/backup.md.)");
    verify->callback(
        [&ctx, file] { ctx.action = [&ctx, file] { return run_backup_verify(ctx, *file); }; });
    sub.callback([&ctx, verify] {
        if (verify->parsed()) return;
        ctx.action = [&ctx] {
            ctx.error("backup: taking a backup is not available yet; 'backup verify FILE' is");
            return exit_code::error;
        };
    });
}

}  // namespace descope_mgmt::cli
