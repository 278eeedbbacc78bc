#include "config/shape_checker.hpp"

#include <fmt/format.h>

#include <cmath>

#include "util/strings.hpp"

namespace descope_mgmt::config {

namespace {

/// How a value is named in messages: as a subject ("'name'", "an item of 'tenants'") and as a
/// place ("for 'name'", "in 'tenants'"). Built only when a message needs it: the checker visits
/// every node of large files.
struct Place {
    enum class Kind { root, key, item, map_value };
    Kind kind = Kind::root;
    std::string_view key;           // key, map value: the key
    const Place* parent = nullptr;  // item: the list; map_value: the map

    static Place key_of(std::string_view k) { return {Kind::key, k, nullptr}; }

    bool top() const { return kind == Kind::root; }
    std::string subject() const {
        switch (kind) {
            case Kind::root:
                return "the config file";
            case Kind::key:
                return fmt::format("'{}'", key);
            case Kind::item:
                return "an item of " + parent->subject();
            case Kind::map_value:
                return fmt::format("'{}' in {}", key, parent->subject());
        }
        return {};
    }
    std::string where() const {
        switch (kind) {
            case Kind::root:
                return {};
            case Kind::key:
                return fmt::format("for '{}'", key);
            case Kind::item:
                return "in " + parent->subject();
            case Kind::map_value:
                return "for " + subject();
        }
        return {};
    }
};

bool is_yaml11_bool(std::string_view s) {
    static const char* const words[] = {"yes", "no", "on", "off", "y", "n"};
    for (const char* w : words) {
        if (s.size() != std::char_traits<char>::length(w)) continue;
        bool same = true;
        for (std::size_t i = 0; i < s.size(); ++i)
            same =
                same && static_cast<char>(std::tolower(static_cast<unsigned char>(s[i]))) == w[i];
        if (same) return true;
    }
    return false;
}

class Checker {
  public:
    Checker(const std::string& file, diag::Diagnostics& diags) : m_file(file), m_diags(diags) {}

    void check(const YamlNode& n, const TypeDef& t, const Place& place) {
        if (n.unresolved) return;
        if (n.kind == YamlKind::null && t.nullable) return;
        switch (t.kind) {
            case ValueKind::string:
                return check_string(n, t, place);
            case ValueKind::integer:
            case ValueKind::number:
                return check_number(n, t, place);
            case ValueKind::boolean:
                if (scalar_type(n) == ScalarType::boolean) return;
                if (n.is_scalar() && is_yaml11_bool(n.text) && n.variables.empty())
                    return wrong_type(n, t, place,
                                      {"YAML 1.2 reads this as text: write true or false"});
                return wrong_type(n, t, place);
            case ValueKind::object:
                return check_object(n, t, place);
            case ValueKind::list:
                return check_list(n, t, place);
            case ValueKind::map:
                return check_map(n, t, place);
            case ValueKind::any_of:
                return check_any_of(n, t, place);
        }
    }

  private:
    void error(const YamlNode& n, std::string message, std::vector<std::string> notes = {}) {
        m_diags.error(n.location(m_file), std::move(message), std::move(notes));
    }

    void wrong_type(const YamlNode& n, const TypeDef& t, const Place& place,
                    std::vector<std::string> notes = {}) {
        if (notes.empty() && t.example != nullptr)
            notes.push_back(fmt::format("e.g. {}", t.example));
        error(n, fmt::format("{} must be {}, got {}", place.subject(), t.title, describe_kind(n)),
              std::move(notes));
    }

