#include "plan/json_canonical.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "util/strings.hpp"

namespace descope_mgmt::plan {
namespace {

using nlohmann::json;

// Server-set metadata at the flow and screen level. `version` is bumped and `modifiedTime`
// (an int64, hence a string under protojson) and `etag` are reset on every import, so they
// differ between environments and between an export and the next one. createdTime/updatedTime
// are not in the documented shapes but are the server's bookkeeping wherever they appear.
// A screen's flowId is set by the server to the id of the flow it is imported into.
const CanonicalRules k_flow_rules{
    .top_level = {"flow", "screens"},
    .server_managed = {"flow.version", "flow.modifiedTime", "flow.etag", "flow.createdTime",
                       "flow.updatedTime", "screens[].version", "screens[].modifiedTime",
                       "screens[].etag", "screens[].createdTime", "screens[].updatedTime",
                       "screens[].flowId"},
    // The server emits zero values for unset fields (protojson EmitUnpopulated, descope-api.md
    // §1.4), so a hand-written file that omits them must still equal the export.
    .defaults = {{"flow.name", R"("")"},
                 {"flow.description", R"("")"},
                 {"flow.dsl", "{}"},
                 {"flow.disabled", "false"},
                 {"flow.translate", "false"},
                 {"flow.translateConnectorID", R"("")"},
                 {"flow.translateSourceLang", R"("")"},
                 {"flow.translateTargetLangs", "[]"},
                 {"flow.fingerprint", "false"},
                 {"flow.widget", "false"},
                 {"flow.sharedInteractions", "[]"},
                 {"flow.management", "false"},
                 {"flow.referencesGlobalStrings", "false"},
                 // A message: filled level by level, so `{}` or a partial object equals the
                 // export's fully zero-valued one.
                 {"flow.managementConfig", "{}"},
                 {"flow.managementConfig.triggers", "{}"},
                 {"flow.managementConfig.triggers.enabled", "false"},
                 {"flow.managementConfig.triggers.triggerType", R"("")"},
                 {"flow.managementConfig.triggers.eventTriggers", "{}"},
                 {"flow.managementConfig.triggers.eventTriggers.triggeringEventTypes", "[]"},
                 {"screens[].htmlTemplate", "{}"},
                 {"screens[].inputs", "[]"},
                 {"screens[].interactions", "[]"},
                 {"screens[].componentsVersion", R"("")"}},
    // Screens are looked up by id; their order in an export is the server's, not the author's.
    .unordered = {{"screens", "id"}},
};

const CanonicalRules k_theme_rules{
    .top_level = {"theme"},
    // The theme's id differs per project and its version goes up on every import (R8,
    // docs/real-service.md): server fields, never a diff, never in a file.
    .server_managed = {"theme.id", "theme.version", "theme.modifiedTime", "theme.etag",
                       "theme.createdTime", "theme.updatedTime"},
    .defaults = {{"theme.cssTemplate", "{}"},
                 {"theme.componentsVersion", R"("")"},
                 {"theme.codeMode", "false"}},
    .unordered = {},
};

const CanonicalRules k_generic_rules{};

// One step of a rule path: an object key, or every element of an array.
struct Step {
    bool every_element = false;
    std::string key;
};

std::vector<Step> compile_path(std::string_view path) {
    std::vector<Step> steps;
    std::string key;
    const auto flush = [&] {
        if (!key.empty()) steps.push_back({false, std::exchange(key, {})});
    };
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '.') {
            flush();
        } else if (path.substr(i, 2) == "[]") {
            flush();
            steps.push_back({true, {}});
            ++i;
        } else {
            key += path[i];
        }
    }
    flush();
    return steps;
}

// Calls f(node) for every node reached by following `steps` from `node`.
template <class F>
void visit(json& node, const Step* step, const Step* end, F&& f) {
    if (step == end) {
        f(node);
        return;
    }
    if (step->every_element) {
        if (!node.is_array()) return;
        for (auto& element : node)
            visit(element, step + 1, end, f);
        return;
    }
    if (!node.is_object()) return;
    const auto it = node.find(step->key);
    if (it != node.end()) visit(*it, step + 1, end, f);
}

// A rule path split into the path of the parent object and the field name.
struct FieldRule {
    std::vector<Step> parent;
    std::string field;
};

FieldRule compile_field(std::string_view path) {
    FieldRule rule{compile_path(path), {}};
    rule.field = std::move(rule.parent.back().key);
    rule.parent.pop_back();
    return rule;
}

struct CompiledRules {
    std::vector<std::string> top_level;
    std::vector<FieldRule> server_managed;
    std::vector<std::pair<FieldRule, json>> defaults;
    std::vector<std::pair<std::vector<Step>, std::string>> unordered;
};

CompiledRules compile(const CanonicalRules& rules) {
    CompiledRules out;
    out.top_level.assign(rules.top_level.begin(), rules.top_level.end());
    for (const auto path : rules.server_managed)
        out.server_managed.push_back(compile_field(path));
    for (const auto& d : rules.defaults)
        out.defaults.emplace_back(compile_field(d.path), json::parse(d.json));
    for (const auto& u : rules.unordered)
        out.unordered.emplace_back(compile_path(u.path), std::string(u.key));
    return out;
}

const CompiledRules& compiled_rules(JsonDocumentKind kind) {
    static const CompiledRules flow = compile(k_flow_rules);
    static const CompiledRules theme = compile(k_theme_rules);
    static const CompiledRules generic = compile(k_generic_rules);
    switch (kind) {
        case JsonDocumentKind::flow:
            return flow;
        case JsonDocumentKind::theme:
            return theme;
        case JsonDocumentKind::generic:
            break;
    }
    return generic;
}

