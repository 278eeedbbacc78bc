// The YAML layer: libfyaml's event parser (YAML 1.2, checked against the YAML test suite) turned
// into a YamlNode tree with byte-based 1-based line:column positions, plus the loader's own rules
// (one document, text keys, no duplicate keys, no custom tags, valid UTF-8).
#include "config/yaml_tree.hpp"

#include <fmt/format.h>
#include <libfyaml.h>

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "config/utf8.hpp"

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
// The loader walks the tree recursively; no config nests anywhere near this deep.
constexpr std::size_t kMaxDepth = 1000;
// Invalid UTF-8 is reported once per line, for at most this many lines.
constexpr int kMaxEncodingErrors = 10;

std::size_t count_nodes(const YamlNode& n) {
    std::size_t total = 1;
    for (const auto& i : n.items)
        total += count_nodes(i);
    for (const auto& e : n.entries)
        total += count_nodes(e.value);
    return total;
}

struct Position {
    int line = 0;
    int column = 0;
};

/// Byte offset -> 1-based line and byte column, as the caret renderer counts them (libfyaml's
/// own columns count characters).
class LineIndex {
  public:
    explicit LineIndex(std::string_view text) : m_text(text) {
        m_starts.push_back(0);
        for (std::size_t i = text.find('\n'); i != std::string_view::npos;
             i = text.find('\n', i + 1))
            m_starts.push_back(i + 1);
    }

    Position at(std::size_t offset) const {
        offset = std::min(offset, m_text.size());
        const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
        const auto line = static_cast<std::size_t>(it - m_starts.begin());  // >= 1
        return {static_cast<int>(line), static_cast<int>(offset - m_starts[line - 1]) + 1};
    }

    /// The byte column of the 1-based character column `column` on line `line`.
    Position from_characters(int line, int column) const {
        if (line < 1 || static_cast<std::size_t>(line) > m_starts.size()) return {line, column};
        std::size_t pos = m_starts[static_cast<std::size_t>(line) - 1];
        for (int c = 1; c < column && pos < m_text.size() && m_text[pos] != '\n'; ++c) {
            ++pos;
            while (pos < m_text.size() && (static_cast<unsigned char>(m_text[pos]) & 0xC0) == 0x80)
                ++pos;
        }
        return at(pos);
    }

    /// The first tab in the indentation (the blanks a line starts with) of line `line`, else
    /// of the line before it, else of the line after it.
    std::optional<Position> tab_in_indentation_near(int line) const {
        for (const int l : {line, line - 1, line + 1}) {
            if (l < 1 || static_cast<std::size_t>(l) > m_starts.size()) continue;
            std::optional<std::size_t> tab;
            std::size_t pos = m_starts[static_cast<std::size_t>(l) - 1];
            for (; pos < m_text.size() && (m_text[pos] == ' ' || m_text[pos] == '\t'); ++pos)
                if (m_text[pos] == '\t' && !tab) tab = pos;
            // Blank and comment lines may hold tabs: they indent nothing.
            const bool content = pos < m_text.size() && m_text[pos] != '\n' &&
                                 m_text[pos] != '\r' && m_text[pos] != '#';
            if (tab && content) return at(*tab);
        }
        return std::nullopt;
    }

    /// Whether line `line` contains a ${VAR} reference.
    bool has_reference(int line) const {
        if (line < 1 || static_cast<std::size_t>(line) > m_starts.size()) return false;
        const std::size_t start = m_starts[static_cast<std::size_t>(line) - 1];
        const std::size_t end = m_text.find('\n', start);
        return m_text.substr(start, end == std::string_view::npos ? end : end - start).find("${") !=
               std::string_view::npos;
    }

  private:
    std::string_view m_text;
    std::vector<std::size_t> m_starts;
};

/// The token's text, from its iterator's chunks. Not fy_token_get_text() (nor _text0): in
/// libfyaml 0.7.12 it leaks a 512-byte buffer for some scalars with many '' escapes (found by
/// the config fuzzer, reproduced in plain C); fy_token_iter_read() returns wrong bytes for
/// escapes. Chunks are exact and freed with the iterator.
std::string token_text(fy_token* token) {
    std::string out;
    if (token == nullptr) return out;
    fy_token_iter* iter = fy_token_iter_create(token);
    if (iter == nullptr) return out;
    const fy_iter_chunk* chunk = nullptr;
    int error = 0;
    while ((chunk = fy_token_iter_chunk_next(iter, chunk, &error)) != nullptr)
        out.append(chunk->str, chunk->len);
    fy_token_iter_destroy(iter);
    return out;
}