    void check_string(const YamlNode& n, const TypeDef& t, const Place& place) {
        if (!n.is_scalar()) return wrong_type(n, t, place);
        // A ${VAR} value is text whatever it looks like: the user cannot quote it.
        if (n.variables.empty() && scalar_type(n) != ScalarType::string) {
            if (scalar_type(n) == ScalarType::null) return wrong_type(n, t, place);
            // "10" for a duration: the value check says more ("add a unit") than "quote it".
            if (t.check != nullptr) {
                if (auto why = t.check(n.text); !why.empty())
                    return error(n, fmt::format("invalid {} {} {}: {}", t.noun, shown(n),
                                                place.where(), why));
            }
            return wrong_type(n, t, place,
                              {fmt::format("quote it to use it as text: \"{}\"", n.text)});
        }
        if (n.text.empty()) {
            if (t.non_empty) return error(n, fmt::format("{} must not be empty", place.subject()));
            if (t.check == nullptr && t.allowed.empty()) return;
        }
        if (t.max_length) {
            // Characters, as Descope (Go's utf8.RuneCountInString) and JSON Schema count them.
            std::size_t length = 0;
            for (char c : n.text)
                length += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
            if (length > *t.max_length) {
                const std::string note =
                    t.max_length_source != nullptr
                        ? fmt::format("Descope allows at most {} characters in a {} ({})",
                                      *t.max_length, t.noun, t.max_length_source)
                        : fmt::format(
                              "a limit of descope-mgmt, far above any real {} (Descope "
                              "publishes none): docs/config.md, \"Length limits\"",
                              t.noun);
                if (!n.variables.empty())
                    return error(n,
                                 fmt::format("{} {} is too long: at most {} characters",
                                             place.subject(), shown(n), *t.max_length),
                                 {note});
                return error(n,
                             fmt::format("{} must have at most {} characters, got {}",
                                         place.subject(), *t.max_length, length),
                             {note});
            }
        }
        check_value(n, t, place);
    }

    void check_number(const YamlNode& n, const TypeDef& t, const Place& place) {
        const ScalarType type = scalar_type(n);
        const bool ok = type == ScalarType::integer ||
                        (t.kind == ValueKind::number && type == ScalarType::floating);
        if (!n.is_scalar() || !ok) {
            if (type == ScalarType::floating)
                return wrong_type(n, t, place, {"use a whole number, without a fraction"});
            return wrong_type(n, t, place);
        }
        if (type == ScalarType::floating) {
            if (!std::isfinite(scalar_float(n).value_or(0.0)))
                error(n, fmt::format("{} must be a finite number", place.subject()));
            return;
        }
        const auto value = scalar_int(n);
        if (!value) return error(n, fmt::format("{} is too large", place.subject()));
        if (t.minimum && *value < *t.minimum) {
            if (!n.variables.empty()) {
                return error(n, fmt::format("{} {} must be at least {}", place.subject(), shown(n),
                                            *t.minimum));
            }
            return error(n, fmt::format("{} must be at least {}, got {}", place.subject(),
                                        *t.minimum, *value));
        }
        if (t.maximum && *value > *t.maximum) {
            if (!n.variables.empty()) {
                return error(n, fmt::format("{} {} must be at most {}", place.subject(), shown(n),
                                            *t.maximum));
            }
            return error(n, fmt::format("{} must be at most {}, got {}", place.subject(),
                                        *t.maximum, *value));
        }
        check_value(n, t, place);
    }

    /// Allowed values and the type's own check.
    void check_value(const YamlNode& n, const TypeDef& t, const Place& place) {
        if (t.check != nullptr) {
            if (auto why = t.check(n.text); !why.empty())
                error(n, fmt::format("invalid {} {} {}: {}", t.noun, shown(n), place.where(), why));
            return;
        }
        if (t.allowed.empty()) return;
        for (const auto& a : t.allowed)
            if (n.text == a) return;
        for (const auto& a : t.aliases)
            if (n.text == a) return;
        std::vector<std::string> notes;
        if (n.variables.empty()) {
            if (auto m = util::closest_match(n.text, t.allowed))
                notes.push_back(fmt::format("did you mean '{}'?", *m));
        }
        error(n,
              fmt::format("invalid {} {} {}: expected one of {}", t.noun, shown(n), place.where(),
                          util::join(t.allowed, ", ")),
              std::move(notes));
    }

    void check_object(const YamlNode& n, const TypeDef& t, const Place& place) {
        if (n.kind != YamlKind::mapping && n.kind != YamlKind::null) return wrong_type(n, t, place);
        const bool top = place.top();
        for (const auto& e : n.entries) {
            const KeyDef* k = t.key(e.key);
            if (k == nullptr) {
                unknown_key(e, t, top);
                continue;
            }
            check(e.value, *k->type, Place::key_of(e.key));
        }
        for (const auto& k : t.keys) {
            if (!k.required || n.find(k.name) != nullptr) continue;
            const std::string in =
                top ? std::string("at the top level") : fmt::format("in {}", t.title);
            error(n, fmt::format("missing required key '{}' {}", k.name, in));
        }
    }

