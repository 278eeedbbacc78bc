#include "config/yaml_tree.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <sstream>
#include <unordered_map>

namespace descope_mgmt::config {

const YamlEntry* YamlNode::find_entry(std::string_view key) const {
    for (const auto& e : entries)
        if (e.key == key) return &e;
    return nullptr;
}

const YamlNode* YamlNode::find(std::string_view key) const {
    const YamlEntry* e = find_entry(key);
    return e != nullptr ? &e->value : nullptr;
}

namespace {

// Aliases copy the anchored node; this caps the copies so that a "billion laughs" document
// fails with a message instead of exhausting memory.
constexpr std::size_t kMaxAliasNodes = 200000;

std::size_t count_nodes(const YamlNode& n) {
    std::size_t total = 1;
    for (const auto& i : n.items)
        total += count_nodes(i);
    for (const auto& e : n.entries)
        total += count_nodes(e.value);
    return total;
}

/// Builds YamlNodes from yaml-cpp's parse events, iteratively (no recursion on nesting).
class TreeBuilder : public YAML::EventHandler {
  public:
    TreeBuilder(const std::string& text, const std::string& file, diag::Diagnostics& diags)
        : m_text(text), m_file(file), m_diags(diags) {}

    std::optional<YamlNode> take_root() { return std::move(m_root); }
    bool failed() const { return m_failed; }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        YamlNode n;
        place(n, mark);
        add(std::move(n), anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        auto it = m_anchors.find(anchor);
        if (it == m_anchors.end()) {
            error(mark, "alias refers to an anchor that is not complete yet");
            return;
        }
        m_alias_nodes += count_nodes(it->second);
        if (m_alias_nodes > kMaxAliasNodes) {
            if (!m_failed)
                error(mark, fmt::format("aliases expand to more than {} nodes", kMaxAliasNodes));
            m_failed = true;
            return;
        }
        YamlNode copy = it->second;
        place(copy, mark);
        add(std::move(copy), 0);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        YamlNode n;
        n.kind = YamlKind::scalar;
        place(n, mark);
        n.text = value;
        if (tag == "!" || tag == "tag:yaml.org,2002:str") {
            const auto pos = static_cast<std::size_t>(mark.pos);
            const char first = pos < m_text.size() ? m_text[pos] : '"';
            n.style = (tag == "!" && (first == '|' || first == '>')) ? ScalarStyle::block
                                                                     : ScalarStyle::quoted;
        } else {
            check_tag(mark, tag);
        }
        add(std::move(n), anchor);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        check_tag(mark, tag);
        open(YamlKind::sequence, mark, anchor);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        check_tag(mark, tag);
        open(YamlKind::mapping, mark, anchor);
    }
    void OnMapEnd() override { close(); }

  private:
    struct Frame {
        YamlNode node;
        YAML::anchor_t anchor = 0;
        bool has_key = false;
        bool drop_value = false;  // the key was not text: its value is skipped
        std::string key;
        int key_line = 0;
        int key_column = 0;
        std::unordered_map<std::string, std::size_t> index;  // key -> entry, for large maps
    };

    static void place(YamlNode& n, const YAML::Mark& mark) {
        n.line = mark.line + 1;
        n.column = mark.column + 1;
    }

    void error(const YAML::Mark& mark, std::string message, std::vector<std::string> notes = {}) {
        m_diags.error({m_file, mark.line + 1, mark.column + 1}, std::move(message),
                      std::move(notes));
    }

    void check_tag(const YAML::Mark& mark, const std::string& tag) {
        if (tag.empty() || tag == "?" || tag == "!" || tag.rfind("tag:yaml.org,2002:", 0) == 0)
            return;
        error(mark, fmt::format("unsupported YAML tag '{}'", tag),
              {"descope-mgmt reads plain YAML: remove the tag"});
    }

    void open(YamlKind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
        Frame f;
        f.node.kind = kind;
        place(f.node, mark);
        f.anchor = anchor;
        m_stack.push_back(std::move(f));
    }

    void close() {
        if (m_stack.empty()) return;
        Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        add(std::move(f.node), f.anchor);
    }

