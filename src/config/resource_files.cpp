// Flow and theme files: read, parse as JSON (syntax errors located in that file), check that
// they look like Descope exports, keep their text as the desired document.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <system_error>

#include "config/loader_internal.hpp"
#include "config/reference_index.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::config {

namespace {

namespace fs = std::filesystem;

class FileReader {
  public:
    FileReader(const LoadInput& in, diag::Diagnostics& diags, diag::SourceCache& sources)
        : m_in(in), m_diags(diags), m_sources(sources) {}

    /// The parsed JSON object of `path`, or nullopt after reporting why not. `what` is
    /// "flow file" or "theme file"; `owner` names the declaration in notes.
    std::optional<nlohmann::json> read(const fs::path& path, const YamlNode& file_node,
                                       const std::string& what, const std::string& owner,
                                       std::string& text) {
        // shown(): a path that came from a ${VAR} is not repeated.
        const std::string shown_name = shown(file_node);
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (status.type() == fs::file_type::none) {  // not "not found": a symlink loop...
            error(file_node, fmt::format("cannot read {} {}: {}", what, shown_name, ec.message()));
            return std::nullopt;
        }
        if (!fs::exists(status)) {
            std::vector<std::string> notes{"paths are relative to the config file's folder"};
            if (file_node.variables.empty())
                notes[0] = "looked for " + path.string() + " (" + notes[0] + ")";
            error(file_node, fmt::format("{} {} not found", what, shown_name), std::move(notes));
            return std::nullopt;
        }
        if (fs::is_directory(status)) {
            error(file_node,
                  fmt::format("{} {} is a directory, not a JSON file", what, shown_name));
            return std::nullopt;
        }
        // Devices and pipes could block or never end (/dev/zero).
        if (!fs::is_regular_file(status)) {
            error(file_node, fmt::format("{} {} is not a regular file", what, shown_name));
            return std::nullopt;
        }
        auto content = util::read_file(path);
        if (!content) {
            error(file_node, fmt::format("cannot read {} {}", what, shown_name),
                  {content.error().message});
            return std::nullopt;
        }
        text = std::move(*content);
        if (const auto too_deep = util::find_too_deep_json(text)) {
            const auto [line, column] = util::line_column(text, *too_deep);
            const std::string display = path.string();
            m_sources.add(display, text);
            m_diags.error({display, line, column},
                          fmt::format("invalid JSON in {}: nested deeper than {} levels", what,
                                      util::kMaxJsonDepth));
            return std::nullopt;
        }
        try {
            auto json = nlohmann::json::parse(text);
            if (!json.is_object()) {
                error(file_node, fmt::format("{} {} must hold a JSON object", what, shown_name));
                return std::nullopt;
            }
            return json;
        } catch (const nlohmann::json::parse_error& e) {
            const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
            const auto [line, column] = util::line_column(text, offset);
            const std::string display = path.string();
            m_sources.add(display, text);
            m_diags.error(
                {display, line, column},
                fmt::format("invalid JSON in {}: {}", what, util::json_parse_reason(e.what())),
                {fmt::format("{} is declared at {}:{}:{}", owner, m_in.file, file_node.line,
                             file_node.column)});
        } catch (const nlohmann::json::exception& e) {
            error(file_node, fmt::format("invalid JSON in {} {}: {}", what, shown_name, e.what()));
        }
        return std::nullopt;
    }

    void error(const YamlNode& at, std::string message, std::vector<std::string> notes = {}) {
        m_diags.error(at.location(m_in.file), std::move(message), std::move(notes));
    }
    /// An error about the value at `path` in the JSON file `path_name` (its text `text`),
    /// reported at that value's line:column in the file, with a note saying where the file is
    /// declared; at `declared` (its `file:` in the config) when the value cannot be located.
    void error_in_file(const fs::path& file, const std::string& text,
                       const std::vector<util::JsonStep>& path, const YamlNode& declared,
                       const std::string& owner, std::string message,
                       std::vector<std::string> notes = {}) {
        const auto offset = util::find_json_value(text, path);
        if (!offset) return error(declared, std::move(message), std::move(notes));
        const auto [line, column] = util::line_column(text, *offset);
        const std::string display = file.string();
        m_sources.add(display, text);
        notes.push_back(fmt::format("{} is declared at {}:{}:{}", owner, m_in.file, declared.line,
                                    declared.column));
        m_diags.error({display, line, column}, std::move(message), std::move(notes));
    }
    void warning(const YamlNode& at, std::string message, std::vector<std::string> notes = {}) {
        m_diags.warning(at.location(m_in.file), std::move(message), std::move(notes));
    }