    void unknown_key(const YamlEntry& e, const TypeDef& t, bool top) {
        std::vector<std::string> notes;
        if (auto m = util::closest_match(e.key, t.key_names())) {
            notes.push_back(fmt::format("did you mean '{}'?", *m));
        } else {
            notes.push_back(fmt::format("valid keys: {}", util::join(t.key_names(), ", ")));
        }
        const std::string in =
            top ? std::string("at the top level") : fmt::format("in {}", t.title);
        m_diags.error(e.location(m_file), fmt::format("unknown key '{}' {}", e.key, in),
                      std::move(notes));
    }

    void check_list(const YamlNode& n, const TypeDef& t, const Place& place) {
        if (n.kind != YamlKind::sequence) {
            std::vector<std::string> notes;
            if (n.is_scalar() && t.example != nullptr)
                notes.push_back(fmt::format("write a list, e.g. {}", t.example));
            return wrong_type(n, t, place, std::move(notes));
        }
        if (t.non_empty && n.items.empty())
            error(n, fmt::format("{} must not be empty", place.subject()));
        const Place item{Place::Kind::item, {}, &place};
        for (std::size_t k = 0; k < n.items.size(); ++k) {
            const YamlNode& i = n.items[k];
            check(i, *t.element, item);
            if (!t.unique_items || !i.is_scalar() || i.unresolved) continue;
            // Lists are short (domains, roles, environments): a scan beats a hash set here.
            for (std::size_t j = 0; j < k; ++j) {
                const YamlNode& first = n.items[j];
                if (first.is_scalar() && !first.unresolved && first.text == i.text) {
                    error(i, fmt::format("{} is listed twice {} (first at line {})", shown(i),
                                         item.where(), first.line));
                    break;
                }
            }
        }
    }

    void check_map(const YamlNode& n, const TypeDef& t, const Place& place) {
        if (n.kind != YamlKind::mapping && n.kind != YamlKind::null) return wrong_type(n, t, place);
        if (t.non_empty && n.entries.empty())
            error(n, fmt::format("{} must not be empty", place.subject()));
        for (const auto& e : n.entries) {
            if (t.key_check != nullptr) {
                if (auto why = t.key_check(e.key); !why.empty()) {
                    m_diags.error(e.location(m_file),
                                  fmt::format("invalid {} '{}' in {}: {}", t.key_noun, e.key,
                                              place.subject(), why));
                }
            }
            check(e.value, *t.element, {Place::Kind::map_value, e.key, &place});
        }
    }

    void check_any_of(const YamlNode& n, const TypeDef& t, const Place& place) {
        // Try only alternatives of the node's shape: a failed trial builds messages.
        for (const TypeDef* a : t.alternatives)
            if (may_fit(n, *a) && matches(n, *a)) return;
        // Explain with the alternative of the same shape (e.g. a list with a bad item, a string
        // that is too long).
        for (const TypeDef* a : t.alternatives) {
            if ((a->kind == ValueKind::string && may_fit(n, *a)) ||
                (a->kind == ValueKind::list && n.kind == YamlKind::sequence) ||
                ((a->kind == ValueKind::object || a->kind == ValueKind::map) &&
                 n.kind == YamlKind::mapping)) {
                return check(n, *a, place);
            }
        }
        wrong_type(n, t, place);
    }

    static bool may_fit(const YamlNode& n, const TypeDef& t) {
        const ScalarType type = scalar_type(n);
        switch (t.kind) {
            case ValueKind::string:
                return n.is_scalar() && (type == ScalarType::string || !n.variables.empty());
            case ValueKind::integer:
                return type == ScalarType::integer;
            case ValueKind::number:
                return type == ScalarType::integer || type == ScalarType::floating;
            case ValueKind::boolean:
                return type == ScalarType::boolean;
            case ValueKind::list:
                return n.kind == YamlKind::sequence;
            case ValueKind::object:
            case ValueKind::map:
                return n.kind == YamlKind::mapping || n.kind == YamlKind::null;
            case ValueKind::any_of:
                return true;
        }
        return true;
    }

    const std::string& m_file;
    diag::Diagnostics& m_diags;
};

}  // namespace

void check_shape(const YamlNode& root, const TypeDef& type, const std::string& file,
                 diag::Diagnostics& diags) {
    Checker(file, diags).check(root, type, Place{});
}

bool matches(const YamlNode& node, const TypeDef& type) {
    diag::Diagnostics scratch;
    const std::string file;
    Checker(file, scratch).check(node, type, Place::key_of(""));
    return scratch.empty();
}

}  // namespace descope_mgmt::config
