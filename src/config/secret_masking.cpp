// Masking of management keys in what diagnostics show (the config's lines and the messages),
// from the text alone: a file that does not parse, a key under a misspelt name, a key given as
// a list or a mapping, a duplicate key, a key pasted into project_id must not print it either.
#include <algorithm>
#include <set>

#include "config/definitions.hpp"
#include "config/loader_internal.hpp"
#include "util/secret.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::config {

namespace {

/// Values at least this long are masked wherever they appear (a comment, an anchor, a
/// message); shorter ones only on their own line, where they cannot be mistaken for a word.
constexpr std::size_t kMaskEverywhereFrom = 8;
constexpr std::size_t kMinSecret = 3;

/// Key names of the format that contain a "secret" word but hold none
/// (refresh_token_expiration...).
const std::set<std::string>& plain_key_names() {
    static const std::set<std::string> names = [] {
        std::set<std::string> out;
        std::vector<const TypeDef*> todo{&config_definition()};
        std::set<const TypeDef*> seen;
        while (!todo.empty()) {
            const TypeDef* t = todo.back();
            todo.pop_back();
            if (t == nullptr || !seen.insert(t).second) continue;
            for (const auto& k : t->keys) {
                if (k.name != "management_key") out.emplace(k.name);
                todo.push_back(k.type);
            }
            todo.push_back(t->element);
            for (const TypeDef* a : t->alternatives)
                todo.push_back(a);
        }
        return out;
    }();
    return names;
}

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

bool is_utf8_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/// The key written just before the ':' at `colon` on the line starting at `line_start`.
std::string_view key_before(std::string_view text, std::size_t line_start, std::size_t colon) {
    std::size_t end = colon;
    while (end > line_start && is_space(text[end - 1]))
        --end;
    if (end == line_start) return {};
    const char last = text[end - 1];
    if (last == '"' || last == '\'') {
        if (end - 1 == line_start) return {};
        const std::size_t open = text.rfind(last, end - 2);
        if (open == std::string_view::npos || open < line_start) return {};
        return text.substr(open + 1, end - 2 - open);
    }
    std::size_t start = end;
    while (start > line_start) {
        const char c = text[start - 1];
        if (is_space(c) || c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == '"' ||
            c == '\'' || c == '#')
            break;
        --start;
    }
    return text.substr(start, end - start);
}

/// A value that is one ${VAR} reference, possibly quoted: shows no secret, and its name helps.
bool is_reference_only(std::string_view value) {
    while (!value.empty() && is_space(value.back()))
        value.remove_suffix(1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front())
        value = value.substr(1, value.size() - 2);
    if (value.size() < 4 || value.substr(0, 2) != "${" || value.back() != '}') return false;
    for (char c : value.substr(2, value.size() - 3))
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

class LineMasker {
  public:
    explicit LineMasker(std::string_view text) : m_text(text) {}

    MaskedText run() {
        int line = 1;
        for (std::size_t start = 0; start <= m_text.size(); ++line) {
            std::size_t end = m_text.find('\n', start);
            if (end == std::string_view::npos) end = m_text.size();
            mask_line(start, end, line);
            m_out.append(m_text.substr(end, end < m_text.size() ? 1 : 0));
            start = end + 1;
        }
        return {std::move(m_out), std::move(m_secrets)};
    }

  private:
    void mask_line(std::size_t start, std::size_t end, int line) {
        std::size_t content_end = end;
        if (content_end > start && m_text[content_end - 1] == '\r') --content_end;
        std::size_t indent = start;
        while (indent < content_end && m_text[indent] == ' ')
            ++indent;
        if (m_continuation) {
            const std::size_t column = indent - start;
            const bool blank = std::all_of(m_text.begin() + static_cast<std::ptrdiff_t>(indent),
                                           m_text.begin() + static_cast<std::ptrdiff_t>(end),
                                           [](char c) { return is_space(c) || c == '\r'; });
            const bool item = indent < content_end && m_text[indent] == '-';
            if (blank || column > *m_continuation || (column == *m_continuation && item)) {
                m_out.append(m_text.substr(start, indent - start));
                mask(indent, content_end, line);
                m_out.append(m_text.substr(content_end, end - content_end));
                return;
            }
            m_continuation.reset();
        }
        bool comment = false;
        int depth = 0;                 // of [ and { (flow collections) before position i
        std::size_t copied = start;    // m_out holds the line up to here
        std::size_t scanned = indent;  // depth and comment account for [indent, scanned)
        for (std::size_t i = indent; i < content_end; ++i) {
            // Only a ':' can end a key: jump to the next one (memchr), so that a long value
            // costs little, then account for the brackets and '#' before it.
            i = m_text.find(':', i);
            if (i == std::string_view::npos || i >= content_end) break;
            for (; scanned < i; ++scanned) {
                const char c = m_text[scanned];
                if (c == '#' && (scanned == start || is_space(m_text[scanned - 1]))) comment = true;
                if (c == '{' || c == '[') ++depth;
                if ((c == '}' || c == ']') && depth > 0) --depth;
            }
            if (i + 1 < content_end && !is_space(m_text[i + 1])) continue;
            const std::string_view key = key_before(m_text, start, i);
            if (!is_secret_key_name(key)) continue;
            std::size_t value = i + 1;
            while (value < content_end && is_space(m_text[value]))
                ++value;
            // In a flow mapping ({a: 1, b: 2}) the value ends at the next ',' or '}' of its
            // level; in a block mapping, or when a quote is left open, at the end of the line.
            const std::size_t value_end =
                depth > 0 ? flow_value_end(value, content_end) : content_end;
            const std::string_view rest = m_text.substr(value, value_end - value);
            if (is_reference_only(rest)) continue;
            m_out.append(m_text.substr(copied, value - copied));
            mask(value, value_end, line);
            copied = value_end;
            scanned = value_end;  // the value's own brackets are its own
            i = value_end == content_end ? value_end : value_end - 1;
            if (value_end != content_end) continue;
            // A value that goes on below (block scalar, open quote, nested list or mapping).
            const bool open_quote = !rest.empty() && (rest[0] == '"' || rest[0] == '\'') &&
                                    std::count(rest.begin(), rest.end(), rest[0]) == 1;
            if (!comment && depth == 0 &&
                (rest.empty() || rest[0] == '|' || rest[0] == '>' || open_quote)) {
                const char* key_start = key.data();
                if (key_start > m_text.data() + start &&
                    (key_start[-1] == '"' || key_start[-1] == '\''))
                    --key_start;
                m_continuation = static_cast<std::size_t>(key_start - (m_text.data() + start));
            }
        }
        m_out.append(m_text.substr(copied, end - copied));
    }

    /// Where a value in a flow collection that starts at `from` ends: the ',' or closing
    /// bracket of its level, or `to` (an open quote or bracket runs to the end of the line).
    std::size_t flow_value_end(std::size_t from, std::size_t to) const {
        int depth = 0;
        char quote = 0;
        for (std::size_t j = from; j < to; ++j) {
            const char c = m_text[j];
            if (quote != 0) {
                if (c == quote) quote = 0;
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '{') {
                ++depth;
            } else if (c == ']' || c == '}' || c == ',') {
                if (depth == 0) return quote == 0 ? j : to;
                if (c != ',') --depth;
            }
        }
        return to;
    }

    /// Appends [from, to) with each character (not byte: columns stay) but spaces as '*', and
    /// keeps its words as secrets.
    void mask(std::size_t from, std::size_t to, int line) {
        std::string word;
        auto keep = [&] {
            // Not "|", "-" or "[]": what is left of a value is never that short.
            if (word.size() >= kMinSecret) m_secrets.push_back({std::move(word), line});
            word.clear();
        };
        for (std::size_t i = from; i < to; ++i) {
            const char c = m_text[i];
            if (is_space(c)) {
                m_out += c;
            } else if (!is_utf8_continuation(c)) {
                m_out += '*';
            }
            const bool delimiter = is_space(c) || c == '[' || c == ']' || c == '{' || c == '}' ||
                                   c == ',' || c == '"' || c == '\'';
            if (delimiter) {
                keep();
            } else {
                word += c;
            }
        }
        keep();
    }

    std::string_view m_text;
    std::string m_out;
    std::vector<MaskedSecret> m_secrets;
    std::optional<std::size_t> m_continuation;  // the column of the key whose value goes on
};

/// Each character of every occurrence of `secret` in `text` replaced by '*'.
void mask_everywhere(std::string& text, const std::string& secret) {
    if (secret.empty()) return;
    std::size_t characters = 0;
    for (char c : secret)
        characters += is_utf8_continuation(c) ? 0 : 1;
    const std::string stars(characters, '*');
    for (auto pos = text.find(secret); pos != std::string::npos;
         pos = text.find(secret, pos + stars.size()))
        text.replace(pos, secret.size(), stars);
}

}  // namespace

bool is_secret_key_name(std::string_view key) {
    if (key.empty()) return false;
    std::string name(key);
    for (auto& c : name) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c == '-' || c == ' ' || c == '.') c = '_';
    }
    if (plain_key_names().count(name) > 0) return false;
    for (const char* word : {"key", "secret", "token", "passw", "credential"})
        if (name.find(word) != std::string::npos) return true;
    // Misspellings of management_key that lost the "key" ("managment_ky", "management_kye").
    return name.size() <= 32 && util::edit_distance(name, "management_key") <= 4;
}

MaskedText mask_secret_lines(std::string_view text) {
    return LineMasker(text).run();
}

void mask_secrets(std::string& text, const std::vector<MaskedSecret>& secrets, int line) {
    for (const auto& s : secrets)
        if (s.value.size() >= kMaskEverywhereFrom || (line > 0 && s.line == line))
            mask_everywhere(text, s.value);
    text = util::mask_management_keys(std::move(text));
}

}  // namespace descope_mgmt::config