    void add(YamlNode n, YAML::anchor_t anchor) {
        if (anchor != 0) m_anchors[anchor] = n;
        if (m_stack.empty()) {
            if (!m_root) m_root = std::move(n);
            return;
        }
        Frame& top = m_stack.back();
        if (top.node.kind == YamlKind::sequence) {
            top.node.items.push_back(std::move(n));
            return;
        }
        if (!top.has_key) {
            top.has_key = true;
            top.drop_value = n.kind != YamlKind::scalar;
            top.key = std::move(n.text);
            top.key_line = n.line;
            top.key_column = n.column;
            if (top.drop_value) {
                m_diags.error({m_file, n.line, n.column}, "a key must be text",
                              {"complex keys (lists, mappings, empty keys) are not used here"});
            }
            return;
        }
        top.has_key = false;
        if (top.drop_value) return;
        if (n.kind == YamlKind::null) {
            // An empty value has no position of its own; point at its key.
            n.line = top.key_line;
            n.column = top.key_column;
        }
        const std::size_t found = find_key(top, top.key);
        if (found != kNone) {
            const YamlEntry& first = top.node.entries[found];
            m_diags.error(
                {m_file, top.key_line, top.key_column},
                fmt::format("duplicate key '{}' (first defined at line {})", top.key, first.line),
                {"YAML keeps only one of them: remove or rename one"});
            return;
        }
        top.node.entries.push_back(
            YamlEntry{std::move(top.key), top.key_line, top.key_column, std::move(n)});
        if (!top.index.empty() || top.node.entries.size() > kIndexFrom) {
            for (std::size_t i = top.index.size(); i < top.node.entries.size(); ++i)
                top.index.emplace(top.node.entries[i].key, i);
        }
    }

    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    static constexpr std::size_t kIndexFrom = 16;

    static std::size_t find_key(const Frame& f, const std::string& key) {
        if (!f.index.empty()) {
            auto it = f.index.find(key);
            return it == f.index.end() ? kNone : it->second;
        }
        for (std::size_t i = 0; i < f.node.entries.size(); ++i)
            if (f.node.entries[i].key == key) return i;
        return kNone;
    }

    const std::string& m_text;
    const std::string& m_file;
    diag::Diagnostics& m_diags;
    std::vector<Frame> m_stack;
    std::optional<YamlNode> m_root;
    std::map<YAML::anchor_t, YamlNode> m_anchors;
    std::size_t m_alias_nodes = 0;
    bool m_failed = false;
};

/// Ignores a document's events (used only to detect that there is a second document).
class NullHandler : public YAML::EventHandler {
  public:
    void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
    YAML::Mark start;
};

/// Whether the 1-based line `line` of `text` contains a ${VAR} reference.
bool line_has_reference(const std::string& text, int line) {
    std::size_t start = 0;
    for (int i = 1; i < line && start != std::string::npos; ++i) {
        start = text.find('\n', start);
        if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos || line < 1) return false;
    const std::size_t end = text.find('\n', start);
    return text.substr(start, end == std::string::npos ? end : end - start).find("${") !=
           std::string::npos;
}

}  // namespace

std::optional<YamlNode> parse_yaml(const std::string& text, const std::string& file,
                                   diag::Diagnostics& diags) {
    std::istringstream in(text);
    TreeBuilder builder(text, file, diags);
    try {
        YAML::Parser parser(in);
        if (!parser.HandleNextDocument(builder)) return YamlNode{};
        if (builder.failed()) return std::nullopt;
        NullHandler rest;
        if (parser.HandleNextDocument(rest)) {
            diags.error({file, rest.start.line + 1, rest.start.column + 1},
                        "a second YAML document ('---') is not allowed",
                        {"a config file holds one document: remove the '---' line and what "
                         "follows, or merge it into the first"});
        }
    } catch (const YAML::Exception& e) {
        const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
        const int column = e.mark.is_null() ? 0 : e.mark.column + 1;
        std::vector<std::string> notes;
        if (line_has_reference(text, line))
            notes.push_back("inside { } or [ ], quote ${VAR} references: \"${NAME}\"");
        diags.error({file, line, column}, "YAML syntax error: " + e.msg, std::move(notes));
        return std::nullopt;
    }
    auto root = builder.take_root();
    if (!root) return YamlNode{};
    return root;
}

}  // namespace descope_mgmt::config
