#include "plan/json_diff.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

namespace descope_mgmt::plan {
namespace {

using nlohmann::json;

// id first (flows, screens, tasks, interactions), then the other ids Descope documents use,
// then name (inputs, options of a form), then key. A key only qualifies when it identifies
// every element, so a list of screens that all share one flowId falls through to the next.
const std::vector<std::string_view> k_identity_keys{"id",     "screenId", "taskId",
                                                    "flowId", "name",     "key"};

enum class Category { null, boolean, string, integer, floating, object, array, other };

Category category_of(const json& v) {
    switch (v.type()) {
        case json::value_t::null:
            return Category::null;
        case json::value_t::boolean:
            return Category::boolean;
        case json::value_t::string:
            return Category::string;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
            return Category::integer;
        case json::value_t::number_float:
            return Category::floating;
        case json::value_t::object:
            return Category::object;
        case json::value_t::array:
            return Category::array;
        default:
            return Category::other;
    }
}

// Equality of two scalars of the same category, consistent with compact_json(): -0.0 and 0.0
// are written differently, so they differ here too.
bool same_scalar(const json& a, const json& b, Category c) {
    if (c == Category::floating) {
        const double x = a.get<double>();
        const double y = b.get<double>();
        return x == y && std::signbit(x) == std::signbit(y);
    }
    return a == b;
}

bool is_identity_value(const json& v) {
    return v.is_string() || v.is_number_integer();
}

// A hashable token that tells a string "1" from the integer 1.
std::string identity_token(const json& v) {
    // Appended, not `"s" + std::string`: that trips GCC 12's false -Wrestrict at -O3.
    std::string token(1, v.is_string() ? 's' : 'n');
    return token.append(v.is_string() ? v.get_ref<const std::string&>() : v.dump());
}

bool identifies_all(const json& array, const std::string& key) {
    std::unordered_set<std::string> seen;
    seen.reserve(array.size());
    for (const auto& element : array) {
        if (!element.is_object()) return false;
        const auto it = element.find(key);
        if (it == element.end() || !is_identity_value(*it)) return false;
        if (!seen.insert(identity_token(*it)).second) return false;
    }
    return true;
}

std::optional<std::string> choose_identity_key(const json& a, const json& b) {
    if (a.empty() && b.empty()) return std::nullopt;
    for (const auto name : k_identity_keys) {
        const std::string key(name);
        if (identifies_all(a, key) && identifies_all(b, key)) return key;
    }
    return std::nullopt;
}

bool is_plain(std::string_view text, std::string_view extra) {
    if (text.empty()) return false;
    for (const char c : text) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && extra.find(c) == std::string_view::npos) return false;
    }
    return true;
}

// A string id is written bare unless it could be read as something else: [id="1"] is the
// string, [id=1] the number.
bool is_bare_id(const std::string& id) {
    if (!is_plain(id, "_-.:@/+")) return false;
    const char c = id.front();
    const bool maybe_literal =
        (c >= '0' && c <= '9') || c == '-' || c == 't' || c == 'f' || c == 'n';
    return !(maybe_literal && json::accept(id));
}

class Differ {
  public:
    explicit Differ(std::vector<JsonChange>& out) : m_out(out) {}

    void value(const json& a, const json& b) {
        const Category ca = category_of(a);
        const Category cb = category_of(b);
        if (ca != cb) {
            emit(JsonChangeKind::change, &a, &b);
        } else if (ca == Category::object) {
            object(a, b);
        } else if (ca == Category::array) {
            array(a, b);
        } else if (!same_scalar(a, b, ca)) {
            emit(JsonChangeKind::change, &a, &b);
        }
    }

  private:
    // Both objects keep their keys sorted, so one merge walk visits the union in order.
    void object(const json& a, const json& b) {
        auto ia = a.begin();
        auto ib = b.begin();
        while (ia != a.end() || ib != b.end()) {
            const std::size_t mark = m_path.size();
            if (ib == b.end() || (ia != a.end() && ia.key() < ib.key())) {
                push_key(ia.key());
                emit(JsonChangeKind::remove, &ia.value(), nullptr);
                ++ia;
            } else if (ia == a.end() || ib.key() < ia.key()) {
                push_key(ib.key());
                emit(JsonChangeKind::add, nullptr, &ib.value());
                ++ib;
            } else {
                push_key(ia.key());
                value(ia.value(), ib.value());
                ++ia;
                ++ib;
            }
            m_path.resize(mark);
        }
    }