  private:
    const LoadInput& m_in;
    diag::Diagnostics& m_diags;
    diag::SourceCache& m_sources;
};

constexpr const char* kFlowShape =
    R"(expected a v1 flow export: {"flow": {"id": ...}, "screens": [...]})";

/// Top-level keys that the import endpoint is not sent (an import body's "flowId", a v2
/// export's "references"...): never deployed and never compared, which the user should know.
void warn_extra_keys(FileReader& reader, const YamlNode& file_node, std::string_view what,
                     const nlohmann::json& doc, const std::vector<std::string>& kept) {
    std::vector<std::string> extra;
    for (const auto& item : doc.items())
        if (std::find(kept.begin(), kept.end(), item.key()) == kept.end())
            extra.push_back("'" + item.key() + "'");
    if (extra.empty()) return;
    const bool one = extra.size() == 1;
    reader.warning(file_node,
                   fmt::format("{} file {}: top-level {} {} {} ignored", what, shown(file_node),
                               one ? "key" : "keys", fmt::join(extra, ", "), one ? "is" : "are"),
                   {fmt::format("only \"{}\" {} deployed and compared",
                                fmt::join(kept, "\" and \""), kept.size() == 1 ? "is" : "are")});
}

/// Checks the flow export `doc` (the text `text` of `file`, named at `file_node`) of the flow
/// declared as `id` at `flow_node`.
void check_flow(FileReader& reader, const fs::path& file, const std::string& id,
                const YamlNode& flow_node, const YamlNode& file_node, const nlohmann::json& doc,
                const std::string& text, const std::string& owner) {
    const std::string name = shown(file_node);
    const auto flow = doc.find("flow");
    if (flow == doc.end() || !flow->is_object()) {
        std::vector<std::string> notes{kFlowShape};
        if (doc.contains("flowId") && doc.contains("contents"))
            notes.push_back(
                "this looks like a v2 export: export the flow again with "
                "'descope-mgmt flow export' or from the console");
        return reader.error(file_node, fmt::format("flow file {} is not a flow export", name),
                            std::move(notes));
    }
    warn_extra_keys(reader, file_node, "flow", doc, {"flow", "screens"});
    if (auto screens = doc.find("screens"); screens != doc.end() && !screens->is_array()) {
        reader.error(file_node, fmt::format("flow file {}: \"screens\" must be a list", name),
                     {kFlowShape});
    } else if (screens != doc.end()) {
        // The import matches screens by id: each needs one, and only once. Reported in the flow
        // file, where the screen is.
        std::map<std::string, std::size_t> seen;  // id -> the first screen with it
        for (std::size_t i = 0; i < screens->size(); ++i) {
            const auto& screen = (*screens)[i];
            const auto sid = screen.is_object() ? screen.find("id") : screen.end();
            if (!screen.is_object() || sid == screen.end() || !sid->is_string() ||
                sid->get_ref<const std::string&>().empty()) {
                reader.error_in_file(file, text, {"screens", i}, file_node, owner,
                                     fmt::format("flow file {}: screens[{}] must be an object "
                                                 "with a non-empty string \"id\"",
                                                 name, i),
                                     {kFlowShape});
                continue;
            }
            const std::string& screen_id = sid->get_ref<const std::string&>();
            const auto [first, inserted] = seen.emplace(screen_id, i);
            if (inserted) continue;
            std::vector<std::string> notes;
            if (const auto at = util::find_json_value(text, {"screens", first->second, "id"}))
                notes.push_back(fmt::format("the first is screens[{}], line {}", first->second,
                                            util::line_column(text, *at).first));
            notes.push_back("the import matches screens by id: each id may appear only once");
            reader.error_in_file(
                file, text, {"screens", i, "id"}, file_node, owner,
                fmt::format("flow file {}: screen id '{}' appears twice", name, screen_id),
                std::move(notes));
        }
    }
    const auto inner_id = flow->find("id");
    if (inner_id == flow->end() || !inner_id->is_string()) return;
    const std::string inner = inner_id->get<std::string>();
    if (!inner.empty() && inner != id) {
        reader.error(file_node,
                     fmt::format("flow file {} holds flow '{}', not {}", name, inner,
                                 ReferenceIndex::label(flow_node, "id", id)),
                     {"the flow's 'id' must match the \"id\" in the file (or remove it from the "
                      "file)"});
    }
}

/// The document of the flow declared as `id` at `flow_node`, from `path` (named at
/// `file_node`: the flow's `file:` or an override's), or nullopt after reporting why not.
std::optional<std::string> read_flow_file(FileReader& reader, const std::string& id,
                                          const YamlNode& flow_node, const fs::path& path,
                                          const YamlNode& file_node) {
    std::string text;
    const std::string owner = "flow " + ReferenceIndex::label(flow_node, "id", id);
    auto doc = reader.read(path, file_node, "flow file", owner, text);
    if (!doc) return std::nullopt;
    check_flow(reader, path, id, flow_node, file_node, *doc, text, owner);
    // A file may leave the flow's id out: the import is sent the config's id, which the
    // server stores as flow.id, so that is what the file means (and is compared as).
    auto flow = doc->find("flow");
    if (flow != doc->end() && flow->is_object()) {
        auto inner = flow->find("id");
        if (inner == flow->end() || inner->is_null() ||
            (inner->is_string() && inner->get_ref<const std::string&>().empty())) {
            (*flow)["id"] = id;
            text = doc->dump();
        }
    }
    return text;
}

/// The theme's document from `path` (named at `file_node`), or nullopt after reporting why not.
std::optional<std::string> read_theme_file(FileReader& reader, const fs::path& path,
                                           const YamlNode& file_node) {
    std::string text;
    const auto doc = reader.read(path, file_node, "theme file", "the theme", text);
    if (!doc) return std::nullopt;
    const auto theme = doc->find("theme");
    if (theme == doc->end() || !theme->is_object()) {
        reader.error(
            file_node, fmt::format("theme file {} is not a theme export", shown(file_node)),
            {R"(expected a v1 theme export: {"theme": {"id": "", "cssTemplate": {...}}})"});
        return std::nullopt;
    }
    warn_extra_keys(reader, file_node, "theme", *doc, {"theme"});
    return text;
}

/// The `file:` node of the override of `env` under `item`, or nullptr.
const YamlNode* override_file_node(const YamlNode& item, const std::string& env) {
    const YamlNode* overrides = item.find("overrides");
    const YamlNode* o = overrides != nullptr ? overrides->find(env) : nullptr;
    return o != nullptr ? o->find("file") : nullptr;
}

/// Reads each override's file with `read` (path, file node) into its document.
template <class Read>
void read_override_files(std::map<std::string, FileOverride>& overrides, const YamlNode& item,
                         Read&& read) {
    for (auto& [env, o] : overrides) {
        const YamlNode* file_node = override_file_node(item, env);
        if (o.file.empty() || file_node == nullptr) continue;  // refused (check_file_places)
        if (auto text = read(o.file, *file_node)) o.document = std::move(*text);
    }
}

}  // namespace