void sort_by_key(json& array, const std::string& key) {
    if (!array.is_array()) return;
    std::set<json> seen;
    for (const auto& element : array) {
        if (!element.is_object()) return;
        const auto it = element.find(key);
        if (it == element.end() || !(it->is_string() || it->is_number())) return;
        if (!seen.insert(*it).second) return;
    }
    std::stable_sort(array.begin(), array.end(),
                     [&](const json& a, const json& b) { return a.at(key) < b.at(key); });
}

// Integral doubles become integers so that 1.0 and 1 (and -0.0 and 0) are the same value, as
// they are once the server stores the flow graph; the parser's own choice (unsigned for
// non-negative integers) is kept so that re-parsing the output gives the same types.
void normalize_numbers(json& node) {
    switch (node.type()) {
        case json::value_t::object:
        case json::value_t::array:
            for (auto& child : node)
                normalize_numbers(child);
            return;
        case json::value_t::number_float: {
            const double v = node.get<double>();
            constexpr double k_two63 = 9223372036854775808.0;
            if (std::isfinite(v) && std::trunc(v) == v && v >= -k_two63 && v < k_two63) {
                const auto i = static_cast<std::int64_t>(v);
                if (i >= 0)
                    node = static_cast<std::uint64_t>(i);
                else
                    node = i;
            }
            return;
        }
        default:
            return;
    }
}

}  // namespace

std::string_view to_string(JsonDocumentKind kind) {
    switch (kind) {
        case JsonDocumentKind::flow:
            return "flow";
        case JsonDocumentKind::theme:
            return "theme";
        case JsonDocumentKind::generic:
            break;
    }
    return "generic";
}

std::string JsonSyntaxError::to_string() const {
    return std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

const CanonicalRules& canonical_rules(JsonDocumentKind kind) {
    switch (kind) {
        case JsonDocumentKind::flow:
            return k_flow_rules;
        case JsonDocumentKind::theme:
            return k_theme_rules;
        case JsonDocumentKind::generic:
            break;
    }
    return k_generic_rules;
}

util::Result<nlohmann::json, JsonSyntaxError> parse_json_document(std::string_view text) {
    if (const auto too_deep = util::find_too_deep_json(text, k_max_json_depth)) {
        const auto [line, column] = util::line_column(text, *too_deep);
        return util::unexpected(JsonSyntaxError{
            "nesting deeper than " + std::to_string(k_max_json_depth) + " levels", line, column});
    }
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        // e.byte is the 1-based index of the last character read: the offending one.
        const auto [line, column] = util::line_column(text, e.byte == 0 ? 0 : e.byte - 1);
        return util::unexpected(JsonSyntaxError{util::json_parse_reason(e.what()), line, column});
    } catch (const json::out_of_range& e) {
        // A number too large for a double ("1e999"): the exception carries no position, but
        // its message quotes the literal, so point at the literal's first occurrence.
        const std::string_view what(e.what());
        std::size_t offset = 0;
        const auto open = what.find('\'');
        const auto close = what.rfind('\'');
        if (open != std::string_view::npos && close > open) {
            const auto at = text.find(what.substr(open + 1, close - open - 1));
            if (at != std::string_view::npos) offset = at;
        }
        const auto [line, column] = util::line_column(text, offset);
        const auto detail = what.substr(what.find(']') + 2);
        return util::unexpected(JsonSyntaxError{std::string(detail), line, column});
    }
}

void canonicalize_json(nlohmann::json& document, JsonDocumentKind kind) {
    const CompiledRules& rules = compiled_rules(kind);
    if (!rules.top_level.empty() && document.is_object()) {
        for (auto it = document.begin(); it != document.end();) {
            if (std::find(rules.top_level.begin(), rules.top_level.end(), it.key()) ==
                rules.top_level.end())
                it = document.erase(it);
            else
                ++it;
        }
    }
    for (const auto& rule : rules.server_managed) {
        visit(document, rule.parent.data(), rule.parent.data() + rule.parent.size(),
              [&](json& parent) {
                  if (parent.is_object()) parent.erase(rule.field);
              });
    }
    for (const auto& [rule, value] : rules.defaults) {
        visit(document, rule.parent.data(), rule.parent.data() + rule.parent.size(),
              [&](json& parent) {
                  // null counts as unset: Descope never answers null for these fields.
                  if (!parent.is_object()) return;
                  const auto it = parent.find(rule.field);
                  if (it == parent.end() || it->is_null()) parent[rule.field] = value;
              });
    }
    for (const auto& [path, key] : rules.unordered) {
        visit(document, path.data(), path.data() + path.size(),
              [&](json& array) { sort_by_key(array, key); });
    }
    normalize_numbers(document);
}

util::Result<nlohmann::json, JsonSyntaxError> canonical_json(std::string_view text,
                                                             JsonDocumentKind kind) {
    auto parsed = parse_json_document(text);
    if (!parsed) return parsed;
    canonicalize_json(*parsed, kind);
    return parsed;
}

std::string pretty_json(const nlohmann::json& value) {
    return value.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string compact_json(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

util::Result<std::string, JsonSyntaxError> canonical_pretty_json(std::string_view text,
                                                                 JsonDocumentKind kind) {
    auto value = canonical_json(text, kind);
    if (!value) return util::unexpected(value.error());
    return pretty_json(*value);
}

util::Result<std::string, JsonSyntaxError> canonical_compact_json(std::string_view text,
                                                                  JsonDocumentKind kind) {
    auto value = canonical_json(text, kind);
    if (!value) return util::unexpected(value.error());
    return compact_json(*value);
}

}  // namespace descope_mgmt::plan