    void array(const json& a, const json& b) {
        if (const auto key = choose_identity_key(a, b)) {
            keyed_array(a, b, *key);
            return;
        }
        const std::size_t mark = m_path.size();
        const std::size_t common = std::min(a.size(), b.size());
        for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
            push_index(i);
            if (i < common)
                value(a[i], b[i]);
            else if (i < a.size())
                emit(JsonChangeKind::remove, &a[i], nullptr);
            else
                emit(JsonChangeKind::add, nullptr, &b[i]);
            m_path.resize(mark);
        }
    }

    void keyed_array(const json& a, const json& b, const std::string& key) {
        // match_a[i]: the position in `b` of a[i]'s identity (npos: removed); match_b likewise.
        constexpr std::size_t none = std::string::npos;
        std::vector<std::size_t> match_a(a.size(), none);
        std::vector<std::size_t> match_b(b.size(), none);
        {
            std::unordered_map<std::string, std::size_t> position_in_b;
            position_in_b.reserve(b.size());
            for (std::size_t j = 0; j < b.size(); ++j)
                position_in_b.emplace(identity_token(b[j].at(key)), j);
            for (std::size_t i = 0; i < a.size(); ++i) {
                const auto it = position_in_b.find(identity_token(a[i].at(key)));
                if (it == position_in_b.end()) continue;
                match_a[i] = it->second;
                match_b[it->second] = i;
            }
        }

        // The elements present on both sides keep their order when their positions in `b`,
        // taken in `a` order, increase.
        bool reordered = false;
        std::size_t last = 0;
        bool any = false;
        for (const std::size_t j : match_a) {
            if (j == none) continue;
            if (any && j < last) reordered = true;
            last = j;
            any = true;
        }
        if (reordered) {
            json before_order = json::array();
            json after_order = json::array();
            for (std::size_t i = 0; i < a.size(); ++i)
                if (match_a[i] != none) before_order.push_back(a[i].at(key));
            for (std::size_t j = 0; j < b.size(); ++j)
                if (match_b[j] != none) after_order.push_back(b[j].at(key));
            emit(JsonChangeKind::reorder, &before_order, &after_order);
        }

        const std::size_t mark = m_path.size();
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (match_a[i] != none) continue;
            push_identity(key, a[i].at(key));
            emit(JsonChangeKind::remove, &a[i], nullptr);
            m_path.resize(mark);
        }
        for (std::size_t j = 0; j < b.size(); ++j) {
            push_identity(key, b[j].at(key));
            if (match_b[j] == none)
                emit(JsonChangeKind::add, nullptr, &b[j]);
            else
                value(a[match_b[j]], b[j]);
            m_path.resize(mark);
        }
    }

    void push_key(const std::string& key) {
        if (is_plain(key, "_$-")) {
            if (!m_path.empty()) m_path += '.';
            m_path += key;
        } else {
            m_path += '[';
            m_path += json(key).dump(-1, ' ', false, json::error_handler_t::replace);
            m_path += ']';
        }
    }

    void push_index(std::size_t i) {
        m_path += '[';
        m_path += std::to_string(i);
        m_path += ']';
    }

    void push_identity(const std::string& key, const json& id) {
        m_path += '[';
        m_path += key;
        m_path += '=';
        if (id.is_string() && is_bare_id(id.get_ref<const std::string&>()))
            m_path += id.get_ref<const std::string&>();
        else
            m_path += id.dump(-1, ' ', false, json::error_handler_t::replace);
        m_path += ']';
    }

    void emit(JsonChangeKind kind, const json* a, const json* b) {
        JsonChange change{m_path, kind, std::nullopt, std::nullopt};
        if (a) change.before = compact_json(*a);
        if (b) change.after = compact_json(*b);
        m_out.push_back(std::move(change));
    }

    std::vector<JsonChange>& m_out;
    std::string m_path;
};

// Byte length of the first `count` UTF-8 characters of `text` (all of it when shorter).
std::size_t prefix_bytes(std::string_view text, std::size_t count) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (seen == count) return i;
        ++seen;
    }
    return text.size();
}

}  // namespace

std::string_view to_string(JsonChangeKind kind) {
    switch (kind) {
        case JsonChangeKind::add:
            return "add";
        case JsonChangeKind::remove:
            return "remove";
        case JsonChangeKind::change:
            return "change";
        case JsonChangeKind::reorder:
            return "reorder";
    }
    return "change";
}

const std::vector<std::string_view>& identity_keys() {
    return k_identity_keys;
}

std::vector<JsonChange> diff_json(const nlohmann::json& before, const nlohmann::json& after) {
    std::vector<JsonChange> changes;
    Differ(changes).value(before, after);
    return changes;
}

util::Result<std::vector<JsonChange>, JsonSyntaxError> diff_json_documents(
    std::string_view before_text, std::string_view after_text, JsonDocumentKind kind) {
    auto before = canonical_json(before_text, kind);
    if (!before) {
        auto e = before.error();
        e.message = "before: " + e.message;
        return util::unexpected(std::move(e));
    }
    auto after = canonical_json(after_text, kind);
    if (!after) {
        auto e = after.error();
        e.message = "after: " + e.message;
        return util::unexpected(std::move(e));
    }
    return diff_json(*before, *after);
}

std::string render_json_value(const std::optional<std::string>& value, std::size_t max_length) {
    if (!value) return "(absent)";
    const std::size_t cut = prefix_bytes(*value, max_length);
    if (cut == value->size()) return *value;
    return value->substr(0, cut) + "...";
}

std::string render_json_change(const JsonChange& change, std::size_t max_value_length) {
    std::string line = change.path.empty() ? "(root)" : change.path;
    line += ": ";
    if (change.kind == JsonChangeKind::reorder) line += "order ";
    line += render_json_value(change.before, max_value_length);
    line += " -> ";
    line += render_json_value(change.after, max_value_length);
    return line;
}

std::string render_json_diff(const std::vector<JsonChange>& changes,
                             const JsonDiffRenderOptions& options) {
    const std::size_t shown =
        options.max_changes == 0 ? changes.size() : std::min(options.max_changes, changes.size());
    std::string out;
    for (std::size_t i = 0; i < shown; ++i) {
        out += options.indent;
        out += render_json_change(changes[i], options.max_value_length);
        out += '\n';
    }
    if (const std::size_t more = changes.size() - shown; more > 0) {
        out += options.indent;
        out +=
            "... and " + std::to_string(more) + (more == 1 ? " more change\n" : " more changes\n");
    }
    return out;
}

void to_json(nlohmann::json& out, const JsonChange& change) {
    out = json::object();
    out["path"] = change.path;
    out["kind"] = std::string(to_string(change.kind));
    if (change.before) out["before"] = json::parse(*change.before);
    if (change.after) out["after"] = json::parse(*change.after);
}

}  // namespace descope_mgmt::plan