void read_resource_files(Config& config, const DeclNodes& nodes, const LoadInput& in,
                         diag::Diagnostics& diags, diag::SourceCache& sources) {
    FileReader reader(in, diags, sources);
    for (std::size_t i = 0; i < config.flows.size(); ++i) {
        FlowDecl& d = config.flows[i];
        const YamlNode& item = *nodes.flows[i];
        auto read = [&](const fs::path& path, const YamlNode& file_node) {
            return read_flow_file(reader, d.flow.id, item, path, file_node);
        };
        read_override_files(d.overrides, item, read);
        const YamlNode* file_node = item.find("file");
        if (d.file.empty() || file_node == nullptr) continue;
        if (auto text = read(d.file, *file_node)) d.flow.document = std::move(*text);
    }
    if (config.theme && nodes.theme != nullptr) {
        ThemeDecl& d = *config.theme;
        auto read = [&](const fs::path& path, const YamlNode& file_node) {
            return read_theme_file(reader, path, file_node);
        };
        read_override_files(d.overrides, *nodes.theme, read);
        const YamlNode* file_node = nodes.theme->find("file");
        if (d.file.empty() || file_node == nullptr) return;
        if (auto text = read(d.file, *file_node)) d.theme.document = std::move(*text);
    }
}

}  // namespace descope_mgmt::config