/// One libfyaml event parser over `text`, whose errors are collected instead of printed.
class EventParser {
  public:
    explicit EventParser(std::string_view text) {
        fy_diag_cfg diag_cfg;
        fy_diag_cfg_default(&diag_cfg);
        diag_cfg.fp = nullptr;
        diag_cfg.output_fn = [](fy_diag*, void*, const char*, std::size_t) {};
        diag_cfg.level = FYET_ERROR;
        m_diag.reset(fy_diag_create(&diag_cfg));
        if (m_diag) fy_diag_set_collect_errors(m_diag.get(), true);
        fy_parse_cfg cfg{};
        cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 |
                                                    FYPCF_JSON_NONE);
        cfg.diag = m_diag.get();
        m_parser.reset(fy_parser_create(&cfg));
        if (m_parser && fy_parser_set_string(m_parser.get(), text.data(), text.size()) != 0)
            m_parser.reset();
    }

    struct EventDeleter {
        fy_parser* parser;
        void operator()(fy_event* e) const { fy_parser_event_free(parser, e); }
    };
    using Event = std::unique_ptr<fy_event, EventDeleter>;

    /// The next event; null at the end of the stream or after an error.
    Event next() {
        if (!m_parser) return Event(nullptr, EventDeleter{nullptr});
        return Event(fy_parser_parse(m_parser.get()), EventDeleter{m_parser.get()});
    }

    /// Reports the parser's first error as a located syntax error; false when there was none.
    bool report_error(const LineIndex& lines, const std::string& file,
                      diag::Diagnostics& diags) const {
        if (!m_parser) {
            diags.error({file, 1, 1}, "YAML syntax error: the YAML parser could not start");
            return true;
        }
        if (!fy_parser_get_stream_error(m_parser.get())) return false;
        std::string message = "invalid YAML";
        Position where{1, 1};
        void* iter = nullptr;
        while (fy_diag_error* e = fy_diag_errors_iterate(m_diag.get(), &iter)) {
            if (e->type != FYET_ERROR) continue;
            if (e->msg != nullptr) message = e->msg;
            where = lines.from_characters(e->line, e->column);
            break;
        }
        // libfyaml says "invalid tab character" or, more often, something about what the tab
        // broke ("illegal map value"): a tab where the indentation is, is the cause to name.
        if (const auto tab = lines.tab_in_indentation_near(where.line)) {
            diags.error({file, tab->line, tab->column},
                        "tab used for indentation; YAML indents with spaces",
                        {"replace the tab with spaces (the YAML parser said: " + message + ")"});
            return true;
        }
        std::vector<std::string> notes;
        if (message.find("quoted scalar") != std::string::npos)
            notes.push_back(
                "a quoted value ends at its closing quote: check that every quote "
                "opened on or before this line is closed");
        if (lines.has_reference(where.line))
            notes.push_back("inside { } or [ ], quote ${VAR} references: \"${NAME}\"");
        diags.error({file, where.line, where.column}, "YAML syntax error: " + message,
                    std::move(notes));
        return true;
    }

  private:
    struct DiagDeleter {
        void operator()(fy_diag* d) const { fy_diag_destroy(d); }
    };
    struct ParserDeleter {
        void operator()(fy_parser* p) const { fy_parser_destroy(p); }
    };
    std::unique_ptr<fy_diag, DiagDeleter> m_diag;
    std::unique_ptr<fy_parser, ParserDeleter> m_parser;
};

