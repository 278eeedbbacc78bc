#include "util/strings.hpp"

#include <algorithm>
#include <cctype>

#include "util/secret.hpp"

namespace descope_mgmt::util {

// Optimal string alignment: a swap of two neighbours ("nmae" for "name") costs 1, like one
// typo, so "did you mean" catches the most common slip.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], before[j - 2] + 1);
        }
        std::swap(before, prev);
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
    // No one mistypes a word of hundreds of characters, and the distance costs the product of
    // the lengths: a 50 MB value must not be compared letter by letter.
    constexpr std::size_t kLongest = 256;
    if (word.size() > kLongest) return std::nullopt;
    const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    for (const auto& candidate : candidates) {
        // The distance is at least the difference in length.
        const std::size_t gap = word.size() > candidate.size() ? word.size() - candidate.size()
                                                               : candidate.size() - word.size();
        if (gap >= best_distance) continue;
        const std::size_t d = edit_distance(word, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    return best;
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto pos = text.find(separator, start);
        if (pos == std::string_view::npos) {
            parts.emplace_back(text.substr(start));
            return parts;
        }
        parts.emplace_back(text.substr(start, pos - start));
        start = pos + 1;
    }
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += separator;
        out += parts[i];
    }
    return out;
}

std::string to_upper(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string redact(std::string text, const std::string& secret) {
    if (secret.empty()) return text;
    std::size_t pos = 0;
    while ((pos = text.find(secret, pos)) != std::string::npos) {
        text.replace(pos, secret.size(), Secret::kRedacted);
        pos += std::string_view(Secret::kRedacted).size();
    }
    return text;
}

std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
            ++column;
        }
    }
    return {line, column};
}

std::string json_parse_reason(std::string_view what) {
    const auto at = what.find("parse error");
    if (at == std::string_view::npos) return std::string(what);
    const auto colon = what.find(": ", at);
    return std::string(colon == std::string_view::npos ? what : what.substr(colon + 2));
}

std::optional<std::size_t> find_too_deep_json(std::string_view text, int max_depth) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::nullopt;
}

}  // namespace descope_mgmt::util

namespace descope_mgmt::util {

namespace {

/// A cursor over well-formed JSON text that skips values without building them.
class JsonCursor {
  public:
    explicit JsonCursor(std::string_view text) : m_text(text) {}

    std::size_t position() const { return m_pos; }
    void skip_space() {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' ||
                                         m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }
    /// Consumes `c` (after blanks) when it comes next.
    bool eat(char c) {
        skip_space();
        if (m_pos >= m_text.size() || m_text[m_pos] != c) return false;
        ++m_pos;
        return true;
    }
    bool at(char c) {
        skip_space();
        return m_pos < m_text.size() && m_text[m_pos] == c;
    }
    /// A string's raw text between its quotes (escapes kept as written); nullopt if none.
    std::optional<std::string_view> string() {
        if (!eat('"')) return std::nullopt;
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] != '"')
            m_pos += m_text[m_pos] == '\\' ? 2 : 1;
        if (m_pos >= m_text.size()) return std::nullopt;
        return m_text.substr(start, m_pos++ - start);
    }
    /// Skips one value, iteratively (no recursion on nesting); false when it is malformed.
    bool skip_value() {
        skip_space();
        if (m_pos >= m_text.size()) return false;
        if (m_text[m_pos] == '"') return string().has_value();
        if (m_text[m_pos] != '{' && m_text[m_pos] != '[') {
            const std::size_t start = m_pos;
            while (m_pos < m_text.size() &&
                   std::string_view(",]} \t\r\n").find(m_text[m_pos]) == std::string_view::npos)
                ++m_pos;
            return m_pos > start;
        }
        int depth = 0;
        do {
            const char c = m_text[m_pos];
            if (c == '"') {
                if (!string()) return false;
                continue;
            }
            if (c == '{' || c == '[') ++depth;
            if (c == '}' || c == ']') --depth;
            ++m_pos;
        } while (depth > 0 && m_pos < m_text.size());
        return depth == 0;
    }

  private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

}  // namespace

std::optional<std::size_t> find_json_value(std::string_view text,
                                           const std::vector<JsonStep>& path) {
    JsonCursor cursor(text);
    for (const JsonStep& step : path) {
        if (const auto* name = std::get_if<std::string>(&step)) {
            if (!cursor.eat('{')) return std::nullopt;
            std::optional<std::size_t> found;
            JsonCursor after = cursor;  // where the object ends, to go on from a later match
            while (!cursor.at('}')) {
                const auto key = cursor.string();
                if (!key || !cursor.eat(':')) return std::nullopt;
                cursor.skip_space();
                if (*key == *name) {
                    found = cursor.position();
                    after = cursor;
                }
                if (!cursor.skip_value()) return std::nullopt;
                if (!cursor.eat(',') && !cursor.at('}')) return std::nullopt;
            }
            if (!found) return std::nullopt;
            cursor = after;
        } else {
            const std::size_t index = std::get<std::size_t>(step);
            if (!cursor.eat('[')) return std::nullopt;
            for (std::size_t i = 0; i < index; ++i) {
                if (cursor.at(']') || !cursor.skip_value() || !cursor.eat(',')) return std::nullopt;
            }
            if (cursor.at(']')) return std::nullopt;
        }
    }
    cursor.skip_space();
    return cursor.position() < text.size() ? std::optional(cursor.position()) : std::nullopt;
}

}  // namespace descope_mgmt::util
