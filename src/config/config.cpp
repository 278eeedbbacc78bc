// load(): the loader's steps in order (see loader_internal.hpp), with every problem collected.
#include "config/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <system_error>

#include "config/definitions.hpp"
#include "config/loader_internal.hpp"
#include "config/shape_checker.hpp"
#include "util/file.hpp"

namespace descope_mgmt::config {

const model::Environment* Config::find_environment(const std::string& name) const {
    for (const auto& e : environments)
        if (e.name == name) return &e;
    return nullptr;
}

std::optional<std::string> process_env(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
}

namespace {

constexpr std::size_t kMinGlobalMask = 8;

/// The file text as diagnostics may show it, after mask_secret_lines(): management keys that the
/// tree holds are masked where the lines did not show them (an anchor, a comment), and are
/// added to `secrets` for the messages.
std::string masked(std::string text, const YamlNode& root, std::vector<MaskedSecret>& secrets) {
    const YamlNode* envs = root.find("environments");
    if (envs == nullptr || envs->kind != YamlKind::mapping) return text;
    for (const auto& e : envs->entries) {
        const YamlNode* key = e.value.find("management_key");
        if (key == nullptr || !key->is_scalar() || !key->variables.empty() || key->text.empty())
            continue;
        secrets.push_back({key->text, key->line});
        const std::string stars(key->text.size(), '*');
        if (key->text.size() >= kMinGlobalMask) {
            // Everywhere: the same key may also appear in a comment or through an anchor.
            for (auto pos = text.find(key->text); pos != std::string::npos;
                 pos = text.find(key->text, pos + stars.size()))
                text.replace(pos, key->text.size(), stars);
            continue;
        }
        // A short value (a placeholder) only where it stands, not every such letter in the file.
        std::size_t line_start = 0;
        for (int l = 1; l < key->line && line_start != std::string::npos; ++l) {
            line_start = text.find('\n', line_start);
            if (line_start != std::string::npos) ++line_start;
        }
        if (line_start == std::string::npos) continue;
        const std::size_t line_end = std::min(text.find('\n', line_start), text.size());
        const std::size_t pos = text.find(
            key->text, line_start + static_cast<std::size_t>(std::max(key->column - 1, 0)));
        if (pos != std::string::npos && pos + key->text.size() <= line_end)
            text.replace(pos, key->text.size(), stars);
    }
    return text;
}

void load_tree(YamlNode& root, const std::string& text, const LoadInput& in, LoadOptions options,
               LoadResult& r) {
    auto& diags = r.diagnostics;
    if (root.kind == YamlKind::null) {
        diags.error({in.file, 1, 1}, "the config file is empty",
                    {"start with 'version: 1' and an 'environments:' mapping (docs/config.md)"});
        return;
    }
    if (root.kind != YamlKind::mapping) {
        diags.error(root.location(in.file),
                    std::string("the config file must be a mapping of keys (version, "
                                "environments, ...), got ") +
                        std::string(describe_kind(root)));
        return;
    }
    std::vector<CredentialGap> gaps;
    substitute_tree(root, text, in, diags, gaps);
    check_shape(root, config_definition(), in.file, diags);
    Config config;
    config.path = in.file;
    build_settings(root, in, gaps, config, diags);
    const DeclNodes nodes = build_resources(root, in, config);
    check_file_places(root, config, nodes, in, diags);
    check_session_settings(nodes, in.file, diags);
    check_references(config, nodes, in.file, diags);
    if (options.read_resource_files) read_resource_files(config, nodes, in, diags, r.sources);
    if (!diags.has_errors()) r.config = std::move(config);
}

}  // namespace

LoadResult load_from_string(const std::string& text, const std::filesystem::path& path,
                            EnvLookup env, LoadOptions options) {
    LoadResult r;
    LoadInput in{path.string(), path.parent_path(), env != nullptr ? env : process_env};
    // Masked from the text first: a file that does not parse shows its lines too.
    MaskedText shown = mask_secret_lines(text);
    try {
        if (auto root = parse_yaml(text, in.file, r.diagnostics)) {
            load_tree(*root, text, in, options, r);
            shown.text = masked(std::move(shown.text), *root, shown.secrets);
        }
    } catch (const std::exception& e) {
        // A bug, not a config problem; reported like one so that load() never throws.
        r.config.reset();
        r.diagnostics.error({in.file, 0, 0},
                            std::string("internal error while loading the config: ") + e.what());
    }
    if (r.config) r.config->path = path;
    mask_secrets(shown.text, shown.secrets, 0);
    r.sources.add(in.file, std::move(shown.text));
    // Messages quote values ("invalid project id '...'"): the same secrets are hidden there.
    diag::Diagnostics messages;
    for (diag::Diagnostic d : r.diagnostics.items()) {
        const int line = d.location.file == in.file ? d.location.line : 0;
        mask_secrets(d.message, shown.secrets, line);
        for (auto& note : d.notes)
            mask_secrets(note, shown.secrets, line);
        messages.add(std::move(d));
    }
    r.diagnostics = std::move(messages);
    r.diagnostics.sort();
    return r;
}

std::string missing_config_message(const std::filesystem::path& path) {
    const std::string shown = path.has_parent_path() ? path.string() : "./" + path.string();
    return "no config file: " + shown +
           " not found (-c, DESCOPE_MGMT_CONFIG); run `descope-mgmt init` to start one, or "
           "`descope-mgmt init --from-live -e ENV ...` to adopt existing projects (as "
           "`export-config --dir DIR` does from a config)";
}

LoadResult load(const std::filesystem::path& path, EnvLookup env, LoadOptions options) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    std::string problem;
    if (status.type() == std::filesystem::file_type::none) {  // not "not found": a symlink loop...
        problem = "cannot read the config file: " + ec.message();
    } else if (!std::filesystem::exists(status)) {
        LoadResult r;
        r.diagnostics.error({path.string(), 0, 0}, missing_config_message(path));
        return r;
    } else if (std::filesystem::is_directory(status)) {
        problem = "the config path is a directory, not a file";
    } else if (auto text = util::read_file(path)) {
        return load_from_string(*text, path, env, options);
    } else {
        problem = "cannot read the config file: " + text.error().message;
    }
    LoadResult r;
    r.diagnostics.error({path.string(), 0, 0}, problem,
                        {"name it with -c FILE or $DESCOPE_MGMT_CONFIG (default ./descope.yaml)"});
    return r;
}

}  // namespace descope_mgmt::config