/// Reports invalid UTF-8 and characters YAML does not allow (once per line); false when the text
/// has some.
bool check_characters(std::string_view text, const LineIndex& lines, const std::string& file,
                      diag::Diagnostics& diags) {
    int reported = 0;
    int last_line = 0;
    const auto report = [&](std::size_t pos, std::string message, std::string note) {
        const Position where = lines.at(pos);
        if (where.line == last_line || reported >= kMaxEncodingErrors) return;
        last_line = where.line;
        ++reported;
        diags.error({file, where.line, where.column}, std::move(message), {std::move(note)});
    };
    for (std::size_t pos = find_invalid_utf8(text); pos != std::string_view::npos;
         pos = find_invalid_utf8(text, pos + invalid_utf8_length(text, pos))) {
        report(pos,
               fmt::format("invalid UTF-8 (byte 0x{:02X})", static_cast<unsigned char>(text[pos])),
               "a config file is UTF-8 text: re-save it as UTF-8 (it may be Latin-1 or another "
               "encoding)");
    }
    if (reported > 0) return false;
    for (std::size_t pos = find_non_printable(text); pos != std::string_view::npos;
         pos = find_non_printable(text, pos + 1)) {
        const auto c = static_cast<unsigned char>(text[pos]);
        std::string what = c == 0xEF   ? "a noncharacter (U+FFFE or U+FFFF)"
                           : c == 0xC2 ? fmt::format("a control character (U+{:04X})",
                                                     static_cast<unsigned char>(text[pos + 1]))
                                       : fmt::format("a control character (U+{:04X})", c);
        report(pos, what + " is not allowed in YAML",
               "write it as an escape in a double-quoted string, e.g. \"\\t\", or remove it");
    }
    return reported == 0;
}

/// Builds YamlNodes from libfyaml's node events, iteratively (no recursion on nesting).
class TreeBuilder {
  public:
    TreeBuilder(const LineIndex& lines, const std::string& file, diag::Diagnostics& diags)
        : m_lines(lines), m_file(file), m_diags(diags) {}

    std::optional<YamlNode> take_root() { return std::move(m_root); }
    bool failed() const { return m_failed; }

    void on_event(fy_event& e) {
        switch (e.type) {
            case FYET_SCALAR:
                on_scalar(e);
                break;
            case FYET_ALIAS:
                on_alias(e);
                break;
            case FYET_SEQUENCE_START:
                open(YamlKind::sequence, e, e.sequence_start.tag, e.sequence_start.anchor);
                break;
            case FYET_MAPPING_START:
                open(YamlKind::mapping, e, e.mapping_start.tag, e.mapping_start.anchor);
                break;
            case FYET_SEQUENCE_END:
            case FYET_MAPPING_END:
                close();
                break;
            default:
                break;
        }
    }

  private:
    struct Frame {
        YamlNode node;
        std::string anchor;
        bool has_key = false;
        bool drop_value = false;  // the key was not text: its value is skipped
        std::string key;
        int key_line = 0;
        int key_column = 0;
        std::unordered_map<std::string, std::size_t> index;  // key -> entry, for large maps
    };

    /// The position of a mark; an implicit node (no mark) takes the last position seen.
    Position position(const fy_mark* mark, std::size_t back = 0) {
        if (mark != nullptr)
            m_last = m_lines.at(mark->input_pos >= back ? mark->input_pos - back : 0);
        return m_last;
    }

    static void place(YamlNode& n, Position p) {
        n.line = p.line;
        n.column = p.column;
    }

    void error(Position p, std::string message, std::vector<std::string> notes = {}) {
        m_diags.error({m_file, p.line, p.column}, std::move(message), std::move(notes));
    }

    void check_tag(fy_token* tag) {
        const std::string name = token_text(tag);
        if (name.empty() || name == "!" || name.rfind("tag:yaml.org,2002:", 0) == 0) return;
        error(position(fy_token_start_mark(tag)), fmt::format("unsupported YAML tag '{}'", name),
              {"descope-mgmt reads plain YAML: remove the tag"});
    }

    void on_scalar(fy_event& e) {
        fy_token* value = e.scalar.value;
        const fy_scalar_style style = fy_token_scalar_style(value);
        const bool quoted = style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED;
        YamlNode n;
        n.kind = YamlKind::scalar;
        // libfyaml marks a quoted scalar's text; point at its opening quote instead.
        place(n, position(fy_token_start_mark(value), quoted ? 1 : 0));
        n.text = token_text(value);
        const std::string tag = token_text(e.scalar.tag);
        if (quoted) {
            n.style = ScalarStyle::quoted;
        } else if (style == FYSS_LITERAL || style == FYSS_FOLDED) {
            n.style = ScalarStyle::block;
        } else if (tag == "!" || tag == "tag:yaml.org,2002:str") {
            n.style = ScalarStyle::quoted;  // a string whatever it looks like
        } else if (tag.empty() && n.text.empty()) {
            n.kind = YamlKind::null;  // an empty node: `key:` or `-`
        }
        check_tag(e.scalar.tag);
        add(std::move(n), token_text(e.scalar.anchor));
    }

