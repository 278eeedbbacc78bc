#include "render/init_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "util/terminal_text.hpp"

namespace descope_mgmt::render {

namespace {

/// The commands after init, with `-c FILE` when the config is not the default one.
std::vector<std::string> init_next_commands(const std::string& config_file) {
    const std::string c = config_file == "descope.yaml" || config_file == "./descope.yaml"
                              ? ""
                              : fmt::format("-c {} ", config_file);
    return {fmt::format("descope-mgmt {}validate", c), fmt::format("descope-mgmt {}plan", c),
            fmt::format("descope-mgmt {}apply -e test", c)};
}

}  // namespace

View init_view(const InitDone& done) {
    std::string text;
    for (const auto& f : done.files)
        text += fmt::format("{} {} ({})\n", f.outcome, util::terminal_safe(f.path), f.what);
    if (done.dry_run) text += "--dry-run: nothing was written\n";
    const std::vector<std::string> next = init_next_commands(util::terminal_safe(done.config_file));
    text +=
        "\nnext:\n  1. set each environment's project id and management key (keys stay out of "
        "the file):\n";
    for (std::size_t i = 0; i + 1 < done.variables.size(); i += 2)
        text += fmt::format("       export {}=P2... {}=K2...\n", done.variables[i],
                            done.variables[i + 1]);
    std::size_t width = 0;
    for (const auto& command : next)
        width = std::max(width, command.size());
    const char* why[] = {"check the file and its references; no network",
                         "what apply would change, per environment",
                         "change test first, then the others (prod asks for its name)"};
    for (std::size_t i = 0; i < next.size(); ++i)
        text += fmt::format("  {}. {:<{}}   {}\n", i + 2, next[i], width, why[i]);
    text +=
        "  (DESCOPE_BASE_URL=http://127.0.0.1:PORT sends every environment to a local "
        "descope-emulator instead)\n";

    nlohmann::json files = nlohmann::json::array();
    for (const auto& f : done.files)
        files.push_back({{"path", f.path}, {"outcome", f.outcome}, {"what", f.what}});
    return make_view(std::move(text), {{"format_version", 1},
                                       {"config_file", done.config_file},
                                       {"files", std::move(files)},
                                       {"environments", done.environments},
                                       {"variables", done.variables},
                                       {"next", next},
                                       {"dry_run", done.dry_run}});
}

}  // namespace descope_mgmt::render
