// Flow and theme files stay in the config's folder unless the config allows otherwise: a path
// with '..', an absolute path or a symbolic link must not make descope-mgmt read (and show in
// its error excerpts) or overwrite (flow export) a file elsewhere without a word.
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <system_error>

#include "config/loader_internal.hpp"

namespace descope_mgmt::config {

namespace {

namespace fs = std::filesystem;

/// `path` absolute, with its symbolic links resolved as far as it exists.
fs::path resolved(const fs::path& path) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    if (ec) absolute = path;
    fs::path real = fs::weakly_canonical(absolute, ec);
    return ec ? absolute.lexically_normal() : real;
}

bool is_inside(const fs::path& path, const fs::path& folder) {
    const fs::path relative = path.lexically_relative(folder);
    return !relative.empty() && *relative.begin() != "..";
}

bool files_outside_allowed(const YamlNode& root) {
    const YamlNode* defaults = root.find("defaults");
    const YamlNode* allow = defaults != nullptr ? defaults->find("files_outside_config") : nullptr;
    return text_of(allow).value_or("") == "allow";
}

}  // namespace

void check_file_places(const YamlNode& root, Config& config, const DeclNodes& nodes,
                       const LoadInput& in, diag::Diagnostics& diags) {
    if (files_outside_allowed(root)) return;
    const fs::path folder = resolved(in.folder.empty() ? fs::path(".") : in.folder);
    auto check = [&](fs::path& file, const YamlNode* item, const char* what) {
        const YamlNode* node = item != nullptr ? item->find("file") : nullptr;
        if (file.empty() || node == nullptr) return;
        const fs::path target = resolved(file);
        if (is_inside(target, folder)) return;
        std::vector<std::string> notes;
        // A path from a ${VAR} is not repeated (yaml_tree.hpp, shown()).
        if (node->variables.empty()) notes.push_back("it leads to " + target.string());
        notes.push_back("the config's folder is " + folder.string());
        notes.push_back(
            "to use files outside it, write 'defaults: {files_outside_config: allow}' "
            "(docs/config.md)");
        diags.error(node->location(in.file),
                    fmt::format("{} {} is outside the config file's folder", what, shown(*node)),
                    std::move(notes));
        file.clear();  // never read, never written
    };
    // Each override's file too, at its own `file:`.
    auto check_overrides = [&](std::map<std::string, FileOverride>& overrides, const YamlNode* item,
                               const char* what) {
        const YamlNode* mapping = item != nullptr ? item->find("overrides") : nullptr;
        if (mapping == nullptr) return;
        for (auto& [env, o] : overrides)
            check(o.file, mapping->find(env), what);
    };
    for (std::size_t i = 0; i < config.flows.size() && i < nodes.flows.size(); ++i) {
        check(config.flows[i].file, nodes.flows[i], "flow file");
        check_overrides(config.flows[i].overrides, nodes.flows[i], "flow file");
    }
    if (config.theme) {
        check(config.theme->file, nodes.theme, "theme file");
        check_overrides(config.theme->overrides, nodes.theme, "theme file");
    }
}

}  // namespace descope_mgmt::config