    void on_alias(fy_event& e) {
        // libfyaml marks an alias's name; point at its '*'.
        const Position where = position(fy_token_start_mark(e.alias.anchor), 1);
        const std::string name = token_text(e.alias.anchor);
        auto it = m_anchors.find(name);
        if (it == m_anchors.end()) {
            const bool open_anchor = std::any_of(m_stack.begin(), m_stack.end(),
                                                 [&](const Frame& f) { return f.anchor == name; });
            error(where, open_anchor
                             ? fmt::format(
                                   "alias '*{}' refers to an anchor that is not complete yet", name)
                             : fmt::format("alias '*{}' refers to no anchor before it", name));
            m_failed = true;
            return;
        }
        m_alias_nodes += count_nodes(it->second);
        if (m_alias_nodes > kMaxAliasNodes) {
            if (!m_failed)
                error(where, fmt::format("aliases expand to more than {} nodes", kMaxAliasNodes));
            m_failed = true;
            return;
        }
        YamlNode copy = it->second;
        place(copy, where);
        add(std::move(copy), {});
    }

    void open(YamlKind kind, fy_event& e, fy_token* tag, fy_token* anchor) {
        Frame f;
        f.node.kind = kind;
        place(f.node, position(fy_event_start_mark(&e)));
        if (m_stack.size() >= kMaxDepth) {
            if (!m_failed)
                error({f.node.line, f.node.column},
                      fmt::format("lists and mappings nest more than {} levels deep", kMaxDepth));
            m_failed = true;
            return;
        }
        check_tag(tag);
        f.anchor = token_text(anchor);
        // A redefined anchor: until this node is complete, aliases must not see the old one.
        if (!f.anchor.empty()) m_anchors.erase(f.anchor);
        m_stack.push_back(std::move(f));
    }

    void close() {
        if (m_stack.empty()) return;
        Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        add(std::move(f.node), f.anchor);
    }

    void add(YamlNode n, std::string_view anchor) {
        if (!anchor.empty()) m_anchors[std::string(anchor)] = n;
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

    const LineIndex& m_lines;
    const std::string& m_file;
    diag::Diagnostics& m_diags;
    std::vector<Frame> m_stack;
    std::optional<YamlNode> m_root;
    std::unordered_map<std::string, YamlNode> m_anchors;
    std::size_t m_alias_nodes = 0;
    Position m_last{1, 1};
    bool m_failed = false;
};

}  // namespace

bool check_yaml_syntax(const std::string& text, const std::string& file, diag::Diagnostics& diags) {
    const LineIndex lines(text);
    if (!check_characters(text, lines, file, diags)) return false;
    EventParser parser(text);
    while (parser.next()) {
    }
    return !parser.report_error(lines, file, diags);
}

std::optional<YamlNode> parse_yaml(const std::string& text, const std::string& file,
                                   diag::Diagnostics& diags) {
    const LineIndex lines(text);
    if (!check_characters(text, lines, file, diags)) return std::nullopt;
    EventParser parser(text);
    TreeBuilder builder(lines, file, diags);
    int documents = 0;
    while (auto event = parser.next()) {
        const fy_event_type type = event->type;
        if (type == FYET_DOCUMENT_START && documents == 1) {
            // An implicit start (after `...`) has no mark of its own: use its first node's.
            const fy_mark* mark = fy_event_start_mark(event.get());
            auto first = mark == nullptr ? parser.next() : EventParser::Event(nullptr, {nullptr});
            if (mark == nullptr && first) mark = fy_event_start_mark(first.get());
            const Position where = mark != nullptr ? lines.at(mark->input_pos) : Position{1, 1};
            diags.error({file, where.line, where.column},
                        "a second YAML document ('---') is not allowed",
                        {"a config file holds one document: remove the '---' line and what "
                         "follows, or merge it into the first"});
            break;
        }
        if (type == FYET_DOCUMENT_END) ++documents;
        builder.on_event(*event);
        if (builder.failed()) return std::nullopt;
    }
    if (parser.report_error(lines, file, diags)) return std::nullopt;
    auto root = builder.take_root();
    if (!root) return YamlNode{};
    return root;
}

}  // namespace descope_mgmt::config
